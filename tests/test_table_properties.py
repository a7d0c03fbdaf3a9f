"""Any record the schema accepts goes into every table and reads back as it was.

Records are generated from `schemas/` (tests/record_strategies.py): any Unicode,
numbers of any size, empty lists, every fact type. Each is written to
records.jsonl as the run writes it, the tables are built, and every cell of
every table (parquet and DuckDB) is compared with the record's own value.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.batch.store import TABLES_QUARANTINED, TableBuild
from extractor.batch.tables import (
    ARTICLE_COLUMNS,
    FACT_COLUMNS,
    PLACES_COLUMNS,
    Column,
    table_schemas,
)
from schemas import ArticleRecord
from tests.record_strategies import records

INT64 = range(-(2**63), 2**63)


def build(out: Path, datas: list[dict[str, Any]]) -> dict[str, int]:
    """records.jsonl and journal.jsonl as a run writes them, then the tables."""
    lines = [ArticleRecord.model_validate(data).model_dump_json() for data in datas]
    (out / "records.jsonl").write_text("".join(f"{line}\n" for line in lines), "utf-8")
    journal = [json.dumps({"key": f"k{index}", "source": f"s{index}", "status": "record",
                           "article_id": data["article_id"]}) for index, data in enumerate(datas)]
    (out / "journal.jsonl").write_text("".join(f"{line}\n" for line in journal), "utf-8")
    with TableBuild(out) as tables:
        return tables.finish({})


def _get(source: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        source = source.get(key) if isinstance(source, dict) else None
    return source


def _unstorable(cell: Any, raw: Any, kind: pa.DataType) -> bool:
    """Whether `raw` is beyond the column's type; asserts what the cell holds then."""
    if isinstance(raw, bool) or not isinstance(raw, int):
        return False
    if pa.types.is_floating(kind):
        try:
            float(raw)
        except OverflowError:
            assert cell is None
            return True
        return False
    if pa.types.is_integer(kind) and raw not in INT64:
        assert cell is None
        return True
    return False


def check_cell(cell: Any, raw: Any, column: Column, where: str) -> bool:
    """The cell holds the record's value; True when it could not and is null instead."""
    kind = column.type
    if raw is None:
        assert cell is None, where
    elif _unstorable(cell, raw, kind):
        return True
    elif pa.types.is_floating(kind):
        assert cell == float(raw), where
    elif pa.types.is_date(kind):
        assert cell == dt.date.fromisoformat(raw), where
    elif pa.types.is_string(kind) and isinstance(raw, int | float) and not isinstance(raw, bool):
        assert "e" not in cell and Decimal(cell) == Decimal(repr(raw) if isinstance(
            raw, float) else raw), where  # the exact decimal, never in exponent form
    elif pa.types.is_string(kind) and isinstance(raw, dict | list):
        assert json.loads(cell) == raw, where
    else:
        assert cell == raw, where
    return False


def check_rows(rows: list[dict[str, Any]], sources: list[dict[str, Any]],
               columns: list[Column], where: str) -> int:
    """Every cell of every row against its source; the values stored as null."""
    assert len(rows) == len(sources), where
    nulled = 0
    for index, (row, source) in enumerate(zip(rows, sources, strict=True)):
        for column in columns:
            if column.path:  # not filled from the record (article_id, idx, duplicate_of)
                raw = _get(source, column.path)
                nulled += check_cell(row[column.name], raw, column, f"{where}[{index}]."
                                                                   f"{column.name}")
    return nulled


def check_tables(out: Path, datas: list[dict[str, Any]]) -> None:
    saved = [json.loads(ArticleRecord.model_validate(data).model_dump_json()) for data in datas]
    tables = {name: pq.read_table(out / "parquet" / f"{name}.parquet").to_pylist()
              for name in table_schemas()}
    for record, article in zip(saved, tables["articles"], strict=True):
        nulled = 0
        for name, columns in FACT_COLUMNS.items():
            rows = [row for row in tables[name] if row["article_id"] == record["article_id"]]
            assert [row["idx"] for row in rows] == list(range(len(record[name])))
            nulled += check_rows(rows, record[name], columns[2:], name)
        places = list(((record.get("places") or {}).get("by_text") or {}).values())
        rows = [row for row in tables["places"] if row["article_id"] == record["article_id"]]
        nulled += check_rows(rows, places, PLACES_COLUMNS[1:], "places")
        warnings = article["warnings"]
        nulled += check_rows([{**article, "warnings": record["warnings"]}], [record],
                             ARTICLE_COLUMNS, "articles")
        notes = warnings[len(record["warnings"]):]
        assert warnings[:len(record["warnings"])] == record["warnings"]
        assert len(notes) == nulled and all(note.startswith("tables: ") for note in notes)
    with duckdb.connect(str(out / "corpus.duckdb"), read_only=True) as connection:
        for name, rows in tables.items():
            stored = connection.execute(f'SELECT * FROM "{name}"').fetchall()
            assert stored == [tuple(row.values()) for row in rows], name


@settings(max_examples=30, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])
@given(datas=st.lists(records(), min_size=1, max_size=3,
                      unique_by=lambda data: str(data["article_id"])))
def test_any_record_the_schema_accepts_reads_back_from_every_table(
    tmp_path_factory: Any, datas: list[dict[str, Any]],
) -> None:
    out = tmp_path_factory.mktemp("tables")
    counts = build(out, datas)
    assert counts[TABLES_QUARANTINED] == 0 and not (out / "quarantine.jsonl").exists()
    assert counts["articles"] == len(datas)
    check_tables(out, datas)


def _record(text: str, article_id: str, **fields: Any) -> dict[str, Any]:
    return {"article_id": article_id, "source": f"s-{article_id}", "clean_text": text, **fields}


def _indicator(text: str, figure: str, value: int) -> dict[str, Any]:
    start = text.index(figure)
    return {"text": figure, "start": start, "end": start + len(figure), "sentence": 0,
            "value": value, "unit": "đồng"}


def test_figures_of_real_articles_and_beyond_are_stored_exactly(tmp_path: Path) -> None:
    """The two figures that killed a run over real news, and ints Python will not print."""
    text = "hàng tỷ tỷ USD; 25.873.329.250 tỷ đồng; 9 mũ 5000; 40 tập thể"
    figures = [("hàng tỷ tỷ", 10**18), ("25.873.329.250 tỷ", 25_873_329_250 * 10**9),
               ("9 mũ 5000", 9 * 10**5000)]
    award_start = text.index("40 tập thể")
    data = _record(text, "a" * 16, indicators=[_indicator(text, *item) for item in figures],
                   awards=[{"text": "40 tập thể", "start": award_start, "sentence": 0,
                            "end": award_start + 10, "collectives": 40 * 10**20}])
    counts = build(tmp_path, [data])
    assert counts["indicators"] == 3 and counts[TABLES_QUARANTINED] == 0
    with duckdb.connect(str(tmp_path / "corpus.duckdb"), read_only=True) as connection:
        rows = connection.execute("SELECT value, value_text FROM indicators ORDER BY idx"
                                  ).fetchall()
        exact = connection.execute("SELECT CAST(value_text AS HUGEINT) FROM indicators "
                                   "WHERE idx = 1").fetchall()
        award = connection.execute("SELECT collectives FROM awards").fetchall()
        (warnings,) = connection.execute("SELECT warnings FROM articles").fetchone() or ()
    assert rows[:2] == [(1e18, "1" + "0" * 18), (2.587332925e19, "25873329250" + "0" * 9)]
    assert rows[2] == (None, "9" + "0" * 5000)  # beyond a double: null, exact beside it
    assert exact == [(25_873_329_250 * 10**9,)] and award == [(None,)]
    assert [note.split(" is ")[0] for note in warnings] == [
        "tables: indicators[2].value 900000000000... (5001 digits)",
        "tables: awards[0].collectives 4000000000000000000000"]


def test_very_long_strings_are_stored_whole(tmp_path: Path) -> None:
    text = "Công an phường " * 13_000  # 195,000 characters, near the article limit
    start = len(text) - 15
    data = _record(text, "b" * 16, title="T" * 1_000_000, authors=[], warnings=[],
                   campaigns=[{"text": text[start:], "start": start, "end": len(text),
                               "sentence": 0, "name": "n" * 100_000}])
    build(tmp_path, [data])
    article = pq.read_table(tmp_path / "parquet" / "articles.parquet").to_pylist()[0]
    campaign = pq.read_table(tmp_path / "parquet" / "campaigns.parquet").to_pylist()[0]
    assert article["clean_text"] == text and article["title"] == "T" * 1_000_000
    assert campaign["name"] == "n" * 100_000 and article["authors"] == []


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_a_record_the_tables_cannot_take_is_quarantined_and_the_build_goes_on(
    tmp_path: Path,
) -> None:
    """records.jsonl edited by hand (or a bug of ours): a title that is an object
    (Arrow refuses the row), facts that are not a list (no rows can be made)."""
    good = [_record("Hội nghị", f"{number:016x}") for number in range(3)]
    bad_row = _record("Hội nghị A", "e" * 16, title={"not": "a string"})
    no_rows = _record("Hội nghị B", "f" * 16, indicators=5)
    lines = [json.dumps(item, ensure_ascii=False) for item in [good[0], bad_row, good[1],
                                                               no_rows, good[2]]]
    (tmp_path / "records.jsonl").write_text("".join(f"{line}\n" for line in lines), "utf-8")
    journal = [{"key": f"in{index}", "source": f"s{index}", "status": "record",
                "article_id": json.loads(line)["article_id"]} for index, line in enumerate(lines)]
    journal.append({"key": "in5", "source": "s5", "status": "duplicate", "article_id": "e" * 16})
    (tmp_path / "journal.jsonl").write_text(
        "".join(json.dumps(entry) + "\n" for entry in journal), "utf-8")
    for _ in range(2):  # a second build (a resumed run) finds the same, writes no more
        with TableBuild(tmp_path) as tables:
            counts = tables.finish({})
        assert counts["articles"] == 3 and counts[TABLES_QUARANTINED] == 2
    quarantined = _lines(tmp_path / "quarantine.jsonl")
    assert [(entry["key"], entry["stage"]) for entry in quarantined] == [
        ("in1", "tables"), ("in3", "tables")]
    assert quarantined[0]["reason"].startswith(
        "a row of articles was refused: column title (string)")
    assert quarantined[1]["reason"].startswith("its rows cannot be made: TypeError")
    with duckdb.connect(str(tmp_path / "corpus.duckdb"), read_only=True) as connection:
        statuses = connection.execute("SELECT key, status FROM inputs ORDER BY key").fetchall()
        ids = connection.execute("SELECT article_id FROM articles").fetchall()
    assert statuses == [("in0", "record"), ("in1", "quarantined"), ("in2", "record"),
                        ("in3", "quarantined"), ("in4", "record"), ("in5", "duplicate")]
    assert ids == [(item["article_id"],) for item in good]
