"""Run tasks on this machine's cores: a process pool with bounded in-flight work.

Tasks go to the workers TASKS_PER_CALL at a time, and only
`workers * IN_FLIGHT_PER_WORKER` such calls are in flight, so the parent never
holds more than that many articles' tasks, whatever the corpus size (memory
stays flat). Each worker process loads the models once (`warm_up`).
Workers come from a "forkserver" that has imported the pipeline and loaded
the models once (`worker_preload`): they start warm, and share those pages
with it. Plain "fork" is avoided because the parent may run threads (the progress
bar) that a fork would copy in an undefined state.

The forkserver is started with SIGINT blocked, and the workers it forks inherit
that: Ctrl-C reaches the parent alone (extractor.batch.interrupts), never a
worker in the middle of sending a result, and the forkserver prints no
traceback when it comes during start-up. On Ctrl-C the parent stops handing out
calls, waits for those already in the pool's hands (one running in each worker
and at most `workers + 1` queued for them, of TASKS_PER_CALL articles each: the
pool has no way to take them back) and stops the processes.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import multiprocessing.resource_tracker
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING

from extractor.batch import interrupts, testpoint
from extractor.batch.inflight import IN_FLIGHT_PER_WORKER, TASKS_PER_CALL
from extractor.batch.worker_entry import process_many, warm_up

if TYPE_CHECKING:  # types only: this module must stay cheap to import (see start_early)
    from extractor.batch.inputs import Task
    from extractor.batch.outcome import Outcome
    from extractor.settings import Settings


def _context() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["extractor.batch.worker_preload"])
    return context


def start_early() -> None:
    """Start the forkserver now: it loads the models (~2 s) while the caller goes on
    importing what it needs (the tables, the journal), instead of after. Does nothing
    if it runs already."""
    _context()
    # The resource tracker first: starting it unblocks SIGINT again (CPython does the
    # same masking for it), which would undo the mask below.
    multiprocessing.resource_tracker.ensure_running()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def run_local(
    tasks: Iterable[Task], workers: int, settings: Settings, per_call: int = TASKS_PER_CALL,
) -> Iterator[Outcome]:
    """Outcomes of all tasks, in the tasks' order, computed by `workers` processes.

    In order, not as calls complete: when one text comes twice, the first input
    is the one stored and the later one its duplicate, whatever the timing. The
    other calls in flight keep the workers busy while the parent waits for the
    oldest."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    start_early()  # with SIGINT blocked, if the caller has not started it so already
    limit = workers * IN_FLIGHT_PER_WORKER
    work = partial(process_many, settings=settings)
    pending = iter(tasks)
    in_flight: deque[Future[list[Outcome]]] = deque()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=warm_up)
    try:
        exhausted = False
        while True:
            while not exhausted and len(in_flight) < limit:
                chunk = list(islice(pending, per_call))
                if chunk:
                    # Whole: a submit may start a worker, waiting for the forkserver to
                    # finish loading; cut in the middle, it would leave a worker behind.
                    with interrupts.held():
                        in_flight.append(pool.submit(work, chunk))
                exhausted = len(chunk) < per_call
            testpoint.reached("workers")  # the first time: the workers just started
            if not in_flight:
                return
            yield from in_flight.popleft().result()
    finally:
        # On an early stop (Ctrl-C, an error in the parent) queued calls are dropped and
        # the calls a worker holds are waited for (no worker is cut off mid-result);
        # none of them is journaled, so --resume does them again.
        pool.shutdown(wait=True, cancel_futures=True)
        stop_forkserver()


def stop_forkserver(*, now: bool = False) -> None:
    """Stop the forkserver once its workers are gone: alone, it holds all the model
    pages it shared with them (~150 MB), which would otherwise stay in use while the
    parent loads the tables. The next run starts it again. `now` ends it at once, for
    a run stopped while the server still loads the models (it would finish that
    first). CPython has no public call for this; `_stop` is the one its own tests
    use. Where it is missing, the server simply lives until the process exits, as it
    would by default."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    pid = getattr(server, "_forkserver_pid", None)
    if now and isinstance(pid, int):
        with suppress(ProcessLookupError):  # already gone: `_stop` reaps it
            os.kill(pid, signal.SIGTERM)  # our own child, by its id
    stop = getattr(server, "_stop", None)
    if callable(stop):
        stop()
