"""Organisations: units and bodies, the longest name that still is a unit.

Each rule of `organizations.yaml` finds one kind of body ("Công an quận 6",
"UBND phường Ninh Khánh", "Ban Dân vận Quận ủy quận 6", ...) with regexes over
the text: the cues are characters (capitals, abbreviations, "138/Quận"), and
one compiled pattern per rule costs far less than segmentation. Overlapping
hits are resolved longest first, so "Đội ... - Công an quận 6" is one mention
and the "Công an quận 6" inside it is not another.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.rules.loader import (
    ResourceError,
    Rule,
    compile_pattern,
    expand,
    load_resource,
    load_rules,
)
from extractor.rules.org_abbreviations import expand_abbreviations
from extractor.rules.org_places import CITY, article_city_level, resolve_level
from schemas import OrgKind, OrgLevel, OrgMention

_RESOURCE = "organizations.yaml"
_RULE_LEVELS = {*(level.value for level in OrgLevel), CITY}


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    rule: Rule
    place: str | None
    level_word: str | None


@cache
def _rules() -> list[Rule]:
    # Case-sensitive on purpose: see the header of organizations.yaml.
    rules = load_rules(_RESOURCE, flags=0)
    for rule in rules:
        try:
            OrgKind(str(rule.data.get("kind")))
        except ValueError as error:
            raise ResourceError(f"{_RESOURCE}: rule {rule.id}: bad kind: {error}") from error
        level = rule.data.get("level")
        if level is not None and level not in _RULE_LEVELS:
            raise ResourceError(f"{_RESOURCE}: rule {rule.id}: bad level {level!r}")
        required = rule.data.get("requires")
        if not isinstance(required, list) or not required or not all(
            isinstance(literal, str) and literal for literal in required
        ):
            raise ResourceError(f"{_RESOURCE}: rule {rule.id}: requires must list literals")
    return rules


@cache
def _board_prefix() -> regex.Pattern[str]:
    data = load_resource(_RESOURCE)
    origin = f"{_RESOURCE}: board_prefix"
    source = expand(str(data.get("board_prefix", "")), data.get("subpatterns") or {}, origin)
    return compile_pattern(source, origin, flags=0)


def _with_board(text: str, start: int) -> int:
    """Start of "Ban Dân vận Quận ủy ..." when a board stands right before the body."""
    window_start = max(0, start - 40)
    match = _board_prefix().search(text, window_start, start)
    if match is None or (match.start() > 0 and text[match.start() - 1].isalpha()):
        return start
    return match.start()


@cache
def _generic_filters() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """(word before, words after) that make a unit name generic rather than a mention."""
    data = load_resource(_RESOURCE)
    before = [str(word) for word in data.get("plural_before") or []]
    after = [str(word) for word in data.get("generic_after") or []]
    if not before or not after:
        raise ResourceError(f"{_RESOURCE}: plural_before and generic_after must be non-empty")
    alternatives_before = "|".join(regex.escape(word) for word in before)
    alternatives_after = "|".join(regex.escape(word) for word in after)
    return (
        regex.compile(rf"(?<![\p{{L}}])(?:{alternatives_before})\s+$", regex.IGNORECASE),
        regex.compile(rf"^\s+(?:{alternatives_after})(?![\p{{L}}])", regex.IGNORECASE),
    )


def _is_generic(text: str, start: int, end: int) -> bool:
    before, after = _generic_filters()
    return bool(before.search(text[max(0, start - 12) : start])) or bool(
        after.match(text[end : end + 12])
    )


def _in_code(text: str, start: int, end: int, documents: list[tuple[int, int]]) -> bool:
    """An issuer inside a document code ("09/Ctr- BCA -MTTQ") is not a mention of its own."""
    if start > 0 and text[start - 1] in "-/":
        return True
    return any(doc_start < end and start < doc_end for doc_start, doc_end in documents)


def _group(match: regex.Match[str], name: str) -> str | None:
    """A named group's text; the name may repeat across alternatives, take the one that matched."""
    if name not in match.re.groupindex:
        return None
    value = match.group(name)
    return value if value else None


def _hits(text: str, documents: list[tuple[int, int]]) -> list[_Hit]:
    hits: list[_Hit] = []
    for rule in _rules():
        # A cheap necessary condition: most articles name few kinds of body.
        if not any(literal in text for literal in rule.data["requires"]):
            continue
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if rule.data.get("board"):
                start = _with_board(text, start)
            if _is_generic(text, start, end) or _in_code(text, start, end, documents):
                continue
            hits.append(_Hit(start, end, rule, _group(match, "place"), _group(match, "level_word")))
    return hits


def _longest_first(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits, longer names winning, in text order."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if all(hit.end <= other.start or hit.start >= other.end for other in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def tag_organizations(article: Article, facts: Facts) -> list[OrgMention]:
    text = article.text
    documents = [(doc.start, doc.end) for doc in facts.documents]
    hits = _longest_first(_hits(text, documents))
    if not hits:
        return []
    context = text if article.title is None else f"{article.title}\n{text}"

    @cache
    def article_city() -> OrgLevel | None:
        return article_city_level(context, article.published)

    found: list[OrgMention] = []
    for hit in hits:
        level = resolve_level(
            hit.rule.data.get("level"), hit.place, hit.level_word, article_city, article.published
        )
        found.append(
            OrgMention(
                **evidence(article, hit.start, hit.end, hit.rule.id),
                normalized=expand_abbreviations(text[hit.start : hit.end]),
                kind=OrgKind(hit.rule.data["kind"]),
                level=level,
                place=hit.place,
            )
        )
    return found
