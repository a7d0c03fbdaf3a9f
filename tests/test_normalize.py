"""Normalisation: one canonical form, and offsets that lead back to the raw text."""

from __future__ import annotations

import unicodedata

import pytest

from extractor import extract
from extractor.text.normalize import normalize
from tests.conftest import ARTICLES


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("hoà giải", "hòa giải"),
        ("Uỷ ban", "Ủy ban"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("hoá", "hóa"),
        ("quý vị", "quý vị"),  # qu + y: the tone stays on y
        ("hoàng hôn", "hoàng hôn"),  # a final consonant: nothing moves
        ("“Camera an ninh”", '"Camera an ninh"'),
        ("Tạ Vũ Hòa – Phó", "Tạ Vũ Hòa - Phó"),
        ("UBND\u00a0tỉnh , UBND", "UBND tỉnh, UBND"),
        ("a  \t b\r\n\r\n\r\n\r\nc", "a b\n\nc"),
        ("\ufeffzero\u200bwidth", "zerowidth"),
        ("LİÊN TỊCH", "LIÊN TỊCH"),  # Turkish dotted I: see the next test
    ],
)
def test_canonical_form(raw: str, canonical: str) -> None:
    assert normalize(raw).text == canonical


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_decomposed_input_gives_the_same_record(path: object) -> None:
    text = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    composed = extract(unicodedata.normalize("NFC", text), source="s")
    decomposed = extract(unicodedata.normalize("NFD", text), source="s")
    assert decomposed == composed


def test_offsets_map_back_to_the_raw_text() -> None:
    raw = unicodedata.normalize("NFD", "Hoà  giải “65 vụ”")
    result = normalize(raw)
    assert len(result.source_offsets) == len(result.text)
    start = result.text.index("65")
    raw_start, raw_end = result.source_span(start, start + 5)
    assert unicodedata.normalize("NFC", raw[raw_start:raw_end]) == "65 vụ"
    raw_start, raw_end = result.source_span(0, 3)
    assert unicodedata.normalize("NFC", raw[raw_start:raw_end]) == "Hoà"


def test_dotted_capital_i_no_longer_breaks_a_lexicon_lookup() -> None:
    # The rules matched "LİÊN TỊCH" as a kind word, but its casefold ("li̇ên tịch")
    # was no key of the kind lexicon: the documents tagger raised KeyError.
    record = extract("Tiêu đề\n\nThực hiện Thông tư LİÊN TỊCH số 01/2020/TTLT-BCA-BQP.")
    assert [document.text for document in record.documents] == [
        "Thông tư LIÊN TỊCH số 01/2020/TTLT-BCA-BQP"]
