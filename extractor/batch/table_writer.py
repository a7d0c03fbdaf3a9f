"""Parquet tables written a row group at a time, all of them within one memory budget.

Rows arrive one at a time, as dicts (extractor.batch.tables). Every BATCH_ROWS rows a
table turns them into Arrow memory, which is compact where dicts are not. When
the tables together hold more than PENDING_BYTES of Arrow data, the table
holding most writes it all as one row group. So the memory held stays under
the budget however large the corpus, reaches it within the first few hundred
articles (so it is the same at 1,000 articles as at a million), and the row
groups stay few and large: a parquet writer keeps each group's metadata until
the file is closed, ~11 KB a group (measured), which grew with the corpus when
every table wrote a group per 1,000 rows.

Rows are made to fit their columns before they come here (extractor.batch.table_values);
a row Arrow still refuses is set aside with the column and the reason
(`TableWriter.refused`), the others of its batch are written, and the build goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extractor.batch.tables import Row

BATCH_ROWS = 256
# Arrow data held by all tables of a build before the largest is written.
PENDING_BYTES = 8 * 2**20
# What Arrow raises for a value its column cannot take (ArrowInvalid is a ValueError,
# ArrowTypeError a TypeError, a lone surrogate a UnicodeEncodeError).
ARROW_VALUE_ERRORS = (pa.ArrowException, ValueError, TypeError, OverflowError)


@dataclass(frozen=True)
class RefusedRow:
    """A row Arrow would not take: its table, its article (or input key) and why."""

    table: str
    article_id: str | None
    key: str | None
    reason: str


def _why_refused(row: Row, schema: pa.Schema) -> str:
    """The first column whose value Arrow refuses, and Arrow's words."""
    for field in schema:
        try:
            pa.array([row.get(field.name)], field.type)
        except ARROW_VALUE_ERRORS as error:
            return f"column {field.name} ({field.type}): {type(error).__name__}: {error}"
    return "Arrow refused the row but none of its values alone"


def use_lean_arrow_allocator() -> None:
    """Make jemalloc (else the system's malloc) Arrow's allocator in this process.

    Arrow's default, mimalloc, took ~12 MB of fresh pages to convert 250 articles
    rows (2 MB of data) and ~50 MB for 1,000, on every conversion; jemalloc took
    ~1 MB and malloc ~4 MB. Those moments were the run's peak memory.
    """
    try:
        pool = pa.jemalloc_memory_pool()
    except NotImplementedError:  # a pyarrow built without jemalloc
        pool = pa.system_memory_pool()
    pa.set_memory_pool(pool)


def release_arrow_memory() -> None:
    # The allocator keeps what each row group freed, and more of it as the row groups
    # add up: measured, the run's table writers held ~40 MB more without this, and the
    # articles pass ~130 MB more at 20,000 articles than at 1,000.
    pa.default_memory_pool().release_unused()


class TableWriter:
    """One parquet file: rows buffered, turned into Arrow batches, written on demand."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.name = path.stem
        self.schema = schema
        self.refused: list[RefusedRow] = []
        self.rows: list[Row] = []
        self.batches: list[pa.Table] = []
        self.pending_bytes = 0
        self.count = 0  # rows written
        self._closed = False
        self._writer = pq.ParquetWriter(path, schema, compression="zstd")

    def add(self, row: Row) -> bool:
        """Buffer a row; True when the buffer just became Arrow memory."""
        self.rows.append(row)
        if len(self.rows) < BATCH_ROWS:
            return False
        self._convert()
        return True

    def _convert(self) -> None:
        if self.rows:
            try:
                batch = pa.Table.from_pylist(self.rows, schema=self.schema)
            except ARROW_VALUE_ERRORS:
                batch = self._convert_one_by_one()
            self.batches.append(batch)
            self.pending_bytes += batch.nbytes
            self.rows = []

    def _convert_one_by_one(self) -> pa.Table:
        """The rows Arrow takes; the others set aside in `refused` with the reason."""
        good: list[Row] = []
        for row in self.rows:
            try:
                pa.Table.from_pylist([row], schema=self.schema)
            except ARROW_VALUE_ERRORS:
                key = row.get("key")
                self.refused.append(RefusedRow(
                    self.name, row.get("article_id"), key if isinstance(key, str) else None,
                    _why_refused(row, self.schema)))
            else:
                good.append(row)
        return pa.Table.from_pylist(good, schema=self.schema)

    def flush(self) -> None:
        """Write everything buffered as one row group."""
        self._convert()
        if self.batches:
            table = pa.concat_tables(self.batches)
            self._writer.write_table(table, row_group_size=table.num_rows)
            self.count += table.num_rows
            self.batches, self.pending_bytes = [], 0
            del table
            release_arrow_memory()

    def close(self) -> None:
        if not self._closed:  # twice when an error stops a build while it closes
            self._closed = True
            self.flush()
            self._writer.close()


class TableSet:
    """The writers of one build, sharing the PENDING_BYTES budget."""

    def __init__(self, directory: Path, schemas: dict[str, pa.Schema]) -> None:
        use_lean_arrow_allocator()
        self.writers = {name: TableWriter(directory / f"{name}.parquet", schema)
                        for name, schema in schemas.items()}

    def add(self, table: str, row: Row) -> None:
        if self.writers[table].add(row):
            self._keep_to_budget()

    def _keep_to_budget(self) -> None:
        while sum(writer.pending_bytes for writer in self.writers.values()) > PENDING_BYTES:
            max(self.writers.values(), key=lambda writer: writer.pending_bytes).flush()

    @property
    def refused(self) -> list[RefusedRow]:
        """Rows Arrow would not take, from every table."""
        return [row for writer in self.writers.values() for row in writer.refused]

    def close(self) -> dict[str, int]:
        """Write what is left and close every file; rows written per table."""
        for writer in self.writers.values():
            writer.close()
        return {name: writer.count for name, writer in self.writers.items()}
