"""Real gold (corpus/realgold/): no corpus text committed, every span still cuts the
annotated words, and the scores on the development set stay above their floors.

Reads ../shared/realnews/ and skips cleanly where it is absent (a fresh machine).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.pipeline import extract
from extractor.research.evaluate import GoldError
from extractor.research.realgold import (
    _VALUES,
    evaluate_real,
    gold_items,
    predicted,
    read_corpus,
    span_hash,
    strip_words,
)
from tests.conftest import ROOT

CORPUS = ROOT.parent / "shared" / "realnews" / "articles-dev.jsonl.gz"
SETS = sorted(p for p in (ROOT / "corpus" / "realgold").iterdir() if p.is_dir())
FILES = sorted(f for folder in SETS for f in folder.glob("*.json"))
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/realnews is absent")


def test_committed_gold_holds_offsets_and_values_only() -> None:
    assert len(FILES) >= 60
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert set(data) <= {"id", *_VALUES}, path
        for name, items in data.items():
            if name == "id":
                continue
            for item in items:
                allowed = {"start", "end", "hash", *_VALUES[name]}
                assert set(item) <= allowed, (path, name, item)  # no "text", no notes


def test_strip_words_refuses_offsets_that_do_not_cut_the_words() -> None:
    text = "Bị cáo Nguyễn Văn An bị tuyên phạt 7 năm tù."
    term = text.index("7 năm")
    annotation = {"id": "x", "people": [{"text": "Nguyễn Văn An", "start": 7, "end": 20}],
                  "indicators": [{"text": "7 năm", "start": term, "end": term + 5, "value": 7,
                                  "unit": "năm", "qualifier": "exact"}]}
    stripped = strip_words(annotation, text)
    assert stripped["people"] == [{"start": 7, "end": 20, "hash": span_hash("Nguyễn Văn An")}]
    assert stripped["indicators"][0]["value"] == 7 and "text" not in stripped["indicators"][0]
    annotation["people"][0]["start"] = 8
    with pytest.raises(GoldError, match="do not cut"):
        strip_words(annotation, text)


@needs_corpus
def test_every_span_still_cuts_the_annotated_words() -> None:
    ids = {json.loads(p.read_text(encoding="utf-8"))["id"] for p in FILES}
    texts = read_corpus(CORPUS, ids)
    assert set(texts) == ids
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        gold = gold_items(path, data, texts[data["id"]])  # raises on a changed text
        for items in gold.values():
            for item in items:
                assert item["text"] == texts[data["id"]][item["start"]:item["end"]]


@needs_corpus
def test_a_changed_text_is_refused(tmp_path: Path) -> None:
    path = FILES[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    text = read_corpus(CORPUS, {data["id"]})[data["id"]]
    with pytest.raises(GoldError, match="no longer cuts"):
        changed = "x" + text  # every offset now cuts other words
        if not any(data[name] for name in _VALUES):
            pytest.skip("an empty gold file")
        gold_items(path, data, changed)


_FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))
# The real sets whose errors were read (development sets) keep floors; an unread set
# has none: its first score is its blind figure (docs/quality.md).
_FLOORED = sorted(key for key in _FLOORS if key.startswith("corpus/realgold/"))


@needs_corpus
@pytest.mark.parametrize("gold_set", _FLOORED)
def test_development_sets_stay_above_their_floors(gold_set: str) -> None:
    floor = _FLOORS[gold_set]
    totals = evaluate_real(ROOT / gold_set, CORPUS).totals()
    below = {name: (totals[name].precision, totals[name].recall, wanted)
             for name, wanted in floor.items()
             if (totals[name].precision or 0.0) < wanted["precision"]
             or (totals[name].recall or 0.0) < wanted["recall"]}
    assert below == {}, f"{gold_set} fell below its floors (P, R, floor): {below}"


def test_records_are_reduced_as_the_gold_is_written() -> None:
    """Gold lists a document once per code and an article of law once per (article,
    clause); a reference with a number but no code is no gold document."""
    text = ("Thực hiện Kế hoạch số 12/KH-UBND, Kế hoạch số 12/KH-UBND và Quyết định số 333, "
            "tòa xử theo khoản 2 Điều 134 Bộ luật Hình sự; khoản 2 Điều 134 BLHS quy định rõ.")
    record = extract(text, source="reduced")
    assert len(record.documents) >= 3 and len(record.legal_refs) == 2  # every mention
    documents = predicted(record, "documents")
    assert [item["code"] for item in documents] == ["12/KH-UBND"]
    assert len(predicted(record, "legal_refs")) == 1
