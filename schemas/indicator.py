"""Indicator: one quantity of something, normalised and qualified."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from schemas.base import Span


class Qualifier(StrEnum):
    EXACT = "exact"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"
    ABOUT = "about"
    AT_LEAST = "at_least"
    RATIO = "ratio"


class IndicatorKind(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    RATIO = "ratio"
    DURATION = "duration"
    MONEY = "money"


class Indicator(Span):
    value: int | float
    unit: str = Field(min_length=1, description='counted noun as written: "tin", "vụ", "%"')
    qualifier: Qualifier = Qualifier.EXACT
    denominator: int | float | None = None
    kind: IndicatorKind = IndicatorKind.COUNT
    metric: str | None = Field(default=None, description="what was counted")
    category: str | None = Field(default=None, description="label from the taxonomy")
    period: str | None = Field(default=None, description="time the figure covers")
    flags: list[str] = Field(default_factory=list, description='e.g. "vague_amount"')
    part_of: int | None = Field(default=None, ge=0, description="index of its total")
    change_from: int | None = Field(default=None, ge=0, description="index of the start figure")
