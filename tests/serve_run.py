"""A finished run of corpus/articles, and `vnextract serve` started on it in a subprocess.

The server is asked for port 0 (the system picks a free one) and says where it
listens on one line of stdout once it answers: the tests wait for that line,
not for a clock (bounded, in case the server hangs before it).
"""

from __future__ import annotations

import json
import selectors
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.batch.run import RunOptions, run
from tests.batch_corpus import build_corpus
from tests.conftest import ROOT

VNEXTRACT = str(Path(sys.executable).parent / "vnextract")
STARTUP_LIMIT = 120.0  # seconds for the "serving at" line; a bound, never a timing check


def finished_run(root: Path) -> Path:
    """The batch tests' mixed corpus (seeds, a copy, syndicated variants, JSONL) run once."""
    out = root / "out"
    run([str(build_corpus(root))], out, RunOptions(workers=1))
    return out


@dataclass
class Server:
    process: subprocess.Popen[str]
    url: str

    def get(self, path: str, **params: str) -> tuple[int, str]:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/") + query,
                                        timeout=60) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def json(self, path: str, **params: str) -> Any:
        status, body = self.get(path, **params)
        assert status == 200, body[:500]
        return json.loads(body)

    def stop(self) -> tuple[int, str]:
        """Ctrl-C, as a terminal sends it; the exit code and what it wrote on stderr."""
        self.process.send_signal(2)  # SIGINT
        _, errors = self.process.communicate(timeout=60)
        return self.process.returncode, errors


@contextmanager
def serving(out: Path, *extra: str) -> Iterator[Server]:
    process = subprocess.Popen([VNEXTRACT, "serve", str(out), "--port", "0", *extra], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            ready = selector.select(STARTUP_LIMIT)
        line = process.stdout.readline() if ready else ""
        if not line.startswith("serving at "):
            process.kill()
            _, errors = process.communicate()
            raise AssertionError(f"serve did not start: {line!r} {errors[-2000:]}")
        yield Server(process, line.split()[2])
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def copy_run(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target
