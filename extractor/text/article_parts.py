"""ArticleParts: what the furniture stage hands on, with a map back to the normalised text."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field, replace


@dataclass
class ArticleParts:
    """What the furniture stage hands on: metadata and the clean body."""

    title: str | None
    published: dt.date | None
    site: str | None
    authors: list[str]
    clean_text: str
    # (clean start, normalised start, length) of each kept piece, in order: a compact
    # map from clean_text back to the normalised text (and from there to the raw one).
    runs: list[tuple[int, int, int]]
    warnings: list[str] = field(default_factory=list)
    # Where the body starts in clean_text: the headline, when there is one, is
    # clean_text's first paragraph, so its facts have offsets like any other.
    body_start: int = 0

    def with_headline(self, headline: str) -> ArticleParts:
        """These parts with a headline from outside the text as clean_text's first
        paragraph (it maps to offset 0 of the normalised text: it is not in it)."""
        if not headline:
            return self
        shift = len(headline) + 2 if self.clean_text else len(headline)
        joined = f"{headline}\n\n{self.clean_text}" if self.clean_text else headline
        runs = [(clean + shift, normalized, length) for clean, normalized, length in self.runs]
        return replace(self, title=headline, clean_text=joined, runs=[(0, 0, 0), *runs],
                       body_start=shift, warnings=[])

    def normalized_offset(self, offset: int) -> int:
        """Where clean_text[offset] stands in the normalised text (a joining blank
        line maps to the end of the piece before it)."""
        if not 0 <= offset < len(self.clean_text):
            raise ValueError(f"offset {offset} is outside the clean text")
        index = bisect_right(self.runs, (offset, len(self.clean_text), 0)) - 1
        clean_start, normalized_start, length = self.runs[index]
        return normalized_start + min(offset - clean_start, length)
