"""Lines of a scraped text and cheap tests on them: how many words a line holds, whether
it ends like a sentence, its words folded for comparison (used by the furniture stage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

import regex

_SENTENCE_END = regex.compile(r"[.!?…;:\"')]\s*$")
_CLOSERS = frozenset(".!?…;:\"')")
_SPACE = regex.compile(r"\s")  # the \s of _SENTENCE_END (not quite str.isspace)
WORD = regex.compile(r"[\p{L}\p{N}]+")

# The letters and digits of the blocks Vietnamese is written in, each checked
# against WORD, for the stdlib engine (several times faster on such classes).
_SURE_WORD_CHARS = "".join(
    re.escape(char)
    for low, high in ((0x30, 0x7B), (0xC0, 0x250), (0x1E00, 0x1F00))
    for char in map(chr, range(low, high))
    if WORD.fullmatch(char)
)


@cache
def _surely_words(count: int) -> re.Pattern[str]:
    """Matches a text with `count` space-separated tokens that open with one of
    _SURE_WORD_CHARS. Such a token holds a word of its own, so this is a lower
    bound on the words: cheap proof that a paragraph is long."""
    chars = _SURE_WORD_CHARS
    return re.compile(rf"(?>(?:\s*+[^{chars}\s]\S*+)*+\s*+[{chars}]\S*+){{{count}}}")


@cache
def _at_least_words(count: int) -> regex.Pattern[str]:
    """Matches a text holding `count` words or more. Possessive, so a word is never
    split in two; the engine stops after `count` words, where counting them all
    walked every paragraph to its end (the largest cost of this stage)."""
    return regex.compile(rf"(?:[^\p{{L}}\p{{N}}]*+[\p{{L}}\p{{N}}]++){{{count}}}")


def ends_sentence_text(text: str) -> bool:
    """`_SENTENCE_END.search(text)`, from the last character: the search tried every
    closing mark of a long line. Only trailing space needs the regex."""
    if not text:
        return False
    if text[-1] in _CLOSERS:
        return True
    return bool(_SPACE.match(text[-1]) and _SENTENCE_END.search(text))


@dataclass
class Line:
    start: int
    text: str

    @cached_property
    def words(self) -> int:
        return len(WORD.findall(self.text))

    def has_words(self, count: int) -> bool:
        # the cheap proof is worth trying on a line long enough to hold the words
        if len(self.text) >= 4 * count and _surely_words(count).match(self.text):
            return True
        return _at_least_words(count).match(self.text) is not None

    @cached_property
    def ends_sentence(self) -> bool:
        return ends_sentence_text(self.text)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)



def fold(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def lines_of(text: str) -> list[Line]:
    lines, cursor = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append(Line(cursor, raw))
        cursor += len(raw) + 1
    return lines


