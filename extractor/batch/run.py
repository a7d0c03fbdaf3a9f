"""A batch run: inputs -> engine (local processes or dask) -> OUT_DIR, exactly once.

The parent lists inputs lazily, skips keys the journal has (on --resume),
hands the rest to an engine that keeps a bounded number in flight, commits
outcomes in small fsynced groups (extractor.batch.journal) and builds the tables
from what it committed as it goes (extractor.batch.store), so that little is left
to do after the last article. Only the parent writes OUT_DIR.

Ctrl-C stops the run where it stands (extractor.batch.interrupts): outcomes
received are committed, the rest is dropped and the tables are left as they
were; `RunInterrupted` says how many inputs are done, and `--resume` does the
rest. `--add` runs new inputs into a finished OUT_DIR (extractor.batch.manifest).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from extractor.batch import interrupts, testpoint
from extractor.batch.engine_local import run_local
from extractor.batch.inflight import COMMIT_EVERY
from extractor.batch.inputs import Task, iter_tasks
from extractor.batch.journal import CommitCounts, OutputDir
from extractor.batch.manifest import InputSet, finish_batch
from extractor.batch.outcome import Outcome
from extractor.batch.store import TableBuild
from extractor.settings import DEFAULT_SETTINGS, Settings

EngineName = Literal["local", "dask"]


@dataclass
class RunOptions:
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    resume: bool = False
    fresh: bool = False
    add: bool = False  # new inputs into a finished OUT_DIR
    engine: EngineName = "local"
    scheduler: str | None = None
    settings: Settings = DEFAULT_SETTINGS
    commit_every: int = COMMIT_EVERY


@dataclass
class RunSummary:
    records: int = 0
    duplicates: int = 0
    quarantined: int = 0
    internal_errors: int = 0
    skipped: int = 0  # already done in an earlier run (--resume)
    repaired_bytes: int = 0  # torn last lines cut on resume
    tables: dict[str, int] = field(default_factory=dict)

    def add(self, counts: CommitCounts) -> None:
        self.records += counts.records
        self.duplicates += counts.duplicates
        self.quarantined += counts.quarantined
        self.internal_errors += counts.internal_errors


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped the run; what it finished is kept, and --resume does the rest."""

    def __init__(self, done: int, summary: RunSummary) -> None:
        super().__init__(f"interrupted with {done} inputs done")
        self.done = done  # inputs journaled in OUT_DIR, by this run and earlier ones
        self.summary = summary


Progress = Callable[[int], None]  # called with the number of inputs just finished


def _engine(tasks: Iterable[Task], options: RunOptions) -> Generator[Outcome, None, None]:
    """The chosen engine's outcomes; closing this generator closes the engine's."""
    if options.engine == "dask":
        if not options.scheduler:
            raise ValueError("the dask engine needs a scheduler address (--scheduler)")
        from extractor.batch.engine_dask import run_dask

        yield from run_dask(tasks, options.scheduler, options.settings)
        return
    yield from run_local(tasks, options.workers, options.settings)


def run(
    inputs: list[str],
    out_dir: Path,
    options: RunOptions | None = None,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
) -> RunSummary:
    """Process every input into OUT_DIR and build its tables; returns what was done."""
    options = options or RunOptions()
    listed = InputSet.of(inputs)
    output = OutputDir(out_dir, resume=options.resume, fresh=options.fresh,
                       settings=options.settings, inputs=listed, add=options.add)
    summary = RunSummary(repaired_bytes=sum(output.repaired.values()))
    advance = progress or (lambda _: None)
    done = len(output.done_keys)

    def pending() -> Iterator[Task]:
        for task in iter_tasks(inputs, stdin):
            if output.is_done(task.key):
                summary.skipped += 1
                advance(1)
            else:
                yield task

    def commit(ready: list[Outcome]) -> None:
        if ready:
            with interrupts.held():  # a commit is never cut in two by Ctrl-C
                summary.add(output.commit(ready))
                advance(len(ready))

    group: list[Outcome] = []
    try:
        with TableBuild(out_dir) as tables:
            try:
                with closing(_engine(pending(), options)) as outcomes:
                    for outcome in outcomes:
                        group.append(outcome)
                        if len(group) >= options.commit_every:
                            ready, group = group, []
                            commit(ready)
                            # Rows for what was just written, and as many again of the
                            # records of an earlier run (--resume): a backlog never
                            # stalls the workers.
                            tables.catch_up(output.take_signatures(),
                                            limit=2 * options.commit_every)
            finally:
                # Outcomes received are finished work: keep them even when the run
                # stops early (Ctrl-C, a worker killed by the system), so --resume
                # does less.
                try:
                    ready, group = group, []
                    commit(ready)
                finally:
                    done = len(output.done_keys)
                    output.close()
            testpoint.reached("tables")
            summary.tables = tables.finish(output.take_signatures())
        finish_batch(out_dir)
    except KeyboardInterrupt as stop:
        raise RunInterrupted(done, summary) from stop
    except Exception as error:
        if interrupts.requested():  # an error a library raised for the Ctrl-C (DuckDB)
            raise RunInterrupted(done, summary) from error
        raise
    return summary
