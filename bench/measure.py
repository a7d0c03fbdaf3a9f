"""Running a command and measuring it: wall time, peak memory of its process tree,
and the CPU time of its main process (bench/throughput.py's measures)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SECONDS = 0.1


@dataclass
class Measure:
    label: str
    articles: int
    seconds: float
    peak_rss_mb: float
    peak_pss_mb: float  # shared pages split between the processes sharing them
    main_cpu_seconds: float = 0.0  # the command's own process (vnextract's parent)

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def _tree_memory(process: psutil.Process) -> tuple[int, int]:
    """RSS and PSS summed over the tree. Workers forked from a warm forkserver share
    its model pages: the RSS sum counts them once per process, PSS once in all."""
    rss = pss = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            memory = member.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue  # a worker that ended between listing and reading
        rss += memory.rss
        pss += memory.pss
    return rss, pss


# The vCPU on which the one-worker comparison runs its measured work (see Pinning).
MEASURED_CPU = (os.cpu_count() or 1) - 1


class Pinning:
    """Runs the measured work of the one-worker comparison on one and the same vCPU.

    On this shared VM each vCPU's speed swings on its own: word_tokenize on one vCPU
    and the vnextract worker on the other compare the two vCPUs as much as the two
    programs. So both go to MEASURED_CPU: the baseline process, and vnextract's
    forkserver (its workers inherit the affinity); vnextract's parent, which reads
    inputs and writes outputs while its worker extracts, goes to the other vCPUs.
    """

    def __init__(self, process: psutil.Process, tree: bool) -> None:
        self.process, self.done = process, not tree  # done: nothing left to pin
        others = [cpu for cpu in range(os.cpu_count() or 1) if cpu != MEASURED_CPU]
        process.cpu_affinity(others if tree and others else [MEASURED_CPU])

    def step(self) -> None:
        """Pin the forkserver once it exists (started first thing by `extract`)."""
        if self.done:
            return
        for child in self.process.children():
            with contextlib.suppress(psutil.Error):
                if "forkserver" in " ".join(child.cmdline()):
                    child.cpu_affinity([MEASURED_CPU])
                    self.done = True


def measure(label: str, command: list[str], articles: int, pin: str | None = None) -> Measure:
    """Wall time and peak memory of the whole process tree of `command`, and the CPU
    time of its own process (for vnextract, the parent, which every article passes).

    `pin`: "process" runs it on MEASURED_CPU, "workers" runs vnextract's workers there
    and its parent elsewhere (see Pinning); None leaves placement to the system."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process, peak_rss, peak_pss, main_cpu = psutil.Process(child.pid), 0, 0, 0.0
    pinning = Pinning(process, pin == "workers") if pin else None
    while child.poll() is None:
        try:
            rss, pss = _tree_memory(process)
            times = process.cpu_times()  # the last reading misses < SAMPLE_SECONDS
            main_cpu = max(main_cpu, times.user + times.system)
            if pinning:
                pinning.step()
        except psutil.NoSuchProcess:
            break
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(SAMPLE_SECONDS if pinning is None or pinning.done else 0.01)
    if pinning and not pinning.done:
        raise RuntimeError(f"{label}: vnextract's forkserver was never seen to pin it")
    out, err = child.communicate()
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"{label} failed ({child.returncode}): {err.decode()[-2000:]}")
    reported = out.decode().strip().splitlines()
    if reported and reported[-1].startswith("{"):
        seconds = json.loads(reported[-1])["seconds"]  # the baseline times its own loop
    return Measure(label, articles, seconds, peak_rss / 2**20, peak_pss / 2**20, main_cpu)


def measure_together(label: str, commands: list[list[str]], each: int) -> Measure:
    """Wall time of `commands` run at once (each timing its own loop), and their rate."""
    children = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE) for command in commands]
    seconds = 0.0
    for child in children:
        out, err = child.communicate()
        if child.returncode != 0:
            raise RuntimeError(f"{label} failed ({child.returncode}): {err.decode()[-2000:]}")
        seconds = max(seconds, json.loads(out.decode().strip().splitlines()[-1])["seconds"])
    return Measure(label, each * len(commands), seconds, 0.0, 0.0)
