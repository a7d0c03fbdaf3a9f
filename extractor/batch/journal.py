"""The output directory of a batch run, written so that it is exactly-once under crashes.

Three append-only JSON Lines files, each line written whole and fsynced per group:

    records.jsonl     one ArticleRecord a line, each article_id once
    quarantine.jsonl  one failed input a line (key, source, stage, reason, line)
    journal.jsonl     one finished input key a line, written last

A key is journaled only after its record or quarantine line is on disk, so a
crash can lose only keys whose work is then redone on `--resume`. Redone work
cannot duplicate: a record whose article_id is already in records.jsonl, or a
quarantine entry whose key is already in quarantine.jsonl, is not written
again. A line torn by a crash (no final newline) is cut off on resume.

A record written by a run stopped before its journal line is an *orphan*: no
journal entry says `record` for its article_id. The first input redone with that
article_id claims it and is journaled `record`, as in an uninterrupted run (the
record is not written again); only later inputs with the same text are
`duplicate`.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, TypeVar

import regex

from extractor.batch import testpoint
from extractor.batch.keyset import DiskKeySet
from extractor.batch.manifest import MANIFEST, InputSet, open_batch
from extractor.batch.manifest import OutputDirError as OutputDirError
from extractor.batch.outcome import Outcome
from extractor.settings import Settings

RECORDS = "records.jsonl"
QUARANTINE = "quarantine.jsonl"
JOURNAL = "journal.jsonl"
# Everything a run creates; `--fresh` removes exactly these and nothing else.
RUN_FILES = (RECORDS, QUARANTINE, JOURNAL, MANIFEST, "corpus.duckdb", "parquet")

T = TypeVar("T")
_ARTICLE_ID = regex.compile(rb'"article_id":"([0-9a-f]{16})"')
# The copy signature the workers computed for each record this run wrote (None: no words).
KnownSignatures = dict[str, bytes | None]


def line_article_id(line: bytes) -> str | None:
    """The article_id of a records.jsonl line, read without parsing the whole record."""
    match = _ARTICLE_ID.search(line, 0, 200)
    return match.group(1).decode() if match else None


@dataclass
class CommitCounts:
    records: int = 0
    duplicates: int = 0
    quarantined: int = 0
    internal_errors: int = 0


def repair_torn_line(path: Path) -> int:
    """Cut a last line left without its newline by a crash; returns the bytes removed."""
    if not path.exists():
        return 0
    with path.open("r+b") as stream:
        size = stream.seek(0, os.SEEK_END)
        position = size
        while position > 0:
            step = min(65536, position)
            stream.seek(position - step)
            chunk = stream.read(step)
            if position == size and chunk.endswith(b"\n"):
                return 0
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                position = position - step + newline + 1
                break
            position -= step
        stream.truncate(position)
        stream.flush()
        os.fsync(stream.fileno())
        return size - position


def journaled(out_dir: Path) -> int:
    """How many inputs OUT_DIR's journal holds (0 when it has none)."""
    path = out_dir / JOURNAL
    if not path.exists():
        return 0
    with path.open("rb") as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))


def numbered_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number from 1, line) of a JSON Lines file; nothing if it does not exist."""
    if path.exists():
        with path.open("rb") as stream:
            yield from enumerate(stream, start=1)


def _json_lines(path: Path) -> Iterator[dict[str, object]]:
    for number, line in numbered_lines(path):
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            raise OutputDirError(f"{path} line {number} is not JSON ({error.msg}): the file "
                                 "was changed by something other than vnextract") from error
        if isinstance(value, dict):
            yield value


def _chunks(items: Iterable[T], size: int = 4096) -> Iterator[list[T]]:
    """Lists of `size` items (the last shorter): a DiskKeySet takes each in one transaction."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _sync(stream: IO[bytes]) -> None:
    stream.flush()
    os.fsync(stream.fileno())


def fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class OutputDir:
    """An open output directory: what is already done, and appends that survive crashes."""

    def __init__(self, path: Path, *, resume: bool, fresh: bool, settings: Settings,
                 inputs: InputSet | None = None, add: bool = False) -> None:
        self.path = path
        existing = [name for name in RUN_FILES if (path / name).exists()]
        if existing and fresh:
            for name in existing:
                target = path / name
                shutil.rmtree(target) if target.is_dir() else target.unlink()
        elif existing and not (resume or add):
            raise OutputDirError(
                f"{path} already holds a run ({', '.join(existing)}): add --resume to finish "
                "it, --add to add new inputs to it, or --fresh to delete it and start over"
            )
        path.mkdir(parents=True, exist_ok=True)
        open_batch(path, settings, inputs, add=add)
        self.repaired = {name: repair_torn_line(path / name)
                         for name in (RECORDS, QUARANTINE, JOURNAL)}
        # On disk, not in memory: they grow with the corpus (see extractor.batch.keyset).
        self.done_keys = DiskKeySet()
        claimed = DiskKeySet()  # the article_ids some journal entry says `record` for
        for entries in _chunks(_json_lines(path / JOURNAL)):
            self.done_keys.update(str(entry["key"]) for entry in entries)
            claimed.update(str(entry["article_id"]) for entry in entries
                           if entry["status"] == "record" and "article_id" in entry)
        self.article_ids = DiskKeySet()
        self._orphans: set[str] = set()  # few: at most a commit group per crash
        for ids in _chunks(article_id for _, line in numbered_lines(path / RECORDS)
                           if (article_id := line_article_id(line))):
            self.article_ids.update(ids)
            self._orphans.update(article_id for article_id in ids if article_id not in claimed)
        claimed.close()
        self._signed: KnownSignatures = {}
        self.quarantined_keys = DiskKeySet(str(entry["key"])
                                           for entry in _json_lines(path / QUARANTINE))
        self._committed = 0  # inputs this run has committed (for the test hook)
        self._records = (path / RECORDS).open("ab")
        self._quarantine = (path / QUARANTINE).open("ab")
        self._journal = (path / JOURNAL).open("ab")
        fsync_directory(path)

    def is_done(self, key: str) -> bool:
        return key in self.done_keys

    def commit(self, outcomes: Sequence[Outcome]) -> CommitCounts:
        """Write a group of outcomes: records, then quarantine, then journal, each fsynced."""
        counts = CommitCounts()
        journal: list[dict[str, object]] = []
        for outcome in outcomes:
            entry: dict[str, object] = {"key": outcome.key, "source": outcome.source,
                                        "status": outcome.status}
            if outcome.status == "record" and outcome.article_id and outcome.record_json:
                entry["article_id"] = outcome.article_id
                if outcome.article_id in self._orphans:  # written, never journaled: claim it
                    self._orphans.discard(outcome.article_id)
                    counts.records += 1
                elif outcome.article_id in self.article_ids:
                    entry["status"] = "duplicate"
                    counts.duplicates += 1
                else:
                    self.article_ids.add(outcome.article_id)
                    self._records.write(outcome.record_json.encode("utf-8") + b"\n")
                    self._signed[outcome.article_id] = outcome.signature
                    counts.records += 1
            else:
                counts.quarantined += 1
                counts.internal_errors += outcome.stage == "internal"
                if outcome.key not in self.quarantined_keys:
                    self.quarantined_keys.add(outcome.key)
                    line = json.dumps(outcome.quarantine_entry(), ensure_ascii=False)
                    self._quarantine.write(line.encode("utf-8") + b"\n")
            journal.append(entry)
        _sync(self._records)
        _sync(self._quarantine)
        self._committed += len(journal)
        testpoint.reached("records", self._committed)
        for entry in journal:
            self._journal.write(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
        _sync(self._journal)
        self.done_keys.update(str(entry["key"]) for entry in journal)
        testpoint.reached("journal", self._committed)
        return counts

    def take_signatures(self) -> KnownSignatures:
        """The signatures of the records written since the last call (for the tables)."""
        signed, self._signed = self._signed, {}
        return signed

    def close(self) -> None:
        for stream in (self._records, self._quarantine, self._journal):
            stream.close()
        for keys in (self.done_keys, self.article_ids, self.quarantined_keys):
            keys.close()
