"""`vnextract query` and `stats`: read-only SQL that cannot leave OUT_DIR."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.research.query import QueryError, check_sql, run_query
from tests.batch_corpus import records, reference_run

REFUSED = [
    "ATTACH 'other.duckdb' AS other",
    "COPY articles TO 'articles.csv'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "EXPORT DATABASE 'dump'",
    "CREATE TABLE t AS SELECT 1",
    "INSERT INTO articles (article_id) VALUES ('x')",
    "DELETE FROM articles",
    "DROP TABLE articles",
    "SET enable_external_access = true",
    "PRAGMA database_list",
    "SELECT 1; DROP TABLE articles",
]


@pytest.mark.parametrize("sql", REFUSED)
def test_anything_but_one_select_is_refused(sql: str) -> None:
    with pytest.raises(QueryError):
        check_sql(sql)


def test_files_outside_out_dir_are_unreachable(tmp_path_factory: pytest.TempPathFactory) -> None:
    _, out, _ = reference_run(tmp_path_factory)
    outside = out.parent / "secret.csv"
    outside.write_text("a\n1\n", encoding="utf-8")
    for path in (outside, out / ".." / "secret.csv"):
        with pytest.raises(QueryError, match="Permission"):
            run_query(out, f"SELECT * FROM read_csv('{path}')")
    inside = run_query(out, "SELECT count(*) FROM "
                            f"read_parquet('{out / 'parquet' / 'articles.parquet'}')")
    assert inside.rows == [(len(records(out)),)]


def test_the_database_cannot_be_written(tmp_path_factory: pytest.TempPathFactory) -> None:
    _, out, _ = reference_run(tmp_path_factory)
    before = (out / "corpus.duckdb").read_bytes()
    with pytest.raises(QueryError):
        run_query(out, "SELECT * FROM articles; DELETE FROM articles")
    assert (out / "corpus.duckdb").read_bytes() == before


def test_missing_database_is_explained(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="does not exist"):
        run_query(tmp_path, "SELECT 1")


def test_cli_formats(tmp_path_factory: pytest.TempPathFactory) -> None:
    _, out, _ = reference_run(tmp_path_factory)
    runner = CliRunner()
    sql = "SELECT article_id, published FROM articles ORDER BY article_id"
    as_json = runner.invoke(app, ["query", str(out), sql, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    rows = json.loads(as_json.stdout)
    assert [row["article_id"] for row in rows] == [r["article_id"] for r in records(out)]
    as_csv = runner.invoke(app, ["query", str(out), sql, "--format", "csv"])
    parsed = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert parsed[0] == ["article_id", "published"] and len(parsed) == len(rows) + 1
    table = runner.invoke(app, ["query", str(out), sql])
    assert table.exit_code == 0 and rows[0]["article_id"] in table.stdout
    refused = runner.invoke(app, ["query", str(out), "COPY articles TO 'x.csv'"])
    assert refused.exit_code == 1 and not (out / "x.csv").exists()


def test_stats_summarise_the_corpus(tmp_path_factory: pytest.TempPathFactory) -> None:
    _, out, _ = reference_run(tmp_path_factory)
    result = CliRunner().invoke(app, ["stats", str(out)])
    assert result.exit_code == 0, result.output
    for title in ("Articles", "Facts per type", "Top indicator units", "Top provinces",
                  "Top units (articles naming them)", "Indicators by category and year"):
        assert title in result.stdout
    provinces = run_query(out, "SELECT DISTINCT coalesce(place_successor_province, "
                               "place_province) FROM articles")
    assert {"Thành phố Hồ Chí Minh", "Thành phố Hà Nội"} <= {row[0] for row in provinces.rows}
    summary = run_query(out, "SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NULL) "
                             "FROM articles")
    total, unique = summary.rows[0]
    assert total == len(records(out)) and unique < total
