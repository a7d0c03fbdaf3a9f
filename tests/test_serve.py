"""`vnextract serve`: a finished run in Datasette, driven over HTTP in a subprocess.

The answers are checked against the run's own DuckDB tables: a search finds
the articles whose text holds the words, facets count them, canned queries
give the rows the same question asks of DuckDB, writes are refused.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.research.query import run_query
from extractor.research.serve_db import SQLITE, context, ensure
from tests.conftest import ROOT
from tests.serve_run import VNEXTRACT, Server, finished_run, serving


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return finished_run(tmp_path_factory.mktemp("serve"))


@pytest.fixture(scope="module")
def server(out: Path) -> Iterator[Server]:
    with serving(out) as running:
        yield running


def _ids(sql: str, out: Path) -> set[str]:
    return {str(row[0]) for row in run_query(out, sql).rows}


def test_home_page_lists_the_tables_and_canned_queries(server: Server) -> None:
    status, page = server.get("/corpus")
    assert status == 200
    for name in ("articles", "indicators", "organizations", "Figures of one category by "
                 "province and year", "Who was commended"):
        assert name in page
    status, home = server.get("/")
    assert status == 200 and "vnextract: out" in home


def test_full_text_search_with_a_facet(server: Server, out: Path) -> None:
    found = server.json("/corpus/articles.json", _search="camera an ninh",
                        _facet="province", _shape="objects", _col="title")
    # FTS5 finds the words anywhere in the title or text, in any case, diacritics kept.
    words = " AND ".join(f"regexp_matches(lower(title || ' ' || clean_text), '\\b{word}\\b')"
                         for word in ("camera", "an", "ninh"))
    expected = _ids(f"SELECT article_id FROM articles WHERE {words}", out)
    assert {row["article_id"] for row in found["rows"]} == expected and expected
    facet = {item["value"]: item["count"]
             for item in found["facet_results"]["province"]["results"]}
    provinces = run_query(out, "SELECT coalesce(place_successor_province, place_province) AS p, "
                               "count(*) FROM articles WHERE p IS NOT NULL AND article_id IN "
                               f"({', '.join(repr(i) for i in expected)}) GROUP BY p").rows
    assert facet == dict(provinces) and facet  # Datasette's facets leave nulls out
    # Facts are found by their evidence and its sentence, faceted by category.
    facts = server.json("/corpus/indicators.json", _search="camera an ninh",
                        _facet="category", _shape="objects")
    assert facts["rows"] and all("camera" in row["context"].lower() for row in facts["rows"])
    assert "category" in facts["facet_results"]
    status, page = server.get("/corpus/articles", _search="camera an ninh", _facet="province")
    assert status == 200 and "province" in page


def test_an_article_page_shows_its_facts_and_a_fact_links_to_its_article(
    server: Server, out: Path,
) -> None:
    article_id, title = run_query(out, "SELECT i.article_id, a.title FROM indicators i JOIN "
                                       "articles a USING (article_id) LIMIT 1").rows[0]
    status, page = server.get(f"/corpus/articles/{article_id}")
    assert status == 200 and title in page.replace("&#34;", '"')
    assert f"/corpus/indicators?article_id={article_id}" in page  # "Links from other tables"
    first = server.json("/corpus/indicators.json", article_id=article_id, idx="0",
                        _shape="array", _labels="on")
    assert len(first) == 1 and first[0]["article_id"] == {"value": article_id, "label": title}
    status, fact = server.get(f"/corpus/indicators/{first[0]['rowid']}")
    assert status == 200 and f'href="/corpus/articles/{article_id}"' in fact
    assert first[0]["text"] in first[0]["context"]


def test_canned_queries_answer_in_html_and_json(server: Server, out: Path) -> None:
    status, page = server.get("/corpus/who_was_commended", province="")
    assert status == 200 and "Who was commended" in page
    rows = server.json("/corpus/who_was_commended.json", province="", _shape="array")
    expected = run_query(out, "SELECT count(*) FROM awards JOIN articles USING (article_id) "
                              "WHERE duplicate_of IS NULL").rows[0][0]
    assert len(rows) == expected > 0 and all(row["context"] for row in rows)
    figures = server.json("/corpus/figures_by_province_year.json", category="coverage_rate",
                          _shape="array")
    total = run_query(out, "SELECT count(*) FROM indicators JOIN articles USING (article_id) "
                           "WHERE duplicate_of IS NULL AND category = 'coverage_rate'").rows[0][0]
    assert sum(row["figures"] for row in figures) == total > 0
    cited = server.json("/corpus/articles_citing_programme.json", programme="09/CTr",
                        _shape="array")
    assert cited and all(row["article_id"] for row in cited)
    over_time = server.json("/corpus/unit_figures_over_time.json", unit="Công an",
                            _shape="array")
    dates = [row["published"] for row in over_time if row["published"]]
    assert over_time and dates == sorted(dates)


@pytest.mark.parametrize("sql", [
    "DELETE FROM articles",
    "WITH gone AS (SELECT 1) DELETE FROM articles",
    "SELECT 1; DELETE FROM articles",
    "ATTACH DATABASE '/tmp/x.db' AS x",
])
def test_sql_that_writes_is_refused(server: Server, out: Path, sql: str) -> None:
    status, body = server.get("/corpus.json", sql=sql)
    assert status == 400, body[:300]
    articles = server.json("/corpus.json", sql="SELECT count(*) AS n FROM articles",
                           _shape="array")
    assert articles[0]["n"] == run_query(out, "SELECT count(*) FROM articles").rows[0][0]


def test_ctrl_c_stops_the_server_cleanly(out: Path) -> None:
    with serving(out) as running:
        assert running.url.startswith("http://127.0.0.1:")
        assert running.get("/")[0] == 200
        code, errors = running.stop()
    assert code == 0, errors
    assert errors.strip().splitlines()[-1] == "stopped" and "Traceback" not in errors


def test_another_host_is_warned_about(out: Path) -> None:
    with serving(out, "--host", "0.0.0.0") as running:
        assert running.get("/")[0] == 200
        _, errors = running.stop()
    assert "warning: listening on 0.0.0.0" in errors


@pytest.mark.parametrize("case", ["empty", "unfinished", "missing"])
def test_a_folder_that_is_not_a_finished_run_is_one_line(tmp_path: Path, out: Path,
                                                          case: str) -> None:
    folder = tmp_path / "folder"
    if case != "missing":
        folder.mkdir()
    if case == "unfinished":
        (folder / "corpus.duckdb").write_bytes((out / "corpus.duckdb").read_bytes())
        (folder / "run.json").write_text('{"batches": [{"finished": false}]}', "utf-8")
    done = subprocess.run([VNEXTRACT, "serve", str(folder), "--port", "0"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("error: ") and not done.stdout


def test_the_copy_is_rebuilt_when_the_run_changes_and_never_half_written(out: Path) -> None:
    database, _ = ensure(out)
    assert ensure(out) == (database, False)
    before = database.stat().st_ino
    duckdb_file = out / "corpus.duckdb"
    stat = duckdb_file.stat()
    os.utime(duckdb_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert ensure(out) == (database, True)
    assert database.stat().st_ino != before  # a new file renamed into place
    assert sorted(path.name for path in out.iterdir() if SQLITE in path.name) == [SQLITE]
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        fts = connection.execute("SELECT count(*) FROM articles_fts WHERE articles_fts "
                                 "MATCH 'camera'").fetchone()[0]
    assert {"articles", "indicators", "articles_fts", "indicators_fts"} <= tables and fts


def test_context_is_the_sentence_around_the_mention() -> None:
    assert context("Câu trước. Năm 2020, ", "1.250 vụ", " được xử lý. Câu sau.") == (
        "Năm 2020, 1.250 vụ được xử lý.")
    assert context("\nDòng đầu ", "15%", " cuối") == "Dòng đầu 15% cuối"
    assert re.fullmatch(r"…x+15%", context("x" * 300, "15%", "") or "")


def test_the_map_draws_every_place_offline(server: Server, out: Path) -> None:
    status, page = server.get("/-/map")
    assert status == 200
    places = run_query(out, "SELECT count(*) FROM (SELECT DISTINCT place_name, "
                            "coalesce(place_successor_province, place_province), place_latitude, "
                            "place_longitude FROM articles WHERE duplicate_of IS NULL AND "
                            "place_latitude IS NOT NULL AND place_longitude IS NOT NULL)"
                       ).rows[0][0]
    assert page.count("<circle") == places > 0
    # Nothing from another host: links and the style sheet are the server's own.
    assert set(re.findall(r"https?://[^\"' ]+", page)) == {"http://www.w3.org/2000/svg"}
    assert all(link.startswith("/") for link in re.findall(r'(?:href|src)="([^"]*)"', page))
    assert "Map of places" in server.get("/")[1]
