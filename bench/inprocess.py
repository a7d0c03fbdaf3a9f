"""In one process, interleaved article by article: extract() beside underthesea alone.

    .venv/bin/python bench/inprocess.py CORPUS_DIR ARTICLES ROUNDS
    .venv/bin/python bench/inprocess.py ../shared/realnews/articles-dev.jsonl.gz 300 3

For each article in turn it times underthesea's word_tokenize over the sentences
of the article's clean body, vnextract's `segment` of that body with every word
segmented (what the pipeline did before words were segmented on demand), and the
whole `extract` of the raw file, clocking the time spent inside underthesea's
sent_tokenize and word_tokenize calls. Interleaving makes the machine's speed
swings (20-40% on a shared VM) hit all three alike, so their ratios hold steady
where separate runs do not. Prints one JSON line: the medians over rounds of
  - extract / word_tokenize throughput (the in-process form of the 0.8 target),
  - the extraction around segmentation, extract minus its time in underthesea, as
    a share of word_tokenize (the issue's "under a quarter"),
  - like-for-like: the throughput extract would have if it segmented every word
    (full segment plus the extraction around it) / word_tokenize,
  - segment's own overhead over word_tokenize (sentence split, alignment),
and the share of sentences extract handed to word_tokenize (pieces / sentences).
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

from underthesea import sent_tokenize, word_tokenize

from extractor.pipeline import extract
from extractor.text import segment as segment_module
from extractor.text.furniture import split_furniture
from extractor.text.normalize import normalize
from extractor.text.segment import segment


class _Clocked:
    """Wraps a function, adding up the time spent in it and counting the calls."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function, self.seconds, self.calls = function, 0.0, 0

    def __call__(self, *arguments: Any) -> Any:
        started = time.perf_counter()
        try:
            return self.function(*arguments)
        finally:
            self.seconds += time.perf_counter() - started
            self.calls += 1


def _texts(corpus: Path, count: int) -> list[str]:
    """The first `count` texts of a folder of .txt files, or of a JSON Lines corpus
    (.jsonl or .jsonl.gz, a `text` field a line: ../shared/realnews/articles-dev.jsonl.gz)."""
    if corpus.is_dir():
        return [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))[:count]]
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line, _ in zip(lines, range(count), strict=False)]


def main() -> None:
    corpus, count, rounds = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    raws = _texts(corpus, count)
    bodies = [split_furniture(normalize(raw).text).clean_text for raw in raws]
    sentences = [[s for line in body.split("\n") if line.strip() for s in sent_tokenize(line)]
                 for body in bodies]
    extract(raws[0])  # models loaded before timing, as in a warm worker
    segment(bodies[0]).words.all()
    clock = time.perf_counter
    results: dict[str, list[float]] = {"throughput": [], "around": [], "like_for_like": [],
                                       "segment_overhead": []}
    pieces = 0  # word_tokenize calls made by extract, summed over rounds
    for _ in range(rounds):
        words = full = extracted = inside = 0.0
        for raw, body, article_sentences in zip(raws, bodies, sentences, strict=True):
            started = clock()
            for sentence in article_sentences:
                word_tokenize(sentence)
            words += clock() - started
            started = clock()
            segment(body).words.all()
            full += clock() - started
            # extract's own calls into underthesea, clocked (segment.py's names for them)
            inside_words, inside_sentences = _Clocked(word_tokenize), _Clocked(sent_tokenize)
            with mock.patch.object(segment_module, "word_tokenize", inside_words), \
                    mock.patch.object(segment_module, "sent_tokenize", inside_sentences):
                started = clock()
                extract(raw)
                extracted += clock() - started
            inside += inside_words.seconds + inside_sentences.seconds
            pieces += inside_words.calls
        around = extracted - inside
        results["throughput"].append(words / extracted)
        results["around"].append(around / words)
        results["like_for_like"].append(words / (full + around))
        results["segment_overhead"].append(full / words - 1)
    results["words_share"] = [pieces / rounds / sum(map(len, sentences))]
    print(json.dumps({name: {"median": statistics.median(values), "min": min(values),
                             "max": max(values)} for name, values in results.items()}))


if __name__ == "__main__":
    main()
