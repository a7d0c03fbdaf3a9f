"""Batch runs: outputs valid, failures quarantined, duplicates once, crash-safe resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.batch import worker
from extractor.batch.engine_local import run_local
from extractor.batch.inputs import Task
from extractor.batch.journal import OutputDir, OutputDirError, repair_torn_line
from extractor.batch.run import RunOptions, run
from extractor.batch.testpoint import VARIABLE
from extractor.places.gazetteer import gazetteer
from extractor.settings import Settings
from schemas import ArticleRecord
from tests.batch_corpus import records, reference_run, variant
from tests.conftest import ARTICLES, ROOT


def test_records_validate_and_ids_are_unique(tmp_path_factory: pytest.TempPathFactory) -> None:
    _, out, summary = reference_run(tmp_path_factory)
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    parsed = [ArticleRecord.model_validate_json(line) for line in lines]
    ids = [record.article_id for record in parsed]
    assert len(ids) == len(set(ids)) == summary.records
    # 5 seeds + 2 title variants + 1 JSONL article; the copy of a seed is not a record
    assert len(lines) == 8
    for name in ("corpus.duckdb", "parquet/articles.parquet", "journal.jsonl", "run.json"):
        assert (out / name).exists(), name
    assert not list(out.glob("*.tmp"))


def test_failures_are_quarantined_with_stage_and_reason(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _, out, summary = reference_run(tmp_path_factory)
    entries = [json.loads(line) for line in (out / "quarantine.jsonl").read_text().splitlines()]
    by_name = {Path(entry["source"]).name: entry for entry in entries}
    assert by_name["binary.txt"]["stage"] == "read"
    assert "binary content" in by_name["binary.txt"]["reason"]
    assert by_name["scraped.jsonl:2"]["line"] == 2
    assert by_name["scraped.jsonl:2"]["reason"].startswith("line 2: invalid JSON")
    assert summary.internal_errors == 0, entries
    assert len(entries) == summary.quarantined == 2


def test_same_text_twice_is_stored_once(tmp_path_factory: pytest.TempPathFactory) -> None:
    _, out, summary = reference_run(tmp_path_factory)
    journal = [json.loads(line) for line in (out / "journal.jsonl").read_text().splitlines()]
    duplicate = next(entry for entry in journal if entry["source"].endswith("same_as_first.txt"))
    original = next(entry for entry in journal if entry["source"].endswith(ARTICLES[0].name))
    assert duplicate["status"] == "duplicate" and summary.duplicates == 1
    assert duplicate["article_id"] == original["article_id"]
    stored = [record["article_id"] for record in records(out)]
    assert stored.count(original["article_id"]) == 1


def test_metadata_from_jsonl_reaches_the_record(tmp_path_factory: pytest.TempPathFactory) -> None:
    _, out, _ = reference_run(tmp_path_factory)
    scraped = [record for record in records(out) if record["source"] == "https://example.vn/bai-1"]
    assert len(scraped) == 1
    assert scraped[0]["published"] == "2021-03-04"
    assert scraped[0]["title"] == "Tiêu đề do trang cung cấp"


def test_existing_output_is_refused_unless_resume_or_fresh(tmp_path: Path) -> None:
    (tmp_path / "records.jsonl").write_text('{"article_id":"0123456789abcdef"}\n')
    with pytest.raises(OutputDirError, match="--resume"):
        OutputDir(tmp_path, resume=False, fresh=False, settings=Settings())
    resumed = OutputDir(tmp_path, resume=True, fresh=False, settings=Settings())
    assert set(resumed.article_ids) == {"0123456789abcdef"}
    resumed.close()
    with pytest.raises(OutputDirError, match="same settings"):
        OutputDir(tmp_path, resume=True, fresh=False, settings=Settings(strip_furniture=False))
    (tmp_path / "mine.txt").write_text("kept")
    fresh = OutputDir(tmp_path, resume=False, fresh=True, settings=Settings())
    assert len(fresh.article_ids) == 0 and (tmp_path / "mine.txt").exists()
    fresh.close()


def test_torn_last_line_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c": ')
    assert repair_torn_line(path) == len(b'{"c": ')
    assert path.read_bytes() == b'{"a": 1}\n{"b": 2}\n'
    assert repair_torn_line(path) == 0
    path.write_bytes(b"no newline at all")
    repair_torn_line(path)
    assert path.read_bytes() == b""


def _crash_corpus(root: Path) -> Path:
    corpus = root / "many"
    corpus.mkdir()
    for number in range(24):
        seed = ARTICLES[number % len(ARTICLES)].read_text(encoding="utf-8")
        (corpus / f"{number:03d}.txt").write_text(variant(seed, number), encoding="utf-8")
    return corpus


def _journal_lines(out: Path) -> int:
    try:
        return (out / "journal.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_kill_9_then_resume_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = _crash_corpus(tmp_path)
    out = tmp_path / "crashed"
    vnextract = str(Path(sys.executable).parent / "vnextract")
    command = [vnextract, "extract", str(corpus), "-o", str(out), "--workers", "1",
               "--commit-every", "2"]
    # The run SIGKILLs its own process group (parent and workers) once 4 inputs are
    # journaled (extractor.batch.testpoint): at that point, not after a race with a clock.
    victim = subprocess.run(command, cwd=ROOT, start_new_session=True, capture_output=True,
                            env={**os.environ, VARIABLE: "KILL@journal:4"}, timeout=300)
    assert victim.returncode == -signal.SIGKILL, victim.stderr
    done_before = _journal_lines(out)
    assert done_before == 4
    with (out / "records.jsonl").open("ab") as stream:  # as if a write was torn
        stream.write(b'{"schema_version":"1.0","article_id":"torn')
    resumed = run([str(corpus)], out, RunOptions(workers=2, resume=True))
    assert resumed.skipped == done_before and resumed.repaired_bytes > 0
    expected = run([str(corpus)], tmp_path / "clean", RunOptions(workers=2))
    assert records(out) == records(tmp_path / "clean")
    assert len(records(out)) == expected.records == 24
    journal = (out / "journal.jsonl").read_text().splitlines()
    assert len({json.loads(line)["key"] for line in journal}) == 24
    # A second resume has nothing left to do and changes nothing.
    again = run([str(corpus)], out, RunOptions(workers=1, resume=True))
    assert (again.skipped, again.records) == (24, 0)
    assert records(out) == records(tmp_path / "clean")



def test_a_bug_in_a_stage_is_quarantined_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    import extractor.batch.worker as worker
    from extractor.batch.inputs import Task

    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("a tagger divided by zero")

    monkeypatch.setattr(worker, "extract", broken)
    task = Task(key="k", source="s", kind="text", data="Tiêu đề\n\nBài.".encode())
    outcome = worker.process(task)
    assert (outcome.status, outcome.stage) == ("quarantined", "internal")
    assert str(outcome.reason).startswith("ZeroDivisionError: a tagger divided by zero (at ")


def test_a_record_outcome_carries_its_copy_signature() -> None:
    from extractor.batch.inputs import Task
    from extractor.batch.syndication import signature

    task = Task(key="k", source="s", kind="text", data=ARTICLES[0].read_bytes())
    outcome = worker.process(task)
    record = ArticleRecord.model_validate_json(str(outcome.record_json))
    expected = signature(record.clean_text)
    assert expected is not None and outcome.signature == expected.tobytes()


def test_progress_bar_stays_quiet_off_a_terminal() -> None:
    import io

    from rich.console import Console

    from extractor.batch.progress import progress_bar

    stream = io.StringIO()
    with progress_bar(Console(file=stream, force_terminal=False), ["corpus"]) as advance:
        assert advance is None
    assert stream.getvalue() == ""
    with progress_bar(Console(file=stream, force_terminal=True), [str(ARTICLES[0])]) as advance:
        assert advance is not None
        advance(1)
    assert "1/1" in stream.getvalue()


def test_warm_up_builds_the_gazetteer_so_forked_workers_share_it() -> None:
    # Built lazily, the gazetteer cost each worker ~0.8 s on its first article with a
    # place, and a private copy of its memory.
    gazetteer.cache_clear()
    worker.warm_up()
    assert gazetteer.cache_info().currsize == 1


def test_warm_up_loads_the_word_model_so_forked_workers_share_it() -> None:
    # Words are segmented only where a rule asks; a warm-up text that asks nowhere
    # would leave each worker to load underthesea's CRF on its own first article.
    script = ("import underthesea.pipeline.word_tokenize as words; "
              "from extractor.batch import worker; worker.warm_up(); "
              "print(words.word_tokenize_model is not None)")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, cwd=ROOT).stdout.strip()
    assert loaded == "True"


def test_the_command_line_loads_no_heavy_module_before_the_workers_start() -> None:
    # `vnextract extract` starts the forkserver first; whatever the command line and
    # engine_local import before that delays every run's start-up.
    script = ("import sys, extractor.cli, extractor.batch.engine_local; "
              "print(sorted(name for name in "
              "('duckdb', 'pyarrow', 'underthesea', 'spacy', 'pydantic', 'numpy', 'schemas') "
              "if name in sys.modules))")
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True, cwd=ROOT).stdout.strip()
    assert found == "[]"


@pytest.mark.parametrize("per_call", [1, 3, 7])
def test_local_engine_gives_every_task_once_whatever_the_call_size(per_call: int) -> None:
    # Tasks travel to the workers several at a time: a last, shorter call and a call
    # size dividing the tasks exactly must both end with every task done once, and
    # the outcomes come in the tasks' order, so the first of two equal texts is kept.
    tasks = [Task(key=f"k{number}", source=f"s{number}", kind="text",
                  data=f"Tiêu đề {number}\n\nCông an phường họp {number} lần.".encode())
             for number in range(7)]
    outcomes = list(run_local(tasks, 2, Settings(), per_call=per_call))
    assert [outcome.key for outcome in outcomes] == [task.key for task in tasks]  # in order
    assert {outcome.status for outcome in outcomes} == {"record"}
