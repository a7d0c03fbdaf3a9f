"""docs/dashboards.md: its DuckDB, SQLite and JSON API examples run against a real run.

The blocks marked `tested: duckdb` and `tested: json-api` are taken from the
document as they are and run (Python in-process, JavaScript with node against a
live `vnextract serve`); the SQL given for Metabase and Grafana runs on the
SQLite copy with their parameters filled in. Their answers are compared with
the same question asked of DuckDB.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.research.query import run_query
from extractor.research.serve_db import ensure
from tests.conftest import ROOT
from tests.serve_run import Server, finished_run, serving

DOC = (ROOT / "docs" / "dashboards.md").read_text(encoding="utf-8")
DOC_URL = "http://127.0.0.1:8001"
_BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def blocks(language: str, marker: str) -> list[str]:
    found = [body for lang, body in _BLOCK.findall(DOC) if lang == language and marker in body]
    assert found, f"no {language} block marked {marker!r} in docs/dashboards.md"
    return found


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return finished_run(tmp_path_factory.mktemp("dashboards"))


@pytest.fixture(scope="module")
def server(out: Path) -> Iterator[Server]:
    with serving(out, "--cors") as running:
        yield running


def _coverage(out: Path) -> int:
    return int(run_query(out, "SELECT count(*) FROM indicators JOIN articles USING (article_id) "
                              "WHERE duplicate_of IS NULL AND category = 'coverage_rate'"
                         ).rows[0][0])


def test_the_duckdb_example(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(out.parent)  # the example opens out/corpus.duckdb
    [code] = blocks("python", "tested: duckdb")
    namespace: dict[str, Any] = {}
    exec(compile(code, "docs/dashboards.md", "exec"), namespace)
    assert sum(row[2] for row in namespace["by_province"]) == _coverage(out) > 0


def test_the_json_api_example_in_python(server: Server, out: Path) -> None:
    [code] = blocks("python", "tested: json-api")
    namespace: dict[str, Any] = {}
    exec(compile(code.replace(DOC_URL, server.url.rstrip("/")), "docs/dashboards.md", "exec"),
         namespace)
    assert namespace["figures"] == _coverage(out) > 0


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_json_api_example_in_javascript(server: Server, out: Path, tmp_path: Path) -> None:
    [code] = blocks("javascript", "tested: json-api")
    script = tmp_path / "page.mjs"  # a module: top-level await, as in a <script type=module>
    script.write_text(code.replace(DOC_URL, server.url.rstrip("/")), encoding="utf-8")
    done = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert sum(json.loads(done.stdout).values()) == _coverage(out) > 0
    status, _ = server.get("/corpus/figures_by_province_year.json", category="coverage_rate")
    assert status == 200


def test_the_sql_given_for_metabase_and_grafana_runs_on_the_sqlite_copy(out: Path) -> None:
    database, _ = ensure(out)
    [metabase] = [body for body in blocks("sql", "{{category}}")]
    grafana = [body for lang, body in _BLOCK.findall(DOC.replace("\n  ", "\n"))
               if lang == "sql" and "$category" in body]
    with sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True) as connection:
        rows = connection.execute(metabase.replace("{{category}}", "'coverage_rate'")).fetchall()
        assert sum(row[2] for row in rows) == _coverage(out) > 0
        [series] = grafana
        months = connection.execute(series.replace("$category", "coverage_rate")).fetchall()
    dated = run_query(out, "SELECT count(*) FROM indicators JOIN articles USING (article_id) "
                           "WHERE duplicate_of IS NULL AND category = 'coverage_rate' "
                           "AND published IS NOT NULL").rows[0][0]
    assert sum(row[1] for row in months) == dated
    assert all(isinstance(row[0], int) for row in months)
