"""Records for the report tests: real article text with figures placed by hand.

The report tests do not run the taggers: each sample is an article's
normalised text (title line included) carrying only the mentions listed here,
located by searching the text. `sample_run` makes a run's folder of records
(records.jsonl and the tables the report reads), as `vnextract extract` would.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from extractor.batch.store import DATABASE, TableBuild
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


def sample_run(out_dir: Path, records: Sequence[ArticleRecord] | None = None) -> Path:
    """OUT_DIR holding `records` (default: the samples) and their tables, as after a run."""
    out_dir.mkdir(parents=True, exist_ok=True)
    chosen = sample_records() if records is None else records
    lines = "".join(record.model_dump_json() + "\n" for record in chosen)
    (out_dir / "records.jsonl").write_text(lines, encoding="utf-8")
    with TableBuild(out_dir) as build:
        build.finish({})
    return out_dir


def multiplied_run(small: Path, out_dir: Path, times: int) -> Path:
    """OUT_DIR whose tables are `small`'s repeated `times` times, in SQL (no extraction).

    Copy k of an article gets the id `<id>-k` and is published k days later
    (undated articles stay undated), so "the latest articles" are copies
    of high k. No copy is marked syndicated.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(out_dir / DATABASE)) as connection:
        connection.execute("ATTACH ? AS small (READ_ONLY)", [str(small / DATABASE)])
        tables = [name for (name,) in connection.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'small'").fetchall()]
        for table in tables:
            columns = [name for (name,) in connection.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = 'small' "
                "AND table_name = ? ORDER BY column_index", [table]).fetchall()]
            changed = {"article_id": "article_id || '-' || k", "duplicate_of": "NULL",
                       "published": "published + CAST(k AS INTEGER)"}
            select = ", ".join(f'{changed[name]} AS "{name}"' if name in changed
                               else f'"{name}"' for name in columns)
            connection.execute(f'CREATE TABLE main."{table}" AS SELECT {select} '
                               f'FROM small."{table}", range({times}) AS copies(k)')
    return out_dir
