"""A batch run: inputs -> engine (local processes or dask) -> OUT_DIR, exactly once.

The parent lists inputs lazily, skips keys the journal has (on --resume),
hands the rest to an engine that keeps a bounded number in flight, commits
outcomes in small fsynced groups (extractor.batch.journal) and builds the tables
from what it committed as it goes (extractor.batch.store), so that little is left
to do after the last article. Only the parent writes OUT_DIR.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from extractor.batch.engine_local import run_local
from extractor.batch.inflight import COMMIT_EVERY
from extractor.batch.inputs import Task, iter_tasks
from extractor.batch.journal import CommitCounts, OutputDir
from extractor.batch.outcome import Outcome
from extractor.batch.store import TableBuild
from extractor.settings import DEFAULT_SETTINGS, Settings

EngineName = Literal["local", "dask"]


@dataclass
class RunOptions:
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    resume: bool = False
    fresh: bool = False
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


Progress = Callable[[int], None]  # called with the number of inputs just finished


def _engine(tasks: Iterable[Task], options: RunOptions) -> Iterator[Outcome]:
    if options.engine == "dask":
        if not options.scheduler:
            raise ValueError("the dask engine needs a scheduler address (--scheduler)")
        from extractor.batch.engine_dask import run_dask

        return run_dask(tasks, options.scheduler, options.settings)
    return run_local(tasks, options.workers, options.settings)


def run(
    inputs: list[str],
    out_dir: Path,
    options: RunOptions | None = None,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
) -> RunSummary:
    """Process every input into OUT_DIR and build its tables; returns what was done."""
    options = options or RunOptions()
    output = OutputDir(out_dir, resume=options.resume, fresh=options.fresh,
                       settings=options.settings)
    summary = RunSummary(repaired_bytes=sum(output.repaired.values()))
    advance = progress or (lambda _: None)

    def pending() -> Iterator[Task]:
        for task in iter_tasks(inputs, stdin):
            if output.is_done(task.key):
                summary.skipped += 1
                advance(1)
            else:
                yield task

    group: list[Outcome] = []
    with TableBuild(out_dir) as tables:
        try:
            for outcome in _engine(pending(), options):
                group.append(outcome)
                if len(group) >= options.commit_every:
                    summary.add(output.commit(group))
                    advance(len(group))
                    group = []
                    # Rows for what was just written, and as many again of the records
                    # of an earlier run (--resume): a backlog never stalls the workers.
                    tables.catch_up(output.take_signatures(), limit=2 * options.commit_every)
        finally:
            # Outcomes received are finished work: keep them even when the run stops
            # early (Ctrl-C, a worker killed by the system), so --resume does less.
            try:
                summary.add(output.commit(group))
                advance(len(group))
            finally:
                output.close()
        summary.tables = tables.finish(output.take_signatures())
    return summary
