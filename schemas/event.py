"""Event: the conference an article reports."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from schemas.base import Span, Strict
from schemas.date import DateMention


class EventKind(StrEnum):
    TONG_KET = "tong_ket"
    SO_KET = "so_ket"
    TRIEN_KHAI = "trien_khai"
    NGAY_HOI = "ngay_hoi"
    KY_NIEM = "ky_niem"
    OTHER = "other"


class Period(Strict):
    text: str
    years: int | None = None
    start_year: int | None = None
    end_year: int | None = None


class Event(Strict):
    kind: EventKind
    trigger: Span | None = Field(default=None, description="the words naming the event")
    date: DateMention | None = None
    period: Period | None = None
    organizers: list[str] = Field(default_factory=list)
    programme: str | None = Field(default=None, description="code of the programme reviewed")
