"""ArticleRecord: everything extracted from one article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, model_validator

from schemas.award import Award
from schemas.base import Span, Strict
from schemas.campaign import CampaignMention
from schemas.date import DateMention
from schemas.document import DocumentRef
from schemas.event import Event
from schemas.indicator import Indicator
from schemas.legal import LegalRef
from schemas.organization import OrgMention
from schemas.person import PersonMention
from schemas.place import ArticlePlaces

# The list fields of mentions, in the order the pipeline fills them.
MENTION_FIELDS = ("dates", "documents", "legal_refs", "organizations", "people", "campaigns",
                  "indicators", "awards")


class ArticleRecord(Strict):
    schema_version: Literal["1.2"] = "1.2"
    article_id: str = Field(pattern=r"^[0-9a-f]{16}$", description="hash of the normalised text")
    source: str
    title: str | None = None
    published: dt.date | None = None
    site: str | None = None
    authors: list[str] = Field(default_factory=list)
    clean_text: str
    body_start: int = Field(
        default=0, ge=0, description="where the body starts in clean_text: the headline, "
        "when the input has one, is its first paragraph")
    event: Event | None = None
    dates: list[DateMention] = Field(default_factory=list)
    documents: list[DocumentRef] = Field(default_factory=list)
    legal_refs: list[LegalRef] = Field(default_factory=list)
    organizations: list[OrgMention] = Field(default_factory=list)
    people: list[PersonMention] = Field(default_factory=list)
    campaigns: list[CampaignMention] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    places: ArticlePlaces | None = Field(
        default=None, description="place strings on the administrative map, and the main place"
    )
    warnings: list[str] = Field(default_factory=list)

    def spans(self) -> Iterator[tuple[str, Span]]:
        """Every evidence span in the record, with the field it belongs to."""
        for name in MENTION_FIELDS:
            for item in getattr(self, name):
                yield name, item
        if self.event is not None:
            if self.event.trigger is not None:
                yield "event.trigger", self.event.trigger
            if self.event.date is not None:
                yield "event.date", self.event.date

    @model_validator(mode="after")
    def _spans_cut_clean_text(self) -> ArticleRecord:
        size = len(self.clean_text)
        if self.body_start > size:
            raise ValueError(f"body_start {self.body_start} is past the text ({size})")
        for name, span in self.spans():
            if span.end > size:
                raise ValueError(f"{name} span {span.start}:{span.end} ends past the text ({size})")
            if self.clean_text[span.start : span.end] != span.text:
                raise ValueError(
                    f"{name} span {span.start}:{span.end} is "
                    f"{self.clean_text[span.start:span.end]!r}, not {span.text!r}"
                )
        for index, doc in enumerate(self.documents):
            if doc.refers_to is not None and doc.refers_to >= len(self.documents):
                raise ValueError(f"documents[{index}].refers_to points past the list")
        for index, ind in enumerate(self.indicators):
            for link in (ind.part_of, ind.change_from):
                if link is not None and (link >= len(self.indicators) or link == index):
                    raise ValueError(f"indicators[{index}] links to a missing indicator {link}")
        return self
