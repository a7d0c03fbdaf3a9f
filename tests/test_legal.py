"""Articles of law beyond the case file: where the tagger looks, lists, the lexicon."""

from __future__ import annotations

import pytest

from extractor.article import Article
from extractor.facts import Facts
from extractor.resources.loader import ResourceError
from extractor.rules import legal
from extractor.rules.legal import _rule, _starts, tag_legal_refs
from extractor.text.segment import segment
from schemas import DocumentRef

SENTENCES = [
    "Bị can bị khởi tố theo khoản 1 Điều 134 BLHS và điều 93 BLHS.",
    "Theo quy định tại điều 257, 258 của Bộ luật Hình sự, điều 5 xe cứu hỏa.",
    "Điều này cho thấy nhiều điều 10 năm trước đã thay đổi; ĐIỀU 5 của luật.",
    "Cảnh sát đã điều 3 xe và điều\n4 tổ công tác; Điều 12a Luật Cư trú.",
]


def _article(text: str) -> Article:
    parts = segment(text)
    return Article(text, parts.sentences, parts.words)


@pytest.mark.parametrize("text", SENTENCES)
def test_the_spots_searched_give_what_a_full_scan_gives(text: str) -> None:
    # The rule is tried only where "Điều"/"điều" stands before a number.
    pattern = _rule().pattern
    scanned = [match.span() for match in pattern.finditer(text)]
    spotted = [pattern.match(text, start).span() for start in _starts(text)
               if pattern.match(text, start) is not None]
    assert spotted == scanned


def test_a_list_closed_by_a_law_gives_each_article_that_law() -> None:
    refs = tag_legal_refs(_article("Bị cáo bị truy tố theo các điều 257, 258 của Bộ luật Hình sự."),
                          Facts())
    assert [(ref.text, ref.article, ref.law) for ref in refs] == [
        ("điều 257", "257", "Bộ luật Hình sự"),
        ("258 của Bộ luật Hình sự", "258", "Bộ luật Hình sự")]


def test_a_document_after_the_article_stands_for_the_law() -> None:
    text = "Hành vi vi phạm khoản 2 Điều 5 Nghị định số 46/2016/NĐ-CP của Chính phủ."
    start = text.index("Nghị định")
    end = text.index(" của Chính")
    document = DocumentRef(text=text[start:end], start=start, end=end, sentence=0,
                           kind="Nghị định", number="46", code="46/2016/NĐ-CP")
    refs = tag_legal_refs(_article(text), Facts(documents=[document]))
    assert [(ref.article, ref.clause, ref.law) for ref in refs] == [
        ("5", "2", "Nghị định 46/2016/NĐ-CP")]


def test_the_verb_dieu_is_no_article() -> None:
    assert tag_legal_refs(_article("Công an đã điều 3 xe và 20 chiến sĩ đến hiện trường."),
                          Facts()) == []


def test_a_law_listed_twice_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    legal._laws.cache_clear()
    monkeypatch.setattr(legal, "load_resource",
                        lambda name: {"laws": {"Bộ luật Hình sự": ["BLHS"], "Luật X": ["blhs"]}})
    try:
        with pytest.raises(ResourceError, match="twice"):
            legal._laws()
    finally:
        legal._laws.cache_clear()
