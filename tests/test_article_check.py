"""Pages that are not articles are refused with the reason; articles never are."""

from __future__ import annotations

import pytest

from extractor import ExtractionError, extract
from extractor.text.article_check import not_an_article
from tests.conftest import ARTICLES

PDF = "%PDF-1.4\n3 0 obj<< /Type /Page /Parent 1 0 R >>\nendobj\n4 0 obj<< /Length 55 >>\nstream\n"
CODE = "\n".join([
    "import os", "def main():", "    value = compute(3);", "    if (value > 2) {",
    "        print(value);", "    }", "return value;", "}",
])
MENU = "\n".join(["Trang chủ", "Thời sự", "An ninh trật tự", "Pháp luật", "Thế giới",
                  "Kinh tế", "Văn hóa", "Thể thao", "Liên hệ", "Đăng nhập"])

REFUSED = {"pdf": (PDF, "PDF"), "code": (CODE, "program code"), "menu": (MENU, "short lines")}
KEPT = {
    "one paragraph": "Ngày 9/10/2024, Công an huyện Diễn Châu tổ chức hội nghị tổng kết 5 năm "
                     "phong trào toàn dân bảo vệ an ninh Tổ quốc.",
    "headline and short lines": "Bắt 3 đối tượng trộm cắp\nCông an huyện X\n37 vụ\n",
    "a list then a paragraph": MENU + "\nSáng 15/01, Ủy ban MTTQ Việt Nam TP Hà Nội phối hợp "
                               "với Công an TP tổ chức hội nghị sơ kết 5 năm thực hiện "
                               "chương trình.",
    "a sentence with a semicolon list": "Lực lượng đã triệt phá 37 vụ; bắt 112 đối tượng; "
                                         "thu giữ 5 xe máy; xử lý 20 trường hợp vi phạm.",
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_pages_that_are_not_articles_are_refused_with_the_reason(name: str) -> None:
    text, reason = REFUSED[name]
    found = not_an_article(text)
    assert found is not None and reason in found
    with pytest.raises(ExtractionError) as refused:
        extract(text, source=name)
    assert refused.value.stage == "not_article" and reason in refused.value.reason


@pytest.mark.parametrize("name", list(KEPT))
def test_articles_are_never_refused(name: str) -> None:
    assert not_an_article(KEPT[name]) is None


def test_every_corpus_article_is_an_article() -> None:
    for path in ARTICLES:
        assert not_an_article(path.read_text(encoding="utf-8")) is None, path
