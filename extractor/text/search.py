"""Two plain searches that several stages share, so that each is written once.

`occurrences`: every place a literal stands, by str.find (a C loop), far cheaper than
a pattern that the regex engine tries at every position. `finditer_from`: a pattern's
`finditer` when every match is known to begin at one of some offsets (found that way).
Normalisation, the taggers (extractor/rules/anchored.py, leads.py) and the place
scan use them.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex


def occurrences(text: str, word: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Every offset where `word` stands in `text[start:end]`, overlapping ones included:
    a plain string search, far cheaper than a pattern tried at every position."""
    stop = len(text) if end is None else end
    at = text.find(word, start, stop)
    while at >= 0:
        yield at
        at = text.find(word, at + 1, stop)


def finditer_from(
    pattern: regex.Pattern[str], text: str, starts: list[int], endpos: int | None = None
) -> Iterator[regex.Match[str]]:
    """`pattern.finditer(text, pos, endpos)` for a pattern that can only match at
    `starts` (sorted, from pos on): the match at a start is the one finditer finds
    there (lookbehinds see the text before it); the next is sought from its end."""
    end = len(text) if endpos is None else endpos
    resume = 0
    for start in starts:
        if start >= resume:
            match = pattern.match(text, start, end)
            if match is not None:
                yield match
                resume = match.end()
