"""Stage 1, normalise: raw text -> canonical text with a map back to the raw offsets.

Canonical means: Unicode NFC; one tone-mark placement (the traditional "hòa",
"thủy", "ủy" that underthesea also uses, so its tokens align with our text);
straight quotes and one dash; no zero-width or non-breaking spaces; single
spaces and at most one blank line between paragraphs.

Every pass rewrites the text and notes where it changed its length, so
`source_offsets[i]` (rebuilt from the notes when first read) is the raw index of
canonical char `i`.
"""

from __future__ import annotations

import hashlib
import unicodedata
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import regex

from extractor.text.search import occurrences

# Same-length character replacements: quotes, dashes and exotic spaces.
_CHAR_MAP = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'",
    "\u201b": "'", "\u2032": "'", "\u2013": "-", "\u2014": "-", "\u2012": "-",
    "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u00a0": " ", "\u2007": " ",
    "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\u3000": " ", "\t": " ", "\v": " ", "\f": "\n", "\u2028": "\n", "\u2029": "\n",
    # Turkish dotted capital I, in Vietnamese text only as mojibake or a typo: the
    # rules match it as "i" (simple case folding) but str.casefold() makes it "i̇"
    # (two characters), so a lexicon lookup of the matched word failed.
    "\u0130": "I",
}

# str.translate walks every character in Python's slow path for non-ASCII text,
# and a regex substitution pays a call per quote; a few `in` checks and a
# str.replace for each character present are far cheaper. No replacement is
# itself a key, so replacing one character after another equals translating.
_CHAR_PAIRS = tuple(_CHAR_MAP.items())

_CLUSTER = regex.compile(r"\P{M}\p{M}+|\X")
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = regex.compile(f"[{_INVISIBLE_CHARS}]+")
_NEWLINES = regex.compile(r"\r\n?")
# "oà", "oé", "uỷ" at the end of a syllable carry the tone on the second vowel in
# the "new" placement; the canonical form moves it to the first (hoà -> hòa).
# "qu" + y is left alone: there u belongs to the consonant (quý).
# The pair first and the lookbehinds after it (o takes a toned a/e, u a toned y):
# a leading lookbehind made the engine test every position.
_NEW_STYLE_TONE = regex.compile(
    r"[oOuU][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ]"
    r"(?<![qQ]..)(?<![oO][ỳýỷỹỵỲÝỶỸỴ])(?<![uU][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ])(?!\p{L})"
)
# The space and line passes are found with str.find, not a regex: each regex try
# started at every space of the text, and the spots to fix are a handful.
_SPACES = regex.compile(" +")
_NEWLINE_RUN = regex.compile("\n+")
# What " +(?=[,;!?](?:\s|$))(?<=\w +)" matched (spaces between a word and
# punctuation that ends a clause) is found from the punctuation; these two answer
# the lookarounds, so \w and \s mean what they meant there.
_WORD_CHAR = regex.compile(r"\w")
_SPACE_CHAR = regex.compile(r"\s")


# A pass's length-changing replacements, (start, end, new length) in its input:
# enough to replay the pass on the offset map (same-length ones leave it as is).
_Edits = tuple[tuple[int, int, int], ...]
_Replace = Callable[[regex.Match[str]], str]


@dataclass(frozen=True)
class NormalizedText:
    """Canonical text and, for each of its characters, the raw offset it came from."""

    text: str
    source_length: int
    # The offset map is rebuilt from these on first use: the pipeline never reads
    # it, and building it eagerly (one array entry per character) was a third of
    # normalisation's cost.
    edits: tuple[_Edits, ...] = ()
    kept: tuple[int, int] | None = None  # the stripped slice, None if nothing was stripped

    @cached_property
    def source_offsets(self) -> array[int]:
        """One entry per canonical char: the raw index it came from."""
        offsets = array("l", range(self.source_length))
        for edits in self.edits:
            replayed: array[int] = array("l")
            cursor = 0
            for start, end, size in edits:
                replayed.extend(offsets[cursor:start])
                # a changed length maps every new char to the match start
                replayed.extend(array("l", (offsets[start],)) * size)
                cursor = end
            replayed.extend(offsets[cursor:])
            offsets = replayed
        return offsets if self.kept is None else offsets[self.kept[0]:self.kept[1]]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of the canonical span start:end (combining marks included)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} is not inside the text")
        offsets = self.source_offsets
        raw_end = offsets[end] if end < len(self.text) else self.source_length
        return offsets[start], max(raw_end, offsets[end - 1] + 1)


def _substitute(
    text: str,
    pattern: regex.Pattern[str],
    replace: _Replace,
    edits: list[_Edits],
) -> str:
    """Apply one substitution; note its length-changing replacements in `edits`."""
    changed: list[tuple[int, int, int]] = []

    def noted(match: regex.Match[str]) -> str:
        replacement = replace(match)
        start, end = match.span()
        if len(replacement) != end - start:
            changed.append((start, end, len(replacement)))
        return replacement

    text = pattern.sub(noted, text)
    if changed:
        edits.append(tuple(changed))
    return text


def _move_tone(match: regex.Match[str]) -> str:
    first, toned = match[0][0], match[0][1]
    decomposed = unicodedata.normalize("NFD", toned)
    return unicodedata.normalize("NFC", first + decomposed[1:]) + decomposed[0]


def _translate(text: str) -> str:
    for char, replacement in _CHAR_PAIRS:
        if char in text:
            text = text.replace(char, replacement)
    return text


def _splice(text: str, spans: list[tuple[int, int]], replacement: str, edits: list[_Edits]) -> str:
    """Replace each span (in order, not overlapping) and note the edits."""
    if not spans:
        return text
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        pieces += (text[cursor:start], replacement)
        cursor = end
    pieces.append(text[cursor:])
    changed = tuple((start, end, len(replacement)) for start, end in spans
                    if end - start != len(replacement))
    if changed:
        edits.append(changed)
    return "".join(pieces)


def _runs(text: str, seed: str, run: regex.Pattern[str]) -> list[tuple[int, int]]:
    """The matches of "c{k,}" where `seed` is c k times and `run` is "c+": runs of
    spaces, of newlines."""
    spans = []
    start = text.find(seed)
    while start >= 0:
        match = run.match(text, start)  # the seed starts a run: never None
        end = match.end() if match else start + len(seed)
        spans.append((start, end))
        start = text.find(seed, end)
    return spans


def _line_edges(text: str) -> list[tuple[int, int]]:
    """The matches of " +\n|\n +", left to right: the spaces ending a line with its
    newline or else the newline with the spaces opening the next line. So in
    " \n " only the first space goes: its match takes the newline."""
    newlines: set[int] = set()
    for needle, shift in ((" \n", 1), ("\n ", 0)):
        newlines.update(found + shift for found in occurrences(text, needle))
    spans: list[tuple[int, int]] = []
    free = 0  # what an earlier match took is not matched again
    for newline in sorted(newlines):
        start = newline
        while start > free and text[start - 1] == " ":
            start -= 1
        if start < newline:
            spans.append((start, newline + 1))
            free = newline + 1
        elif newline + 1 < len(text) and text[newline + 1] == " ":
            match = _SPACES.match(text, newline + 1)  # a space is there: never None
            free = match.end() if match else newline + 2
            spans.append((newline, free))
    return spans


def _spaces_before_punct(text: str) -> list[tuple[int, int]]:
    """The runs of spaces after a word char and before ",;!?" that whitespace (or
    the end) follows: "UBND tỉnh , UBND" loses the space before the comma."""
    spans = []
    for punct in ",;!?":
        for found in occurrences(text, " " + punct):  # two characters: never overlapping
            after = found + 2
            if after == len(text) or _SPACE_CHAR.match(text, after):
                start = found
                while start > 0 and text[start - 1] == " ":
                    start -= 1
                if start > 0 and _WORD_CHAR.match(text, start - 1):
                    spans.append((start, found + 1))
    return sorted(spans)


def normalize(raw: str) -> NormalizedText:
    """Canonicalise `raw`; the same text in any Unicode form gives the same result."""
    text = raw
    edits: list[_Edits] = []
    if not unicodedata.is_normalized("NFC", text):
        text = _substitute(
            text, _CLUSTER, lambda m: unicodedata.normalize("NFC", m.group(0)), edits
        )
    text = _translate(text)  # one character for one: the offset map is unchanged
    # A regex pass runs only if a substring check says it can match: that is
    # several times cheaper than a regex scan finding nothing, which is what most
    # passes do on most articles. Order matters (a pass can make work for a later
    # one), so each check looks at the text its pass sees.
    if any(char in text for char in _INVISIBLE_CHARS):
        text = _substitute(text, _INVISIBLE, lambda m: "", edits)
    if "\r" in text:
        text = _substitute(text, _NEWLINES, lambda m: "\n", edits)
    # No test: "oà", "oạ" stand inside many words ("toàn", "hoạt"), and finding
    # one at a word's end costs a scan as long as the pass itself.
    text = _substitute(text, _NEW_STYLE_TONE, _move_tone, edits)
    text = _splice(text, _runs(text, "  ", _SPACES), " ", edits)
    text = _splice(text, _line_edges(text), "\n", edits)
    text = _splice(text, _runs(text, "\n\n\n", _NEWLINE_RUN), "\n\n", edits)
    text = _splice(text, _spaces_before_punct(text), "", edits)
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    kept = None
    if lead or trail < len(text):
        text, kept = text[lead:trail], (lead, trail)
    return NormalizedText(text=text, source_length=len(raw), edits=tuple(edits), kept=kept)


def article_id(normalized_text: str) -> str:
    """Stable id: the first 16 hex digits of the SHA-256 of the canonical text."""
    return hashlib.sha256(normalized_text.encode("utf-8")).hexdigest()[:16]
