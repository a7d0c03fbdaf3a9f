"""Indicators: every quantity of something, with its unit, qualifier and context.

A figure (read by `numbers.py`) is an indicator when a counted noun, a percent
sign, a money unit or a length of time follows it (`indicators.yaml`): a noun of
the closed list first, else any lowercase word that is not a stop word (the open
rule, `indicator_words.py`). Figures inside names, dates, codes and quotes are
refused. A bare figure borrows the noun of the next one in "từ 5 lên 17 tổ" and
in lists ("96, 71 và 58 mô hình"). Then each indicator gets its metric, category
and period (`indicator_context.py`), and two links: the second figure of "từ 5
... lên 17 ..." points to the first (`change_from`), and the figures after
"trong đó" point to their total (`part_of`).
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.resources.loader import Rule
from extractor.rules import indicator_context as context
from extractor.rules import indicator_resources as data
from extractor.rules import indicator_words as words
from extractor.rules.numbers import NumberReading, find_numbers
from extractor.rules.overlaps import QuoteParity, SpanIndex
from schemas import Indicator

_FROM = regex.compile(r"(?<![\p{L}])từ\s+$", regex.IGNORECASE)
_TO = regex.compile(r"\s+(?:(?:lên|xuống|đến|tới|còn)\s+)+(?:mức\s+)?", regex.IGNORECASE)
_BREAKDOWN = regex.compile(r"(?<![\p{L}])trong đó(?![\p{L}])", regex.IGNORECASE)
# Between the figures of a list sharing one noun: "96, 71 và 58 mô hình".
_LIST = regex.compile(r"\s*,\s*(?:(?:và|hoặc)\s+)?|\s+(?:và|hoặc)\s+", regex.IGNORECASE)


class _Tail(NamedTuple):
    """What follows a figure: the rule that matched, the unit, where it starts, the end."""

    rule: Rule
    unit: str
    unit_start: int
    end: int


class _Figure(NamedTuple):
    """A figure that passed the filters, before it becomes an Indicator (a named
    tuple: a frozen dataclass took eight times longer to build)."""

    reading: NumberReading
    rule: Rule
    unit: str
    unit_start: int
    end: int
    qualifier: str
    start: int  # qualifier included


@cache
def _tails() -> list[Rule]:
    return data.tail_rules()


def _refused(
    text: str, word_at: words.WordLookup, reading: NumberReading, claimed: SpanIndex,
    quotes: QuoteParity,
) -> bool:
    if claimed.overlaps(reading.span_start, reading.end):
        return True
    head = data.name_head().search(text, max(0, reading.start - 20), reading.start)
    if head is not None and words.opens_word(word_at, head.start()):
        return True  # "quận 6"; not the "số" that ends the word "tổng số"
    # Inside a quoted name ("Chương trình mục tiêu 3 giảm") on the same line.
    return quotes.inside(reading.start)


def _day_month(reading: NumberReading) -> bool:
    """"6/10" could be 6 October as well as 6 of 10."""
    denominator = reading.denominator
    return denominator is not None and denominator <= 12 and reading.value <= 31


def _tail(text: str, word_at: words.WordLookup, reading: NumberReading) -> _Tail | None:
    for rule in _tails():
        readings = rule.data.get("readings")
        if readings is not None and reading.rule not in readings:
            continue
        if rule.data.get("refuse_day_month") and _day_month(reading):
            continue
        hit = rule.pattern.match(text, reading.end)
        if hit is None:
            continue
        unit_start = hit.start("unit")
        if not rule.data.get("open"):
            return _Tail(rule, hit.group("unit"), unit_start, hit.end())
        unit = words.open_unit(text, word_at, reading.start, unit_start)
        if unit is not None:
            return _Tail(rule, unit, unit_start, unit_start + len(unit))
    return None


def _figures(
    text: str, word_at: words.WordLookup, claimed: list[tuple[int, int]],
) -> list[_Figure]:
    spans, quotes = SpanIndex(claimed), QuoteParity(text)
    readings = [r for r in find_numbers(text) if not _refused(text, word_at, r, spans, quotes)]
    tails = [_tail(text, word_at, reading) for reading in readings]
    borrowed = [False] * len(readings)
    for index in range(len(readings) - 2, -1, -1):  # right to left: lists chain
        if tails[index] is None and _shares_next_noun(text, readings, index):
            tails[index], borrowed[index] = tails[index + 1], tails[index + 1] is not None
    figures: list[_Figure] = []
    for reading, tail, bare in zip(readings, tails, borrowed, strict=True):
        if tail is None:
            continue
        # A borrowed noun stays with its own figure: the bare figure's text is the number.
        unit_start, end = (reading.end, reading.end) if bare else (tail.unit_start, tail.end)
        qualifier = "ratio" if reading.denominator is not None else reading.qualifier
        if tail.rule.data["kind"] == "duration" and reading.denominator is not None:
            continue  # "3/5 năm" is no length of time
        figures.append(
            _Figure(reading, tail.rule, tail.unit, unit_start, end, qualifier, reading.span_start)
        )
    return figures


def _shares_next_noun(text: str, readings: list[NumberReading], index: int) -> bool:
    """"từ 5 lên 17 tổ dân phố", "96, 71 và 58 mô hình": the noun comes once, last."""
    current, following = readings[index], readings[index + 1]
    if _LIST.fullmatch(text, current.end, following.span_start) is not None:
        return True
    if not _FROM.search(text, max(0, current.span_start - 10), current.span_start):
        return False
    return _TO.fullmatch(text, current.end, following.start) is not None


def _link_changes(text: str, figures: list[_Figure], sentences: list[int]) -> dict[int, int]:
    """Index of each "lên 17" figure -> index of its "từ 5" figure, same sentence."""
    links: dict[int, int] = {}
    for index in range(1, len(figures)):
        first, second = figures[index - 1], figures[index]
        if sentences[index] != sentences[index - 1]:
            continue
        if not _FROM.search(text, max(0, first.start - 10), first.start):
            continue
        if _TO.fullmatch(text, first.end, second.reading.start):
            links[index] = index - 1
            if second.start < second.reading.start:  # "tới" here means "to", not "about"
                figures[index] = second._replace(qualifier="exact", start=second.reading.start)
    return links


def _link_parts(text: str, figures: list[_Figure], sentences: list[int]) -> dict[int, int]:
    """Figures after "trong đó" with the unit of the figure before it -> that total."""
    links: dict[int, int] = {}
    for marker in _BREAKDOWN.finditer(text):
        total = max((i for i, f in enumerate(figures) if f.end <= marker.start()), default=None)
        if total is None:
            continue
        for index in range(total + 1, len(figures)):
            if sentences[index] != sentences[total]:
                break
            if figures[index].unit.casefold() == figures[total].unit.casefold():
                links[index] = total
    return links


def _metric(text: str, figure: _Figure, sentence_end: int, clause_start: int) -> str | None:
    kind = figure.rule.data["kind"]
    if kind == "duration":
        return None  # "10 năm thực hiện ..." is a length of time, nothing is counted
    start = figure.end if kind == "percent" else figure.unit_start
    found = context.metric(text, start, sentence_end)
    if found is None and kind == "percent":
        found = context.rate_metric(text, clause_start, figure.start)
    return found


def tag_indicators(article: Article, facts: Facts) -> list[Indicator]:
    text = article.text
    figures = _figures(text, article.word_at, facts.claimed())
    sentences = [article.sentence_of(figure.reading.start) for figure in figures]
    changes = _link_changes(text, figures, sentences)
    parts = _link_parts(text, figures, sentences)
    period_cache: dict[int, list[tuple[int, int]]] = {}
    found: list[Indicator] = []
    for index, figure in enumerate(figures):
        sentence = article.sentences[sentences[index]] if article.sentences else (0, len(text))
        if sentences[index] not in period_cache:
            period_cache[sentences[index]] = context.periods(text, sentence)
        kind = figure.rule.data["kind"]
        period = context.period_for(
            text, period_cache[sentences[index]], (figure.start, figure.end), kind == "duration"
        )
        clause = context.clause_bounds(text, sentence, figure.start, figure.end)
        metric = _metric(text, figure, sentence[1], clause[0])
        if kind == "count" and figure.reading.denominator is not None:
            kind = "ratio"
        label = None if kind in ("duration", "money") else context.category(
            text, figure.unit, metric, (figure.start, figure.end), clause,
        )
        if figure.reading.warning:
            facts.warnings.append(
                f"indicators: sentence {sentences[index]}: {figure.reading.warning}"
            )
        found.append(Indicator(
            **evidence(article, figure.start, figure.end, figure.rule.id),
            value=figure.reading.value,
            unit=figure.unit,
            qualifier=figure.qualifier,
            denominator=figure.reading.denominator,
            kind=kind,
            metric=metric,
            category=label,
            period=text[period[0] : period[1]] if period else None,
            flags=list(figure.reading.flags),
            part_of=parts.get(index),
            change_from=changes.get(index),
        ))
    return found
