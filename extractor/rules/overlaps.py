"""Choosing among overlapping rule matches: the longest wins, then the earlier rule."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Protocol, TypeVar

from extractor.text.search import occurrences


class RuleHit(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def order(self) -> int: ...  # the rule's position in its file


HitT = TypeVar("HitT", bound=RuleHit)


def longest_first(hits: Iterable[HitT]) -> list[HitT]:
    """Non-overlapping hits in text order; of two that overlap, the longer stays
    (equal lengths: the earlier rule)."""
    ordered = sorted(hits, key=lambda hit: (hit.start, -(hit.end - hit.start), hit.order))
    kept: list[HitT] = []
    for hit in ordered:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


class SpanIndex:
    """Answers "does start:end overlap any of these spans?" in O(log n).

    Taggers ask it once per candidate; a linear scan made hostile articles with
    thousands of spans quadratic.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach: list[int] = []  # furthest end among the spans so far
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # spans starting before `end`
        return before > 0 and self._reach[before - 1] > start


class QuoteParity:
    """Whether a position stands inside double quotes on its line, in O(log n)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._quotes = list(occurrences(text, '"'))

    def inside(self, position: int) -> bool:
        line_start = self._text.rfind("\n", 0, position) + 1
        count = bisect_left(self._quotes, position) - bisect_left(self._quotes, line_start)
        return count % 2 == 1
