"""Crash safety of `vnextract extract`: repeated kill -9, resume, and outputs kept inside OUT_DIR.

A batch is killed (SIGKILL to its whole process group) at three seeded random
points, resumed each time, then resumed to completion; its OUT_DIR must equal
that of an uninterrupted run: same records, nothing duplicated, every line of
every file JSON, the same tables. Input names with "..", spaces and newlines,
and a JSONL url like "../../etc/passwd", must not make anything be written
outside OUT_DIR, and are recorded as given.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tests.batch_corpus import variant
from tests.conftest import ARTICLES, ROOT

VNEXTRACT = str(Path(sys.executable).parent / "vnextract")
ARTICLE_COUNT = 36
SEED = 20261122
TABLES = ("articles", "dates", "documents", "organizations", "people", "campaigns",
          "indicators", "awards", "places", "syndication", "inputs")


def _edited(number: int) -> str:
    """Seed `number % 5` with a new title and, by turns, a paragraph dropped or added."""
    text = variant(ARTICLES[number % len(ARTICLES)].read_text(encoding="utf-8"), number)
    if number % 3 == 1:
        text = text.rstrip("\n").rsplit("\n", 1)[0]
    elif number % 3 == 2:
        text += f"\n\nHội nghị có {number + 40} đại biểu tham dự.\n"
    return text


def _corpus(root: Path) -> tuple[Path, Path]:
    """36 small articles, a copy of one, an empty file; a feed with a good and a bad line."""
    corpus = root / "corpus"
    corpus.mkdir()
    for number in range(ARTICLE_COUNT):
        (corpus / f"{number:03d}.txt").write_text(_edited(number), encoding="utf-8")
    (corpus / "copy_of_000.txt").write_bytes((corpus / "000.txt").read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    feed = root / "feed.jsonl"
    line = {"url": "https://example.vn/1", "text": _edited(100)}
    feed.write_text(json.dumps(line, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    return corpus, feed


INPUTS = ARTICLE_COUNT + 2 + 2  # files, the copy and the empty file, two feed lines


def _command(corpus: Path, feed: Path, out: Path, *extra: str) -> list[str]:
    return [VNEXTRACT, "extract", str(corpus), str(feed), "-o", str(out), *extra]


def _journaled(out: Path) -> int:
    try:
        return (out / "journal.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _parsed(path: Path, *, torn_allowed: bool = False) -> list[dict[str, object]]:
    """Every line of a JSONL output file as JSON; a crash may tear only the last one."""
    if not path.exists():
        return []
    complete, _, torn = path.read_bytes().rpartition(b"\n")
    assert torn_allowed or not torn, f"{path} ends with a torn line after a clean run"
    return [json.loads(line) for line in complete.split(b"\n")] if complete else []


def _kill_at(command: list[str], out: Path, threshold: int, delay: float) -> int:
    """Start `command`, SIGKILL its process group once `threshold` inputs are journaled
    (plus `delay` seconds); returns how many were journaled at the kill."""
    victim = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _journaled(out) < threshold and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(delay)
    assert victim.poll() is None, f"the run ended before the kill at {threshold} (+{delay:.2f} s)"
    os.killpg(victim.pid, signal.SIGKILL)  # the parent, the forkserver and the workers
    victim.wait()
    return _journaled(out)


@dataclass(frozen=True)
class Outputs:
    records: dict[str, dict[str, object]]  # by article_id
    quarantine: list[tuple[str, str, str]]  # (key, stage, reason), sorted
    statuses: Counter[str]  # journal statuses
    keys: set[str]  # journal keys
    tables: dict[str, int]  # rows per table


def _outputs(out: Path) -> Outputs:
    records = _parsed(out / "records.jsonl")
    quarantine = _parsed(out / "quarantine.jsonl")
    journal = _parsed(out / "journal.jsonl")
    ids = [str(record["article_id"]) for record in records]
    assert len(ids) == len(set(ids)), Counter(ids).most_common(3)
    quarantine_keys = [str(entry["key"]) for entry in quarantine]
    assert len(quarantine_keys) == len(set(quarantine_keys)), quarantine_keys
    journal_keys = [str(entry["key"]) for entry in journal]
    assert len(journal_keys) == len(set(journal_keys)) == INPUTS, Counter(journal_keys)
    assert (out / "parquet").is_dir() and not list(out.glob("*.tmp")) and not list(
        out.glob("*.old"))
    with duckdb.connect(str(out / "corpus.duckdb"), read_only=True) as connection:
        counts = {table: int(connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
                  for table in TABLES}
    return Outputs(
        records={str(record["article_id"]): record for record in records},
        quarantine=sorted((str(e["key"]), str(e["stage"]), str(e["reason"])) for e in quarantine),
        statuses=Counter(str(entry["status"]) for entry in journal),
        keys=set(journal_keys),
        tables=counts,
    )


def test_killed_three_times_then_resumed_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    corpus, feed = _corpus(tmp_path)
    clean, crashed = tmp_path / "clean", tmp_path / "crashed"
    subprocess.run(_command(corpus, feed, clean, "--workers", "2"), cwd=ROOT, check=True,
                   capture_output=True, timeout=300)
    generator = random.Random(SEED)
    kills: list[int] = []
    thresholds: list[int] = []
    for round_number in range(3):
        extra = ["--workers", "1", "--commit-every", str(generator.choice((1, 2, 3)))]
        if round_number:
            extra.append("--resume")
        threshold = (kills[-1] if kills else 0) + generator.randint(2, 9)
        thresholds.append(threshold)
        kills.append(_kill_at(_command(corpus, feed, crashed, *extra), crashed, threshold,
                              generator.uniform(0.0, 0.3)))
        for name in ("records.jsonl", "quarantine.jsonl", "journal.jsonl"):
            _parsed(crashed / name, torn_allowed=True)  # whole lines, but perhaps the last
    # Each run was killed after journaling what it was waited for, before the end.
    assert all(kill >= at for kill, at in zip(kills, thresholds, strict=True)), (kills, thresholds)
    assert kills[-1] < INPUTS, kills
    finished = subprocess.run(_command(corpus, feed, crashed, "--workers", "2", "--resume"),
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert f"{kills[-1]} already done" in finished.stderr, finished.stderr
    expected, got = _outputs(clean), _outputs(crashed)
    assert got.records == expected.records
    assert len(got.records) == ARTICLE_COUNT + 1  # the copy is stored once
    assert got.quarantine == expected.quarantine
    assert [stage for _, stage, _ in got.quarantine] == ["read", "read"]
    assert got.statuses == expected.statuses
    assert got.keys == expected.keys
    assert got.tables == expected.tables
    assert (got.tables["inputs"], got.tables["articles"]) == (INPUTS, ARTICLE_COUNT + 1)


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
        (inputs / name).write_text(_edited(number), encoding="utf-8")
    feed = inputs / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in (
        {"url": "../../etc/passwd", "text": _edited(10)},
        {"url": "/tmp/../../root/.bashrc", "text": _edited(11)},
        {"url": "file:///etc/shadow", "text": _edited(12)},
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
    journal = _parsed(out / "journal.jsonl")
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
    records = {str(record["source"]): record for record in _parsed(out / "records.jsonl")}
    # The sources as given, not resolved or cleaned; the record of the pair under either name.
    assert set(records) - {str(dotted), given[2]} == set(given + urls) - {given[2]}
    assert len(records) == len(given) + len(urls)
    assert not _parsed(out / "quarantine.jsonl")
