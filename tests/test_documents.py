"""Documents beyond the case file: reading codes, linking back-references, the seeds."""

from __future__ import annotations

import pytest

from extractor.resources.loader import ResourceError
from extractor.rules.document_codes import code_spans, read_code, same_body
from extractor.rules.documents import link_back_references, merge_variants
from schemas import ArticleRecord, DocumentRef


@pytest.mark.parametrize(
    ("written", "normalized", "sign", "issuers"),
    [
        ("09/Ctr- BCA -MTTQ", "09/CTr-BCA-MTTQ", "CTr", ("BCA", "MTTQ")),
        ("9745/qđ-BCA-V05", "9745/QĐ-BCA-V05", "QĐ", ("BCA", "V05")),
        ("51-NQ/TW", "51-NQ/TW", "NQ", ("TW",)),
        ("01/2020/TT-BCA", "01/2020/TT-BCA", "TT", ("BCA",)),
        ("12/CT-ttg", "12/CT-TTg", "CT", ("TTg",)),
        ("123/UBND-VX", "123/UBND-VX", None, ("UBND", "VX")),
        ("12-CT/T.Ư", "12-CT/TƯ", "CT", ("TƯ",)),
        ("100/2015/QH13", "100/2015/QH13", None, ("QH13",)),
    ],
)
def test_codes_are_read_into_their_official_form(
    written: str, normalized: str, sign: str | None, issuers: tuple[str, ...]
) -> None:
    code = read_code(written)
    assert (code.normalized, code.sign, code.issuers) == (normalized, sign, issuers)


def test_unknown_issuer_segments_are_kept_as_written() -> None:
    assert read_code("9745/QĐ-BCA-V05").expanded_issuers() == ["Bộ Công an", "V05"]


def test_an_issuer_with_its_term_is_the_body() -> None:
    assert read_code("100/2015/QH13").expanded_issuers() == ["Quốc hội"]
    assert read_code("1656/NQ-UBTVQH15").expanded_issuers() == ["Ủy ban Thường vụ Quốc hội"]


def test_issuers_naming_one_body_make_one_identity() -> None:
    assert read_code("09/CTr-BCA-MTTQ").identity() == read_code("09/CTr-BCA-MTTW").identity()
    assert read_code("51-NQ/TƯ").identity() == read_code("51-NQ/T.W").identity()
    assert read_code("09/CTr-BCA-MTTQ").identity() != read_code("09/KH-BCA-MTTQ").identity()
    assert read_code("01/2020/TT-BCA").identity() != read_code("01/2021/TT-BCA").identity()
    assert all(name in same_body() for name in ("MTTQ", "MTTW", "TW", "TƯ"))


def test_one_programme_written_two_ways_keeps_the_first_code_and_says_so() -> None:
    warnings: list[str] = []
    written = [("a", "09", "09/CTr-BCA-MTTW"), ("b", "09", "09/CTr-BCA-MTTQ"),
               ("c", "09", "09/CTr-BCA-MTTQ"), ("d", "10", "10/CTr-BCA-MTTQ")]
    merged = merge_variants([_ref(*reference) for reference in written], warnings)
    assert [d.code for d in merged] == ["09/CTr-BCA-MTTW"] * 3 + ["10/CTr-BCA-MTTQ"]
    assert len(warnings) == 1 and '"09/CTr-BCA-MTTQ"' in warnings[0]


def test_a_same_body_group_of_unknown_issuers_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.rules import document_codes

    document_codes.issuers()  # the real lexicon, read before the file is replaced
    same_body.cache_clear()
    monkeypatch.setattr(document_codes, "load_resource",
                        lambda name: {"same_body": [["XYZ", "BCA"]]})
    try:
        with pytest.raises(ResourceError, match="XYZ"):
            same_body()
    finally:
        same_body.cache_clear()


def test_a_non_code_is_refused() -> None:
    with pytest.raises(ValueError, match="not a document code"):
        read_code("Chương trình")


def test_code_spans_cover_the_code_only() -> None:
    text = "Thông tư số 01/2020/TT-BCA ngày 25/10/2020"
    assert [text[a:b] for a, b in code_spans(text)] == ["01/2020/TT-BCA"]


def _ref(text: str, number: str, code: str | None, kind: str = "Chương trình") -> DocumentRef:
    return DocumentRef(text=text, start=0, end=len(text), sentence=0, kind=kind, number=number,
                       code=code)


def test_back_reference_prefers_the_nearest_full_one_before() -> None:
    documents = [
        _ref("a", "09", "09/CTr-BCA-MTTQ"),
        _ref("b", "9", None),
        _ref("c", "09", "09/CTr-BCA-MTTW"),
        _ref("d", "09", None),
        _ref("e", "10", None),
        _ref("f", "09", None, kind="Kế hoạch"),
    ]
    linked = link_back_references(documents)
    assert [document.refers_to for document in linked] == [None, 0, None, 2, None, None]


def test_back_reference_before_the_full_one_points_forward() -> None:
    linked = link_back_references([_ref("a", "09", None), _ref("b", "09", "09/CTr-BCA-MTTW")])
    assert linked[0].refers_to == 1


def test_seed_documents(seed_records: dict[str, ArticleRecord]) -> None:
    first = seed_records["000_6c945006f4a0331c"].documents
    assert [(d.code, d.refers_to) for d in first] == [("09/CTr-BCA-MTTQ", None), (None, 0)]
    title = "Đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc trong tình hình mới"
    assert first[0].title == title
    last = seed_records["004_cfd91834e9c0c6ae"].documents
    assert [d.code for d in last] == ["09/CTr-BCA-MTTW"] * 4  # the headline cites it too
    assert all(d.title and d.title.startswith("Đẩy mạnh") for d in last)
    for stem in ("001_b5187793cd5c9867", "002_4b12d34416c25f2a", "003_df913277e43bafcc"):
        assert seed_records[stem].documents == [], stem
