"""The record contract of vnextract (see README, "The record contract").

One module per record type; `ArticleRecord` is the top-level object written
one per line to `records.jsonl`.
"""

from schemas.award import Award
from schemas.base import SCHEMA_VERSION, Span
from schemas.campaign import CampaignMention
from schemas.date import DateMention
from schemas.document import DocumentRef
from schemas.event import Event, EventKind, Period
from schemas.indicator import Indicator, IndicatorKind, Qualifier
from schemas.legal import LegalRef
from schemas.organization import OrgKind, OrgLevel, OrgMention
from schemas.person import PersonMention, PersonRole
from schemas.place import ArticlePlaces, Place, PlaceLevel, PlaceMap, PlaceStatus, Successor
from schemas.record import ArticleRecord

__all__ = [
    "SCHEMA_VERSION",
    "ArticlePlaces",
    "ArticleRecord",
    "Award",
    "CampaignMention",
    "DateMention",
    "DocumentRef",
    "Event",
    "EventKind",
    "Indicator",
    "IndicatorKind",
    "LegalRef",
    "OrgKind",
    "OrgLevel",
    "OrgMention",
    "Period",
    "PersonMention",
    "PersonRole",
    "Place",
    "PlaceLevel",
    "PlaceMap",
    "PlaceStatus",
    "Qualifier",
    "Span",
    "Successor",
]
