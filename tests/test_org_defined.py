"""Abbreviations an article defines after a body (extractor/rules/org_defined.py)."""

from __future__ import annotations

import pytest

from extractor import Settings, extract
from extractor.rules.org_defined import RULE_ID, names_a_body

BODY_ONLY = Settings(strip_furniture=False)


@pytest.mark.parametrize("token", ["PVN", "VINPA", "PVTex", "HoREA", "MI5", "H&M", "AT&T", "ĐHQG"])
def test_a_short_name_of_a_body(token: str) -> None:
    assert names_a_body(token)


@pytest.mark.parametrize("token", ["C46", "PC45", "PK20E", "A05", "UBND", "PCCC&CNCH",
                                   "HN", "USA", "Vietcombank", "Mỹ"])
def test_a_code_a_word_abbreviation_a_place_or_a_name_is_not(token: str) -> None:
    assert not names_a_body(token)


def test_each_later_mention_is_one_span_of_the_body() -> None:
    text = ("Hiệp hội Xăng dầu Việt Nam (VINPA) họp báo. Chủ tịch VINPA nói giá sẽ giảm; "
            "VINPA kiến nghị Bộ Công Thương. Ông là hội viên VINPA.")
    record = extract(text, source="case", settings=BODY_ONLY)
    later = [mention for mention in record.organizations if mention.rule == RULE_ID]
    assert [text[mention.start : mention.end] for mention in later] == ["VINPA"] * 3
    assert {mention.normalized for mention in later} == {"Hiệp hội Xăng dầu Việt Nam (VINPA)"}
    assert [mention.start for mention in record.organizations] == sorted(
        mention.start for mention in record.organizations)
