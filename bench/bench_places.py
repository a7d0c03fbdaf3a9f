"""Time the place resolver: gazetteer build, and resolve_article_places per seed article.

    .venv/bin/python bench/bench_places.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from extractor.places import article as place_article
from extractor.places import resolve as place_resolve
from extractor.places import resolve_article_places
from extractor.places import scan as place_scan
from extractor.places import words as place_text
from extractor.places.gazetteer import gazetteer
from extractor.text.furniture import split_furniture
from extractor.text.normalize import normalize

ARTICLES = sorted((Path(__file__).resolve().parent.parent / "corpus" / "articles").glob("*.txt"))
ORG_PLACES = ["phường Ninh Khánh", "thành phố Ninh Bình", "TP", "quận 6", "phường"]
ROUNDS = 20


def _clear_place_caches() -> None:
    """Empty every memo of the place modules (the gazetteer itself stays loaded)."""
    for module in (place_article, place_resolve, place_scan, place_text):
        for value in vars(module).values():
            own = getattr(value, "__module__", None) == module.__name__
            if own and hasattr(value, "cache_clear") and value is not gazetteer:
                value.cache_clear()


def main() -> None:
    start = time.perf_counter()
    gazetteer()
    print(f"gazetteer build: {time.perf_counter() - start:.2f} s")
    parts = [split_furniture(normalize(p.read_text(encoding="utf-8")).text) for p in ARTICLES]
    for path, part in zip(ARTICLES, parts, strict=True):
        times = []
        for _ in range(ROUNDS):
            _clear_place_caches()  # as if every place string were new
            start = time.perf_counter()
            resolve_article_places(ORG_PLACES, part.title, part.site, part.published,
                                   part.clean_text)
            times.append(time.perf_counter() - start)
        print(f"{path.name}: {len(part.clean_text):5d} chars, median "
              f"{statistics.median(times) * 1000:.1f} ms, min {min(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
