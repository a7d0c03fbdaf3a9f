"""What kind of input a file is: by its name, and by its first bytes when the name lies.

vnextract reads plain text, HTML and JSON Lines (`.jsonl`, or gzip-compressed
`.jsonl.gz` as scrapers write it, streamed). Office documents, PDFs, archives
and media are refused as such by name or by their first bytes, with what they
are and what to do, rather than read as text and refused for their NUL bytes.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import BinaryIO, Literal

Kind = Literal["text", "html", "jsonl", "auto"]

SUFFIX_KINDS: dict[str, Kind] = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
GZIP_JSONL = ".jsonl.gz"

# Formats people have at hand that vnextract does not read, by suffix.
UNSUPPORTED: dict[str, str] = {
    **dict.fromkeys((".doc", ".docx", ".docm", ".dot", ".dotx"), "a Word document"),
    **dict.fromkeys((".odt", ".ott", ".fodt"), "an OpenDocument text"),
    **dict.fromkeys((".xls", ".xlsx", ".xlsm", ".ods", ".csv", ".tsv"), "a spreadsheet"),
    **dict.fromkeys((".ppt", ".pptx", ".odp", ".key"), "a presentation"),
    ".pdf": "a PDF document", ".rtf": "an RTF document", ".epub": "an e-book",
    ".pages": "a Pages document",
    **dict.fromkeys((".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar"),
                    "an archive"),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff",
                     ".svg", ".heic"), "an image"),
    **dict.fromkeys((".mp3", ".mp4", ".wav", ".m4a", ".avi", ".mov", ".mkv", ".webm"),
                    "audio or video"),
    **dict.fromkeys((".exe", ".dll", ".so", ".bin", ".pyc", ".class", ".jar", ".apk"),
                    "a program"),
    ".json": "a JSON document (one article a line is JSON Lines: name it .jsonl)",
}
# Documents and archives by their first bytes, for files named otherwise.
MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (.docx, .odt, .xlsx and .epub files are ZIP archives)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc, .xls, .ppt)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "gzip-compressed data (name a compressed JSON Lines file .jsonl.gz)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
]  # other binary content (an image named .txt) is refused by decoding, for its NUL bytes
_ADVICE = "vnextract reads .txt, .html and .jsonl (or .jsonl.gz) files: convert it to one of them"


def kind_of(path: Path) -> Kind | None:
    """How a file is read, by its name; None for a format vnextract refuses."""
    name = path.name.lower()
    if name.endswith(GZIP_JSONL):
        return "jsonl"
    suffix = path.suffix.lower()
    if suffix in SUFFIX_KINDS:
        return SUFFIX_KINDS[suffix]
    return None if suffix in UNSUPPORTED else "auto"


def unsupported_reason(path: Path) -> str | None:
    """Why a file is refused by its name, or None if it is read."""
    if kind_of(path) is not None:
        return None
    suffix = path.suffix.lower()
    return f"unsupported format: {suffix} is {UNSUPPORTED[suffix]}; {_ADVICE}"


def sniffed_format(data: bytes) -> str | None:
    """Why bytes are refused by what they start with (a PDF named .txt), or None."""
    head = data[:16]
    for magic, what in MAGIC:
        if head.startswith(magic):
            return f"unsupported format: the content is {what}; {_ADVICE}"
    return None


def is_gzip_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(GZIP_JSONL)


def open_lines(path: Path) -> BinaryIO:
    """A JSON Lines file opened for reading its lines, decompressed as it goes."""
    if is_gzip_jsonl(path):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def printable(name: str) -> str:
    """A path as text that can be written anywhere: bytes of a file name that are not
    UTF-8 (kept by Python as lone surrogates, which no UTF-8 file can hold) become
    \\xNN escapes. The path itself is still used to read the file."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = name.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate that came from no byte
            return name.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return name
