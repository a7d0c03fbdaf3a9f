"""What the HTML report shows, computed from records (no HTML here).

Place and year belong to the article, not to the figure: a report's place is
the administrative unit its organisations most often belong to, its year the
publication year (else the year of the event's date). Figures whose article
has neither are grouped under "unknown" rather than dropped.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schemas import ArticleRecord, PlaceMap
from schemas.record import MENTION_FIELDS

UNKNOWN = "unknown"


class ReportError(ValueError):
    """The output directory cannot be turned into a report."""


def load_records(out_dir: Path) -> list[ArticleRecord]:
    """Every record of OUT_DIR/records.jsonl, validated against the contract."""
    path = out_dir / "records.jsonl"
    if not path.is_file():
        raise ReportError(f"{path}: not found (run `vnextract extract ... -o {out_dir}` first)")
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                records.append(ArticleRecord.model_validate_json(line))
            except ValidationError as error:
                raise ReportError(f"{path}:{number}: not an ArticleRecord: {error}") from error
    return records


def article_place(record: ArticleRecord) -> str:
    """The article's main place on the administrative map, else its units' most named place."""
    main = record.places.main if record.places is not None else None
    if main is not None and main.name and main.province:
        return main.name if main.name == main.province else f"{main.name}, {main.province}"
    places = Counter(org.place for org in record.organizations if org.place)
    return places.most_common(1)[0][0] if places else UNKNOWN


def article_province_code(record: ArticleRecord) -> str | None:
    """Code of the article's main province on the 2025 map, for one comparable map layer."""
    main = record.places.main if record.places is not None else None
    if main is None:
        return None
    if main.successor is not None:
        return main.successor.province_code
    return main.province_code if main.map == PlaceMap.Y2025 else None


def article_year(record: ArticleRecord) -> str:
    if record.published is not None:
        return str(record.published.year)
    date = record.event.date if record.event is not None else None
    if date is not None and date.resolved is not None:
        return str(date.resolved.year)
    if date is not None and date.value[:4].isdigit():
        return date.value[:4]
    return UNKNOWN


def sentence_text(record: ArticleRecord, start: int, end: int) -> tuple[str, int, int]:
    """The sentence around a span, and the span's offsets inside it.

    Sentences are cut at line breaks and sentence punctuation around the
    span, since records keep the sentence index but not its offsets.
    """
    text = record.clean_text
    marks = ("\n", ". ", "! ", "? ")
    starts = [text.rfind(mark, 0, start) + len(mark) for mark in marks
              if text.rfind(mark, 0, start) >= 0]
    ends = [text.find(mark, end) + (0 if mark == "\n" else 1) for mark in marks
            if text.find(mark, end) >= 0]
    left, right = max(starts, default=0), min(ends, default=len(text))
    while left < start and text[left].isspace():
        left += 1
    return text[left:right].rstrip(), start - left, end - left


@dataclass
class ReportData:
    """The report's content: summary numbers, groupings and one row per figure."""

    articles: int = 0
    sites: Counter[str] = field(default_factory=Counter)
    field_counts: Counter[str] = field(default_factory=Counter)
    warnings: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_place: Counter[str] = field(default_factory=Counter)
    figures_by_province: Counter[str] = field(default_factory=Counter)
    by_year: Counter[str] = field(default_factory=Counter)
    units: Counter[str] = field(default_factory=Counter)
    organizations: Counter[str] = field(default_factory=Counter)
    programmes: Counter[str] = field(default_factory=Counter)
    figures: list[dict[str, Any]] = field(default_factory=list)
    article_rows: list[dict[str, Any]] = field(default_factory=list)




def _programme(record: ArticleRecord) -> Iterable[str]:
    for doc in record.documents:
        if doc.refers_to is None:  # a back-reference repeats a document already counted
            yield f"{doc.kind} {doc.code or doc.number or ''}".strip()


def collect(records: Sequence[ArticleRecord]) -> ReportData:
    data = ReportData(articles=len(records))
    for record in records:
        place, year = article_place(record), article_year(record)
        data.sites[record.site or UNKNOWN] += 1
        data.warnings += len(record.warnings)
        for name in MENTION_FIELDS:
            data.field_counts[name] += len(getattr(record, name))
        data.organizations.update({org.normalized for org in record.organizations})
        data.programmes.update(set(_programme(record)))
        data.article_rows.append({
            "id": record.article_id, "title": record.title or record.source,
            "published": str(record.published or ""), "site": record.site or "",
            "place": place, "figures": len(record.indicators),
            "warnings": record.warnings,
        })
        province = article_province_code(record)
        if province is not None:
            data.figures_by_province[province] += len(record.indicators)
        for indicator in record.indicators:
            category = indicator.category or UNKNOWN
            data.by_category[category] += 1
            data.by_place[place] += 1
            data.by_year[year] += 1
            data.units[indicator.unit] += 1
            sentence, start, end = sentence_text(record, indicator.start, indicator.end)
            data.figures.append({
                "value": indicator.value, "unit": indicator.unit, "text": indicator.text,
                "qualifier": str(indicator.qualifier), "category": category,
                "metric": indicator.metric or "", "place": place, "year": year,
                "article": record.title or record.source, "article_id": record.article_id,
                "sentence": sentence, "start": start, "end": end, "rule": indicator.rule or "",
            })
    return data


def embed_json(value: object) -> str:
    """JSON safe inside a <script type="application/json"> element.

    "<", ">" and "&" become \\u escapes, so no "</script>" or "<!--" can
    close or confuse the element whatever the articles contain; U+2028/2029
    are escaped too because older JavaScript parsers treat them as newlines.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text
