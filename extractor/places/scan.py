"""Find place mentions and years in article text fast, exactly as `finditer` would.

Run over every character, the mention pattern (a lookbehind, then a case-insensitive
alternation) costs more than all the rest of place resolution. Every mention begins
with a press name, a type word or an abbreviation, so the pattern is tried only where
the case-folded text holds one: str.find is a fast literal scan. The same goes for years.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

import regex

from extractor.places.words import place_words
from extractor.text.search import finditer_from, occurrences


class TextMention(NamedTuple):  # a tuple: an article has dozens, a dataclass is slower to build
    start: int
    end: int
    text: str


@cache
def _no_name_start() -> frozenset[str]:
    """Characters of Latin and Vietnamese text that neither begin a place name (a digit or
    a capital) nor are a space: the mention pattern's own classes decide."""
    can_start = regex.compile(r"[\s\d\p{Lu}]", regex.VERSION1)
    chars = map(chr, [*range(0x20, 0x250), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070)])
    return frozenset(c for c in chars if can_start.match(c) is None)


def _mention_candidates(text: str, folded: str) -> list[int]:
    """Where a mention may begin in `text` (`folded` is its case-folding)."""
    words = place_words()
    no_name = _no_name_start()
    found: list[int] = []
    for word in words.mention_starts:  # no two begin at the same place: none begins another
        typed = word in words.typed_starts
        for at in occurrences(folded, word):
            # Most found are words of common speech ("xã hội"): after a type word the
            # pattern needs spaces and a name, so a lower-case letter or a comma rules
            # one out, without trying the pattern.
            after = at + len(word)
            if typed and text.startswith(" ", after):
                after += 1
            if not typed or after >= len(text) or text[after] not in no_name:
                found.append(at)
    return found


def _mention_matches(text: str) -> list[regex.Match[str]]:
    """`mention_pattern.finditer(text)`."""
    pattern = place_words().mention_pattern
    # The starts are matched without case: look for them in the case-folded text. Its
    # offsets must be the text's: a text with a letter that folds to two ("İ", which the
    # regex engine matches with "i") is scanned in full.
    folded = text.casefold()
    if len(folded) != len(text):
        return list(pattern.finditer(text))
    return list(finditer_from(pattern, text, sorted(_mention_candidates(text, folded))))


def find_mentions(text: str) -> list[TextMention]:
    """Typed place names in running text: "phường Trường Thi, TP Vinh", "quận 6"."""
    return [TextMention(m.start(), m.end(), m.group()) for m in _mention_matches(text)]


_SEPARATOR = "\x00"


def find_mentions_each(texts: Sequence[str]) -> list[list[TextMention]]:
    """`find_mentions` of each text, from one scan of them all joined by NUL.

    A scan of a title costs nearly as much as one of a whole text (folding, one search
    per start). The mention pattern matches no NUL, and its lookarounds see one as they
    see the end of a string: each text's mentions are those of its stretch.
    """
    if any(_SEPARATOR in text for text in texts):
        return [find_mentions(text) for text in texts]
    each: list[list[TextMention]] = [[] for _ in texts]
    index, start = 0, 0  # the text the next match is in, and where that text starts
    for match in _mention_matches(_SEPARATOR.join(texts)):
        while match.start() >= start + len(texts[index]):
            start += len(texts[index]) + len(_SEPARATOR)
            index += 1
        each[index].append(TextMention(match.start() - start, match.end() - start, match.group()))
    return each


_YEAR = regex.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d])")


def latest_year(text: str) -> int | None:
    """The latest year `text` names: the largest of `_YEAR`'s matches, if any."""
    for century in ("20", "19"):  # every match begins with one; any 20xx beats all 19xx
        latest: int | None = None
        for at in occurrences(text, century):
            digits = text[at:at + 4]
            # a match here would be `digits`: when no later than the latest, skip the regex
            if latest is None or not (digits.isascii() and digits.isdigit()
                                      and int(digits) <= latest):
                match = _YEAR.match(text, at)  # the lookbehind still sees text[at - 1]
                if match is not None:
                    latest = max(latest or 0, int(match.group(1)))
        if latest is not None:
            return latest
    return None
