"""The record contract: round trips, refusals and the committed JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from schemas import ArticleRecord, CampaignMention, DateMention

ROOT = Path(__file__).resolve().parent.parent
TEXT = 'Nhân rộng mô hình "Camera an ninh" từ ngày 10/5.'


def _record(**fields: object) -> ArticleRecord:
    base: dict[str, object] = {"article_id": "0123456789abcdef", "source": "t", "clean_text": TEXT}
    base.update(fields)
    return ArticleRecord.model_validate(base)


def test_round_trip_through_json(seed_records: dict[str, ArticleRecord]) -> None:
    for record in seed_records.values():
        again = ArticleRecord.model_validate_json(record.model_dump_json())
        assert again == record


def test_span_must_cut_the_clean_text() -> None:
    good = CampaignMention(
        text='"Camera an ninh"', start=18, end=34, sentence=0, name="Camera an ninh"
    )
    assert _record(campaigns=[good]).campaigns[0].name == "Camera an ninh"
    shifted = good.model_copy(update={"start": 17, "end": 33})
    with pytest.raises(ValidationError, match="not"):
        _record(campaigns=[shifted])


def test_span_length_must_match_its_text() -> None:
    with pytest.raises(ValidationError, match="length"):
        DateMention(text="10/5", start=0, end=5, sentence=0, value="XXXX-05-10")


def test_date_value_shape_is_checked() -> None:
    with pytest.raises(ValidationError):
        DateMention(text="10/5", start=0, end=4, sentence=0, value="10/5")


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match="extra"):
        _record(colour="red")


def test_schema_version_is_fixed() -> None:
    with pytest.raises(ValidationError):
        _record(schema_version="1.0")


def test_committed_json_schema_is_current() -> None:
    committed = json.loads((ROOT / "schemas" / "json" / "article_record.schema.json").read_text())
    assert committed == ArticleRecord.model_json_schema(), (
        "schemas/json is stale: run `vnextract schema > schemas/json/article_record.schema.json`"
    )
