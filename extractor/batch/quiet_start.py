"""Imported first by the command line: Ctrl-C while Python loads `vnextract` ends it quietly.

Python turns Ctrl-C into a KeyboardInterrupt traceback from whatever module is
loading; the command's own handling (extractor.batch.interrupts) starts only
once it runs, a few tenths of a second later. Until then, and after it, Ctrl-C
prints one line and exits with code 130. Only in the `vnextract` program: a
Python process that imports extractor.cli (a test, a notebook) keeps its own
Ctrl-C.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType


def _quit(signum: int, frame: FrameType | None) -> None:
    sys.stderr.write("interrupted\n")
    raise SystemExit(130)


if os.path.basename(sys.argv[0]) == "vnextract":
    signal.signal(signal.SIGINT, _quit)
