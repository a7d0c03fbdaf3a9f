"""Throughput and peak memory of `vnextract extract`, beside underthesea alone.

    .venv/bin/python bench/throughput.py                    # a couple of minutes
    .venv/bin/python bench/throughput.py --sizes 1000,20000 # the issue's full sizes

One run reports: articles/s and peak RSS (the process tree, workers included)
of `vnextract extract` with 1 worker and with all workers at the smaller size,
with all workers at the larger size (memory must stay flat); underthesea's
word_tokenize and ner alone over the sentences of the same articles, each in a
process of its own; the ratios the issue sets targets for; and where the time
of one worker goes (cProfile, by module). The corpus is made from
corpus/articles: copies with their title and one figure changed, so every copy
has its own article_id (they are syndicated copies of five stories, which the
tables link). Figures are printed and written to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil
import regex

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "articles").glob("*.txt"))
BIN = Path(sys.executable).parent
_NUMBER = regex.compile(r"\b\d+\b")
SAMPLE_SECONDS = 0.1


@dataclass
class Measure:
    label: str
    articles: int
    seconds: float
    peak_rss_mb: float

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def build_corpus(directory: Path, size: int) -> None:
    """`size` article files: seed copies with the title and one figure changed."""
    directory.mkdir(parents=True)
    texts = [seed.read_text(encoding="utf-8") for seed in SEEDS]
    for number in range(size):
        title, body = texts[number % len(texts)].split("\n", 1)
        numbers = list(_NUMBER.finditer(body))
        if numbers:
            hit = numbers[number % len(numbers)]
            body = f"{body[:hit.start()]}{int(hit.group()) + number}{body[hit.end():]}"
        (directory / f"{number:06d}.txt").write_text(f"{title} ({number})\n{body}",
                                                    encoding="utf-8")


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            continue  # a worker that ended between listing and reading
    return total


def measure(label: str, command: list[str], articles: int) -> Measure:
    """Wall time and peak RSS of the whole process tree of `command`."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, _tree_rss(process))
        except psutil.NoSuchProcess:
            break
        time.sleep(SAMPLE_SECONDS)
    out, err = child.communicate()
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"{label} failed ({child.returncode}): {err.decode()[-2000:]}")
    reported = out.decode().strip().splitlines()
    if reported and reported[-1].startswith("{"):
        seconds = json.loads(reported[-1])["seconds"]  # the baseline times its own loop
    return Measure(label, articles, seconds, peak / 2**20)


def extract_command(corpus: Path, out: Path, workers: int) -> list[str]:
    return [str(BIN / "vnextract"), "extract", str(corpus), "-o", str(out),
            "--workers", str(workers), "--fresh"]


# The baseline runs underthesea on exactly the sentences vnextract segments: each
# article's clean body (after normalisation and furniture removal), split into
# paragraphs and sentences the same way. Raw files hold more, shorter lines
# (captions, menus, comment forms), which would make the baseline look slower.
BASELINE = """
import json, sys, time
from pathlib import Path
from underthesea import sent_tokenize, word_tokenize, ner
from extractor.furniture import split_furniture
from extractor.normalize import normalize
task = {"word_tokenize": word_tokenize, "ner": ner}[sys.argv[1]]
bodies = [split_furniture(normalize(path.read_text(encoding="utf-8")).text).clean_text
          for path in sorted(Path(sys.argv[2]).glob("*.txt"))[: int(sys.argv[3])]]
sentences = [s for body in bodies for line in body.split("\\n") if line.strip()
             for s in sent_tokenize(line)]
task(sentences[0])  # load the model before timing, as a vnextract worker does
started = time.perf_counter()
for sentence in sentences:
    task(sentence)
print(json.dumps({"seconds": time.perf_counter() - started}))
"""

PROFILE = """
import cProfile, collections, json, pstats, sys
from pathlib import Path
from extractor.inputs import read_file
from extractor.pipeline import extract
paths = sorted(Path(sys.argv[1]).glob("*.txt"))[: int(sys.argv[2])]
raws = [read_file(path) for path in paths]
extract(raws[0].text)
profile = cProfile.Profile()
profile.enable()
for raw in raws:
    extract(raw.text, source=raw.source, metadata=raw.metadata)
profile.disable()
stats = pstats.Stats(profile)
by_module = collections.Counter()
for (filename, _, _), (_, _, own, _, _) in stats.stats.items():
    parts = Path(filename).parts
    key = next((".".join(parts[i:])[:-3] for i, part in enumerate(parts)
                if part in ("extractor", "underthesea", "spacy", "pydantic", "regex",
                            "pycrfsuite", "vietnamadminunits")), filename)
    top = ".".join(key.split(".")[:2]) if key.startswith("extractor") else key.split(".")[0]
    by_module[top] += own
total = sum(by_module.values())
print(json.dumps({"total": total, "modules": by_module.most_common(12)}))
"""


def python_command(script: str, *arguments: str) -> list[str]:
    return [sys.executable, "-c", script, *arguments]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,1000",
                        help="two corpus sizes, small,large (default 200,1000; "
                             "the issue's targets are for 1000,20000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--baseline-articles", type=int, default=40,
                        help="articles for word_tokenize, ner and the profile (ner is slow)")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and outputs")
    options = parser.parse_args()
    small, large = (int(size) for size in options.sizes.split(","))
    work = Path(tempfile.mkdtemp(prefix="vnextract-bench-"))
    results: list[Measure] = []
    try:
        for size in (small, large):
            build_corpus(work / f"corpus-{size}", size)
        corpus = work / f"corpus-{small}"
        sample = min(options.baseline_articles, small)
        startup = measure("startup (1 article, 1 worker)",
                          extract_command(SEEDS[0], work / "out-startup", 1), 1)
        one = measure(f"vnextract 1 worker, {small}",
                      extract_command(corpus, work / "out-1", 1), small)
        many = measure(f"vnextract {options.workers} workers, {small}",
                       extract_command(corpus, work / "out-n", options.workers), small)
        big = measure(f"vnextract {options.workers} workers, {large}",
                      extract_command(work / f"corpus-{large}", work / "out-big",
                                      options.workers), large)
        words = measure(f"underthesea word_tokenize, {sample}",
                        python_command(BASELINE, "word_tokenize", str(corpus), str(sample)),
                        sample)
        names = measure(f"underthesea ner, {sample}",
                        python_command(BASELINE, "ner", str(corpus), str(sample)), sample)
        results = [startup, one, many, big, words, names]
        profile = subprocess.run(python_command(PROFILE, str(corpus), str(sample)), cwd=ROOT,
                                 capture_output=True, check=True, text=True)
        where = json.loads(profile.stdout.strip().splitlines()[-1])
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    steady = (small - 1) / max(one.seconds - startup.seconds, 1e-9)
    print(f"{'run':<40} {'articles':>8} {'seconds':>8} {'art/s':>8} {'peak RSS MB':>12}")
    for item in results:
        print(f"{item.label:<40} {item.articles:>8} {item.seconds:>8.1f} {item.rate:>8.2f} "
              f"{item.peak_rss_mb:>12.0f}")
    ratios = {
        "per worker end-to-end / word_tokenize (target >= 0.8)": one.rate / words.rate,
        "per worker, startup excluded / word_tokenize": steady / words.rate,
        "per worker end-to-end / ner (target >= 10)": one.rate / names.rate,
        f"speedup {options.workers} workers / 1 (target ~{options.workers})": many.rate / one.rate,
        f"peak RSS {large} / {small} articles (target ~1)": big.peak_rss_mb / many.peak_rss_mb,
    }
    for name, value in ratios.items():
        print(f"{name:<60} {value:6.2f}")
    print(f"\nwhere one worker's time goes ({sample} articles, {where['total']:.1f} s, "
          "own time by module):")
    for module, seconds in where["modules"]:
        print(f"  {module:<45} {seconds:6.2f} s  {100 * seconds / where['total']:5.1f}%")
    output = ROOT / "bench" / "results"
    output.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (output / f"throughput-{stamp}.json").write_text(json.dumps(
        {"measures": [asdict(item) | {"rate": item.rate} for item in results],
         "ratios": ratios, "profile": where, "cpus": os.cpu_count()}, indent=2))


if __name__ == "__main__":
    main()
