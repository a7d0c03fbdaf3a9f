"""Dates beyond the case file: year guesses and their warnings, birth years, pairs, the seeds."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.article import Article
from extractor.facts import Facts
from extractor.rules.date_values import Parts, Where, YearHint, iso_value, resolve
from extractor.rules.dates import tag_dates
from extractor.text.segment import segment
from schemas import ArticleRecord


def _article(text: str, published: dt.date | None = None) -> Article:
    parts = segment(text)
    return Article(text, parts.sentences, parts.words, published=published)


@pytest.mark.parametrize(
    ("parts", "value"),
    [
        (Parts(2018, 10, 25), "2018-10-25"),
        (Parts(None, 5, 10), "XXXX-05-10"),
        (Parts(2025, 3), "2025-03"),
        (Parts(None, 3), "XXXX-03"),
        (Parts(2019), "2019"),
    ],
)
def test_iso_value_writes_unknown_parts_as_x(parts: Parts, value: str) -> None:
    assert iso_value(parts) == value


def test_a_day_after_publication_belongs_to_the_year_before() -> None:
    published = dt.date(2020, 1, 5)
    late = resolve(Parts(None, 12, 28), Where(0, 0), published, [])
    early = resolve(Parts(None, 1, 5), Where(0, 0), published, [])
    assert late.date == dt.date(2019, 12, 28)
    assert early.date == dt.date(2020, 1, 5)
    assert late.warning is not None and "2019" in late.warning and "publication" in late.warning


def test_without_publication_the_same_sentence_beats_a_nearer_year() -> None:
    hints = [YearHint(2015, 5, 1, "năm 2015"), YearHint(2019, 90, 0, "năm 2019"),
             YearHint(2020, 130, 0, "năm 2020")]
    result = resolve(Parts(None, 3, 10), Where(0, 0), None, hints)
    assert result.date == dt.date(2020, 3, 10)
    assert result.warning is not None and '"năm 2020"' in result.warning


def test_without_publication_or_same_sentence_an_earlier_date_of_the_paragraph_is_taken() -> None:
    hints = [YearHint(2015, 10, 0, "ngày 13-2-2015", True, paragraph=1, month=2, day=13),
             YearHint(2016, 40, 1, "tháng 5/2016", True, paragraph=1, month=5),
             YearHint(2019, 500, 3, "ngày 2/6/2019", True, paragraph=1)]
    result = resolve(Parts(None, 6, 3), Where(90, 2, 1), None, hints)
    assert result.date == dt.date(2016, 6, 3)
    assert result.warning is not None and '"tháng 5/2016"' in result.warning


def test_a_day_before_the_paragraphs_date_in_the_year_is_left_unresolved() -> None:
    # "tháng 12/2016 ... sáng 6/2": February of 2017, or a look back to 2016
    hints = [YearHint(2016, 10, 0, "tháng 12/2016", True, paragraph=0, month=12)]
    result = resolve(Parts(None, 2, 6), Where(90, 2, 0), None, hints)
    assert result.date is None and result.warning is not None


def test_a_year_of_another_paragraph_or_a_bare_year_is_no_ground_for_a_guess() -> None:
    # "tháng 7/2014" in another paragraph and "Năm 2010, A bị phạt" are A's past,
    # not the year "3/6" happened
    hints = [YearHint(2014, 5, 0, "tháng 7/2014", True, paragraph=0),
             YearHint(2010, 60, 1, "Năm 2010", paragraph=1)]
    result = resolve(Parts(None, 6, 3), Where(90, 2, 1), None, hints)
    assert result.date is None
    assert result.warning is not None and "2010, 2014 only away from it" in result.warning


def test_no_year_anywhere_leaves_the_day_unresolved_and_says_so() -> None:
    result = resolve(Parts(None, 5, 10), Where(0, 0), None, [])
    assert result.date is None
    assert result.warning is not None and "no year" in result.warning


def test_a_written_year_needs_no_guess() -> None:
    result = resolve(Parts(2018, 10, 25), Where(0, 0), None, [])
    assert result == type(result)(dt.date(2018, 10, 25), None)


def test_tagger_appends_one_warning_per_guessed_year() -> None:
    article = _article("Ngày 10/5, phường tổ chức hội nghị. Sáng 11/5, đoàn về thăm.",
                       published=dt.date(2023, 6, 1))
    facts = Facts(warnings=["earlier"])
    dates = tag_dates(article, facts)
    assert [date.resolved for date in dates] == [dt.date(2023, 5, 10), dt.date(2023, 5, 11)]
    assert facts.warnings[0] == "earlier"
    assert len(facts.warnings) == 3
    assert '"Ngày 10/5"' in facts.warnings[1] and '"Sáng 11/5"' in facts.warnings[2]
    assert all("year 2023 is a guess" in warning for warning in facts.warnings[1:])


def test_an_open_range_does_not_date_an_undated_day() -> None:
    article = _article("Ngày 10/5, phường tổng kết. Từ năm 2013 đến nay không có trọng án.")
    facts = Facts()
    dates = tag_dates(article, facts)
    assert dates[0].value == "XXXX-05-10" and dates[0].resolved is None
    assert dates[1].value == "2013"


def test_a_birth_year_never_dates_a_day() -> None:
    article = _article("Ngày 3/6, Công an bắt Nguyễn Văn A (SN 1981). Người đi cùng là "
                       "Lê Văn B (1985, trú tại Hà Nội), sinh ngày 2/9/1985.")
    facts = Facts()
    dates = tag_dates(article, facts)
    assert [(date.value, date.birth_year) for date in dates] == [
        ("XXXX-06-03", False), ("1981", True), ("1985", True), ("1985-09-02", True)]
    assert dates[0].resolved is None
    assert "1981" not in facts.warnings[0] and "1985" not in facts.warnings[0]


def test_a_pair_gives_two_dates_the_first_completed_by_the_second() -> None:
    article = _article("Ngày 14 và 16/11/2018, tòa xử. Trong tháng 7 và tháng 8-2019 bắt 3 vụ.")
    dates = tag_dates(article, Facts())
    assert [(date.text, date.value) for date in dates] == [
        ("Ngày 14", "2018-11-14"), ("16/11/2018", "2018-11-16"),
        ("tháng 7", "2019-07"), ("tháng 8-2019", "2019-08")]
    assert dates[0].resolved == dt.date(2018, 11, 14)


# Headline dates come first: schema 1.2 puts the headline in clean_text.
EXPECTED_SEED_DATES = {
    "000_6c945006f4a0331c": ["XXXX-05-10", "2013"],
    "001_b5187793cd5c9867": ["2020", "XXXX-03-10", "2019", "2020", "2019", "2019", "2020"],
    "002_4b12d34416c25f2a": ["XXXX-01-15", "2013"],
    "003_df913277e43bafcc": ["2018", "2019-01", "2018", "2019-01", "2019"],
    "004_cfd91834e9c0c6ae": ["2013", "2018-10-25", "2013", "2013", "2013"],
}


def test_every_seed_date_is_found(seed_records: dict[str, ArticleRecord]) -> None:
    for stem, values in EXPECTED_SEED_DATES.items():
        assert [date.value for date in seed_records[stem].dates] == values, stem
    assert seed_records["002_4b12d34416c25f2a"].dates[0].resolved == dt.date(2020, 1, 15)
    assert seed_records["004_cfd91834e9c0c6ae"].dates[0].end_value == "2018"
