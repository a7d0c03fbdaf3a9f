"""A batch over the real scraped corpus, read as it is (.jsonl.gz), and what must hold.

    .venv/bin/python bench/realscale.py                 # all of ../shared/realnews (~5-10 min)
    .venv/bin/python bench/realscale.py --limit 2000    # its first 2,000 articles

Runs `vnextract extract CORPUS -o OUT` as a user would, samples the memory of its
process tree as it goes, then checks:

- the command exits 0;
- every input is accounted for: one journal line per non-empty corpus line, each
  `record`, `duplicate` or `quarantined`, and one record line per `record`;
- no quarantine comes from our own code: stage `internal`, a `tag:` stage,
  `validate` or `tables` (an exception). `read`, `limits` and `not_article` are the input's doing;
- memory is flat: the tree's peak PSS over the last fifth of the articles is
  within MEMORY_SLACK of its peak over the middle fifth.

Prints the figures (rate, peak memory, quarantine reasons by stage) and writes
them as JSON (`--json`). Nothing of the corpus's text is kept: reasons are kept
as templates, digits replaced by N.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "realnews" / "articles-dev.jsonl.gz"
SAMPLE_SECONDS = 0.5
MEMORY_SLACK = 1.15  # last fifth's peak / middle fifth's peak
# Stages whose quarantines are the input's doing; any other is a bug of ours.
INPUT_STAGES = ("read", "limits", "not_article")


@dataclass
class Sample:
    seconds: float
    done: int  # journal lines written so far
    rss_mb: float
    pss_mb: float


@dataclass
class Report:
    corpus: str
    inputs: int
    workers: int
    exit_code: int = -1
    seconds: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    records: int = 0
    quarantine_by_stage: dict[str, int] = field(default_factory=dict)
    quarantine_reasons: dict[str, int] = field(default_factory=dict)
    peak_rss_mb: float = 0.0
    peak_pss_mb: float = 0.0
    middle_pss_mb: float = 0.0
    last_pss_mb: float = 0.0
    tables: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.inputs / self.seconds if self.seconds else 0.0


def count_lines(path: Path) -> int:
    with gzip.open(path, "rb") as stream:
        return sum(1 for line in stream if line.strip())


def first_lines(path: Path, count: int, target: Path) -> Path:
    with gzip.open(path, "rb") as source, gzip.open(target, "wb") as sink:
        for number, line in enumerate(source):
            if number >= count:
                break
            sink.write(line)
    return target


def _tree_memory(process: psutil.Process) -> tuple[float, float]:
    rss = pss = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            memory = member.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rss, pss = rss + memory.rss, pss + memory.pss
    return rss / 2**20, pss / 2**20


class _LineCounter:
    """Lines appended to a file since the start, read incrementally."""

    def __init__(self, path: Path) -> None:
        self.path, self.offset, self.lines = path, 0, 0

    def count(self) -> int:
        if self.path.exists():
            with self.path.open("rb") as stream:
                stream.seek(self.offset)
                data = stream.read()
            self.offset += len(data)
            self.lines += data.count(b"\n")
        return self.lines


def run(corpus: Path, out: Path, workers: int) -> tuple[int, float, list[Sample], str]:
    """Exit code, seconds, memory samples and the last lines of stderr of one run."""
    command = [str(ROOT / ".venv" / "bin" / "vnextract"), "extract", str(corpus), "-o",
               str(out), "--workers", str(workers), "--fresh"]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        process, journal, samples = psutil.Process(child.pid), _LineCounter(
            out / "journal.jsonl"), []
        while child.poll() is None:
            try:
                rss, pss = _tree_memory(process)
            except psutil.NoSuchProcess:
                break
            samples.append(Sample(time.perf_counter() - started, journal.count(), rss, pss))
            time.sleep(SAMPLE_SECONDS)
        code = child.wait()
        errors.seek(0)
        tail = errors.read().decode("utf-8", "replace")[-2000:]
    return code, time.perf_counter() - started, samples, tail


def template(reason: str) -> str:
    """A reason without its particulars (numbers, quoted text), to count by kind."""
    reason = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", reason)
    return re.sub(r"\d[\d,.]*", "N", reason)[:90]


def is_ours(stage: str) -> bool:
    return stage not in INPUT_STAGES


def check(report: Report, out: Path, samples: list[Sample]) -> None:
    """Fill the report from OUT and the samples, and list what does not hold."""
    statuses: Counter[str] = Counter()
    keys: set[str] = set()
    for line in (out / "journal.jsonl").read_text("utf-8").splitlines():
        entry = json.loads(line)
        statuses[entry["status"]] += 1
        keys.add(entry["key"])
    report.statuses = dict(statuses)
    with (out / "records.jsonl").open("rb") as stream:
        report.records = sum(1 for _ in stream)
    stages: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    quarantine = out / "quarantine.jsonl"
    for line in quarantine.read_text("utf-8").splitlines() if quarantine.exists() else []:
        entry = json.loads(line)
        stages[entry["stage"]] += 1
        reasons[f"{entry['stage']}: {template(str(entry['reason']))}"] += 1
    report.quarantine_by_stage = dict(stages)
    report.quarantine_reasons = dict(reasons.most_common(15))
    if samples:
        report.peak_rss_mb = max(sample.rss_mb for sample in samples)
        report.peak_pss_mb = max(sample.pss_mb for sample in samples)
        report.middle_pss_mb = max((s.pss_mb for s in samples
                                    if 0.4 <= s.done / report.inputs < 0.6), default=0.0)
        report.last_pss_mb = max((s.pss_mb for s in samples
                                  if 0.8 <= s.done / report.inputs < 1.0), default=0.0)
    failures = report.failures
    if report.exit_code != 0:
        failures.append(f"exit code {report.exit_code}")
    if sum(statuses.values()) != report.inputs or len(keys) != report.inputs:
        failures.append(f"{report.inputs} inputs but {sum(statuses.values())} journal lines "
                        f"({len(keys)} keys)")
    if set(statuses) - {"record", "duplicate", "quarantined"}:
        failures.append(f"unknown statuses: {sorted(statuses)}")
    if report.records != statuses["record"]:
        failures.append(f"{report.records} records for {statuses['record']} 'record' inputs")
    ours = {stage: count for stage, count in stages.items() if is_ours(stage)}
    if ours:
        failures.append(f"quarantined by our own code: {ours}")
    if report.middle_pss_mb and report.last_pss_mb > MEMORY_SLACK * report.middle_pss_mb:
        failures.append(f"memory grew: peak PSS {report.middle_pss_mb:.0f} MB in the middle "
                        f"fifth, {report.last_pss_mb:.0f} MB in the last")


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N lines of the corpus")
    parser.add_argument("--workers", type=int, default=psutil.cpu_count() or 1)
    parser.add_argument("--out", type=Path, help="output directory (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="write the report here as JSON")
    options = parser.parse_args(arguments)
    if not options.corpus.exists():
        print(f"{options.corpus} is absent: nothing to run", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="realscale-") as scratch:
        corpus = options.corpus
        if options.limit:
            corpus = first_lines(corpus, options.limit, Path(scratch) / "corpus.jsonl.gz")
        out = options.out or Path(scratch) / "out"
        report = Report(str(options.corpus), count_lines(corpus), options.workers)
        report.exit_code, report.seconds, samples, tail = run(corpus, out, options.workers)
        check(report, out, samples)
        if report.exit_code != 0:
            print(tail, file=sys.stderr)
    print(summary(report))
    if options.json:
        options.json.write_text(json.dumps({**asdict(report), "rate": report.rate},
                                           ensure_ascii=False, indent=1), "utf-8")
    return 1 if report.failures else 0


def summary(report: Report) -> str:
    lines = [
        f"{report.inputs:,} inputs, {report.workers} workers: exit {report.exit_code}, "
        f"{report.seconds:.1f} s, {report.rate:.1f} articles/s",
        f"statuses {report.statuses}; {report.records:,} records",
        f"peak memory of the process tree: RSS {report.peak_rss_mb:.0f} MB, PSS "
        f"{report.peak_pss_mb:.0f} MB (PSS peak in the middle fifth of the articles "
        f"{report.middle_pss_mb:.0f} MB, in the last {report.last_pss_mb:.0f} MB)",
        f"quarantine by stage: {report.quarantine_by_stage or 'none'}",
        *(f"  {count:6,}  {reason}" for reason, count in report.quarantine_reasons.items()),
        "all checks hold" if not report.failures else "FAILED: " + "; ".join(report.failures),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
