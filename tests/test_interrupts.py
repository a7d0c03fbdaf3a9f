"""Ctrl-C at any moment of a batch run: it stops in seconds, says so in one line, keeps its work.

`test_ctrl_c_at_many_moments_then_resume_is_exact` interrupts one OUT_DIR again
and again, each time at a seeded random point (while the forkserver loads the
models, as the workers start, inside a commit, after one, before the tables), with
Ctrl-C sent to the whole process group from outside as a terminal sends it, then
resumes to the end and compares with an uninterrupted run. VNEXTRACT_CTRL_C_MOMENTS
sets how many moments (default 20). The other tests run in this process: the signal held back during
a commit, and an interruption while the tables are written. They send it with
`signal.raise_signal`, to this thread: `os.kill` to the process may be taken by
another thread (a library's), and its handler then runs only a few instructions
later, after the block under test has ended (a failure at random in CI).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.batch import interrupts, store
from extractor.batch.run import RunInterrupted, RunOptions, run
from tests.batch_corpus import build_corpus, records
from tests.conftest import ROOT
from tests.crash_runs import (
    INPUTS,
    after_ctrl_c_at_most,
    assert_same_run,
    clean_run,
    command,
    interrupted_at,
    journaled,
    outputs,
)

SEED = 20261123
MOMENTS = int(os.environ.get("VNEXTRACT_CTRL_C_MOMENTS", "20"))


def _moment(generator: random.Random, pending: int) -> str:
    """A hook point at which a run with `pending` inputs left is sure to arrive: a few
    inputs on, so that the moments spread over the whole corpus."""
    kinds = ["start", "workers", "tables"] + (["records", "journal"] * 3 if pending else [])
    kind = generator.choice(kinds)
    if kind in ("start", "workers", "tables"):
        return kind
    return f"{kind}:{generator.randint(1, min(3, pending))}"


def test_ctrl_c_at_many_moments_then_resume_is_exact(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    corpus, feed, expected = clean_run(tmp_path_factory)
    out = tmp_path / "out"
    generator = random.Random(SEED)
    seen: list[tuple[str, int, float]] = []
    for number in range(MOMENTS):
        point = _moment(generator, INPUTS - journaled(out))
        every = generator.randint(1, 4)
        extra = ["--workers", str(generator.choice((1, 2))), "--commit-every", str(every)]
        before = journaled(out)
        stopped = interrupted_at(command(corpus, feed, out, *extra,
                                         *(["--resume"] if number else [])), point)
        assert stopped.done == journaled(out), (point, stopped)
        # Stopped where it was: no input begun after the Ctrl-C was journaled.
        assert stopped.done - before <= after_ctrl_c_at_most(point, every), (point, before, stopped)
        seen.append((point, stopped.done, round(stopped.seconds, 2)))
    finished = subprocess.run(command(corpus, feed, out, "--workers", "2", "--resume"),
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert_same_run(outputs(out), expected)


@pytest.fixture
def sigint_as_python_leaves_it() -> Iterator[None]:
    """Python's own SIGINT handler in place, as when Python starts from a terminal: a
    process started in the background by a non-interactive shell (`make test &`, a CI
    runner) ignores SIGINT, Python keeps SIG_IGN, and `held()` rightly hands an ignored
    signal to no one. SIGINT must be unblocked in this thread too."""
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set()), "SIGINT blocked"
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("sigint_as_python_leaves_it")
def test_ctrl_c_inside_a_held_block_comes_when_the_block_ends() -> None:
    finished: list[bool] = []
    with pytest.raises(KeyboardInterrupt), interrupts.held():
        signal.raise_signal(signal.SIGINT)
        finished.append(True)  # the block runs to its end first
    assert finished == [True]


@pytest.mark.usefixtures("sigint_as_python_leaves_it")
def test_after_the_first_ctrl_c_later_ones_are_only_noted() -> None:
    before = signal.getsignal(signal.SIGINT)
    with interrupts.installed():
        assert not interrupts.requested()
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
        signal.raise_signal(signal.SIGINT)  # during the clean-up: not raised again
        assert interrupts.requested()
    assert signal.getsignal(signal.SIGINT) is before


def _interrupted_database(how: str) -> None:
    """Stand-in for DuckDB's load, stopped by Ctrl-C the way `how` says."""
    if how == "keyboard-interrupt":
        raise KeyboardInterrupt
    try:  # DuckDB turns the KeyboardInterrupt it sees into its own error
        signal.raise_signal(signal.SIGINT)
    except KeyboardInterrupt as error:
        raise RuntimeError("Query interrupted") from error


@pytest.mark.parametrize("how", ["keyboard-interrupt", "library-error"])
def test_ctrl_c_while_tables_are_written_keeps_the_old_tables_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str,
) -> None:
    corpus = build_corpus(tmp_path)
    out = tmp_path / "out"
    monkeypatch.setattr(store, "_write_database",
                        lambda *_: _interrupted_database(how))
    with interrupts.installed(), pytest.raises(RunInterrupted) as stopped:
        run([str(corpus)], out, RunOptions(workers=2))
    done = journaled(out)
    assert stopped.value.done == done > 0
    assert not (out / "parquet").exists() and not (out / "parquet.tmp").exists()
    monkeypatch.undo()
    resumed = run([str(corpus)], out, RunOptions(workers=1, resume=True))
    assert (resumed.skipped, resumed.records) == (done, 0)
    clean = run([str(corpus)], tmp_path / "clean", RunOptions(workers=2))
    assert records(out) == records(tmp_path / "clean")
    assert resumed.tables == clean.tables
