"""Runs of `vnextract extract` stopped at exact points, and the outputs to compare after.

A run is stopped by the test hook of extractor.batch.testpoint, never by a
clock: `killed_at` has the run SIGKILL its own process group at a point (kill -9
of everything, as the system or a user would), `interrupted_at` has the parent
stop itself there (SIGSTOP), sends Ctrl-C to the whole group from outside as a
terminal does, and lets the parent go on. The corpus: 36 edited seed articles, a
copy of one, an empty file, and a JSONL feed with a good and a broken line.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from extractor.batch.testpoint import VARIABLE
from tests.batch_corpus import variant
from tests.conftest import ARTICLES, ROOT

VNEXTRACT = str(Path(sys.executable).parent / "vnextract")
ARTICLE_COUNT = 36
INPUTS = ARTICLE_COUNT + 2 + 2  # files, the copy and the empty file, two feed lines
TABLES = ("articles", "dates", "documents", "organizations", "people", "campaigns",
          "indicators", "awards", "places", "syndication", "inputs")
# A hang, not a slow exit: the parent waits for the calls its workers hold (a few small
# articles), which on a loaded machine took 36 s once (0.1-0.3 s on a quiet one). How
# much work a run does after Ctrl-C is what the tests assert (`after_ctrl_c_at_most`).
HANG_SECONDS = 120
INTERRUPTED = re.compile(r"interrupted: (\d+) inputs? done, kept in .+; to finish, run the "
                         r"same command (again|with --resume)\n")


def edited(number: int) -> str:
    """Seed `number % 5` with a new title and, by turns, a paragraph dropped or added."""
    text = variant(ARTICLES[number % len(ARTICLES)].read_text(encoding="utf-8"), number)
    if number % 3 == 1:
        text = text.rstrip("\n").rsplit("\n", 1)[0]
    elif number % 3 == 2:
        text += f"\n\nHội nghị có {number + 40} đại biểu tham dự.\n"
    return text


def make_corpus(root: Path) -> tuple[Path, Path]:
    """36 small articles, a copy of one, an empty file; a feed with a good and a bad line."""
    corpus = root / "corpus"
    corpus.mkdir()
    for number in range(ARTICLE_COUNT):
        (corpus / f"{number:03d}.txt").write_text(edited(number), encoding="utf-8")
    (corpus / "copy_of_000.txt").write_bytes((corpus / "000.txt").read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    feed = root / "feed.jsonl"
    line = {"url": "https://example.vn/1", "text": edited(100)}
    feed.write_text(json.dumps(line, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    return corpus, feed


_CLEAN: dict[str, tuple[Path, Path, Outputs]] = {}


def clean_run(factory: pytest.TempPathFactory) -> tuple[Path, Path, Outputs]:
    """(corpus, feed, outputs) of one uninterrupted run with 2 workers, made once a session."""
    if "run" not in _CLEAN:
        root = factory.mktemp("crash")
        corpus, feed = make_corpus(root)
        subprocess.run(command(corpus, feed, root / "clean", "--workers", "2"), cwd=ROOT,
                       check=True, capture_output=True, timeout=300)
        _CLEAN["run"] = (corpus, feed, outputs(root / "clean"))
    return _CLEAN["run"]


def command(corpus: Path, feed: Path, out: Path, *extra: str) -> list[str]:
    return [VNEXTRACT, "extract", str(corpus), str(feed), "-o", str(out), *extra]


def journaled(out: Path) -> int:
    try:
        return (out / "journal.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def parsed(path: Path, *, torn_allowed: bool = False) -> list[dict[str, object]]:
    """Every line of a JSONL output file as JSON; a crash may tear only the last one."""
    if not path.exists():
        return []
    complete, _, torn = path.read_bytes().rpartition(b"\n")
    assert torn_allowed or not torn, f"{path} ends with a torn line after a clean run"
    return [json.loads(line) for line in complete.split(b"\n")] if complete else []


def _hooked(point: str) -> dict[str, str]:
    return {**os.environ, VARIABLE: point}


def killed_at(run: list[str], out: Path, point: str) -> int:
    """Run `run` until the hook SIGKILLs its process group at `point`; inputs journaled then."""
    done = subprocess.run(run, cwd=ROOT, start_new_session=True, env=_hooked(f"KILL@{point}"),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, f"not killed at {point}: {done.stderr}"
    for name in ("records.jsonl", "quarantine.jsonl", "journal.jsonl"):
        parsed(out / name, torn_allowed=True)  # whole lines, but perhaps the last
    return journaled(out)


def _stopped(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat.rsplit(")", 1)[1].split()[0] == "T"


@dataclass(frozen=True)
class Interrupted:
    done: int  # inputs done, as the run's last line says
    seconds: float  # from Ctrl-C to the exit of the whole process group
    stderr: str


def interrupted_at(run: list[str], point: str) -> Interrupted:
    """Run `run`, stopped by the hook at `point`; Ctrl-C to its group; how it ended."""
    victim = subprocess.Popen(run, cwd=ROOT, start_new_session=True, env=_hooked(f"STOP@{point}"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while not _stopped(victim.pid):  # an event: the parent stopped itself at `point`
            if victim.poll() is not None:
                raise AssertionError(f"the run ended before {point}: {victim.communicate()[1]}")
            time.sleep(0.01)
        os.killpg(victim.pid, signal.SIGINT)  # to everyone, as a terminal's Ctrl-C
        os.kill(victim.pid, signal.SIGCONT)
        start = time.monotonic()
        # stderr closes when the last process holding it ends: the forkserver, workers too.
        _, stderr = victim.communicate(timeout=HANG_SECONDS)
        seconds = time.monotonic() - start
    finally:
        if victim.poll() is None:
            os.killpg(victim.pid, signal.SIGKILL)  # a hang: end it, the assertion says so
            victim.wait()
    assert victim.returncode == 130, (point, victim.returncode, stderr)
    match = INTERRUPTED.fullmatch(stderr)
    assert match, f"at {point}, not the one line expected: {stderr!r}"
    return Interrupted(int(match.group(1)), seconds, stderr)


def after_ctrl_c_at_most(point: str, commit_every: int) -> int:
    """The most inputs a run stopped at `point` may journal after its start: none before
    its first commit; at `records:N` or `journal:N` the group holding its Nth input,
    which a Ctrl-C inside a commit lets end whole, and no group after it; every input
    at `tables`. More would mean it went on working after the Ctrl-C."""
    where, _, count = point.partition(":")
    if where == "tables":
        return INPUTS
    if not count:
        return 0
    groups = -(-int(count) // commit_every)  # ceiling: the group holding input N
    return groups * commit_every


@dataclass(frozen=True)
class Outputs:
    records: dict[str, dict[str, object]]  # by article_id
    quarantine: list[tuple[str, str, str]]  # (key, stage, reason), sorted
    statuses: dict[str, str]  # journal status by key
    tables: dict[str, int]  # rows per table


def outputs(out: Path) -> Outputs:
    """OUT_DIR after a finished run, checked for duplicates and leftovers."""
    records = parsed(out / "records.jsonl")
    quarantine = parsed(out / "quarantine.jsonl")
    journal = parsed(out / "journal.jsonl")
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
        statuses={str(entry["key"]): str(entry["status"]) for entry in journal},
        tables=counts,
    )


def assert_same_run(got: Outputs, expected: Outputs) -> None:
    """The same records, quarantine, status of every input and table sizes."""
    assert got.records == expected.records
    assert len(got.records) == ARTICLE_COUNT + 1  # the copy is stored once
    assert got.quarantine == expected.quarantine
    assert [stage for _, stage, _ in got.quarantine] == ["read", "read"]
    differing = {key: (status, expected.statuses.get(key))
                 for key, status in got.statuses.items() if expected.statuses.get(key) != status}
    assert not differing, differing  # e.g. an input journaled as a duplicate of itself
    assert got.statuses == expected.statuses
    assert got.tables == expected.tables
    assert (got.tables["inputs"], got.tables["articles"]) == (INPUTS, ARTICLE_COUNT + 1)
