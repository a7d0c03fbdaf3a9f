"""Stage 3, segment: sentences and words from underthesea, aligned to our offsets.

underthesea returns strings, not offsets, and may rewrite characters on the
way (tone placement, quotes). We align its output by counting non-space
characters, which such rewrites keep; where the count still disagrees we fall
back to a plain regex split for that piece and say so in a warning.

Sentences are split up front. Words are split one clause at a time (a sentence
cut after ", ", "; ", ": "), when a rule first asks for them (`Words`): word
segmentation is nearly all of the pipeline's cost, the rules read words in few
places (near some figures), and a clause is on average a third of a sentence.
Each clause is segmented on its own either way, so its words are the same whether
it is asked for alone or with all the others. A word never spans a clause mark,
and the words of 2,000 realnews articles differ from whole-sentence segmentation
in 5 indicator units (bench/ has the speed).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex
from underthesea import sent_tokenize, word_tokenize

Offsets = tuple[int, int]

_FALLBACK_SENTENCE = regex.compile(r"[^.!?…]+(?:[.!?…]+|$)")
_FALLBACK_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[.,/][\p{N}]+)*|[^\s\p{L}\p{N}]")


def _align(text: str, base: int, pieces: Iterable[str]) -> list[Offsets] | None:
    """Offsets of each piece in `text` (shifted by `base`), or None if they do not fit.

    The common case is a piece that stands verbatim at the cursor; a rewritten
    piece ("hoà" given back as "hòa") is walked by counting non-space characters.
    """
    spans: list[Offsets] = []
    cursor, size = 0, len(text)
    for raw_piece in pieces:
        piece = raw_piece.strip()
        if not piece:
            continue
        if text.startswith(piece, cursor + 1) and text[cursor] == " ":
            cursor += 1  # the usual case: one space before the piece
        else:
            while cursor < size and text[cursor].isspace():
                cursor += 1
        if text.startswith(piece, cursor):
            end = cursor + len(piece)
        else:
            needed = sum(1 for char in piece if not char.isspace())
            end = cursor
            while needed and end < size:
                needed -= not text[end].isspace()
                end += 1
            if needed:
                return None
        spans.append((base + cursor, base + end))
        cursor = end
    return spans if not text[cursor:].strip() else None


def _paragraphs(text: str) -> list[Offsets]:
    spans, cursor = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((cursor, cursor + len(line)))
        cursor += len(line) + 1
    return spans


def _sentences(text: str, warnings: list[str]) -> list[Offsets]:
    result: list[Offsets] = []
    for start, end in _paragraphs(text):
        paragraph = text[start:end]
        aligned = _align(paragraph, start, sent_tokenize(paragraph))
        if aligned is None:
            warnings.append(f"sentence split fell back to punctuation at offset {start}")
            aligned = _align(paragraph, start, _FALLBACK_SENTENCE.findall(paragraph))
        result.extend(aligned or [(start, end)])
    return result


def _pieces(start: int, end: int, text: str, limit: int) -> Iterator[Offsets]:
    """Cut start:end at spaces into pieces of at most `limit` characters.

    underthesea's word_tokenize grows faster than linearly with input length
    (a 1 MB unpunctuated line took 26 s), so no piece given to it is longer.
    """
    while end - start > limit:
        cut = text.rfind(" ", start + 1, start + limit)
        if cut <= start:
            cut = start + limit  # an unbroken run: cut it where it is
        yield start, cut
        start = cut
        while start < end and text[start] == " ":
            start += 1
    if start < end:
        yield start, end


def _fallback_tokens(text: str, start: int, end: int) -> list[Offsets]:
    return [(start + m.start(), start + m.end()) for m in _FALLBACK_TOKEN.finditer(text[start:end])]


def _tokens(text: str, sentence: Offsets, limit: int, warnings: list[str]) -> list[Offsets]:
    tokens: list[Offsets] = []
    for start, end in _pieces(*sentence, text, limit):
        piece = text[start:end]
        if " " not in piece and len(piece) >= limit:
            warnings.append(f"an unbroken run of {len(piece)} characters at offset {start} "
                            "was split by a regex, not by underthesea")
            tokens.extend(_fallback_tokens(text, start, end))
            continue
        aligned = _align(piece, start, word_tokenize(piece))
        if aligned is None:
            warnings.append(f"word split fell back to a regex at offset {start}")
            aligned = _fallback_tokens(text, start, end)
        tokens.extend(aligned)
    return tokens


def word_at(words: list[Offsets], offset: int) -> Offsets | None:
    """The word of `words` (sorted offsets) holding `offset`, or None between words."""
    index = bisect_right(words, offset, key=lambda word: word[0]) - 1
    if index < 0 or offset >= words[index][1]:
        return None
    return words[index]


# A comma, semicolon or colon followed by a space ends a clause ("99,5" does not).
_CLAUSE_END = regex.compile(r"[,;:](?=\s)")


def _clauses(text: str, sentences: list[Offsets]) -> list[Offsets]:
    """The sentences cut after each clause mark, the mark kept with the clause it ends."""
    clauses: list[Offsets] = []
    for start, end in sentences:
        for mark in _CLAUSE_END.finditer(text, start, end):
            clauses.append((start, mark.end()))
            start = mark.end()
            while start < end and text[start].isspace():
                start += 1
        if start < end:
            clauses.append((start, end))
    return clauses


class Words:
    """The words of a text as offsets, segmented one clause at a time on first use."""

    def __init__(self, text: str, sentences: list[Offsets], max_piece_chars: int) -> None:
        self._text, self._sentences, self._limit = text, _clauses(text, sentences), max_piece_chars
        self._starts = [start for start, _ in self._sentences]
        self._words: dict[int, list[Offsets]] = {}
        self._warnings: dict[int, list[str]] = {}

    def in_sentence(self, index: int) -> list[Offsets]:
        """The words of sentence `index`, segmented now if not yet."""
        words = self._words.get(index)
        if words is None:
            warnings: list[str] = []
            words = _tokens(self._text, self._sentences[index], self._limit, warnings)
            self._words[index], self._warnings[index] = words, warnings
        return words

    def at(self, offset: int) -> Offsets | None:
        """The word holding `offset`, or None when `offset` is between words."""
        index = bisect_right(self._starts, offset) - 1
        if index < 0 or offset >= self._sentences[index][1]:
            return None  # before the first sentence or between two: no word there
        return word_at(self.in_sentence(index), offset)

    def all(self) -> list[Offsets]:
        """Every word of the text, in order (segments the sentences not yet done)."""
        words: list[Offsets] = []
        for index in range(len(self._sentences)):
            words.extend(self.in_sentence(index))
        return words

    @property
    def segmented(self) -> int:
        """How many sentences have been segmented into words so far."""
        return len(self._words)

    @property
    def warnings(self) -> list[str]:
        """What word segmentation doubted, in text order, for the sentences done so far."""
        return [warning for index in sorted(self._warnings) for warning in self._warnings[index]]


@dataclass
class Segmentation:
    sentences: list[Offsets]
    words: Words
    sentence_warnings: list[str]

    @property
    def tokens(self) -> list[Offsets]:
        """Every word of the text (segments them all: the rules ask `words` instead)."""
        return self.words.all()

    @property
    def warnings(self) -> list[str]:
        return [*self.sentence_warnings, *self.words.warnings]


def load_models() -> None:
    """Load underthesea's sentence and word models now rather than on first use."""
    sent_tokenize("Một câu.")
    word_tokenize("Một câu.")


def segment(text: str, max_piece_chars: int = 1000) -> Segmentation:
    """Sentences of `text` as character offsets, and its words, segmented on demand.

    Sentences longer than `max_piece_chars` are segmented in pieces cut at spaces.
    """
    warnings: list[str] = []
    sentences = _sentences(text, warnings)
    return Segmentation(sentences, Words(text, sentences, max_piece_chars), warnings)
