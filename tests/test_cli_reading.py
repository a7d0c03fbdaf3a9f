"""The command line as a new user reads it, at 80 columns (CliRunner's width).

What a first try found: show's event as a raw dict, `site None`, rule ids cut;
stats headers split mid-word and words that disagree with the report; query's
integers printed as floats; report -o creating a folder silently; --workers
with two defaults and flags with a `--no-` twin.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import extract
from extractor.cli import app
from extractor.research.query import run_query
from tests.batch_corpus import reference_run
from tests.conftest import ARTICLES

runner = CliRunner()


def test_show_reads_every_field_at_80_columns() -> None:
    path = next(path for path in ARTICLES if path.name.startswith("004_"))
    record = extract(path.read_text(encoding="utf-8"), source=str(path))
    shown = runner.invoke(app, ["show", str(path)])
    assert shown.exit_code == 0, shown.output
    text = shown.stdout
    assert "None" not in text and "{'" not in text  # no Python repr of a missing site or event
    assert record.event is not None and f"event: {record.event.kind}" in text
    assert "organisers: " in text and "place: " in text
    lines = [line.strip("│ ") for line in text.splitlines()]
    rules = {item.rule for name in ("dates", "organizations", "indicators")
             for item in getattr(record, name)}
    assert rules and all(any(rule in line for line in lines) for rule in rules)  # ids whole
    assert max(len(line) for line in text.splitlines()) <= 80


def test_stats_read_well_and_agree_with_the_report(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _, out, _ = reference_run(tmp_path_factory)
    result = runner.invoke(app, ["stats", str(out)])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert re.search(r"│ unique_articles\s+│ \d+", text)  # one name, one value, one line
    assert "(none)" not in text and "│ unknown" in text  # the report's word for no category
    assert "Top units (articles naming them)" in text
    top = run_query(out, "SELECT count(DISTINCT article_id) FROM organizations WHERE "
                         "article_id IN (SELECT article_id FROM articles WHERE duplicate_of "
                         "IS NULL) GROUP BY normalized ORDER BY 1 DESC LIMIT 1").rows[0][0]
    section = text.split("Top units (articles naming them)")[1]
    assert re.search(rf"│ {top}\s+│", section)


def test_query_prints_whole_numbers_as_integers(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _, out, _ = reference_run(tmp_path_factory)
    sql = "SELECT value FROM indicators WHERE value = floor(value) ORDER BY value DESC LIMIT 3"
    values = [row[0] for row in run_query(out, sql).rows]
    for output_format in ("table", "csv", "json"):
        result = runner.invoke(app, ["query", str(out), sql, "--format", output_format])
        assert result.exit_code == 0, result.output
        assert all(str(int(value)) in result.stdout for value in values)
        assert not re.search(r"\d\.0\b", result.stdout)


def test_report_says_when_it_creates_the_folder(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path,
) -> None:
    _, out, _ = reference_run(tmp_path_factory)
    target = tmp_path / "new" / "report.html"
    result = runner.invoke(app, ["report", str(out), "-o", str(target)])
    assert result.exit_code == 0 and target.is_file()
    assert f"created the folder {target.parent}" in result.stderr
    again = runner.invoke(app, ["report", str(out), "-o", str(target)])
    assert "created" not in again.stderr


def test_extract_help_has_one_default_per_option() -> None:
    result = runner.invoke(app, ["extract", "--help"], env={"COLUMNS": "120"})
    text = result.stdout
    start = text.index("--workers")
    workers = text[start:text.index("--resume", start)]
    assert "all cores" in workers and "[default:" not in workers
    assert "--no-resume" not in text and "--no-add" not in text and "--no-fresh" not in text
