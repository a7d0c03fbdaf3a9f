"""In one process, interleaved article by article: extract() beside underthesea alone.

    .venv/bin/python bench/inprocess.py CORPUS_DIR ARTICLES ROUNDS

For each article in turn it times underthesea's word_tokenize over the sentences
of the article's clean body, vnextract's `segment` of that body, and the whole
`extract` of the raw file. Interleaving makes the machine's speed swings (20-40%
on a shared VM) hit all three alike, so their ratios hold steady where separate
runs do not. Prints one JSON line: the medians over rounds of
  - extract / word_tokenize throughput (the in-process form of the 0.8 target),
  - the extraction around segmentation (extract - segment) as a share of
    word_tokenize (the issue's "under a quarter"),
  - segment's own overhead over word_tokenize (sentence split, alignment).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from underthesea import sent_tokenize, word_tokenize

from extractor.furniture import split_furniture
from extractor.normalize import normalize
from extractor.pipeline import extract
from extractor.segment import segment


def main() -> None:
    corpus, count, rounds = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    raws = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))[:count]]
    bodies = [split_furniture(normalize(raw).text).clean_text for raw in raws]
    sentences = [[s for line in body.split("\n") if line.strip() for s in sent_tokenize(line)]
                 for body in bodies]
    extract(raws[0])  # models loaded before timing, as in a warm worker
    clock = time.perf_counter
    results: dict[str, list[float]] = {"throughput": [], "around": [], "segment_overhead": []}
    for _ in range(rounds):
        words = segmented = extracted = 0.0
        for raw, body, article_sentences in zip(raws, bodies, sentences, strict=True):
            started = clock()
            for sentence in article_sentences:
                word_tokenize(sentence)
            words += clock() - started
            started = clock()
            segment(body)
            segmented += clock() - started
            started = clock()
            extract(raw)
            extracted += clock() - started
        results["throughput"].append(words / extracted)
        results["around"].append((extracted - segmented) / words)
        results["segment_overhead"].append(segmented / words - 1)
    print(json.dumps({name: {"median": statistics.median(values), "min": min(values),
                             "max": max(values)} for name, values in results.items()}))


if __name__ == "__main__":
    main()
