"""Dates: days, months, years and ranges, with the day resolved when it can be.

Patterns are in dates.yaml; where two matches overlap the longer (then the
earlier rule) wins, so "6 tháng đầu năm 2019" is one range, not "năm 2019".
Matches inside document codes are dropped ("01/2020/TT-BCA" has no date).
A day without a year gets its year guessed (date_values.resolve) and the guess
is reported in `facts.warnings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.resources.loader import (
    ResourceError,
    Rule,
    compile_pattern,
    expand,
    load_resource,
    load_rules,
)
from extractor.rules.date_values import (
    Reading,
    YearHint,
    iso_value,
    read_parts,
    resolve,
)
from extractor.rules.document_codes import code_spans
from extractor.rules.overlaps import SpanIndex, longest_first
from schemas import DateMention

_RESOURCE = "dates.yaml"


@cache
def _rules() -> list[Rule]:
    return load_rules(_RESOURCE)


@cache
def _count_words() -> dict[str, int]:
    data = load_resource(_RESOURCE)
    words = data.get("count_words")
    if not isinstance(words, dict) or not words:
        raise ResourceError(f"{_RESOURCE}: count_words must be a non-empty mapping")
    pattern = regex.compile(str((data.get("subpatterns") or {}).get("CountWord", "")), regex.I)
    for word, value in words.items():
        if not isinstance(value, int) or not pattern.fullmatch(str(word)):
            raise ResourceError(
                f"{_RESOURCE}: count word {word!r} needs an integer value and a place "
                "in the CountWord sub-pattern"
            )
    return {str(word).casefold(): value for word, value in words.items()}


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    order: int
    rule: str
    reading: Reading
    data: dict[str, Any]


@cache
def _prefixes() -> dict[str, regex.Pattern[str]]:
    """Each `prefix` sub-pattern, anchored to end where a match begins."""
    subpatterns = load_resource(_RESOURCE).get("subpatterns") or {}
    names = {str(rule.data["prefix"]) for rule in _rules() if "prefix" in rule.data}
    return {
        name: compile_pattern(expand("(?:{" + name + r"})\Z", subpatterns, _RESOURCE),
                              f"{_RESOURCE}: prefix {name}")
        for name in names
    }


_PREFIX_REACH = 40  # characters before a match searched for its lead words


def _with_prefix(text: str, start: int, rule: Rule) -> int | None:
    """Where the match really starts once its lead words are added; None if they
    are required and absent."""
    name = rule.data.get("prefix")
    if name is None:
        return start
    lead = _prefixes()[str(name)].search(text, max(0, start - _PREFIX_REACH), start)
    if lead is not None:
        return lead.start()
    return None if rule.data.get("prefix_required") else start


def _hits(text: str) -> list[_Hit]:
    codes = SpanIndex(code_spans(text))
    found: list[_Hit] = []
    for order, rule in enumerate(_rules()):
        for match in rule.pattern.finditer(text):
            end = match.end()
            if codes.overlaps(match.start(), end):
                continue
            start = _with_prefix(text, match.start(), rule)
            if start is None:
                continue
            reading = read_parts(match.groupdict(), rule.data, _count_words())
            if reading is not None:
                found.append(_Hit(start, end, order, rule.id, reading, rule.data))
    return longest_first(found)


def _year_hints(article: Article, hits: list[_Hit]) -> list[YearHint]:
    """Years written in dates, candidates for a day whose year is not.

    A range offers its end year (a meeting reviews a period that is over).
    """
    hints: list[YearHint] = []
    for hit in hits:
        if hit.data.get("year_hint", True) is False:
            continue
        parts = hit.reading.end or hit.reading.start
        if parts.year is not None:
            text = article.text[hit.start : hit.end]
            hints.append(YearHint(parts.year, hit.start, article.sentence_of(hit.start), text))
    return hints


def tag_dates(article: Article, facts: Facts) -> list[DateMention]:
    hits = _hits(article.text)
    hints = _year_hints(article, hits)
    mentions: list[DateMention] = []
    for hit in hits:
        span = evidence(article, hit.start, hit.end, hit.rule)
        start, end = hit.reading.start, hit.reading.end
        resolution = resolve(start, (hit.start, span["sentence"]), article.published, hints)
        if resolution.warning:
            facts.warnings.append(f'date "{span["text"]}" at {hit.start}: {resolution.warning}')
        mentions.append(
            DateMention(
                value=iso_value(start),
                end_value=iso_value(end) if end is not None else None,
                resolved=resolution.date,
                **span,
            )
        )
    return mentions
