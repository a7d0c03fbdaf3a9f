"""The event: the conference the article reports (runs last, reads every other family).

The trigger is the first typed gathering in the body ("hội nghị tổng kết",
"Hội nghị sơ kết", "lễ kỷ niệm", a held "Ngày hội"); a plain "hội nghị" counts
only when there is none, and then takes its kind from the title if it can.
No trigger, no event: a feature article reports results, not a meeting.
The rest hangs on the trigger: its sentence gives the date and the organisers,
the clause after it the period reviewed and the programme (event_parts.py).
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.resources.loader import ResourceError, Rule, load_resource, load_rules
from extractor.rules.event_parts import (
    Trigger,
    clause_end,
    event_date,
    organizers,
    period,
    programme,
)
from extractor.rules.leads import LeadRule, lead_rule
from schemas import Event, EventKind, Span

RESOURCE = "event.yaml"
_SPACES = regex.compile(r"\s+")


@cache
def _rules() -> list[LeadRule]:
    return [lead_rule(rule, RESOURCE) for rule in load_rules(RESOURCE)]


@cache
def _kinds() -> dict[str, EventKind]:
    data = load_resource(RESOURCE).get("kinds")
    if not isinstance(data, dict) or not data:
        raise ResourceError(f"{RESOURCE}: kinds must be a non-empty mapping")
    try:
        return {str(word).casefold(): EventKind(str(kind)) for word, kind in data.items()}
    except ValueError as error:
        raise ResourceError(f"{RESOURCE}: kinds: {error}") from error


@cache
def _title_kind_pattern() -> regex.Pattern[str]:
    words = sorted(_kinds(), key=len, reverse=True)
    return regex.compile(r"(?<!\pL)(?:" + "|".join(map(regex.escape, words)) + r")(?!\pL)", regex.I)


class _Candidate(NamedTuple):
    start: int
    end: int
    rule: Rule
    match: regex.Match[str]  # its kind is read for the chosen one only


def _kind_of(rule: Rule, match: regex.Match[str]) -> EventKind:
    written = match.groupdict().get("kindword")
    if written is not None:
        return _kinds()[_SPACES.sub(" ", written).casefold()]
    if "kind" in rule.data:
        try:
            return EventKind(str(rule.data["kind"]))
        except ValueError as error:
            raise ResourceError(f"{RESOURCE}: rule {rule.id}: {error}") from error
    matched = _title_kind_pattern().search(match.group())
    if matched is None:
        raise ResourceError(f"{RESOURCE}: rule {rule.id} gives no kind for {match.group()!r}")
    return _kinds()[matched.group().casefold()]


def _candidates(text: str, fallback: bool) -> list[_Candidate]:
    return [
        _Candidate(match.start(), match.end(), leaded.rule, match)
        for leaded in _rules()
        if bool(leaded.rule.data.get("fallback")) == fallback
        for match in leaded.finditer(text)
    ]


def find_trigger(article: Article) -> Trigger | None:
    """The words naming the event: the first typed trigger, else the first plain one."""
    # The plain word is looked for only when no typed trigger stands anywhere.
    pool = _candidates(article.text, fallback=False) or _candidates(article.text, fallback=True)
    if not pool:
        return None
    # the body's first trigger: the headline names the event too, but the body's
    # sentence holds its date and organisers
    best = min(pool, key=lambda c: (c.start < article.body_start, c.start, -(c.end - c.start)))
    kind = _kind_of(best.rule, best.match)
    if best.rule.data.get("fallback") and article.title:
        # "Dự hội nghị ..." says nothing of the kind; "Phường X tổng kết ..." in the title does
        in_title = _title_kind_pattern().search(article.title)
        if in_title is not None:
            kind = _kinds()[in_title.group().casefold()]
    return Trigger(best.start, best.end, best.rule.id, kind, article.sentence_of(best.start))


def detect_event(article: Article, facts: Facts) -> Event | None:
    trigger = find_trigger(article)
    if trigger is None:
        return None
    end = clause_end(article, trigger)
    return Event(
        kind=trigger.kind,
        trigger=Span(**evidence(article, trigger.start, trigger.end, trigger.rule)),
        date=event_date(article, facts, trigger),
        period=period(article, facts, trigger, end),
        organizers=organizers(article, facts, trigger),
        programme=programme(facts, trigger, end),
    )
