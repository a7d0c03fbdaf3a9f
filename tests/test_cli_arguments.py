"""Every command says in one line what is wrong with a path it is given, exit code 2.

A missing path, a directory where a file is wanted (and the reverse), an empty
file, a JSON Lines file where an article is wanted, a file over the size limit
(which --max-bytes raises), an office document, swapped `eval` arguments:
never a traceback.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from tests.conftest import ARTICLES, ROOT

runner = CliRunner()


def refused(arguments: list[str], said: str) -> None:
    """The command exits 2 with one line on stderr that says `said`."""
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2, (arguments, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert said in lines[0], lines[0]
    assert "Traceback" not in result.output


@pytest.fixture
def places(tmp_path: Path) -> dict[str, Path]:
    """Paths of every wrong kind."""
    paths = {name: tmp_path / name for name in (
        "empty.txt", "feed.jsonl", "report.docx", "scan.pdf", "big.txt", "empty_dir",
        "records_only", "no_tables", "bad_tables")}
    paths["empty.txt"].write_bytes(b"")
    paths["feed.jsonl"].write_text('{"text": "Hội nghị"}\n', encoding="utf-8")
    paths["report.docx"].write_bytes(b"PK\x03\x04" + b"\0" * 710)
    paths["scan.pdf"].write_bytes(b"%PDF-1.7\n" + b"\0" * 710)
    paths["big.txt"].write_text(ARTICLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("empty_dir", "records_only", "no_tables", "bad_tables"):
        paths[name].mkdir()
    (paths["records_only"] / "records.jsonl").write_bytes(b"")
    (paths["bad_tables"] / "corpus.duckdb").write_bytes(b"not a database" * 100)
    paths["missing"] = tmp_path / "nothing here"
    return paths


def test_show_refuses_what_is_not_one_article(places: dict[str, Path]) -> None:
    for name, said in [("missing", "no such file"), ("empty_dir", "is a directory"),
                       ("empty.txt", "empty: the input has no bytes"),
                       ("feed.jsonl", "is a JSON Lines file"),
                       ("report.docx", "unsupported format: .docx is a Word document"),
                       ("scan.pdf", "unsupported format: .pdf is a PDF document")]:
        refused(["show", str(places[name])], said)
    refused(["show", str(places["big.txt"]), "--max-bytes", "1000"],
            "more than the limit of 1,000 (raise it with --max-bytes)")


def test_show_reads_a_file_over_the_default_limit_when_it_is_raised(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    text = ARTICLES[0].read_text(encoding="utf-8")
    big.write_text(text + "\n" + "Tin, ảnh: Mẫu\n" * 800_000, encoding="utf-8")  # ~14 MB
    refused(["show", str(big)], "read: too large: 14,")
    # Read once the limit is raised; then refused for its characters (Settings.max_chars).
    refused(["show", str(big), "--max-bytes", "20000000"], "limits: ")


@pytest.mark.parametrize("command", ["query", "stats"])
def test_query_and_stats_refuse_what_is_not_a_run(places: dict[str, Path], command: str) -> None:
    sql = ["SELECT 1"] if command == "query" else []
    for name, said in [("missing", "no such file or directory"),
                       ("feed.jsonl", "is a file: give the output directory"),
                       ("no_tables", "corpus.duckdb does not exist"),
                       ("bad_tables", "cannot be opened as a DuckDB database")]:
        refused([command, str(places[name]), *sql], said)
    (places["no_tables"] / "corpus.duckdb").write_bytes(b"")  # an empty file
    refused([command, str(places["no_tables"]), *sql], "cannot be opened as a DuckDB")


def test_report_refuses_what_is_not_a_run(places: dict[str, Path], tmp_path: Path) -> None:
    for name, said in [("missing", "no such file or directory"),
                       ("feed.jsonl", "is a file: give the output directory"),
                       ("empty_dir", "records.jsonl: no records"),
                       ("records_only", "records.jsonl is empty")]:
        refused(["report", str(places[name]), "-o", str(tmp_path / "r.html")], said)
    out = tmp_path / "run"
    out.mkdir()
    (out / "records.jsonl").write_text("{}\n", encoding="utf-8")
    refused(["report", str(out), "-o", str(tmp_path)], "is a directory: give the name")


def test_eval_refuses_swapped_and_wrong_paths(places: dict[str, Path], tmp_path: Path) -> None:
    gold, articles = ROOT / "corpus" / "gold", ROOT / "corpus" / "articles"
    refused(["eval", str(articles), str(gold)], "the arguments look swapped")
    refused(["eval", str(places["missing"]), str(articles)], "no such file or directory")
    refused(["eval", str(gold), str(places["missing"])], "no such file or directory")
    refused(["eval", str(places["feed.jsonl"]), str(articles)], "is a file: GOLD_DIR")
    refused(["eval", str(places["empty_dir"]), str(articles)], "holds no gold files")
    refused(["eval", str(gold), str(places["big.txt"])], "is a file: ARTICLES_DIR")
    one_gold = tmp_path / "gold"
    one_gold.mkdir()
    shutil.copy(sorted(gold.glob("*.json"))[0], one_gold)
    refused(["eval", str(one_gold), str(articles), "--max-bytes", "100"],
            "more than the limit of 100")
    empty = tmp_path / "empty_gold"
    empty.mkdir()
    (empty / f"{sorted(gold.glob('*.json'))[0].stem}.json").write_bytes(b"")
    refused(["eval", str(empty), str(articles)], "cannot be read as JSON")


def test_extract_counts_skipped_files_refuses_office_files_and_takes_max_bytes(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(ARTICLES[0], inputs / "a.txt")
    shutil.copy(ARTICLES[1], inputs / "b.txt")
    (inputs / "minutes.docx").write_bytes(b"PK\x03\x04" + b"\0" * 710)
    (inputs / "notes.csv").write_text("a,b\n", encoding="utf-8")
    named = tmp_path / "named.odt"
    named.write_bytes(b"PK\x03\x04" + b"\0" * 710)
    limit = str(ARTICLES[0].stat().st_size + 1)
    result = runner.invoke(app, ["extract", str(inputs), str(named), "-o", str(tmp_path / "out"),
                                 "--workers", "1", "--max-bytes", limit])
    assert result.exit_code == 0, result.output
    assert "2 files in the directories given were skipped" in result.stderr
    assert "1 .csv" in result.stderr and "1 .docx" in result.stderr
    quarantine = [json.loads(line) for line in
                  (tmp_path / "out" / "quarantine.jsonl").read_text("utf-8").splitlines()]
    reasons = {Path(entry["source"]).name: entry["reason"] for entry in quarantine}
    assert reasons["named.odt"].startswith("unsupported format: .odt is an OpenDocument text")
    too_big = ARTICLES[1].stat().st_size > int(limit)
    assert ("b.txt" in reasons) == too_big and "a.txt" not in reasons
