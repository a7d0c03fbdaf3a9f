"""DateMention: a date, month, year or range as written, with its resolution."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from schemas.base import Span

# "2018-10-25", "XXXX-05-10", "2025-03", "XXXX-03", "2019"
DATE_VALUE_PATTERN = r"^(\d{4}|XXXX)(-(\d{2}|XX)(-(\d{2}|XX))?)?$"


class DateMention(Span):
    value: str = Field(pattern=DATE_VALUE_PATTERN, description="as written, X for unknown parts")
    resolved: dt.date | None = Field(default=None, description="full date, year inferred")
    end_value: str | None = Field(default=None, pattern=DATE_VALUE_PATTERN)
    birth_year: bool = Field(default=False, description='"SN 1981": never resolves a date')
