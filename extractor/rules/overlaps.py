"""Choosing among overlapping rule matches: the longest wins, then the earlier rule."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar


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
