"""Crash safety of `vnextract extract`: kill -9 and Ctrl-C in any order, resume, outputs in OUT_DIR.

A batch is stopped at exact points (tests/crash_runs.py: the run's own test hook
SIGKILLs its process group there, or stops so that the test sends Ctrl-C to the
group), resumed each time, then resumed to completion; its OUT_DIR must equal
that of an uninterrupted run: same records, the same status for every input
(none a `duplicate` of itself), nothing duplicated, every line of every file
JSON, the same tables. Input names with "..", spaces and newlines, and a JSONL
url like "../../etc/passwd", must not make anything be written outside
OUT_DIR, and are recorded as given.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.crash_runs import (
    INPUTS,
    VNEXTRACT,
    Outputs,
    assert_same_run,
    clean_run,
    command,
    edited,
    interrupted_at,
    journaled,
    killed_at,
    outputs,
    parsed,
)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Outputs]:
    return clean_run(tmp_path_factory)


# (hook point, --commit-every) of each kill: `records:N` kills after the records of
# the group holding this run's Nth input are on disk but before its journal lines,
# which leaves records that no journal line claims (an input redone on resume must
# be journaled `record` again, not `duplicate` of itself).
KILLS = (("records:5", 2), ("journal:4", 3), ("records:7", 1))


def test_killed_three_times_then_resumed_equals_an_uninterrupted_run(
    tmp_path: Path, clean: tuple[Path, Path, Outputs],
) -> None:
    corpus, feed, expected = clean
    crashed = tmp_path / "crashed"
    kills: list[int] = []
    for round_number, (point, every) in enumerate(KILLS):
        extra = ["--workers", "1", "--commit-every", str(every)]
        if round_number:
            extra.append("--resume")
        kills.append(killed_at(command(corpus, feed, crashed, *extra), crashed, point))
    # Each kill came at its point: the journal then held every group before it.
    assert kills == [4, 4 + 6, 4 + 6 + 6], kills
    finished = subprocess.run(command(corpus, feed, crashed, "--workers", "2", "--resume"),
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert f"{kills[-1]} already done" in finished.stderr, finished.stderr
    assert_same_run(outputs(crashed), expected)


def test_kill_9_and_ctrl_c_in_turn_then_resumed_equals_an_uninterrupted_run(
    tmp_path: Path, clean: tuple[Path, Path, Outputs],
) -> None:
    corpus, feed, expected = clean
    out = tmp_path / "out"

    def run(every: int, *extra: str) -> list[str]:
        return command(corpus, feed, out, "--workers", "2", "--commit-every", str(every), *extra)

    first = interrupted_at(run(3), "records:3")  # Ctrl-C inside a commit: it ends whole
    assert first.done == journaled(out) == 3 and "with --resume" in first.stderr
    assert killed_at(run(2, "--resume"), out, "records:4") == 3 + 2
    second = interrupted_at(run(1, "--resume"), "journal:6")
    assert second.done == journaled(out) == 3 + 2 + 6 and "again" in second.stderr
    third = interrupted_at(run(4, "--resume"), "tables")  # every input done, tables not
    assert third.done == journaled(out) == INPUTS
    assert not (out / "parquet").exists() and not (out / "parquet.tmp").exists()
    assert killed_at(run(1, "--resume"), out, "tables") == INPUTS
    finished = subprocess.run(run(2, "--resume"), cwd=ROOT, capture_output=True, text=True,
                              timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert_same_run(outputs(out), expected)


def _listing(root: Path, skip: Path) -> dict[str, str]:
    """Every file and directory under `root` but `skip`, with a hash of each file."""
    found: dict[str, str] = {}
    for directory, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if Path(directory, name) != skip]
        for name in dirs:
            found[str(Path(directory, name))] = "dir"
        for name in files:
            path = Path(directory, name)
            found[str(path)] = ("link" if path.is_symlink() else
                                hashlib.sha256(path.read_bytes()).hexdigest())
    return found


def test_input_names_cannot_make_outputs_escape_out_dir(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    names = ["..txt", "..%2F..%2Fescaped.txt", "name with  spaces .txt", "-o.txt",
             "line\nbreak.txt", "sub/..hidden.txt"]
    for number, name in enumerate(names):
        (inputs / name).write_text(edited(number), encoding="utf-8")
    feed = inputs / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in (
        {"url": "../../etc/passwd", "text": edited(10)},
        {"url": "/tmp/../../root/.bashrc", "text": edited(11)},
        {"url": "file:///etc/shadow", "text": edited(12)},
    )) + "\n", encoding="utf-8")
    dotted = inputs / "sub" / ".." / "name with  spaces .txt"  # a path with "..", as given
    workdir = tmp_path / "cwd" / "deep"  # relative sources would land here if used as paths
    workdir.mkdir(parents=True)
    out = tmp_path / "out dir"
    watched = [Path("/etc/passwd"), Path("/etc/shadow"), Path.home() / ".bashrc"]
    before = _listing(tmp_path, out)
    system_before = {path: path.read_bytes() if path.exists() else None for path in watched}
    done = subprocess.run([VNEXTRACT, "extract", str(inputs), str(dotted), "-o", str(out),
                           "--workers", "2"], cwd=workdir, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert _listing(tmp_path, out) == before  # nothing new, nothing changed outside OUT_DIR
    assert {path: path.read_bytes() if path.exists() else None
            for path in watched} == system_before
    assert sorted(path.name for path in out.iterdir()) == [
        "corpus.duckdb", "journal.jsonl", "parquet", "quarantine.jsonl", "records.jsonl",
        "run.json"]
    journal = parsed(out / "journal.jsonl")
    sources = Counter(str(entry["source"]) for entry in journal)
    given = [str(inputs / name) for name in names]
    urls = ["../../etc/passwd", "/tmp/../../root/.bashrc", "file:///etc/shadow"]
    assert sources == Counter([*given, *urls, str(dotted)]), sources
    # The dotted path names a file of the directory: its key is the resolved path (no
    # ".."), and its text is stored once, the other name being journaled as duplicate.
    (entry,) = [entry for entry in journal if entry["source"] == str(dotted)]
    twin = next(other for other in journal if other["source"] == str(inputs / names[2]))
    assert entry["key"] == twin["key"] == str((inputs / names[2]).resolve())
    assert sorted([str(entry["status"]), str(twin["status"])]) == ["duplicate", "record"]
    records = {str(record["source"]): record for record in parsed(out / "records.jsonl")}
    # The sources as given, not resolved or cleaned; the record of the pair under either name.
    assert set(records) - {str(dotted), given[2]} == set(given + urls) - {given[2]}
    assert len(records) == len(given) + len(urls)
    assert not parsed(out / "quarantine.jsonl")
