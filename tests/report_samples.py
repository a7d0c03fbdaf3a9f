"""Records for the report tests: real article text with figures placed by hand.

The taggers are still being written, so the report tests do not run them:
each sample is an article's normalised text (title line included) carrying
only the mentions listed here, located by searching the text.
"""

from __future__ import annotations

from typing import Any

from extractor.text.normalize import article_id, normalize
from schemas import ArticleRecord, Indicator, OrgMention
from tests.conftest import ARTICLES

# (article index, phrase, value, unit, qualifier, category)
FIGURES: list[tuple[int, str, float, str, str, str]] = [
    (0, "65 vụ", 65, "vụ", "exact", "disputes_mediated"),
    (0, "99,5%", 99.5, "%", "exact", "people_reached"),
    (0, "hơn 76,3%", 76.3, "%", "more_than", "people_reached"),
    (0, "5 tập thể", 5, "tập thể", "exact", "awards"),
    (2, "208.229 tin", 208229, "tin", "exact", "tips_received"),
    (2, "trên 15.000 vụ", 15000, "vụ", "more_than", "disputes_mediated"),
    (2, "290 mô hình", 290, "mô hình", "exact", "models_built"),
    (4, "141.174 lượt người", 141174, "lượt người", "exact", "people_reached"),
    (4, "834 đối tượng", 834, "đối tượng", "exact", "suspects_reformed"),
    (4, "7.149 tin", 7149, "tin", "exact", "tips_received"),
    (4, "724 vụ", 724, "vụ", "exact", "cases_solved"),
]

PUBLISHED = {0: None, 2: "2020-01-15", 4: "2018-10-30"}  # 0 has no dateline

# (article index, organisation as written, place)
ORGANIZATIONS: list[tuple[int, str, str]] = [
    (0, "UBND phường Ninh Khánh", "phường Ninh Khánh"),
    (4, "Công an quận 6", "quận 6"),
]


def _span(record: ArticleRecord, phrase: str) -> dict[str, Any]:
    start = record.clean_text.index(phrase)
    sentence = record.clean_text.count("\n", 0, start)  # any stable index will do here
    return {"text": phrase, "start": start, "end": start + len(phrase), "sentence": sentence,
            "rule": "test.sample"}


def sample_records() -> list[ArticleRecord]:
    """Three real articles with eleven figures, two places and two years."""
    chosen = sorted({index for index, *_ in FIGURES})
    records = []
    for index in chosen:
        text = normalize(ARTICLES[index].read_text(encoding="utf-8")).text
        data: dict[str, Any] = {
            "article_id": article_id(text), "source": str(ARTICLES[index]),
            "title": text.split("\n", 1)[0], "published": PUBLISHED[index], "clean_text": text,
        }
        record = ArticleRecord.model_validate(data)
        indicators = [
            Indicator(**_span(record, phrase), value=value, unit=unit, qualifier=qualifier,
                      category=category, kind="percent" if unit == "%" else "count")
            for i, phrase, value, unit, qualifier, category in FIGURES if i == index
        ]
        organizations = [
            OrgMention(**_span(record, text), normalized=text, kind="other", place=place)
            for i, text, place in ORGANIZATIONS if i == index
        ]
        records.append(ArticleRecord.model_validate(
            {**data, "indicators": [i.model_dump() for i in indicators],
             "organizations": [o.model_dump() for o in organizations]}))
    return records


# Each payload, if it ever ran, would set window.__pwned or open an alert.
HOSTILE = [
    "<script>window.__pwned = 1; alert(1)</script>",
    "</script><script>window.__pwned = 2</script>",
    '<img src=x onerror="window.__pwned = 3">',
    '"><svg onload="window.__pwned = 4">',
    "<!-- <script>window.__pwned = 5</script>",
]


def hostile_record() -> ArticleRecord:
    """A record whose every free-text field carries script-running markup."""
    payload = " ".join(HOSTILE)
    text = f"Tiêu đề {payload}\nCông an phường {payload} tiếp nhận 12 tin {payload}."
    start = text.index("12 tin")
    sentence = {"sentence": 1, "rule": payload}
    return ArticleRecord.model_validate({
        "article_id": "0123456789abcdef", "source": payload, "title": payload,
        "site": payload, "authors": [payload], "clean_text": text, "warnings": [payload],
        "indicators": [{"text": "12 tin", "start": start, "end": start + 6, **sentence,
                        "value": 12, "unit": "tin", "category": payload, "metric": payload}],
        "organizations": [{"text": text[start - 21:start - 1], "start": start - 21,
                           "end": start - 1, **sentence, "normalized": payload,
                           "kind": "cong_an", "place": payload}],
        "documents": [{"text": "12 tin", "start": start, "end": start + 6, **sentence,
                       "kind": payload, "code": payload}],
    })
