"""The dask engine beside the local one, in one run, on the same cores and articles.

    .venv/bin/python bench/dask_vs_local.py        # 2,000 real articles, 2 workers, 3 rounds
    .venv/bin/python bench/dask_vs_local.py --limit 500 --rounds 1

Writes the first `--limit` articles of ../shared/realnews/articles-dev.jsonl.gz to
a JSON Lines file (fields `text` and `id`), then, in each round, runs
`vnextract extract` over it as a user would: with `--workers N`, and with
`--engine dask` on a dask LocalCluster of N worker processes of one thread each,
started for the run (its scheduler runs in this process, on the same cores):
once with dask's defaults, once with the workers' profiler off. The engines
take turns going first, since this VM's speed drifts. Each round checks that
every run exits 0 and writes the same records, journal and quarantine, byte for
byte (run it on a checkout nobody edits: a rule changed between two runs of a
round changes their records).

The figure is the local run's seconds over the dask run's: the dask engine's
rate per worker as a share of the local engine's (target >= 0.8). The same
ratio of CPU seconds (every process of each engine: the command and its
workers; the cluster's workers, scheduler and nannies) is printed beside it: it
moves less when other work loads the machine. The dask workers load the models
when they start (`preload: extractor.batch.worker_preload`, as docs/batch.md
tells cluster users) and the cluster's start is timed apart; the local run
includes its own start-up (the forkserver loading the models), so "cold" adds
the cluster's start to the dask run: a first run on a new cluster, and
"marginal" compares what each run costs beyond a run over one article (start-up
and last steps left out on both sides): the rate a long run tends to.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import logging
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "realnews" / "articles-dev.jsonl.gz"
VNEXTRACT = Path(sys.executable).parent / "vnextract"  # the one beside this Python
PRELOAD = "extractor.batch.worker_preload"


@dataclass
class Cost:
    seconds: float = 0.0
    cpu: float = 0.0  # CPU seconds of every process involved

    def __add__(self, other: Cost) -> Cost:
        return Cost(self.seconds + other.seconds, self.cpu + other.cpu)

    def __sub__(self, other: Cost) -> Cost:
        return Cost(self.seconds - other.seconds, self.cpu - other.cpu)


# The dask clusters compared with the local engine: dask's defaults, and the same
# with the workers' statistical profiler off (it samples the running task's stack
# every 10 ms from the worker's event loop, taking the GIL from the task).
CLUSTERS: dict[str, dict[str, object]] = {
    "dask": {},
    "dask, profiler off": {"distributed.worker.profile.enabled": False},
}


@dataclass
class Round:
    order: list[str]  # the engines in the order they ran
    load: float = 0.0  # the machine's 1-minute load average when the round began
    costs: dict[str, Cost] = field(default_factory=dict)
    one_article: dict[str, Cost] = field(default_factory=dict)  # the same run, 1 article
    cluster_starts: dict[str, Cost] = field(default_factory=dict)
    records: int = 0
    differences: list[str] = field(default_factory=list)  # between the engines' outputs

    def ratios(self, cluster: str) -> dict[str, float]:
        """A dask cluster's rate per worker over the local engine's."""
        local, dask = self.costs["local"], self.costs[cluster]
        cold = dask + self.cluster_starts[cluster]
        # Each engine's cost beyond a one-article run: start-up and last steps left out.
        local_more, dask_more = (local - self.one_article["local"],
                                 dask - self.one_article[cluster])
        return {"wall": local.seconds / dask.seconds, "cpu": local.cpu / dask.cpu,
                "cold wall": local.seconds / cold.seconds,
                "marginal wall": local_more.seconds / dask_more.seconds,
                "marginal cpu": local_more.cpu / dask_more.cpu}


@dataclass
class Report:
    articles: int
    workers: int
    preload: bool
    rounds: list[Round] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def write_corpus(source: Path, count: int, target: Path) -> int:
    """The first `count` articles of `source`, as JSON Lines of `text` and `id`."""
    written = 0
    with gzip.open(source, "rt", encoding="utf-8") as lines, target.open(
            "w", encoding="utf-8") as sink:
        for line in lines:
            if written >= count:
                break
            if line.strip():
                article = json.loads(line)
                sink.write(json.dumps({"text": article["text"], "id": article["id"]},
                                      ensure_ascii=False) + "\n")
                written += 1
    return written


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _live_cpu(processes: list[psutil.Process]) -> float:
    return sum(sum(process.cpu_times()[:2]) for process in processes)


def extract(corpus: Path, out: Path, engine_options: list[str]) -> Cost:
    """Seconds and CPU of one `vnextract extract` run (its whole process tree: each
    process reaps its children); raises if it does not exit 0."""
    command = [str(VNEXTRACT), "extract", str(corpus), "-o", str(out), "--fresh",
               *engine_options]
    cpu, started = _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    cost = Cost(time.perf_counter() - started, _cpu(resource.RUSAGE_CHILDREN) - cpu)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: "
                           f"{done.stderr[-1500:]}")
    return cost


def run_dask(corpora: tuple[Path, Path], out: Path, workers: int, preload: bool,
             cluster: str, result: Round) -> None:
    """The run over the corpus, then over its first article, on a new cluster."""
    import dask  # only these runs need it

    # Client and LocalCluster are unannotated: used through an Any handle.
    distributed: Any = importlib.import_module("distributed")

    extra: dict[str, Any] = {"preload": [PRELOAD]} if preload else {}
    own_cpu, started = _cpu(resource.RUSAGE_SELF), time.perf_counter()
    # The nannies hand the configuration of this moment to the worker processes.
    with dask.config.set(CLUSTERS[cluster]), distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=logging.WARNING, **extra) as local_cluster:
        # This process holds the scheduler and the nannies; the workers are its children.
        children = psutil.Process().children(recursive=True)
        result.cluster_starts[cluster] = Cost(
            time.perf_counter() - started,
            _cpu(resource.RUSAGE_SELF) - own_cpu + _live_cpu(children))
        engine = ["--engine", "dask", "--scheduler", local_cluster.scheduler_address]
        for corpus, costs, to in ((corpora[0], result.costs, out),
                                  (corpora[1], result.one_article, out.with_name("one"))):
            own_cpu, children_cpu = _cpu(resource.RUSAGE_SELF), _live_cpu(children)
            cost = extract(corpus, to, engine)
            cost.cpu += (_cpu(resource.RUSAGE_SELF) - own_cpu
                         + _live_cpu(children) - children_cpu)
            costs[cluster] = cost


def output_differences(one: Path, other: Path) -> list[str]:
    """How the output files of two runs differ, if they do (line by line)."""
    found = []
    for name in ("records.jsonl", "journal.jsonl", "quarantine.jsonl"):
        mine, theirs = ((run / name).read_bytes().splitlines() for run in (one, other))
        if mine != theirs:
            differing = sum(1 for a, b in zip(mine, theirs, strict=False) if a != b)
            found.append(f"{other.name} {name}: {differing} of {len(mine)} lines differ, "
                         f"{len(theirs) - len(mine):+d} lines")
    return found


def one_round(corpora: tuple[Path, Path], scratch: Path, number: int, workers: int,
              preload: bool) -> Round:
    engines = ["local", *CLUSTERS]
    turn = number % len(engines)  # each engine goes first in turn
    result = Round(order=engines[turn:] + engines[:turn], load=os.getloadavg()[0])
    outs = {engine: scratch / f"{number}-{engine.replace(', ', '-')}" for engine in engines}
    for engine in result.order:
        if engine == "local":
            local = ["--workers", str(workers)]
            result.costs[engine] = extract(corpora[0], outs[engine], local)
            result.one_article[engine] = extract(corpora[1], scratch / "one", local)
        else:
            run_dask(corpora, outs[engine], workers, preload, engine, result)
        shutil.rmtree(outs[engine] / "parquet")  # tables: not compared, and large
    result.records = len((outs["local"] / "records.jsonl").read_bytes().splitlines())
    for cluster in CLUSTERS:
        result.differences += output_differences(outs["local"], outs[cluster])
    return result


def _ratios(ratios: dict[str, float]) -> str:
    return ", ".join(f"{name} {value:.2f}" for name, value in ratios.items())


def round_lines(number: int, result: Round) -> list[str]:
    lines = [f"round {number} ({' / '.join(result.order)}, load {result.load:.1f}): "
             f"{result.records:,} records, "
             + ("; ".join(result.differences) or "the same output from every engine")]
    for engine, cost in result.costs.items():
        one = result.one_article[engine]
        line = (f"  {engine:20} {cost.seconds:5.1f} s, {cost.cpu:5.1f} s CPU (1 article "
                f"{one.seconds:.1f} s, {one.cpu:.1f} s CPU)")
        if engine in CLUSTERS:
            start = result.cluster_starts[engine]
            line += (f", cluster start {start.seconds:.1f} s\n    dask/local per worker: "
                     f"{_ratios(result.ratios(engine))}")
        lines.append(line)
    return lines


def summary(report: Report) -> str:
    lines = [f"{report.articles:,} real articles, {report.workers} workers each "
             f"(dask workers {'preloaded' if report.preload else 'not preloaded'})"]
    for number, result in enumerate(report.rounds, 1):
        lines += round_lines(number, result)
    for cluster in CLUSTERS if report.rounds else ():
        medians = {name: statistics.median(r.ratios(cluster)[name] for r in report.rounds)
                   for name in report.rounds[0].ratios(cluster)}
        lines.append(f"median {cluster}/local per worker: {_ratios(medians)} (target >= 0.8)")
    lines.append("all checks hold" if not report.failures
                 else "FAILED: " + "; ".join(report.failures))
    return "\n".join(lines)


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-preload", dest="preload", action="store_false",
                        help="dask workers load the models on their first task instead")
    parser.add_argument("--json", type=Path, help="write the report here as JSON")
    options = parser.parse_args(arguments)
    if not options.corpus.exists():
        print(f"{options.corpus} is absent: nothing to run", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="dask-vs-local-") as folder:
        scratch = Path(folder)
        corpora = (scratch / "articles.jsonl", scratch / "one.jsonl")
        report = Report(write_corpus(options.corpus, options.limit, corpora[0]),
                        options.workers, options.preload)
        write_corpus(options.corpus, 1, corpora[1])
        for number in range(options.rounds):
            result = one_round(corpora, scratch, number, options.workers, options.preload)
            report.rounds.append(result)
            report.failures += [f"round {number + 1}: {line}" for line in result.differences]
            print("\n".join(round_lines(number + 1, result)), flush=True)
    print(summary(report))
    if options.json:
        rounds = [{**asdict(r), "ratios": {c: r.ratios(c) for c in CLUSTERS}}
                  for r in report.rounds]
        options.json.write_text(json.dumps({**asdict(report), "rounds": rounds}, indent=1),
                                "utf-8")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
