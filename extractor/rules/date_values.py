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
    """The date or range a match writes, or None when it is no calendar date.

    `count_words` reads the numbers written as words (counts and month names).
    """
    year, month, day = (_number(groups.get(name), count_words) for name in ("y1", "m1", "d1"))
    if month is None:
        month = _number(groups.get("mw"), count_words)  # "tháng Ba"
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
        if month is None and data.get("start_takes_end_month"):
            month = end.month
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
    """A year written somewhere in the article: where (offset, sentence, paragraph)
    and how.

    `dated`: written with a month or a day ("ngày 13/4/2016", "tháng 5/2017"): it
    dates something that happened, where "năm 2015" may name any period.
    """

    year: int
    offset: int
    sentence: int
    text: str
    dated: bool = False
    paragraph: int = 0
    # the month and day it names, when written, for order within the year
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class Where:
    """Where a date stands: character offset, sentence and paragraph (line) index."""

    offset: int
    sentence: int
    paragraph: int = 0


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


def _context_year(
    parts: Parts, where: Where, hints: Sequence[YearHint]
) -> tuple[YearHint, str] | None:
    """The year the article states for the events around `where`: the latest in the
    same sentence (a lead sentence names the period reviewed and the one ahead, and
    the meeting is held after the first), else the last day or month dated with its
    year earlier in the same paragraph, when the day comes on or after it in the
    year ("Ngày 13-2-2015 ... Đến ngày 3/3, ...": a narrative goes on in the year it
    gave; "tháng 12/2016 ... ngày 6/2" may be the next year or a look back)."""
    same = [hint for hint in hints if hint.sentence == where.sentence]
    if same:
        return max(same, key=lambda hint: hint.year), "the latest year written in the same sentence"
    before = [hint for hint in hints if hint.dated and hint.paragraph == where.paragraph
              and hint.offset < where.offset]
    if not before:
        return None
    hint = before[-1]
    if (parts.month or 0, parts.day or 0) < (hint.month or 0, hint.day or 0):
        return None
    return hint, "the last date with a year earlier in the same paragraph"


def resolve(
    parts: Parts,
    where: Where,
    published: dt.date | None,
    hints: Sequence[YearHint],
) -> Resolution:
    """The full day of `parts`, or why there is none.

    A written year is used as is. Otherwise the year comes from the publication
    date (the latest such day not after it: a report looks back), else from the
    year the article states for the day's own context (`_context_year`). `hints`
    hold no birth year (the tagger leaves them out: "SN 1981" says nothing of when
    "3/6" was). A year written elsewhere in the article is no ground: "Năm 2010, A
    bị phạt" or "tháng 7/2014" in another paragraph is as often the past as the
    day's year, so the day is left unresolved. Every guess, and every refusal to
    guess, is said in a warning.
    """
    if parts.month is None or parts.day is None:
        return Resolution(None)
    if parts.year is not None:
        return Resolution(_day(parts.year, parts))
    if published is not None:
        year = published.year
        day = _day(year, parts)
        if day is not None and day > published:
            year -= 1
            day = _day(year, parts)
        return Resolution(day, f"year {year} is a guess, from the publication date {published}")
    context = _context_year(parts, where, hints)
    if context is None:
        elsewhere = sorted({hint.year for hint in hints})
        if elsewhere:
            listed = ", ".join(map(str, elsewhere))
            why = f"the article writes {listed} only away from it or later in the year"
        else:
            why = "the article writes no year"
        return Resolution(None, f"not resolved: no publication date, and {why}")
    hint, why = context
    return Resolution(
        _day(hint.year, parts),
        f'year {hint.year} is a guess, from "{hint.text}" ({why}; no publication date)',
    )
