"""What hangs on the event's trigger: its date, period, organisers and programme.

Each reads the facts earlier taggers found (dates, documents, organisations)
around the trigger; an empty family simply gives an empty answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extractor.article import Article
from extractor.facts import Facts
from extractor.resources.loader import ResourceError, compile_pattern, load_resource
from schemas import DateMention, EventKind, Period

RESOURCE = "event.yaml"
_DAY_VALUE = regex.compile(r"^(?:\d{4}|XXXX)-\d\d-\d\d$")
_CLAUSE_STOP = regex.compile(r";")
_CLAUSE_START = regex.compile(r"[,;:]")
_BY = regex.compile(r"(?<!\pL)do(?=\s)")


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    rule: str
    kind: EventKind
    sentence: int


@cache
def _pattern(key: str) -> regex.Pattern[str]:
    source = load_resource(RESOURCE).get(key)
    if not isinstance(source, str):
        raise ResourceError(f"{RESOURCE}: {key} must be a pattern string")
    return compile_pattern(source, f"{RESOURCE}: {key}")


@cache
def _clause_chars() -> int:
    value = load_resource(RESOURCE).get("clause_chars")
    if not isinstance(value, int) or value <= 0:
        raise ResourceError(f"{RESOURCE}: clause_chars must be a positive integer")
    return value


def clause_end(article: Article, trigger: Trigger) -> int:
    """End of the trigger's clause: the next ";", the sentence end, or the length limit."""
    sentence_end = article.sentences[trigger.sentence][1] if article.sentences else len(
        article.text
    )
    end = min(sentence_end, trigger.end + _clause_chars())
    stop = _CLAUSE_STOP.search(article.text, trigger.end, end)
    return stop.start() if stop else end


def _sentence_bounds(article: Article, index: int) -> tuple[int, int]:
    if not article.sentences:
        return 0, len(article.text)
    return article.sentences[index]


def event_date(article: Article, facts: Facts, trigger: Trigger) -> DateMention | None:
    """The day it was held: a dated day in the trigger's sentence, else in the lead sentence.

    Before the trigger wins ("Ngày 10/5, X tổ chức hội nghị"), the nearest first.
    """
    days = [date for date in facts.dates if _DAY_VALUE.match(date.value)]
    in_sentence = [date for date in days if date.sentence == trigger.sentence]
    before = [date for date in in_sentence if date.end <= trigger.start]
    if before:
        return before[-1]
    after = [date for date in in_sentence if date.start >= trigger.end]
    if after:
        return after[0]
    lead = [date for date in days if date.sentence == article.lead_sentence]
    return lead[0] if lead else None


def _year(value: str | None) -> int | None:
    if value is None or value.startswith("XXXX"):
        return None
    return int(value[:4])


def period(article: Article, facts: Facts, trigger: Trigger, end: int) -> Period | None:
    """"10 năm" right after the trigger, and the first month or year span in its clause."""
    duration = _pattern("duration_pattern").match(article.text, trigger.end, end)
    spans = [
        date
        for date in facts.dates
        if trigger.end <= date.start and date.end <= end and not _DAY_VALUE.match(date.value)
    ]
    span = spans[0] if spans else None
    if duration is None and span is None:
        return None
    pieces: list[str] = []
    years: int | None = None
    if duration is not None:
        years = int(duration["years"])
        pieces.append(article.text[duration.start("years") : duration.end()])
    start_year = end_year = None
    if span is not None:
        pieces.append(span.text)
        start_year = _year(span.value)
        # "năm 2019" is one year; "Từ năm 2013 đến nay" is still open
        end_year = _year(span.end_value) if span.end_value else (
            None if span.rule == "date.year_since" else start_year
        )
    return Period(text=" ... ".join(pieces), years=years, start_year=start_year,
                  end_year=end_year)


def _outermost(spans: list[tuple[int, int, str]]) -> list[str]:
    """Texts of the spans not inside another, in text order, each once."""
    kept: list[tuple[int, int, str]] = []
    for start, stop, text in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if kept and stop <= kept[-1][1]:
            continue
        kept.append((start, stop, text))
    names: list[str] = []
    for _, _, text in kept:
        if text not in names:
            names.append(text)
    return names


def _orgs_between(facts: Facts, start: int, stop: int) -> list[str]:
    return _outermost(
        [(org.start, org.end, org.text) for org in facts.organizations
         if start <= org.start and org.end <= stop]
    )


def organizers(article: Article, facts: Facts, trigger: Trigger) -> list[str]:
    """Organisations that "tổ chức" the event: before the verb, in its clause.

    "Ngày 25/10/2018, tại Hội trường Công an quận 6, A - B tổ chức Hội nghị" gives
    A and B: the clause starts after the last comma before the verb, so the venue
    stays out. "Hội nghị do A tổ chức" is read too.
    """
    sentence_start, sentence_end = _sentence_bounds(article, trigger.sentence)
    verbs = list(_pattern("organise_pattern").finditer(article.text, sentence_start,
                                                         trigger.start))
    if verbs:
        verb = verbs[-1]
        commas = list(_CLAUSE_START.finditer(article.text, sentence_start, verb.start()))
        clause_start = commas[-1].end() if commas else sentence_start
        return _orgs_between(facts, clause_start, verb.start())
    by = _BY.search(article.text, trigger.end, sentence_end)
    if by is None:
        return []
    verb_after = _pattern("organise_pattern").search(article.text, by.end(), sentence_end)
    if verb_after is None:
        return []
    return _orgs_between(facts, by.end(), verb_after.start())


def programme(facts: Facts, trigger: Trigger, end: int) -> str | None:
    """Code of the first document cited in the trigger's clause, through a back-reference."""
    for document in facts.documents:
        if not trigger.end <= document.start < end:
            continue
        if document.code is not None:
            return document.code
        if document.refers_to is not None and document.refers_to < len(facts.documents):
            return facts.documents[document.refers_to].code
        return None
    return None
