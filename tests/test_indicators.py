"""Indicators and awards on the seed articles, the record warnings, the taxonomy.

The per-sentence behaviour lives in the case files; these tests check what the
case harness cannot: readings on whole seeds (docs/conventions.md), warnings in
the record, spans claimed by earlier taggers, the published taxonomy and cost.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

import pytest

from extractor import Settings, extract
from extractor.article import Article
from extractor.facts import Facts
from extractor.rules.awards import tag_awards
from extractor.rules.indicator_context_data import categories
from extractor.rules.indicator_words import open_unit, opens_word
from extractor.rules.indicators import tag_indicators
from extractor.text.segment import segment, word_at
from schemas import ArticleRecord, DateMention

ROOT = Path(__file__).resolve().parent.parent
BODY_ONLY = Settings(strip_furniture=False)

# (value, unit, qualifier) that docs/conventions.md and the seed text fix.
EXPECTED = {
    "000_6c945006f4a0331c": [(65, "vụ", "exact"), (100, "%", "exact"), (99.5, "%", "exact"),
                             (76.3, "%", "more_than"), (96, "thành viên", "exact"),
                             (5, "tập thể", "exact"), (10, "cá nhân", "exact")],
    "001_b5187793cd5c9867": [(5, "tổ dân phố", "exact"), (17, "tổ dân phố", "exact"),
                             (80.4, "%", "exact"), (97.3, "%", "exact")],
    "002_4b12d34416c25f2a": [(208229, "tin", "exact"), (1000, "vụ án", "about"),
                             (15000, "vụ", "more_than"), (250000, "lượt", "more_than"),
                             (290, "mô hình", "exact"), (174, "xã", "exact"),
                             (100, "lớp", "about"), (1000, "lượt", "about"),
                             (20, "tập thể", "exact"), (58, "tập thể", "exact")],
    "003_df913277e43bafcc": [(15, "khối", "ratio"), (104, "vụ", "exact"),
                             (180, "đối tượng", "exact"), (23, "hồ sơ", "exact")],
    "004_cfd91834e9c0c6ae": [(5, "năm", "exact"), (3602, "buổi", "exact"),
                             (141174, "lượt người", "exact"), (7149, "tin", "exact"),
                             (834, "đối tượng", "exact"), (1279, "cuộc", "exact"),
                             (74169, "người", "exact"), (19, "tập thể", "exact")],
}
# Values that must never be indicators on a seed: names, dates and codes.
NEVER = {"004_cfd91834e9c0c6ae": {6, 138, 2013, 2018, 25, 9},
         "003_df913277e43bafcc": {2018, 2019}, "000_6c945006f4a0331c": {9, 2013}}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_seed_readings(seed_records: dict[str, ArticleRecord], stem: str) -> None:
    found = {(i.value, i.unit, i.qualifier.value) for i in seed_records[stem].indicators}
    missing = [item for item in EXPECTED[stem] if item not in found]
    assert not missing, f"{stem}: missing {missing}"
    values = {indicator.value for indicator in seed_records[stem].indicators}
    assert not values & NEVER.get(stem, set())


def test_seed_durations_are_each_occurrence(seed_records: dict[str, ArticleRecord]) -> None:
    record = seed_records["004_cfd91834e9c0c6ae"]
    durations = [i for i in record.indicators if i.kind.value == "duration"]
    assert {(i.value, i.unit) for i in durations} == {(5, "năm")}
    # the body says "05 năm" three times; the headline (schema 1.2) a fourth
    assert len([i for i in durations if i.start >= record.body_start]) == 3


def test_seed_awards(seed_records: dict[str, ArticleRecord]) -> None:
    awards = {stem: [(a.collectives, a.individuals, a.recipients, a.form, a.issuer)
                     for a in record.awards] for stem, record in seed_records.items()}
    assert awards["000_6c945006f4a0331c"] == [(5, 10, None, None, "UBND phường Ninh Khánh")]
    assert awards["001_b5187793cd5c9867"] == []  # "nhiều tập thể, cá nhân": no number
    assert awards["004_cfd91834e9c0c6ae"] == [
        (19, 18, None, "Giấy khen", "Ủy ban nhân dân quận 6")]
    assert [a[2] for a in awards["002_4b12d34416c25f2a"]] == [20, 58, 50]


def test_english_style_figure_is_warned_about() -> None:
    record = extract("Người dân đã cung cấp 1,500 tin cho Công an.", settings=BODY_ONLY)
    assert [i.value for i in record.indicators] == [1500]
    assert any("1,500" in warning and "English" in warning for warning in record.warnings)


def test_implausible_value_is_kept_flagged_and_warned_about() -> None:
    record = extract("Tài khoản báo số dư 25.873.329.250 tỷ đồng.", settings=BODY_ONLY)
    [indicator] = record.indicators
    assert indicator.value == 25873329250 * 10**9  # as written, never rescaled
    assert indicator.flags == ["implausible_value"]
    assert any("implausible_value" in warning for warning in record.warnings)


def test_figures_in_a_quotation_count_but_not_in_a_quoted_name() -> None:
    text = ('Ông nói: "Trong đợt này, lực lượng công an đã bắt giữ 12 đối tượng và thu '
            'giữ nhiều tang vật". Xã đạt danh hiệu "Làng 5 sao" năm nay.')
    record = extract(text, settings=BODY_ONLY)
    assert [(i.value, i.unit) for i in record.indicators] == [(12, "đối tượng")]


def _article(text: str) -> Article:
    result = segment(text)
    return Article(text, result.sentences, result.words)


def test_claimed_spans_are_skipped() -> None:
    text = "Trong đợt này có 12 tháng thi đua và 40 đối tượng được giáo dục."
    article = _article(text)
    assert [i.value for i in tag_indicators(article, Facts())] == [12, 40]
    start = text.index("12 tháng")
    claim = DateMention(text="12 tháng", start=start, end=start + 8, sentence=0, value="XXXX-12")
    assert [i.value for i in tag_indicators(article, Facts(dates=[claim]))] == [40]


def test_word_lookup_by_offset() -> None:
    tokens = [(0, 3), (4, 9), (10, 20)]
    assert word_at(tokens, 5) == (4, 9)
    assert word_at(tokens, 9) is None  # between two words
    lookup = partial(word_at, tokens)
    assert opens_word(lookup, 4) and opens_word(lookup, 9) and not opens_word(lookup, 6)


def test_open_unit_is_a_whole_lowercase_word_after_a_standalone_figure() -> None:
    text = "xử lý 1.208 tài khoản, 12 Công an, Covid-19 lây lan, 1900 1234 hỗ trợ, 5 đã"
    tokens = [(0, 5), (6, 21), (21, 22), (23, 25), (26, 33), (33, 34), (35, 43), (44, 51),
              (51, 52), (53, 57), (58, 62), (63, 69), (69, 70), (71, 72), (73, 75)]
    lookup = partial(word_at, tokens)
    # the figure glued to its noun in one word still gives the noun alone
    assert open_unit(text, lookup, 6, text.index("tài")) == "tài khoản"
    assert open_unit(text, lookup, 23, 26) is None  # a name, not a lowercase noun
    assert open_unit(text, lookup, 41, 44) is None  # "19" is inside "Covid-19"
    assert open_unit(text, lookup, 58, 63) is None  # "1234" follows another figure
    assert open_unit(text, lookup, 71, 73) is None  # "đã" is a stop word
    # the figure glued to the verb before it ("xử lý 1.208" as one word)
    glued = [(0, 11), (12, 21), *tokens[2:]]
    assert open_unit(text, partial(word_at, glued), 6, text.index("tài")) == "tài khoản"


def test_every_category_is_published() -> None:
    published = (ROOT / "docs" / "categories.md").read_text(encoding="utf-8")
    for category in categories():
        assert f"`{category.label}`" in published, f"{category.label} missing from the docs"


def test_stage_is_cheap_next_to_segmentation() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "corpus" / "articles")
                                                                 .glob("*.txt"))]
    started = time.perf_counter()
    articles = [_article(text) for text in texts]
    for article in articles:  # every sentence's words now, so tagging does not segment
        assert article.tokens
    segmentation = time.perf_counter() - started
    for article in articles:  # warm the caches: patterns compile once per process
        tag_awards(article, Facts(indicators=tag_indicators(article, Facts())))
    started = time.perf_counter()
    for article in articles:
        tag_awards(article, Facts(indicators=tag_indicators(article, Facts())))
    tagging = time.perf_counter() - started
    assert tagging < segmentation / 3, f"tagging {tagging:.3f}s vs segmentation {segmentation:.3f}s"
