"""Stage 3, segment: sentences and words from underthesea, aligned to our offsets.

underthesea returns strings, not offsets, and may rewrite characters on the
way (tone placement, quotes). We align its output by counting non-space
characters, which such rewrites keep; where the count still disagrees we fall
back to a plain regex split for that piece and say so in a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import regex
from underthesea import sent_tokenize, word_tokenize

Offsets = tuple[int, int]

_FALLBACK_SENTENCE = regex.compile(r"[^.!?…]+(?:[.!?…]+|$)")
_FALLBACK_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[.,/][\p{N}]+)*|[^\s\p{L}\p{N}]")


@dataclass
class Segmentation:
    sentences: list[Offsets]
    tokens: list[Offsets]
    warnings: list[str] = field(default_factory=list)


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


def segment(text: str, max_piece_chars: int = 1000) -> Segmentation:
    """Sentences and words of `text`, as character offsets into it.

    Sentences longer than `max_piece_chars` are segmented in pieces cut at spaces.
    """
    warnings: list[str] = []
    sentences = _sentences(text, warnings)
    tokens: list[Offsets] = []
    for sentence in sentences:  # extend: no Python-level step per word
        tokens.extend(_tokens(text, sentence, max_piece_chars, warnings))
    return Segmentation(sentences=sentences, tokens=tokens, warnings=warnings)
