"""Reading inputs: files to text (issue 5 adds HTML, JSONL, stdin; issue 7 encodings)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import InputError
from extractor.pipeline import Metadata

TEXT_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class RawArticle:
    source: str
    text: str
    metadata: Metadata


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM); anything else is refused with the reason."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(source, f"not valid UTF-8 at byte {error.start}") from error


def read_file(path: Path) -> RawArticle:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot be read: {error.strerror}") from error
    return RawArticle(str(path), decode(data, str(path)), Metadata())


def expand_paths(paths: list[Path]) -> Iterator[Path]:
    """Files named, and the text files inside directories named, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in TEXT_SUFFIXES)
        else:
            yield path
