"""Date values: what a matched date says ("XXXX-05-10") and which day it was.

`read_parts` turns a rule's named groups into the written parts of a date or a
range; `iso_value` writes them as SPEC wants them (X for unknown parts);
`resolve_year` guesses the missing year of a day and month, saying from what.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# February 29th is a real day in a year we do not know yet: check against a leap year.
_LEAP_YEAR = 2000
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Parts:
    """The parts of one date as written; None for a part the text leaves out."""

    year: int | None
    month: int | None = None
    day: int | None = None

    def is_valid(self) -> bool:
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is None:
            return True
        if self.month is None:
            return False
        last = calendar.monthrange(self.year or _LEAP_YEAR, self.month)[1]
        return 1 <= self.day <= last

    def key(self) -> tuple[int, int, int]:
        """Order of two parts that share the fields they have (unknowns count as 0)."""
        return (self.year or 0, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class Reading:
    start: Parts
    end: Parts | None = None


def _number(text: str | None, words: Mapping[str, int]) -> int | None:
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    return words[text.casefold()]


def read_parts(
    groups: Mapping[str, str | None], data: Mapping[str, Any], count_words: Mapping[str, int]
) -> Reading | None:
    """The date or range a match writes, or None when it is no calendar date."""
    year, month, day = (_number(groups.get(name), count_words) for name in ("y1", "m1", "d1"))
    if groups.get("n") is not None:
        count = _number(groups["n"], count_words)
        if year is None or count is None or not 1 <= count <= 12:
            return None
        if str(groups.get("part")).casefold() == "đầu":
            return Reading(Parts(year, 1), Parts(year, count))
        return Reading(Parts(year, 13 - count), Parts(year, 12))
    if groups.get("q") is not None:
        quarter = _QUARTERS.get(str(groups["q"]).upper())
        if year is None or quarter is None:
            return None
        return Reading(Parts(year, 3 * quarter - 2), Parts(year, 3 * quarter))
    end: Parts | None = None
    if any(groups.get(name) is not None for name in ("y2", "m2", "d2")):
        end = Parts(*(_number(groups.get(name), count_words) for name in ("y2", "m2", "d2")))
        if year is None and data.get("start_takes_end_year"):
            year = end.year
    start = Parts(year, month, day)
    if not start.is_valid() or (end is not None and not end.is_valid()):
        return None
    if end is not None and end.key() <= start.key():
        return None  # "2018 - 2013" or "tháng 12 - 3/2025" is not a range we can read
    return Reading(start, end)


def iso_value(parts: Parts) -> str:
    """"2018-10-25", "XXXX-05-10", "2025-03", "2019"."""
    value = f"{parts.year:04d}" if parts.year is not None else "XXXX"
    if parts.month is not None:
        value += f"-{parts.month:02d}"
    if parts.day is not None:
        value += f"-{parts.day:02d}"
    return value


@dataclass(frozen=True)
class YearHint:
    """A year written somewhere in the article: where, in which sentence, and how."""

    year: int
    offset: int
    sentence: int
    text: str


@dataclass(frozen=True)
class Resolution:
    date: dt.date | None
    warning: str | None = None


def _day(year: int, parts: Parts) -> dt.date | None:
    if parts.month is None or parts.day is None:
        return None
    try:
        return dt.date(year, parts.month, parts.day)
    except ValueError:  # 29 February of a common year
        return None


def resolve(
    parts: Parts,
    where: tuple[int, int],
    published: dt.date | None,
    hints: Sequence[YearHint],
) -> Resolution:
    """The full day of `parts` at (offset, sentence), or why there is none.

    A written year is used as is. Otherwise the year comes from the publication
    date (the latest such day not after it: a report looks back), else from the
    years written in the text: the latest in the same sentence (a lead sentence
    names the period reviewed and the one ahead, and the meeting is held after
    the first), else the nearest one. Every guess is said in a warning.
    """
    if parts.month is None or parts.day is None:
        return Resolution(None)
    if parts.year is not None:
        return Resolution(_day(parts.year, parts))
    offset, sentence = where
    if published is not None:
        year = published.year
        day = _day(year, parts)
        if day is not None and day > published:
            year -= 1
            day = _day(year, parts)
        return Resolution(day, f"year {year} is a guess, from the publication date {published}")
    same = [hint for hint in hints if hint.sentence == sentence]
    if same:
        hint = max(same, key=lambda candidate: candidate.year)
        why = "the latest year written in the same sentence"
    elif hints:
        hint = min(hints, key=lambda candidate: abs(candidate.offset - offset))
        why = "the nearest year written in the text"
    else:
        return Resolution(None, "no year is written and there is no publication date")
    return Resolution(
        _day(hint.year, parts),
        f'year {hint.year} is a guess, from "{hint.text}" ({why}; no publication date)',
    )
