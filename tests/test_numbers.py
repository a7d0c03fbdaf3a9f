"""The Vietnamese number reader against its case file, numbers.cases.yaml.

That file has no `field:` key (a number is not a record field), so the generic
rule-case harness skips it and this module iterates it instead.
"""

from __future__ import annotations

from typing import Any

import pytest

from extractor.resources.loader import load_resource
from extractor.rules.number_words import read_words
from extractor.rules.numbers import ENGLISH_FLAG, find_numbers

CASES: dict[str, Any] = load_resource("numbers.cases.yaml")


def _params(kind: str) -> list[Any]:
    return [pytest.param(case, id=f"{kind}:{case['text']}") for case in CASES[kind]]


@pytest.mark.parametrize("case", _params("positive"))
def test_positive_number(case: dict[str, Any]) -> None:
    found = find_numbers(case["text"])
    assert found, f"no figure found in {case['text']!r}"
    first = found[0]
    assert first.value == case["value"]
    assert type(first.value) is type(case["value"]), "an integral value must be an int"
    assert first.qualifier == case.get("qualifier", "exact")
    assert list(first.flags) == case.get("flags", [])
    assert first.warning is None
    if "span" in case:
        assert case["text"][first.span_start : first.end] == case["span"]
    if "denominator" in case:
        assert first.denominator == case["denominator"]


@pytest.mark.parametrize("case", _params("negative"))
def test_negative_number(case: dict[str, Any]) -> None:
    found = find_numbers(case["text"])
    if not case.get("warns"):
        assert found == [], f"no figure expected in {case['text']!r}, found {found}"
        return
    assert len(found) == 1
    assert found[0].value == case["value"]
    assert ENGLISH_FLAG in found[0].flags
    assert found[0].warning is not None and "English" in found[0].warning


def test_spelled_number_stops_where_the_number_does() -> None:
    text = "hai mươi lăm năm"
    read = read_words(text)
    assert read is not None
    assert read[0] == 25
    assert text[: read[1]] == "hai mươi lăm"


def test_case_file_covers_every_shape() -> None:
    rules = {reading.rule for case in CASES["positive"] for reading in find_numbers(case["text"])}
    assert rules == {"number.ratio", "number.vague", "number.digits", "number.words",
                     "number.tens", "number.hundreds", "number.half"}


def test_lone_words_are_read_only_on_request() -> None:
    """"một", "ba", "năm" alone are an article, a father, a year: the indicator
    stage asks for them and keeps them only before a noun that shows they count."""
    text = "Bị cáo lãnh ba năm tù, một số người"
    assert find_numbers(text) == []
    lone = find_numbers(text, lone=True)
    assert [(text[r.start : r.end], r.value, r.rule) for r in lone] == [
        ("ba", 3, "number.lone"), ("năm", 5, "number.lone"), ("một", 1, "number.lone")]


def test_half_is_a_lone_word() -> None:
    """"nửa" alone (half) is read only on request, like "một": "nửa đêm" is midnight."""
    text = "gần nửa tháng, nửa đêm"
    assert find_numbers(text) == []
    lone = find_numbers(text, lone=True)
    assert [(text[r.span_start : r.end], r.value, r.qualifier) for r in lone] == [
        ("gần nửa", 0.5, "about"), ("nửa", 0.5, "exact")]


def test_lone_words_take_their_qualifier() -> None:
    text = "chưa đầy một năm"
    first = find_numbers(text, lone=True)[0]
    assert (first.value, first.qualifier, text[first.span_start : first.end]) == (
        1, "less_than", "chưa đầy một")
