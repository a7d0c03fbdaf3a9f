"""TableSet: every row written once, in order, within the shared memory budget."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractor.batch import table_writer
from extractor.batch.table_writer import BATCH_ROWS, TableSet

SCHEMAS = {
    "wide": pa.schema([("id", pa.int64()), ("text", pa.string())]),
    "narrow": pa.schema([("id", pa.int64()), ("value", pa.float64())]),
}


def test_rows_are_written_once_in_order_and_the_budget_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    budget = 200_000
    monkeypatch.setattr(table_writer, "PENDING_BYTES", budget)
    tables = TableSet(tmp_path, SCHEMAS)
    for number in range(20 * BATCH_ROWS):
        tables.add("wide", {"id": number, "text": "chữ " * (number % 50)})
        if number % 3 == 0:
            tables.add("narrow", {"id": number, "value": number / 7})
        held = sum(writer.pending_bytes for writer in tables.writers.values())
        assert held <= budget, f"{held} bytes held after row {number}"
    counts = tables.close()
    wide = pq.read_table(tmp_path / "wide.parquet")
    narrow = pq.read_table(tmp_path / "narrow.parquet")
    assert counts == {"wide": 20 * BATCH_ROWS, "narrow": len(range(0, 20 * BATCH_ROWS, 3))}
    assert wide.column("id").to_pylist() == list(range(20 * BATCH_ROWS))
    assert narrow.column("id").to_pylist() == list(range(0, 20 * BATCH_ROWS, 3))
    assert wide.column("text").to_pylist()[49] == "chữ " * 49
    # Groups are as large as the budget allows, not one per batch of rows: of two
    # tables over budget, the one written holds at least half of it.
    groups = pq.ParquetFile(tmp_path / "wide.parquet").metadata.num_row_groups
    assert 1 < groups <= wide.nbytes // (budget // 2) + 1 < 20
    assert pq.ParquetFile(tmp_path / "narrow.parquet").metadata.num_row_groups < groups


def test_closing_twice_writes_nothing_more(tmp_path: Path) -> None:
    tables = TableSet(tmp_path, SCHEMAS)
    tables.add("narrow", {"id": 1, "value": 0.5})
    assert tables.close() == {"wide": 0, "narrow": 1}
    assert tables.close() == {"wide": 0, "narrow": 1}
    assert pq.read_table(tmp_path / "narrow.parquet").num_rows == 1
