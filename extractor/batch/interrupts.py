"""Ctrl-C in a batch run's parent: the run stops where it stands, never in the middle of a write.

Only the parent sees Ctrl-C: the forkserver and the workers are started with SIGINT
blocked (`engine_local.start_early`), so a worker is never cut off while it sends
a result, which used to leave the parent waiting on a half-written message.

In the parent, `vnextract extract` runs inside `installed()`: the first SIGINT raises
KeyboardInterrupt where the run stands (waiting for results, reading inputs,
building tables), and later ones are only noted, so that the clean-up the first
one started (committing the outcomes received, stopping the workers) cannot be
cut short and leave a traceback. `held()` wraps what must not be cut in two: a
commit of outcomes to the journal. A SIGINT that arrives inside is raised when
the block ends.

Some libraries turn a SIGINT into their own error (DuckDB raises "Query
interrupted"); `requested()` tells the run that such an error is the interruption.

`held()` works without `installed()` too (a run called from Python): it holds back
whatever handler is in place and hands it the signal at the end of the block.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class _State:
    installed = False
    requested = False  # a SIGINT arrived within installed()
    raised = False  # the KeyboardInterrupt for it was raised
    holding = 0  # depth of held() blocks
    pending = False  # a SIGINT arrived inside a held() block


_state = _State()


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    _state.requested = True
    if _state.holding:
        _state.pending = True
    elif not _state.raised:
        _state.raised = True
        raise KeyboardInterrupt


@contextmanager
def installed() -> Iterator[None]:
    """Within the block, Ctrl-C is a clean stop of the run (main thread only)."""
    _state.requested = _state.raised = _state.pending = False
    previous = signal.signal(signal.SIGINT, _on_sigint)
    _state.installed = True
    try:
        yield
    finally:
        _state.installed = False
        signal.signal(signal.SIGINT, previous)


def requested() -> bool:
    """Whether Ctrl-C was pressed within `installed()`."""
    return _state.requested


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def held() -> Iterator[None]:
    """Run the block whole: a SIGINT that arrives inside is raised when it ends."""
    if _state.installed or not _main_thread():
        # Ours is in place, or this is not the main thread (which alone gets signals).
        _state.holding += 1
        try:
            yield
        finally:
            _state.holding -= 1
        if _state.pending and not _state.holding:
            _state.pending = False
            if not _state.raised:
                _state.raised = True
                raise KeyboardInterrupt
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and callable(previous):
        previous(signal.SIGINT, None)
