"""Tables for dashboards, built from records.jsonl: parquet/ and corpus.duckdb.

Built at the end of a run (and again at the end of every resumed run), in a
streaming pass with bounded memory, into temporary names that are renamed into
place only when complete: a crash during the build leaves the previous tables
(or none), never a half-written file. Syndicated copies are linked first (a
pass over the texts, see extractor.syndication) so that `articles.duplicate_of`
can be written with each row.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from extractor.journal import (
    JOURNAL,
    RECORDS,
    KnownSignatures,
    fsync_directory,
    line_article_id,
    numbered_lines,
)
from extractor.syndication import SignedText, from_bytes, link_copies, signature
from extractor.tables import Row, article_row, fact_rows, table_schemas

DATABASE = "corpus.duckdb"
PARQUET = "parquet"
# Rows buffered per table before a parquet row group is written. An articles row
# carries its clean text (~6 KB), so 5,000 of them held ~100 MB more at 20,000
# articles than at 1,000; 1,000 rows keep the build's memory flat.
BATCH_ROWS = 1_000
# DuckDB spills to disk beyond this while it loads the tables, instead of growing
# with the corpus.
DUCKDB_MEMORY_LIMIT = "512MB"


class StoreError(Exception):
    """The tables cannot be built or opened (with the file and the reason)."""


def _record(path: Path, number: int, line: bytes) -> dict[str, Any]:
    try:
        record: dict[str, Any] = json.loads(line)
    except json.JSONDecodeError as error:
        raise StoreError(f"{path} line {number} is not JSON: {error.msg}") from error
    return record


def _records(out_dir: Path) -> Iterator[dict[str, Any]]:
    path = out_dir / RECORDS
    for number, line in numbered_lines(path):
        yield _record(path, number, line)


def _inputs(out_dir: Path) -> Iterator[Row]:
    for _, line in numbered_lines(out_dir / JOURNAL):
        entry = json.loads(line)
        yield {"key": entry["key"], "source": entry.get("source"),
               "status": entry["status"], "article_id": entry.get("article_id")}


class _TableWriter:
    """Buffers rows of one table and writes them as parquet row groups."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.schema = schema
        self.rows: list[Row] = []
        self.count = 0
        self._writer = pq.ParquetWriter(path, schema, compression="zstd")

    def add(self, row: Row) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self._writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.count += len(self.rows)
            self.rows = []

    def close(self) -> None:
        self.flush()
        self._writer.close()


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _signed(out_dir: Path, known: KnownSignatures) -> Iterator[SignedText]:
    """(article_id, published, signature) of every record: from `known` (what this
    run's workers computed) when there, else from the record itself (an earlier run)."""
    path = out_dir / RECORDS
    for number, line in numbered_lines(path):
        article_id = line_article_id(line)
        if article_id is not None and article_id in known:
            published, data = known[article_id]
            yield article_id, _date(published), from_bytes(data) if data else None
        else:
            record = _record(path, number, line)
            yield (record["article_id"], _date(record.get("published")),
                   signature(record["clean_text"]))


def _write_parquet(out_dir: Path, target: Path, known: KnownSignatures) -> dict[str, int]:
    copies = link_copies(_signed(out_dir, known))
    duplicate_of = {copy.article_id: copy.duplicate_of for copy in copies}
    writers = {name: _TableWriter(target / f"{name}.parquet", schema)
               for name, schema in table_schemas().items()}
    try:
        for record in _records(out_dir):
            writers["articles"].add(article_row(record, duplicate_of.get(record["article_id"])))
            for table, row in fact_rows(record):
                writers[table].add(row)
        for copy in copies:
            writers["syndication"].add({"article_id": copy.article_id,
                                        "duplicate_of": copy.duplicate_of,
                                        "similarity": copy.similarity})
        for row in _inputs(out_dir):
            writers["inputs"].add(row)
    finally:
        for writer in writers.values():
            writer.close()
    return {name: writer.count for name, writer in writers.items()}


def _write_database(parquet_dir: Path, database: Path) -> None:
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
        for path in sorted(parquet_dir.glob("*.parquet")):
            connection.execute(
                f'CREATE TABLE "{path.stem}" AS SELECT * FROM read_parquet(?)', [str(path)]
            )


def build_tables(out_dir: Path, known: KnownSignatures | None = None) -> dict[str, int]:
    """(Re)build parquet/ and corpus.duckdb from OUT_DIR's records; rows per table.

    `known` holds what this run's workers computed for the records they wrote, so
    that linking copies needs no second parse of those records.
    """
    parquet_new, parquet_old = out_dir / f"{PARQUET}.tmp", out_dir / f"{PARQUET}.old"
    database_new = out_dir / f"{DATABASE}.tmp"
    # Left by a build that crashed: never in use, safe to remove.
    for leftover in (parquet_new, parquet_old):
        if leftover.exists():
            shutil.rmtree(leftover)
    database_new.unlink(missing_ok=True)
    parquet_new.mkdir()
    counts = _write_parquet(out_dir, parquet_new, known or {})
    _write_database(parquet_new, database_new)
    os.replace(database_new, out_dir / DATABASE)
    # A directory cannot replace a non-empty one in one rename: move the old aside first.
    if (out_dir / PARQUET).exists():
        os.replace(out_dir / PARQUET, parquet_old)
    os.replace(parquet_new, out_dir / PARQUET)
    fsync_directory(out_dir)
    if parquet_old.exists():
        shutil.rmtree(parquet_old)
    return counts
