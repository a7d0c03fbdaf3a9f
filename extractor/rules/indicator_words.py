"""Underthesea words around a figure, for the two decisions that need them.

The open counted-noun rule takes as unit the whole word right after a figure
("48.265 tài khoản" -> "tài khoản"), and a name head before a figure counts only
when it opens a word ("quận 6", but not the "bản" that ends "biên bản 2.136").
Both look up one word by its offset (`Article.word_at`), which segments only the
sentence that holds it.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from extractor.rules import indicator_resources as data

Offsets = tuple[int, int]
# The word holding an offset, or None between words (Article.word_at).
WordLookup = Callable[[int], Offsets | None]

_LOWERCASE_WORD = regex.compile(r"\p{Ll}+(?: \p{Ll}+)*")
# Right before a figure: glued to a word ("Covid-19", "CT-01", "A5") or after
# another figure and a space ("1900 1234"); a dash after a figure opens a range
# ("2-3 phiên"), not a code.
_GLUED = regex.compile(r"(?:\p{L}[-/.]?|\p{N}[/.]|\d\s)$")


def open_unit(text: str, word_at: WordLookup, figure: int, start: int) -> str | None:
    """The counted noun starting at `start` after the figure at `figure`, or None.

    The figure must not be glued to a letter or a digit ("Covid-19", "CT-01")
    nor follow another figure ("1900 1234" is a phone number). The noun must be
    a whole word (starting at `start`, or the rest of a word that holds the
    figure too), lowercase letters only (no name, code or
    abbreviation) and not a function word, verb or time word.
    """
    if _GLUED.search(text, max(0, figure - 2), figure):
        return None
    word = word_at(start)
    # underthesea sometimes glues the figure to its neighbours: "1.208 tài khoản"
    # or "kích hoạt 48.265" come as one word.
    if word is None or (word[0] != start and word[0] > figure):
        return None
    unit = text[start : word[1]]
    if not _LOWERCASE_WORD.fullmatch(unit) or unit in data.open_stops():
        return None
    return unit


def opens_word(word_at: WordLookup, offset: int) -> bool:
    """True when `offset` starts a word, or falls between words."""
    word = word_at(offset)
    return word is None or word[0] == offset
