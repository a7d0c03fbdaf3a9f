"""People: names with rank, title and organisation.

Three rules of `people.yaml` find a name with the cue that makes it a person: a
rank ("Thượng tá Nguyễn Đăng Hưng"), "đồng chí"/"ông"/"bà", or, for a name that
begins with a known surname, a title right after or before it. Where two rules
find the same name, the earlier rule (the stronger cue) wins. The title is read
by `person_titles` against the organisations already found, and the mention
covers rank, name and title: "Thượng tá Nguyễn Đăng Hưng - Phó trưởng Công an quận 6".
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.resources.loader import Rule, load_lexicon, load_rules
from extractor.rules.leads import LeadIndex, LeadRule, family_index, lead_rule
from extractor.rules.person_titles import Title, Units, title_after, title_before
from schemas import PersonMention

_RESOURCE = "people.yaml"
# A surname-led name with no rank or "đồng chí" is a person only with a title.
_NEEDS_TITLE = "person.named"
_PREVIOUS_WORD = regex.compile(r"(?<![\p{L}])\p{L}+ $")


class _Candidate(NamedTuple):  # a tuple: built for every match, faster than a dataclass
    start: int  # the rank if there is one, else the name
    name_start: int
    name_end: int
    name: str
    rank: str | None
    rule: Rule
    priority: int


def _by_first_letter(words: list[str]) -> str:
    """A choice of whole `words`, factored by first letter: "N(?:guyễn|gô)|T(?:ô)".

    The engine tries a flat choice word by word; factored, a capital that begins
    no word costs one test. Longer tails first; {End} after it makes the order moot.
    """
    tails: dict[str, list[str]] = {}
    for word in words:
        tails.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rest in tails.items():
        choice = "|".join(regex.escape(tail) for tail in sorted(rest, key=len, reverse=True))
        branches.append(f"{regex.escape(first)}(?:{choice})")
    return "(?:" + "|".join(branches) + "){End}"


@cache
def _rules() -> list[LeadRule]:
    # Case-sensitive on purpose: see the header of people.yaml.
    surname = _by_first_letter(load_lexicon(_RESOURCE, "surnames"))
    rules = load_rules(_RESOURCE, flags=0, extra_subpatterns={"Surname": surname})
    return [lead_rule(rule, _RESOURCE) for rule in rules]


@cache
def _lead_index() -> LeadIndex:
    return family_index(_rules())


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    starts = _lead_index().starts(text)  # every rule's leads, in one pass
    for priority, (leaded, rule_starts) in enumerate(zip(_rules(), starts, strict=True)):
        rule = leaded.rule
        required = rule.data.get("requires")
        if required and not any(literal in text for literal in required):
            continue
        has_rank = "rank" in rule.pattern.groupindex
        for match in leaded.finditer(text, rule_starts):
            rank_start = match.start("rank") if has_rank else -1
            rank = match.group("rank") if rank_start >= 0 else None
            name_start, name_end = match.span("name")
            found.append(
                _Candidate(
                    start=rank_start if rank_start >= 0 else name_start,
                    name_start=name_start,
                    name_end=name_end,
                    name=match.group("name"),
                    rank=rank,
                    rule=rule,
                    priority=priority,
                )
            )
    return found


def _strongest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """One candidate per name: a rank beats "đồng chí", which beats a bare surname."""
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.priority, c.start)):
        if all(
            candidate.name_end <= other.start or candidate.start >= other.name_end
            for other in kept
        ):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def _person(article: Article, candidate: _Candidate, units: Units) -> PersonMention | None:
    text = article.text
    after = title_after(text, candidate.name_end, units)
    before: Title | None = None
    if after is None:
        before = title_before(text, candidate.start, units)
    title = after or before
    if candidate.rule.id == _NEEDS_TITLE and (
        title is None or (before is None and _continues_a_name(text, candidate.start))
    ):
        return None
    start = before.start if before is not None else candidate.start
    end = after.end if after is not None else candidate.name_end
    return PersonMention(
        **evidence(article, start, end, candidate.rule.id),
        name=candidate.name,
        rank=_capitalised(candidate.rank),
        title=text[title.start : title.end] if title is not None else None,
        organization=title.organization if title is not None else None,
    )


def _continues_a_name(text: str, start: int) -> bool:
    """True when a capitalised word stands right before: "Nguyễn Du" in "Trường Nguyễn Du"."""
    previous = _PREVIOUS_WORD.search(text, max(0, start - 12), start)
    return previous is not None and previous.group(0)[:1].isupper()


def _capitalised(rank: str | None) -> str | None:
    """"thượng tá" -> "Thượng tá": the ladder's form, whatever the sentence position."""
    return rank[:1].upper() + rank[1:] if rank else None


def tag_people(article: Article, facts: Facts) -> list[PersonMention]:
    candidates = _strongest_first(_candidates(article.text))
    if not candidates:
        return []
    units = Units(facts.organizations)
    people = [_person(article, candidate, units) for candidate in candidates]
    return [person for person in people if person is not None]
