"""The event with constructed facts (organisers, empty families) and on the seeds."""

from __future__ import annotations

import datetime as dt

from extractor.article import Article
from extractor.facts import Facts
from extractor.rules.dates import tag_dates
from extractor.rules.documents import tag_documents
from extractor.rules.event import detect_event
from extractor.text.segment import segment
from schemas import ArticleRecord, EventKind, OrgKind, OrgMention

LEAD = (
    "Ngày 25/10/2018, tại Hội trường Công an quận 6, Ủy ban MTTQ Việt Nam quận 6 - "
    "Công an quận 6 tổ chức Hội nghị sơ kết 05 năm thực hiện chương trình số "
    "09/CTr-BCA-MTTW giai đoạn 2013- 2018."
)


def _article(text: str, title: str | None = None) -> Article:
    parts = segment(text)
    return Article(text, parts.sentences, parts.words, published=dt.date(2018, 10, 30),
                   title=title)


def _org(article: Article, name: str, occurrence: int = 0) -> OrgMention:
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(name, start + 1)
    return OrgMention(text=name, start=start, end=start + len(name), sentence=0,
                      normalized=name, kind=OrgKind.OTHER)


def _facts(article: Article, organizations: list[OrgMention]) -> Facts:
    facts = Facts()
    facts.dates = tag_dates(article, facts)
    facts.documents = tag_documents(article, facts)
    facts.organizations = organizations
    return facts


def test_organisers_stand_before_the_verb_and_the_venue_stays_out() -> None:
    article = _article(LEAD)
    venue = _org(article, "Công an quận 6", 0)  # inside "tại Hội trường Công an quận 6"
    front = _org(article, "Ủy ban MTTQ Việt Nam quận 6")
    police = _org(article, "Công an quận 6", 1)
    nested = _org(article, "MTTQ Việt Nam quận 6")
    event = detect_event(article, _facts(article, [venue, front, nested, police]))
    assert event is not None
    assert event.organizers == ["Ủy ban MTTQ Việt Nam quận 6", "Công an quận 6"]


def test_no_organisations_gives_no_organisers_and_the_rest_still_works() -> None:
    article = _article(LEAD)
    event = detect_event(article, _facts(article, []))
    assert event is not None
    assert event.organizers == []
    assert event.kind is EventKind.SO_KET
    assert event.date is not None and event.date.value == "2018-10-25"
    assert event.period is not None
    assert (event.period.years, event.period.start_year, event.period.end_year) == (5, 2013, 2018)
    assert event.programme == "09/CTr-BCA-MTTW"


def test_organisers_after_do() -> None:
    article = _article("Hội nghị tổng kết do UBND phường Ninh Khánh tổ chức ngày 10/5.")
    committee = _org(article, "UBND phường Ninh Khánh")
    event = detect_event(article, _facts(article, [committee]))
    assert event is not None and event.organizers == ["UBND phường Ninh Khánh"]


def test_a_plain_conference_takes_its_kind_from_the_title() -> None:
    text = "Ngày 10/5, phường tổ chức hội nghị. Các đại biểu dự hội nghị."
    titled = detect_event(_article(text, title="Phường Ninh Khánh tổng kết 10 năm"), Facts())
    untitled = detect_event(_article(text), Facts())
    assert titled is not None and titled.kind is EventKind.TONG_KET
    assert untitled is not None and untitled.kind is EventKind.OTHER
    assert titled.trigger is not None and titled.trigger.text == "hội nghị"


def test_no_trigger_no_event() -> None:
    article = _article("Năm 2019, phong trào toàn dân bảo vệ ANTQ tiếp tục được duy trì.")
    assert detect_event(article, Facts()) is None


def test_seed_events(seed_records: dict[str, ArticleRecord]) -> None:
    found = {stem: record.event for stem, record in seed_records.items()}
    summary = {
        stem: None if event is None else (
            event.kind.value,
            event.date.value if event.date else None,
            event.period.years if event.period else None,
            event.period.start_year if event.period else None,
            event.period.end_year if event.period else None,
            event.programme,
        )
        for stem, event in found.items()
    }
    assert summary == {
        "000_6c945006f4a0331c": ("tong_ket", "XXXX-05-10", 10, None, None, "09/CTr-BCA-MTTQ"),
        "001_b5187793cd5c9867": ("tong_ket", "XXXX-03-10", None, 2019, 2019, None),
        "002_4b12d34416c25f2a": ("so_ket", "XXXX-01-15", 5, 2013, 2018, None),
        "003_df913277e43bafcc": None,
        "004_cfd91834e9c0c6ae": ("so_ket", "2018-10-25", 5, 2013, 2018, "09/CTr-BCA-MTTW"),
    }
    event = found["002_4b12d34416c25f2a"]
    assert event is not None and event.date is not None
    assert event.date.resolved == dt.date(2020, 1, 15)


def test_the_body_names_the_event_when_the_headline_does_too() -> None:
    # the headline (clean_text's first paragraph) has the trigger but not the date:
    # the body's sentence gives the event its date and organisers
    from extractor import extract

    record = extract("Công an quận 6 tổ chức Hội nghị sơ kết 5 năm\n\n"
                     "Ngày 25/10/2018, Công an quận 6 tổ chức hội nghị sơ kết 5 năm phong trào "
                     "toàn dân bảo vệ an ninh Tổ quốc.")
    assert record.body_start > 0 and record.event is not None
    assert record.event.trigger is not None and record.event.trigger.start > record.body_start
    assert record.event.date is not None and record.event.date.value == "2018-10-25"
