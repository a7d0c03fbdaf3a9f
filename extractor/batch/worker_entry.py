"""The functions the engines hand to worker processes, importable without the pipeline.

The parent pickles references to these; only a worker, when it calls them,
imports `extractor.batch.worker` and with it underthesea, spaCy and the gazetteer.
The parent thus starts in a fraction of the time and memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.batch.inputs import Task
    from extractor.batch.outcome import Outcome
    from extractor.settings import Settings


def process(task: Task, settings: Settings) -> Outcome:
    from extractor.batch import worker

    return worker.process(task, settings)


def process_many(tasks: list[Task], settings: Settings) -> list[Outcome]:
    """Outcomes of several tasks, in their order: one call for the pool to pass."""
    from extractor.batch import worker

    return [worker.process(task, settings) for task in tasks]


def warm_up() -> None:
    from extractor.batch import worker

    worker.warm_up()
