"""Dates: days, months, years and ranges, with the day resolved when it can be.

Patterns are in dates.yaml; where two matches overlap the longer (then the
earlier rule) wins, so "6 tháng đầu năm 2019" is one range, not "năm 2019".
Matches inside document codes are dropped ("01/2020/TT-BCA" has no date).
A pair ("ngày 14 và 16/11/2018") is one match given as two mentions. Birth
years ("SN 1981") are marked and never date another day. A day without a year
gets its year guessed (date_values.resolve) and the guess, or why there is
none, is reported in `facts.warnings`.
"""

from __future__ import annotations

from bisect import bisect_right
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
    load_lexicon,
    load_resource,
    load_rules,
)
from extractor.rules.date_values import (
    Parts,
    Reading,
    Where,
    YearHint,
    iso_value,
    read_parts,
    resolve,
)
from extractor.rules.document_codes import code_spans
from extractor.rules.overlaps import SpanIndex, longest_first
from extractor.text.search import occurrences
from schemas import DateMention

_RESOURCE = "dates.yaml"


@cache
def _extra_subpatterns() -> dict[str, str]:
    """{Surname}: the surnames of people.yaml, for a birth year after a name."""
    surnames = sorted(load_lexicon("people.yaml", "surnames"), key=len, reverse=True)
    return {"Surname": "(?:" + "|".join(map(regex.escape, surnames)) + r")(?!\pL)"}


@cache
def _rules() -> list[Rule]:
    rules = load_rules(_RESOURCE, extra_subpatterns=_extra_subpatterns())
    for rule in rules:
        if rule.data.get("pair") and "second" not in rule.pattern.groupindex:
            raise ResourceError(f"{_RESOURCE}: rule {rule.id} is a pair without a group `second`")
    return rules


def _words(key: str, check: str) -> dict[str, int]:
    """A mapping of number words, each also a choice of the sub-pattern `check`."""
    data = load_resource(_RESOURCE)
    words = data.get(key)
    if not isinstance(words, dict) or not words:
        raise ResourceError(f"{_RESOURCE}: {key} must be a non-empty mapping")
    pattern = regex.compile(str((data.get("subpatterns") or {}).get(check, "")), regex.I)
    for word, value in words.items():
        if not isinstance(value, int) or not pattern.fullmatch(str(word)):
            raise ResourceError(
                f"{_RESOURCE}: {key} entry {word!r} needs an integer value and a place "
                f"in the {check} sub-pattern"
            )
    return {str(word).casefold(): value for word, value in words.items()}


@cache
def _count_words() -> dict[str, int]:
    """Counts ("sáu tháng đầu năm") and months ("tháng Ba") written as words."""
    counts, months = _words("count_words", "CountWord"), _words("month_words", "MonthWord")
    clashes = [word for word in counts.keys() & months.keys() if counts[word] != months[word]]
    if clashes:
        raise ResourceError(f"{_RESOURCE}: count and month words disagree on {clashes}")
    return {**counts, **months}


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    order: int
    rule: str
    reading: Reading
    data: dict[str, Any]
    # a pair: where its first date ends and its second begins
    split: tuple[int, int] | None = None


@cache
def _prefixes() -> dict[str, regex.Pattern[str]]:
    """Each `prefix` sub-pattern, anchored to end where a match begins."""
    subpatterns = load_resource(_RESOURCE).get("subpatterns") or {}
    names = {str(rule.data["prefix"]) for rule in _rules() if "prefix" in rule.data}
    return {
        name: compile_pattern(
            expand("(?:{" + name + r"})\Z", {**subpatterns, **_extra_subpatterns()}, _RESOURCE),
            f"{_RESOURCE}: prefix {name}")
        for name in names
    }


_PREFIX_REACH = 40  # characters before a match searched for its lead words


def _with_prefix(text: str, match: regex.Match[str], rule: Rule) -> int | None:
    """Where the match really starts once its lead words are added; None if they
    are required and absent. Lead words kept out of the span are required."""
    start = match.start()
    name = rule.data.get("prefix")
    if name is None:
        return start
    lead = _prefixes()[str(name)].search(text, max(0, start - _PREFIX_REACH), start)
    if rule.data.get("prefix_in_span", True) is False:
        return None if lead is None else start
    if lead is not None:
        return lead.start()
    without = rule.data.get("prefix_required_without")
    required = rule.data.get("prefix_required") or (without and match.start(without) < 0)
    return None if required else start


def _split(match: regex.Match[str]) -> tuple[int, int]:
    """A pair's two dates: the first ends with its last written part, the second is
    the group `second` ("ngày 14 | và | 16/11/2018")."""
    first = max(match.end(name) for name in ("d1", "m1", "y1")
                if name in match.re.groupindex and match.start(name) >= 0)
    return first, match.start("second")


@cache
def _required() -> list[tuple[str, ...]]:
    """Each rule's `requires` literals, in rule order (empty: always tried)."""
    found = []
    for rule in _rules():
        literals = tuple(map(str, rule.data.get("requires") or ()))
        if any(literal != literal.lower() or not literal for literal in literals):
            raise ResourceError(f"{_RESOURCE}: rule {rule.id} requires lower-case literals")
        found.append(literals)
    return found


def _hits(text: str) -> list[_Hit]:
    codes = SpanIndex(code_spans(text))
    low = text.lower()
    found: list[_Hit] = []
    for order, (rule, required) in enumerate(zip(_rules(), _required(), strict=True)):
        if required and not any(literal in low for literal in required):
            continue
        for match in rule.pattern.finditer(text):
            end = match.end()
            if codes.overlaps(match.start(), end):
                continue
            start = _with_prefix(text, match, rule)
            if start is None:
                continue
            reading = read_parts(match.groupdict(), rule.data, _count_words())
            if reading is not None:
                split = _split(match) if rule.data.get("pair") else None
                found.append(_Hit(start, end, order, rule.id, reading, rule.data, split))
    return longest_first(found)


class _Paragraphs:
    """The paragraph (line) index of an offset, by bisection over the line breaks."""

    def __init__(self, text: str) -> None:
        self._breaks = list(occurrences(text, "\n"))

    def of(self, offset: int) -> int:
        return bisect_right(self._breaks, offset - 1)


def _year_hints(article: Article, hits: list[_Hit], paragraphs: _Paragraphs) -> list[YearHint]:
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
            hints.append(YearHint(parts.year, hit.start, article.sentence_of(hit.start), text,
                                  dated=parts.month is not None,
                                  paragraph=paragraphs.of(hit.start),
                                  month=parts.month, day=parts.day))
    return hints


def _pieces(hit: _Hit) -> list[tuple[int, int, Parts, Parts | None]]:
    """What a hit gives: one date or range, or a pair's two dates."""
    if hit.split is None:
        return [(hit.start, hit.end, hit.reading.start, hit.reading.end)]
    second = hit.reading.end or hit.reading.start
    return [(hit.start, hit.split[0], hit.reading.start, None),
            (hit.split[1], hit.end, second, None)]


def tag_dates(article: Article, facts: Facts) -> list[DateMention]:
    hits = _hits(article.text)
    paragraphs = _Paragraphs(article.text)
    hints = _year_hints(article, hits, paragraphs)
    mentions: list[DateMention] = []
    for hit in hits:
        for begin, finish, start, end in _pieces(hit):
            span = evidence(article, begin, finish, hit.rule)
            where = Where(begin, span["sentence"], paragraphs.of(begin))
            resolution = resolve(start, where, article.published, hints)
            if resolution.warning:
                facts.warnings.append(f'date "{span["text"]}" at {begin}: {resolution.warning}')
            mentions.append(
                DateMention(
                    value=iso_value(start),
                    end_value=iso_value(end) if end is not None else None,
                    resolved=resolution.date,
                    birth_year=bool(hit.data.get("birth")),
                    **span,
                )
            )
    return mentions
