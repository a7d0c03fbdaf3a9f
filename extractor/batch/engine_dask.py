"""Run tasks on a dask.distributed cluster, with the same bounded in-flight window.

The workers import `extractor` like the local pool does (vnextract must be
installed on every worker machine) and read input files by path, so paths
must be visible to them (shared storage); JSONL lines and stdin travel inline.
The parent alone writes OUT_DIR, so the exactly-once design is unchanged.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import Any

from extractor.batch.inflight import IN_FLIGHT_PER_WORKER
from extractor.batch.inputs import Task
from extractor.batch.outcome import Outcome
from extractor.batch.worker_entry import process
from extractor.settings import Settings


def run_dask(tasks: Iterable[Task], scheduler: str, settings: Settings) -> Iterator[Outcome]:
    """Outcomes of all tasks, in completion order, computed on the cluster at `scheduler`."""
    # distributed ships py.typed but leaves Client and as_completed unannotated, which
    # strict mypy refuses to call; the module is used through an Any handle instead.
    distributed: Any = importlib.import_module("distributed")
    with distributed.Client(scheduler, set_as_default=False) as client:
        threads = sum(client.nthreads().values())
        if threads == 0:
            raise RuntimeError(f"the dask cluster at {scheduler} has no workers")
        limit = threads * IN_FLIGHT_PER_WORKER
        pending = iter(tasks)
        # pure=False: each task is its own job even if two inputs look alike.
        first = [client.submit(process, task, settings, pure=False)
                 for _, task in zip(range(limit), pending, strict=False)]
        if not first:
            return
        # Given the loop, as_completed needs no global default client (we set none).
        running = distributed.as_completed(first, loop=client.loop)
        for future in running:
            outcome: Outcome = future.result()
            future.release()
            yield outcome
            following = next(pending, None)
            if following is not None:
                running.add(client.submit(process, following, settings, pure=False))
