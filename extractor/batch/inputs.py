"""Reading inputs: files, directories, globs and stdin to articles.

The batch layer works on `Task`s: light descriptions of one input each (a file
path, or the bytes of one JSONL line or of stdin) that the parent can list
lazily and cheaply, and a worker turns into a `RawArticle` with `load`. Heavy
work (reading, decoding, HTML reduction) thus runs in the workers, in parallel.

Every task has a stable `key` (resolved path, plus `:line` for JSONL lines):
the journal records finished keys, so `--resume` skips them without reading.
Which files are read, and which are refused as what they are (a .docx, a PDF):
extractor.batch.formats. A `.jsonl.gz` is decompressed line by line as it is listed.
"""

from __future__ import annotations

import dataclasses
import glob
import json
import os
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from extractor.batch.formats import (
    Kind,
    kind_of,
    open_lines,
    printable,
    sniffed_format,
    unsupported_reason,
)
from extractor.batch.html_input import html_to_article
from extractor.batch.jsonl_input import article_from_fields, source_with_id
from extractor.errors import InputError
from extractor.metadata import Metadata
from extractor.settings import DEFAULT_SETTINGS
from extractor.text.encoding import Decoded, decode_bytes, repair_text

STDIN = "-"
# What reading a compressed or plain JSON Lines file may raise part-way through:
# the system's errors, a truncated gzip stream, corrupt compressed data.
_LISTING_ERRORS = (OSError, EOFError, zlib.error)
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class RawArticle:
    source: str
    text: str
    metadata: Metadata


@dataclass(frozen=True)
class Task:
    """One input to process: read from `path` by the worker, or given inline as `data`."""

    key: str
    source: str
    kind: Kind
    path: str | None = None
    data: bytes | None = None
    line: int | None = None  # 1-based line number for JSONL records
    error: str | None = None  # known when listed (an unsupported format): quarantined as such


def decode(data: bytes, source: str) -> Decoded:
    """Any supported encoding (UTF-8/16/32, Windows-1258, TCVN3, VNI, ...), with the
    conversions named in `.warnings`; InputError for binary or undecodable input."""
    return decode_bytes(data, source)


def _with_warnings(metadata: Metadata, warnings: list[str]) -> Metadata:
    if not warnings:
        return metadata
    return dataclasses.replace(metadata, warnings=(*metadata.warnings, *warnings))


def read_file(path: Path, max_bytes: int = DEFAULT_SETTINGS.max_bytes) -> RawArticle:
    """One plain-text or HTML article file; InputError saying why it cannot be one
    (missing, a directory, JSON Lines, an unsupported format, too large, empty, binary)."""
    source = printable(str(path))
    if path.is_dir():
        raise InputError(source, "is a directory: give one article file (.txt or .html)")
    if not path.exists():
        raise InputError(source, "no such file")
    kind = kind_of(path)
    if kind is None:
        raise InputError(source, str(unsupported_reason(path)))
    if kind == "jsonl":
        raise InputError(source, "is a JSON Lines file (one article a line): run `vnextract "
                                 "extract` on it, or give one article as .txt or .html")
    return load(file_task(path, kind), max_bytes)


def file_task(path: Path, kind: Kind) -> Task:
    return Task(key=printable(str(path.resolve())), source=printable(str(path)), kind=kind,
                path=str(path))


# --- listing: arguments to tasks, lazily -------------------------------------------------


def missing_inputs(arguments: Iterable[str]) -> list[str]:
    """Arguments that name no file, no directory and match no file (checked up front)."""
    return [
        argument for argument in arguments
        if argument != STDIN and not Path(argument).exists()
        and not (_GLOB_CHARS & set(argument) and glob.glob(argument, recursive=True))
    ]


def _walk(directory: Path, skipped: Counter[str] | None = None) -> Iterator[Path]:
    """Article files under `directory`, in a stable order; the others counted in `skipped`
    by suffix."""
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if kind_of(path) in ("text", "html", "jsonl"):
                yield path
            elif skipped is not None:
                skipped[path.suffix.lower() or "(no suffix)"] += 1


def skipped_in_directories(arguments: Iterable[str]) -> Counter[str]:
    """Files left out of the directories given (not .txt, .html, .jsonl, .jsonl.gz), by
    suffix: the run summary counts them."""
    skipped: Counter[str] = Counter()
    for argument in arguments:
        path = Path(argument)
        matches = [path] if path.is_dir() else (
            [Path(match) for match in glob.glob(argument, recursive=True)]
            if not path.exists() and _GLOB_CHARS & set(argument) else [])
        for match in matches:
            if match.is_dir():
                for _ in _walk(match, skipped):
                    pass
    return skipped


def expand_paths(arguments: Iterable[str]) -> Iterator[Path]:
    """Files named, matched by a glob, or inside the directories named."""
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            yield from _walk(path)
        elif not path.exists() and _GLOB_CHARS & set(argument):
            for match in sorted(glob.glob(argument, recursive=True)):
                yield from _walk(Path(match)) if Path(match).is_dir() else [Path(match)]
        else:
            yield path


def _jsonl_tasks(lines: Iterable[bytes], key: str, source: str) -> Iterator[Task]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield Task(key=f"{key}:{number}", source=f"{source}:{number}", kind="jsonl",
                       data=line, line=number)


def _jsonl_file_tasks(path: Path) -> Iterator[Task]:
    """A task per line of a JSON Lines file, plain or gzip, read as the run goes.

    A file that cannot be opened, or breaks part-way (a truncated or corrupt
    .jsonl.gz), gives its lines read so far and one more task that fails in the
    worker with the system's reason: it is quarantined, not lost, and the run goes on.
    """
    key, source = printable(str(path.resolve())), printable(str(path))
    number = 0
    try:
        with open_lines(path) as stream:
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    yield Task(key=f"{key}:{number}", source=f"{source}:{number}",
                               kind="jsonl", data=line, line=number)
    except _LISTING_ERRORS as error:
        after = number + 1
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        yield Task(key=f"{key}:{after}", source=f"{source}:{after}", kind="jsonl", line=after,
                   error=f"line {after} and after cannot be read: {reason}")


def _stdin_tasks(stream: BinaryIO) -> Iterator[Task]:
    """stdin holds JSONL (streamed line by line), or one HTML page or text."""
    first = stream.readline()
    if first.lstrip().startswith(b"{"):
        def lines() -> Iterator[bytes]:
            yield first
            yield from stream
        yield from _jsonl_tasks(lines(), "<stdin>", "<stdin>")
        return
    data = first + stream.read()
    kind: Kind = "html" if data.lstrip().startswith(b"<") else "text"
    yield Task(key="<stdin>", source="<stdin>", kind=kind, data=data)


def iter_tasks(arguments: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[Task]:
    """Every input of the arguments as a task, in a stable order, read lazily."""
    for argument in arguments:
        if argument == STDIN:
            yield from _stdin_tasks(stdin or sys.stdin.buffer)
            continue
        for path in expand_paths([argument]):
            kind = kind_of(path)
            if kind is None:  # named explicitly: refused as what it is, in the quarantine
                yield dataclasses.replace(file_task(path, "auto"),
                                          error=unsupported_reason(path))
            elif kind == "jsonl":
                yield from _jsonl_file_tasks(path)
            else:
                yield file_task(path, kind)


def count_tasks(arguments: Iterable[str]) -> int:
    """How many tasks `iter_tasks` will give (for the progress bar); stdin counts 0."""
    total = 0
    for argument in arguments:
        if argument == STDIN:
            continue
        for path in expand_paths([argument]):
            if kind_of(path) == "jsonl":
                try:
                    with open_lines(path) as stream:
                        total += sum(1 for line in stream if line.strip())
                except _LISTING_ERRORS:
                    total += 1  # it will be one quarantined task
            else:
                total += 1
    return total


# --- loading: a task to an article (runs in the worker) ---------------------------------


def _too_big(task: Task, size: int, max_bytes: int) -> InputError:
    return InputError(task.source, f"too large: {size:,} bytes, more than the limit of "
                                   f"{max_bytes:,} (raise it with --max-bytes)")


def _read(task: Task, max_bytes: int) -> bytes:
    if task.data is not None:
        if len(task.data) > max_bytes:
            raise _too_big(task, len(task.data), max_bytes)
        return task.data
    if task.path is None:
        raise InputError(task.source, "task has neither a path nor data")
    try:
        with Path(task.path).open("rb") as stream:
            data = stream.read(max_bytes + 1)  # never more than the limit in memory
            if len(data) > max_bytes:
                raise _too_big(task, os.fstat(stream.fileno()).st_size, max_bytes)
            return data
    except OSError as error:
        raise InputError(task.source, f"cannot be read: {error.strerror}") from error


def _sniff(text: str) -> Kind:
    return "html" if text.lstrip()[:1] == "<" else "text"


def load(task: Task, max_bytes: int = DEFAULT_SETTINGS.max_bytes) -> RawArticle:
    """The article a task stands for, or InputError saying why it cannot be read."""
    if task.error is not None:
        raise InputError(task.source, task.error)
    data = _read(task, max_bytes)
    if (refused := sniffed_format(data)) is not None:
        raise InputError(task.source, refused)
    decoded = decode(data, task.source)
    text = decoded.text
    if not text.strip():
        raise InputError(task.source, f"empty: the input has only whitespace "
                                      f"({len(text):,} characters)")
    kind = _sniff(text) if task.kind == "auto" else task.kind
    if kind == "html":
        body, metadata = html_to_article(text, task.source)
        return RawArticle(task.source, body, _with_warnings(metadata, decoded.warnings))
    if kind == "jsonl":
        # The line decoded cleanly as UTF-8, but a scraper may have stored legacy-font
        # mojibake inside the JSON string: repair the article text itself.
        article = _from_json_line(text, task)
        repaired, warnings = repair_text(article.text)
        return RawArticle(article.source, repaired,
                          _with_warnings(article.metadata, [*decoded.warnings, *warnings]))
    return RawArticle(task.source, text, _with_warnings(Metadata(), decoded.warnings))


def _from_json_line(text: str, task: Task) -> RawArticle:
    if task.line is None:
        # Only a JSONL file that could not be opened while listing gets here.
        raise InputError(task.source, "JSONL file could not be opened when listed")
    where = f"line {task.line}"
    try:
        fields: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(task.source, f"{where}: invalid JSON: {error.msg} "
                                      f"at column {error.colno}") from error
    except ValueError as error:  # an int of more than 4,300 digits
        raise InputError(task.source, f"{where}: invalid JSON: {error}") from error
    if not isinstance(fields, dict):
        raise InputError(task.source, f"{where}: expected a JSON object, got "
                                      f"{type(fields).__name__}")
    file_source = task.source.removesuffix(f":{task.line}")
    source = source_with_id(fields, file_source, task.source, where)
    return RawArticle(*article_from_fields(fields, source, where))
