"""A hook for the crash and interrupt tests, off unless VNEXTRACT_TEST_SIGNAL is set.

Those tests must stop a run at an exact point, not race a clock. The variable
reads `SIGNAL@POINT`, for example:

    KILL@records:7   SIGKILL to the run's process group (parent, forkserver, workers)
                     right after the records and quarantine lines of the commit
                     group holding this run's 7th input are on disk, before their
                     journal lines
    INT@journal:3    SIGINT to the group, as a terminal's Ctrl-C, once the group
                     holding this run's 3rd input is journaled
    STOP@start       SIGSTOP to the parent alone, right after the workers' forkserver
                     was started: the test then sends its own Ctrl-C to the group,
                     from outside, and SIGCONT

SIGNAL is KILL, INT or STOP; POINT is `start` (the command line, once the
forkserver is started, while it loads the models), `workers` (the first calls
handed to the local workers), `records:N`, `journal:N` (inputs counted from this
run's first commit) or `tables` (before the tables are finished and put in
place). The hook fires once.
It signals a process group only when the run leads it (a test starts it in a
new session), never a group it merely belongs to.
"""

from __future__ import annotations

import os
import signal

VARIABLE = "VNEXTRACT_TEST_SIGNAL"
_SIGNALS = {"KILL": signal.SIGKILL, "INT": signal.SIGINT, "STOP": signal.SIGSTOP}
_fired = False


def reached(point: str, inputs: int = 0) -> None:
    """Signal as VNEXTRACT_TEST_SIGNAL asks if it names this point (and `inputs` >= its N)."""
    global _fired
    plan = os.environ.get(VARIABLE)
    if not plan or _fired:
        return
    name, _, target = plan.partition("@")
    where, _, count = target.partition(":")
    if where != point or (count and inputs < int(count)):
        return
    _fired = True
    number = _SIGNALS[name]
    if number == signal.SIGSTOP:
        os.kill(os.getpid(), number)
        return
    if os.getpgrp() != os.getpid():
        raise RuntimeError(f"{VARIABLE}={plan}: the run does not lead its process group; "
                           "start it in a new session")
    os.killpg(os.getpgrp(), number)
