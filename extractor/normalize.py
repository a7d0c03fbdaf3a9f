"""Stage 1, normalise: raw text -> canonical text with a map back to the raw offsets.

Canonical means: Unicode NFC; one tone-mark placement (the traditional "hòa",
"thủy", "ủy" that underthesea also uses, so its tokens align with our text);
straight quotes and one dash; no zero-width or non-breaking spaces; single
spaces and at most one blank line between paragraphs.

Every pass is a regex substitution that rebuilds the text and the offset map
together, so `source_offsets[i]` is the raw index of canonical char `i`.
"""

from __future__ import annotations

import hashlib
import unicodedata
from array import array
from collections.abc import Callable
from dataclasses import dataclass

import regex

# Same-length character replacements: quotes, dashes and exotic spaces.
_CHAR_TABLE = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
        "\u00bb": '"', "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'",
        "\u201b": "'", "\u2032": "'", "\u2013": "-", "\u2014": "-", "\u2012": "-",
        "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u00a0": " ", "\u2007": " ",
        "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
        "\u3000": " ", "\t": " ", "\v": " ", "\f": "\n", "\u2028": "\n", "\u2029": "\n",
    }
)

# str.translate walks every character in Python's slow path for non-ASCII text;
# finding the few characters to replace first is several times faster.
_TRANSLATED = regex.compile(
    "[" + "".join(regex.escape(chr(code)) for code in _CHAR_TABLE) + "]"
)
_CLUSTER = regex.compile(r"\P{M}\p{M}+|\X")
_INVISIBLE = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_NEWLINES = regex.compile(r"\r\n?")
# "oà", "oé", "uỷ" at the end of a syllable carry the tone on the second vowel in
# the "new" placement; the canonical form moves it to the first (hoà -> hòa).
# "qu" + y is left alone: there u belongs to the consonant (quý).
_NEW_STYLE_TONE = regex.compile(
    r"(?<![qQ])([oO])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ])(?!\p{L})|(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?!\p{L})"
)
_SPACE_RUN = regex.compile(r" {2,}")
_SPACE_AT_LINE_EDGE = regex.compile(r" +\n|\n +")
_BLANK_LINES = regex.compile(r"\n{3,}")
# Spaces first, the word before checked second: a leading lookbehind made the
# engine test every position (this pass was the slowest of normalisation).
_SPACE_BEFORE_PUNCT = regex.compile(r" +(?=[,;!?](?:\s|$))(?<=\w +)")


@dataclass(frozen=True)
class NormalizedText:
    """Canonical text and, for each of its characters, the raw offset it came from."""

    text: str
    source_offsets: array  # type: ignore[type-arg]  # array('l'), one entry per char
    source_length: int

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of the canonical span start:end (combining marks included)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} is not inside the text")
        raw_end = self.source_offsets[end] if end < len(self.text) else self.source_length
        return self.source_offsets[start], max(raw_end, self.source_offsets[end - 1] + 1)


def _substitute(
    text: str,
    offsets: array,  # type: ignore[type-arg]
    pattern: regex.Pattern[str],
    replace: Callable[[regex.Match[str]], str],
) -> tuple[str, array]:  # type: ignore[type-arg]
    """Apply one substitution, carrying the offset map along."""
    pieces: list[str] = []
    new_offsets = array("l")
    cursor = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        replacement = replace(match)
        if replacement == match.group(0):
            continue
        pieces.append(text[cursor:start])
        new_offsets.extend(offsets[cursor:start])
        pieces.append(replacement)
        if len(replacement) == end - start:
            new_offsets.extend(offsets[start:end])
        else:  # a changed length maps every new char to the match start
            new_offsets.extend([offsets[start]] * len(replacement))
        cursor = end
    if cursor == 0:
        return text, offsets
    pieces.append(text[cursor:])
    new_offsets.extend(offsets[cursor:])
    return "".join(pieces), new_offsets


def _move_tone(match: regex.Match[str]) -> str:
    first, toned = (match.group(1), match.group(2)) if match.group(1) else (
        match.group(3), match.group(4))
    decomposed = unicodedata.normalize("NFD", toned)
    return unicodedata.normalize("NFC", first + decomposed[1:]) + decomposed[0]


def normalize(raw: str) -> NormalizedText:
    """Canonicalise `raw`; the same text in any Unicode form gives the same result."""
    text = raw
    offsets = array("l", range(len(raw)))
    if not unicodedata.is_normalized("NFC", text):
        text, offsets = _substitute(
            text, offsets, _CLUSTER, lambda m: unicodedata.normalize("NFC", m.group(0))
        )
    if _TRANSLATED.search(text):
        # one character for one: the offset map is unchanged
        text = _TRANSLATED.sub(lambda match: match.group().translate(_CHAR_TABLE), text)
    steps: list[tuple[regex.Pattern[str], Callable[[regex.Match[str]], str]]] = [
        (_INVISIBLE, lambda m: ""),
        (_NEWLINES, lambda m: "\n"),
        (_NEW_STYLE_TONE, _move_tone),
        (_SPACE_RUN, lambda m: " "),
        (_SPACE_AT_LINE_EDGE, lambda m: "\n"),
        (_BLANK_LINES, lambda m: "\n\n"),
        (_SPACE_BEFORE_PUNCT, lambda m: ""),
    ]
    for pattern, replace in steps:
        text, offsets = _substitute(text, offsets, pattern, replace)
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    if lead or trail < len(text):
        text, offsets = text[lead:trail], offsets[lead:trail]
    return NormalizedText(text=text, source_offsets=offsets, source_length=len(raw))


def article_id(normalized_text: str) -> str:
    """Stable id: the first 16 hex digits of the SHA-256 of the canonical text."""
    return hashlib.sha256(normalized_text.encode("utf-8")).hexdigest()[:16]
