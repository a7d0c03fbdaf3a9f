"""Stage 3, segment: sentences and words from underthesea, aligned to our offsets.

underthesea returns strings, not offsets, and may rewrite characters on the
way (tone placement, quotes). We align its output by counting non-space
characters, which such rewrites keep; where the count still disagrees we fall
back to a plain regex split for that piece and say so in a warning.
"""

from __future__ import annotations

from collections.abc import Iterable
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


def _tokens(text: str, sentence: Offsets, warnings: list[str]) -> list[Offsets]:
    start, end = sentence
    piece = text[start:end]
    aligned = _align(piece, start, word_tokenize(piece))
    if aligned is None:
        warnings.append(f"word split fell back to a regex at offset {start}")
        aligned = [(start + m.start(), start + m.end()) for m in _FALLBACK_TOKEN.finditer(piece)]
    return aligned


def segment(text: str) -> Segmentation:
    """Sentences and words of `text`, as character offsets into it."""
    warnings: list[str] = []
    sentences = _sentences(text, warnings)
    tokens = [token for sentence in sentences for token in _tokens(text, sentence, warnings)]
    return Segmentation(sentences=sentences, tokens=tokens, warnings=warnings)
