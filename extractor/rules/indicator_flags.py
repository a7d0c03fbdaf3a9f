"""Flags that tell a dashboard how far to trust a figure, beyond its qualifier.

- `implausible_value`: a value no article can mean in its unit ("25.873.329.250
  tỷ đồng", an age of 400). The value stays as written, never rescaled: the
  flag and a warning let a reviewer see the slip instead of a silent guess.
- `target`: a figure aimed at, not achieved ("phấn đấu đến năm 2030 đạt 80%",
  "chỉ tiêu giảm 5% số vụ", "dự kiến tổ chức 3 phiên"), or one set for a year
  after the article's ("đến năm 2030, tỷ lệ ... đạt 80%"). Limits and cue words
  are in `indicators.yaml`.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import regex

from extractor.resources.loader import load_lexicon, load_number_map
from extractor.rules.indicator_resources import RESOURCE, words_pattern

IMPLAUSIBLE = "implausible_value"
TARGET = "target"
# "đến năm 2030", "tới 2025", "vào năm 2030": a year the figure is set for.
# Between the cue and the figure: a past tense ("Với mục tiêu ..., công an đã bắt
# 50"), the present or an aside ("đạt tối thiểu 55 điểm (hiện nay là 51,7 điểm)").
_DONE = regex.compile(r"(?<![\p{L}])(?:đã|hiện nay|hiện tại|hiện)(?![\p{L}])|[()]",
                      regex.IGNORECASE)
# Units no plan is made of: an age is a fact about a person.
_NEVER_TARGET = frozenset({"tuổi"})
_BY_YEAR = regex.compile(
    r"(?<![\p{L}])(?:đến|tới|vào|trước)\s+(?:năm\s+)?((?:19|20)\d\d)(?!\d)", regex.IGNORECASE
)


@cache
def implausible_limits() -> dict[str, float]:
    """Unit (case folded) -> the largest value an article can mean in that unit."""
    return load_number_map(RESOURCE, "implausible")


@cache
def target_cues() -> regex.Pattern[str]:
    """Words before a figure, in its clause, that make it a target or a plan."""
    return words_pattern(load_lexicon(RESOURCE, "target_cues"))


@cache
def target_results() -> regex.Pattern[str]:
    """Words right before a cue that make it a result again ("vượt chỉ tiêu")."""
    words = load_lexicon(RESOURCE, "target_results")
    alternatives = "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternatives})\s+$", regex.IGNORECASE)


def implausible(value: float, unit: str) -> bool:
    limit = implausible_limits().get(unit.casefold())
    return limit is not None and value > limit


def implausible_warning(text: str, value: float, unit: str) -> str:
    return (
        f'value {value:g} {unit} in "{text}" is more than an article can mean; '
        "kept as written and flagged implausible_value: check the source"
    )


def is_target(
    text: str, clause_start: int, figure_start: int, published: dt.date | None, unit: str
) -> bool:
    """Whether the clause before the figure says it is aimed at, not achieved."""
    if unit.casefold() in _NEVER_TARGET:
        return False
    for cue in target_cues().finditer(text, clause_start, figure_start):
        if target_results().search(text, max(clause_start, cue.start() - 15),
                                        cue.start()) is None and not _DONE.search(
                                            text, cue.end(), figure_start):
            return True
    if published is None:
        return False
    return any(int(year.group(1)) > published.year
               for year in _BY_YEAR.finditer(text, clause_start, figure_start))
