"""The progress bar of `vnextract extract`: articles done, rate and ETA, on terminals only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from extractor.batch.inputs import count_tasks
from extractor.batch.run import Progress as Advance


class RateColumn(ProgressColumn):
    """Articles per second over rich's recent window."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} art/s" if speed else "- art/s", style="progress.data.speed")


@contextmanager
def progress_bar(console: Console, inputs: list[str]) -> Iterator[Advance | None]:
    """A callback advancing a bar, or None when the console is not a terminal (pipes, CI)."""
    if not console.is_terminal:
        yield None
        return
    # Counting is a cheap listing pass (JSONL lines are counted, not parsed); it
    # gives the bar a total, hence an ETA.
    total = count_tasks(inputs) or None
    columns = (TextColumn("articles"), BarColumn(), MofNCompleteColumn(), RateColumn(),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("extract", total=total)
        yield lambda count: bar.advance(task, count)
