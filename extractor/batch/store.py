"""Tables for dashboards, built from records.jsonl while the run writes it: parquet/, corpus.duckdb.

A `TableBuild` follows records.jsonl and journal.jsonl as the run appends to
them and turns each new line into rows (see extractor.batch.tables), so the tables
cost the run almost nothing after its last article: the parent process does
this work while the workers extract. A resumed run starts a new build from
the first line, reading the records of earlier runs a few at a time between
its own commits, so the workers never wait on that backlog.

Rows go into `parquet.tmp/`, which is renamed into place only when complete:
a crash leaves the previous tables (or none), never a half-written file, and a
build left by a crash is removed by the next one. Syndicated copies can only be
linked once every record is known (the canonical copy is the earliest
published), so `articles` rows are drafted without `duplicate_of` and that
column is added in a last pass over the draft (see extractor.batch.syndication).

No record stops a build. Values the columns cannot hold are stored as null and
named in the article's warnings (extractor.batch.table_values); a record whose
rows cannot be made at all, or a row Arrow still refuses, keeps its article out
of every table: it is removed from them once they are written, its input is
`quarantined` in the `inputs` table, and quarantine.jsonl gets a line with stage
`tables` and the reason. records.jsonl and the journal keep the record as it is.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from extractor.batch.journal import JOURNAL, RECORDS, KnownSignatures, fsync_directory
from extractor.batch.syndication import CopyFinder, from_bytes, signature
from extractor.batch.table_refusals import Refusal, drop_articles, exception_text, write_quarantine
from extractor.batch.table_values import iso_date, parse_int
from extractor.batch.table_writer import TableSet, release_arrow_memory
from extractor.batch.tables import DUPLICATE_OF, record_rows, table_schemas

DATABASE = "corpus.duckdb"
PARQUET = "parquet"
# DuckDB spills to disk beyond this while it loads the tables, instead of growing
# with the corpus: measured, its process peaked at ~160 MB loading 20,000 articles
# (~100 MB for 1,000), against 440 MB with 512MB and a thread per core. One thread,
# because DuckDB's memory need grows with its threads and this limit must hold on
# a machine of any size.
DUCKDB_MEMORY_LIMIT = "64MB"
DUCKDB_THREADS = 1
_DRAFT = "articles.draft"
# In the counts `finish` returns, beside the rows per table: articles kept out of them.
TABLES_QUARANTINED = "tables_quarantined"


class StoreError(Exception):
    """The tables cannot be built or opened (with the file and the reason)."""


class _Follower:
    """The complete lines appended to a file since the last call (numbered from 1)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0
        self.number = 0

    def new_lines(self, limit: int | None) -> Iterator[tuple[int, bytes]]:
        if limit == 0 or not self.path.exists():
            return
        with self.path.open("rb") as stream:
            stream.seek(self.offset)
            for line in stream:
                if not line.endswith(b"\n"):
                    return  # still being written: read again next time
                self.offset += len(line)
                self.number += 1
                yield self.number, line
                if limit is not None and (limit := limit - 1) == 0:
                    return


def _json(path: Path, number: int, line: bytes) -> dict[str, Any]:
    try:
        value: dict[str, Any] = json.loads(line)
    except json.JSONDecodeError as error:
        raise StoreError(f"{path} line {number} is not JSON: {error.msg}") from error
    except ValueError:  # an int of more than 4,300 digits, which json.loads refuses
        value = json.loads(line, parse_int=parse_int)
    return value


class TableBuild:
    """One build of OUT_DIR's tables; use as a context manager, call `finish` at the end.

    Leaving the `with` block without `finish` (an error, Ctrl-C) removes the
    unfinished build and keeps the tables already in place.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.target = out_dir / f"{PARQUET}.tmp"
        # Left by a build that crashed: never in use, safe to remove.
        for leftover in (self.target, out_dir / f"{PARQUET}.old"):
            if leftover.exists():
                shutil.rmtree(leftover)
        self.target.mkdir()
        self.schemas = table_schemas()
        draft_schema = self.schemas["articles"].remove(
            self.schemas["articles"].get_field_index(DUPLICATE_OF.name))
        writing = {name: schema for name, schema in self.schemas.items() if name != "articles"}
        self._tables = TableSet(self.target, {**writing, _DRAFT: draft_schema})
        self._records = _Follower(out_dir / RECORDS)
        self._journal = _Follower(out_dir / JOURNAL)
        self._known: KnownSignatures = {}
        self._copies = CopyFinder()
        self._refused: dict[str, Refusal] = {}  # by article_id: few, if any
        self.quarantined = 0
        self._finished = False

    def __enter__(self) -> TableBuild:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._copies.close()
        if not self._finished:
            self._tables.close()
            shutil.rmtree(self.target, ignore_errors=True)

    @property
    def records_read(self) -> int:
        """Records of records.jsonl turned into rows so far."""
        return self._records.number

    def catch_up(self, known: KnownSignatures, limit: int | None = None) -> None:
        """Turn lines appended since the last call into rows (at most `limit` records).

        `known` holds the copy signatures this run's workers computed for records
        just written, so that those records need not be hashed again here.
        """
        self._known.update(known)
        for number, line in self._records.new_lines(limit):
            record = _json(self._records.path, number, line)
            try:
                article_id = str(record["article_id"])
                article, facts = record_rows(record)
            except Exception as error:  # the tables' boundary: one record never stops a run
                self._refuse(record, number, f"its rows cannot be made: {exception_text(error)}")
                continue
            self._tables.add(_DRAFT, article)
            for table, row in facts:
                self._tables.add(table, row)
            if article_id in self._known:
                data = self._known.pop(article_id)
                found = from_bytes(data) if data else None
            else:  # written by an earlier run (--resume) or by another process
                found = signature(record["clean_text"])
            self._copies.add(article_id, iso_date(record.get("published")), found)
        for number, line in self._journal.new_lines(limit):
            entry = _json(self._journal.path, number, line)
            self._tables.add("inputs", {
                "key": entry["key"], "source": entry.get("source"),
                "status": entry["status"], "article_id": entry.get("article_id")})

    def _refuse(self, record: Any, number: int, reason: str) -> None:
        found = record.get("article_id") if isinstance(record, dict) else None
        article_id = found if isinstance(found, str) else None
        source = record.get("source") if isinstance(record, dict) else None
        refusal = Refusal(article_id, f"{RECORDS}:{number}",
                          source if isinstance(source, str) else None, reason)
        self._refused.setdefault(article_id or refusal.key, refusal)

    def finish(self, known: KnownSignatures) -> dict[str, int]:
        """Read what is left, link copies, and put the tables in place; rows per table
        (and TABLES_QUARANTINED: articles kept out of them)."""
        self.catch_up(known)
        copies = self._copies.links()
        self._copies.close()
        for copy in copies:
            self._tables.add("syndication", {"article_id": copy.article_id,
                                             "duplicate_of": copy.duplicate_of,
                                             "similarity": copy.similarity})
        counts = self._tables.close()
        for row in self._tables.refused:
            table = "articles" if row.table == _DRAFT else row.table
            self._refused.setdefault(row.article_id or row.key or table, Refusal(
                row.article_id, row.key or f"{table} table", None,
                f"a row of {table} was refused: {row.reason}"))
        refused = {refusal.article_id for refusal in self._refused.values()
                   if refusal.article_id is not None}
        del counts[_DRAFT]
        counts["articles"] = self._write_articles(
            {copy.article_id: copy.duplicate_of for copy in copies}, refused)
        if refused:
            counts.update(drop_articles(self.target, refused, skip=("articles",)))
        self.quarantined = write_quarantine(self.out_dir, list(self._refused.values()))
        counts[TABLES_QUARANTINED] = len(self._refused)
        database_new = self.out_dir / f"{DATABASE}.tmp"
        database_new.unlink(missing_ok=True)
        _write_database(self.target, database_new)
        self._put_in_place(database_new)
        self._finished = True
        return counts

    def _write_articles(self, duplicate_of: dict[str, str], refused: set[str]) -> int:
        """articles.parquet: the draft's rows, less the refused articles, with
        `duplicate_of` added in its place; the rows written."""
        draft_path = self.target / f"{_DRAFT}.parquet"
        schema = self.schemas["articles"]
        position = schema.get_field_index(DUPLICATE_OF.name)
        written = 0
        with pq.ParquetFile(draft_path) as draft, pq.ParquetWriter(
                self.target / "articles.parquet", schema, compression="zstd") as writer:
            for group in range(draft.num_row_groups):  # as drafted: within the budget
                table = draft.read_row_group(group)
                ids = table.column("article_id").to_pylist()
                if refused:
                    kept = [key not in refused for key in ids]
                    table = table.filter(pa.array(kept, pa.bool_()))
                    ids = [key for key, keep in zip(ids, kept, strict=True) if keep]
                links = pa.array([duplicate_of.get(key) for key in ids], pa.string())
                writer.write_table(table.add_column(position, schema.field(position), links))
                written += len(ids)
                del table
                release_arrow_memory()
        draft_path.unlink()
        return written

    def _put_in_place(self, database_new: Path) -> None:
        parquet, parquet_old = self.out_dir / PARQUET, self.out_dir / f"{PARQUET}.old"
        os.replace(database_new, self.out_dir / DATABASE)
        # A directory cannot replace a non-empty one in one rename: move the old aside first.
        if parquet.exists():
            os.replace(parquet, parquet_old)
        os.replace(self.target, parquet)
        fsync_directory(self.out_dir)
        if parquet_old.exists():
            shutil.rmtree(parquet_old)


def _write_database(parquet_dir: Path, database: Path) -> None:
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
        connection.execute(f"SET threads = {DUCKDB_THREADS}")
        for path in sorted(parquet_dir.glob("*.parquet")):
            connection.execute(
                f'CREATE TABLE "{path.stem}" AS SELECT * FROM read_parquet(?)', [str(path)]
            )

