"""Awards: commendations to collectives and individuals, with form and issuer.

A count of "tập thể" / "cá nhân" (`awards.yaml`) is an award when a
commendation word stands in its clause. "5 tập thể, 10 cá nhân" splits the
count; "20 tập thể cá nhân" is one undivided total (`recipients`). The form
("Bằng khen") and the issuer ("UBND phường Ninh Khánh") are read in the same
clause. The same counts are also indicators (category awards): that family
finds them on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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
from extractor.rules.indicator_context import clause_bounds
from extractor.rules.indicator_resources import words_pattern
from extractor.rules.numbers import read_digits
from extractor.text.search import finditer_from
from schemas import Award

_RESOURCE = "awards.yaml"
_COUNT_GROUPS = ("collectives", "individuals", "recipients")
# How every rule opens: a count, spaces, the collective or individual word.
_RULE_OPENING = regex.compile(r"\(\?P<\w+>\{Count\}\)\\s\+\{(?:Collective|Individual)\}")
# Reversed, so `match` reads back from its endpos: the digits and spaces before a word.
_COUNT_BEFORE = regex.compile(r"(?r)[\d.]+\s+")


@dataclass(frozen=True)
class _IssuerRule:
    id: str
    side: str
    pattern: regex.Pattern[str]


@cache
def _rules() -> list[Rule]:
    rules = load_rules(_RESOURCE)
    entries = load_resource(_RESOURCE)["rules"]
    for rule, entry in zip(rules, entries, strict=True):
        if not set(rule.pattern.groupindex) & set(_COUNT_GROUPS):
            raise ResourceError(f"{_RESOURCE}: rule {rule.id} captures no count group")
        if not _RULE_OPENING.match(str(entry["pattern"])):
            raise ResourceError(
                f"{_RESOURCE}: rule {rule.id} must open with a count group, \\s+ and "
                "{Collective} or {Individual} (awards.py finds counts from those words)"
            )
    return rules


@cache
def _words() -> tuple[regex.Pattern[str], ...]:
    data = load_resource(_RESOURCE)
    subpatterns = data.get("subpatterns") or {}
    return tuple(
        compile_pattern(expand(f"{{{name}}}", subpatterns, origin), origin)
        for name, origin in (("Collective", f"{_RESOURCE}: Collective"),
                             ("Individual", f"{_RESOURCE}: Individual"))
    )


def _count_starts(text: str) -> list[int]:
    """Where every rule's match may start: the digit run before a collective/individual word.

    A count is a maximal run of digits and dots (it may not follow a digit or a dot),
    so it starts where that run does. Two fast searches for the words spare five
    scans of the article that try a count at every character.
    """
    starts: set[int] = set()
    for words in _words():
        for word in words.finditer(text):
            count = _COUNT_BEFORE.match(text, 0, word.start())
            if count is not None:
                starts.add(count.start())
    return sorted(starts)


@cache
def _commendation() -> regex.Pattern[str]:
    return words_pattern(load_lexicon(_RESOURCE, "commendations"))


@cache
def _form() -> regex.Pattern[str]:
    return words_pattern(load_lexicon(_RESOURCE, "forms"))


@cache
def _forms_by_key() -> dict[str, str]:
    return {form.casefold(): form for form in load_lexicon(_RESOURCE, "forms")}


@cache
def _issuer_rules() -> list[_IssuerRule]:
    data = load_resource(_RESOURCE)
    subpatterns = data.get("subpatterns") or {}
    found: list[_IssuerRule] = []
    for index, entry in enumerate(data.get("issuer_patterns") or []):
        if not isinstance(entry, dict) or entry.get("side") not in ("before", "after"):
            raise ResourceError(f"{_RESOURCE}: issuer pattern #{index} needs side before/after")
        origin = f"{_RESOURCE}: issuer pattern {entry.get('id')}"
        # Case matters for these: the issuer must open with a capital letter.
        flags = 0 if entry.get("case_sensitive") else regex.IGNORECASE
        pattern = compile_pattern(expand(str(entry["pattern"]), subpatterns, origin), origin, flags)
        if "issuer" not in pattern.groupindex:
            raise ResourceError(f"{origin}: needs a (?P<issuer>...) group")
        found.append(_IssuerRule(str(entry["id"]), str(entry["side"]), pattern))
    if not found:
        raise ResourceError(f"{_RESOURCE}: issuer_patterns must not be empty")
    return found


def _count(match: regex.Match[str], group: str) -> int | None:
    if group not in match.re.groupindex or match.group(group) is None:
        return None
    read = read_digits(match.group(group), scaled=False)
    if read is None or read[1] is not None or not isinstance(read[0], int):
        return None  # an English-style or decimal count is no headcount: leave it
    return read[0]


def _issuer(text: str, span: tuple[int, int], clause: tuple[int, int]) -> str | None:
    for rule in _issuer_rules():
        if rule.side == "after":
            hit = rule.pattern.search(text, span[1], clause[1])
        else:
            hits = list(rule.pattern.finditer(text, clause[0], span[0]))
            hit = hits[-1] if hits else None
        if hit is not None:
            return hit.group("issuer").strip()
    return None


def _form_in(text: str, clause: tuple[int, int]) -> str | None:
    hit = _form().search(text, *clause)
    if hit is None:
        return None
    return _forms_by_key().get(hit.group().casefold(), hit.group())


def tag_awards(article: Article, facts: Facts) -> list[Award]:
    text = article.text
    taken: list[tuple[int, int]] = []
    found: list[Award] = []
    starts = _count_starts(text)
    for rule in _rules():
        for match in finditer_from(rule.pattern, text, starts):
            start, end = match.span()
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            sentence = article.sentences[article.sentence_of(start)] if article.sentences else (
                0, len(text)
            )
            clause = clause_bounds(text, sentence, start, end)
            if not _commendation().search(text, *clause):
                continue
            counts = {group: _count(match, group) for group in _COUNT_GROUPS}
            if all(value is None for value in counts.values()):
                continue
            taken.append((start, end))
            found.append(Award(
                **evidence(article, start, end, rule.id),
                **counts,
                form=_form_in(text, clause),
                issuer=_issuer(text, (start, end), clause),
            ))
    return sorted(found, key=lambda award: award.start)
