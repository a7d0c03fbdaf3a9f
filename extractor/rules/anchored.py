"""Trying a pattern only where one of its matches can begin.

The regex engine finds a pattern that opens with one literal by a fast string
search, but tries a pattern that opens with a choice of words, a class or a
lookbehind at every character of the article: 5 to 20 times slower. When every
match of a rule begins with one of some words, finding those words by plain
string search and trying the pattern only there (`extractor.text.search`) yields
exactly what `pattern.finditer(text)` yields, at a fraction of the cost.

Here: the words are found in the lower-cased text (`lowered`, `word_starts`),
and a rule's opening words are read off its pattern (`opens_with`,
`opening_words`, `finditer_opened`), so a rule edited into another shape scans
the whole text again rather than losing matches. `extractor.rules.leads` does
the same for rules that list their `leads` in their YAML. tests/test_leads.py
checks both against plain finditer on every case sentence and corpus article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import regex

from extractor.resources.loader import Rule
from extractor.text.search import finditer_from, occurrences


def opens_with(source: str, opening: str) -> bool:
    """Whether every match of the pattern `source` begins with a match of `opening`.

    True when `source` starts with `opening`, no quantifier follows it, it is in no
    group, and no `|` outside groups and brackets offers another way to match.
    """
    if not source.startswith(opening):
        return False
    rest = source[len(opening) :]
    if rest[:1] in ("?", "*", "+", "{"):
        return False
    depth, index = 0, 0
    while index < len(rest):
        char = rest[index]
        if char == "\\":
            index += 1  # the escaped character is no syntax
        elif char == "[":
            index = _class_end(rest, index)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:  # closes a group opened before `opening`
                return False
        elif char == "|" and depth == 0:
            return False
        index += 1
    return True


def _class_end(pattern: str, start: int) -> int:
    """Index of the "]" closing the character class opened at `start`."""
    index = start + 1
    if pattern[index : index + 1] == "^":
        index += 1
    if pattern[index : index + 1] == "]":
        index += 1  # a "]" first in the class is a literal
    while index < len(pattern) and pattern[index] != "]":
        index += 2 if pattern[index] == "\\" else 1
    return index


# Characters IGNORECASE matches to a letter that str.lower() does not turn them into
# (every code point was checked against the regex module; for Latin letters, only
# these two). "İ" lowers to two characters, which the length test catches.
_ODD_FOLDS = ("ſ", "ẛ")
_LATIN_WORDS = regex.compile(r"[\p{Latin} ]+")


def searchable(word: str) -> bool:
    """Whether `word_starts` finds `word` wherever a pattern ignoring case matches it:
    plain lower-case Latin ("ı" or "ſ" would match other letters than their own)."""
    return bool(_LATIN_WORDS.fullmatch(word)) and word.upper().lower() == word


@lru_cache(maxsize=4)
def lowered(text: str) -> str | None:
    """`text` lower-cased offset for offset; None when a search in it could miss a
    place where a pattern ignoring case matches (see `_ODD_FOLDS`)."""
    low = text.lower()
    if len(low) != len(text) or any(odd in text for odd in _ODD_FOLDS):
        return None
    return low


def word_starts(
    low: str, words: Iterable[str], start: int = 0, end: int | None = None
) -> list[int]:
    """Where any of `words` (`searchable`) stands in the lowered text, within
    [start, end), in order."""
    return sorted({at for word in words for at in occurrences(low, word, start, end)})


def opening_words(rule: Rule, word_lists: Iterable[list[str]]) -> list[str] | None:
    """The words every match of `rule` opens with: its pattern opens with \\b and the
    alternation of one of `word_lists` (a sub-pattern built from the list), each
    `searchable`. None: the rule scans the whole text."""
    for words in word_lists:
        opening = "\\b(?:" + "|".join(map(regex.escape, words)) + ")"
        if all(map(searchable, words)) and opens_with(rule.source, opening):
            return words
    return None


def finditer_opened(
    pattern: regex.Pattern[str], text: str, words: list[str] | None
) -> Iterator[regex.Match[str]]:
    """`pattern.finditer(text)`, tried only where one of its `opening_words` stands."""
    low = lowered(text) if words is not None else None
    if words is None or low is None:
        return pattern.finditer(text)
    return finditer_from(pattern, text, word_starts(low, words))
