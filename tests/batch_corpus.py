"""A small mixed input corpus for the batch tests, and one reference run over it.

The corpus: the five seed articles, a second copy of one (same text, other
name: one record), two variants with an edited title (new ids, same body:
syndicated copies), a file that is not UTF-8, and a JSONL file with a good
line (metadata given) and a broken one. The reference run is made once per
session and shared by the batch, store, query and dask tests (read-only).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.batch.run import RunOptions, RunSummary, run
from tests.conftest import ARTICLES

_CACHE: dict[str, tuple[Path, Path, RunSummary]] = {}


def variant(text: str, number: int) -> str:
    """The article with its first line (the title) changed: new article_id, same body."""
    title, rest = text.split("\n", 1)
    return f"{title} (bản {number})\n{rest}"


def build_corpus(root: Path) -> Path:
    corpus = root / "inputs"
    (corpus / "more").mkdir(parents=True)
    for path in ARTICLES:
        (corpus / path.name).write_bytes(path.read_bytes())
    first = ARTICLES[0].read_text(encoding="utf-8")
    (corpus / "more" / "same_as_first.txt").write_text(first, encoding="utf-8")
    for number in (1, 2):
        (corpus / "more" / f"variant_{number}.txt").write_text(variant(first, number),
                                                             encoding="utf-8")
    # Not text at all: legacy encodings are read (tests/test_encoding.py), this is not.
    (corpus / "more" / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    body = ARTICLES[1].read_text(encoding="utf-8").split("\n", 1)[1]
    good = {"url": "https://example.vn/bai-1", "title": "Tiêu đề do trang cung cấp",
            "published": "2021-03-04", "site": "example.vn", "text": body}
    (corpus / "more" / "scraped.jsonl").write_text(
        json.dumps(good, ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    (corpus / "more" / "ignored.csv").write_text("a,b\n", encoding="utf-8")
    return corpus


def reference_run(factory: pytest.TempPathFactory) -> tuple[Path, Path, RunSummary]:
    """(input dir, output dir, summary) of one uninterrupted run with 2 workers."""
    if "run" not in _CACHE:
        root = factory.mktemp("batch")
        corpus = build_corpus(root)
        out = root / "out"
        summary = run([str(corpus)], out, RunOptions(workers=2))
        _CACHE["run"] = (corpus, out, summary)
    return _CACHE["run"]


def records(out: Path) -> list[dict[str, object]]:
    """Records of an output directory, sorted by article_id."""
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted((json.loads(line) for line in lines), key=lambda r: str(r["article_id"]))
