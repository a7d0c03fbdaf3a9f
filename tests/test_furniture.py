"""Furniture: metadata found and removed, on the case file and on every seed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from extractor.resources.loader import load_resource
from extractor.text.furniture import split_furniture
from extractor.text.normalize import normalize
from schemas import ArticleRecord

CASES: list[dict[str, Any]] = load_resource("furniture.cases.yaml")["cases"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_furniture_case(case: dict[str, Any]) -> None:
    parts = split_furniture(normalize(case["text"]).text)
    assert parts.title == case["title"]
    expected_date = case["published"] and dt.date.fromisoformat(case["published"])
    assert parts.published == (expected_date or None)
    assert parts.site == case["site"]
    assert parts.authors == case["authors"]
    # The headline opens clean_text as its own paragraph; the body follows it.
    head, body = parts.clean_text[: parts.body_start], parts.clean_text[parts.body_start:]
    assert head == (f"{parts.title}\n\n" if parts.title and body else parts.title or "")
    assert body.startswith(case["body_starts"])
    assert body.endswith(case["body_ends"])
    for text in case.get("absent", []):
        assert text not in parts.clean_text
    for text in case.get("present", []):
        assert text in parts.clean_text


SEEDS = {
    "000_6c945006f4a0331c": (None, None, ["Ân Nghĩa", "Đức Lam"], "Phường Ninh Khánh tổng kết"),
    "001_b5187793cd5c9867": (None, None, ["Trần Dũng"], "Thành phố Ninh Bình triển khai"),
    "002_4b12d34416c25f2a": ("2020-01-15", "HNP", ["Thu Uyên"], "Sơ kết 5 năm"),
    "003_df913277e43bafcc": ("2019-09-03", "Congannghean.vn", ["Phan Tuyết"], "Nâng cao hiệu quả"),
    "004_cfd91834e9c0c6ae": ("2018-10-30", None, ["Công an quận 6"], "Ủy ban mặt trận"),
}
FURNITURE = ("Viết bình luận", "Các bài mới đăng", "Các tin đã đưa", "To Top", "Họ tên",
             "GMT+7", "Congannghean.vn", "Các đại biểu tham dự Hội nghị", "Đức Lam")


@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_seed_metadata(stem: str, seed_records: dict[str, ArticleRecord]) -> None:
    record = seed_records[stem]
    published, site, authors, title_start = SEEDS[stem]
    assert record.published == (dt.date.fromisoformat(published) if published else None)
    assert record.site == site
    assert record.authors == authors
    assert record.title is not None and record.title.startswith(title_start)
    body = record.clean_text[record.body_start:]
    assert record.clean_text[: record.body_start] == f"{record.title}\n\n"
    for furniture in FURNITURE:
        assert furniture not in body
    assert record.title not in body.split("\n\n")  # no caption echo


@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_every_mention_leads_back_to_the_raw_text(
    stem: str, seed_records: dict[str, ArticleRecord]
) -> None:
    """clean_text -> normalised text (furniture runs) -> raw text (normalisation map)."""
    from tests.conftest import ROOT

    raw = (ROOT / "corpus" / "articles" / f"{stem}.txt").read_text(encoding="utf-8")
    normalized = normalize(raw)
    parts = split_furniture(normalized.text)
    record = seed_records[stem]
    assert parts.clean_text == record.clean_text
    checked = 0
    for _, span in record.spans():
        start = parts.normalized_offset(span.start)
        end = parts.normalized_offset(span.end - 1) + 1
        assert normalized.text[start:end] == span.text
        raw_start, raw_end = normalized.source_span(start, end)
        assert normalize(raw[raw_start:raw_end]).text == span.text
        checked += 1
    assert checked > 10
