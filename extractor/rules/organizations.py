"""Organisations: units and bodies, the longest name that still is a unit.

Each rule of `organizations.yaml` finds one kind of body ("Công an quận 6",
"UBND phường Ninh Khánh", "Ban Dân vận Quận ủy quận 6", ...) with regexes over
the text: the cues are characters (capitals, abbreviations, "138/Quận"), and
one compiled pattern per rule costs far less than segmentation. Overlapping
hits are resolved longest first, so "Đội ... - Công an quận 6" is one mention
and the "Công an quận 6" inside it is not another.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from itertools import accumulate
from typing import NamedTuple

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.resources.loader import (
    ResourceError,
    load_resource,
)
from extractor.rules.leads import LeadIndex
from extractor.rules.org_abbreviations import canonical_name
from extractor.rules.org_boards import board_leads, with_board
from extractor.rules.org_chain import chain_end
from extractor.rules.org_compounds import compound_end, load_patterns
from extractor.rules.org_credits import is_credit
from extractor.rules.org_defined import defined_mentions
from extractor.rules.org_limits import name_end, place_within
from extractor.rules.org_places import article_city_level, resolve_level
from extractor.rules.org_rules import RESOURCE as _RESOURCE
from extractor.rules.org_rules import Entry as _Entry
from extractor.rules.org_rules import entries as _rules
from extractor.rules.org_short_forms import short_mentions
from schemas import OrgKind, OrgLevel, OrgMention


class _Hit(NamedTuple):  # a tuple: a dozen per article, built faster than a dataclass
    start: int
    end: int
    entry: _Entry
    place: str | None
    level_word: str | None
    code: str | None
    province: bool  # the place is a province named without its level word
    foreign: bool
    bare: bool  # a level word with no name: "Công an huyện", generic


class _SplitIndex:
    """Every rule's leads, then (last) the boards' leads, in two passes: those that
    begin with a capital and those that begin in lower case ("báo ", "công ty ").

    One search for all would stop at nearly every character (lower-case letters
    begin words everywhere) and look inside every capitalised lead that holds a
    lower-case one ("Tổng công ty "): two searches cost half as much.
    """

    def __init__(self, sets: list[tuple[str, ...]]) -> None:
        self._upper = LeadIndex([[lead for lead in leads if not lead[0].islower()]
                                 for leads in sets])
        self._lower = LeadIndex([[lead for lead in leads if lead[0].islower()]
                                 for leads in sets])

    def starts(self, text: str) -> list[list[int]]:
        """For each set, the sorted offsets where one of its literals stands."""
        return [sorted(upper + lower) if upper and lower else upper or lower
                for upper, lower in zip(self._upper.starts(text), self._lower.starts(text),
                                        strict=True)]


@cache
def _lead_index() -> _SplitIndex:
    load_patterns()  # built with the family's leads, whatever the first article holds
    return _SplitIndex([*(entry.rule.leads for entry in _rules()), board_leads()])


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
        # Reversed ((?r)), tried with match(): anchored at the window's end, one try
        # where a search tried each character (same answer: it ends with "\s+$").
        regex.compile(rf"(?r)(?<![\p{{L}}])(?:{alternatives_before})\s+$", regex.IGNORECASE),
        # Tried with match(text, end, end + 12): anchored there, blind past the window.
        regex.compile(rf"\s+(?:{alternatives_after})(?![\p{{L}}])", regex.IGNORECASE),
    )


def _is_generic(
    text: str, start: int, end: int, filters: tuple[regex.Pattern[str], regex.Pattern[str]]
) -> bool:
    before, after = filters
    # Both need white space next to the name: tested first, it spares the regex call
    # where punctuation follows (a quarter of the names).
    # A slice before: a word cut at the window's edge still counts as a word there.
    return (
        text[start - 1 : start].isspace()
        and before.match(text[max(0, start - 12) : start]) is not None
    ) or (text[end : end + 1].isspace() and after.match(text, end, end + 12) is not None)


class _Documents:
    """The article's document references, asked whether any overlaps a span."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # The furthest end among the first i references: a bisect answers for a span.
        self._reach = list(accumulate((end for _, end in ordered), max))

    def overlap(self, start: int, end: int) -> bool:
        before_end = bisect_left(self._starts, end)  # references starting before `end`
        return before_end > 0 and self._reach[before_end - 1] > start


def _in_code(text: str, start: int, end: int, documents: _Documents) -> bool:
    """An issuer inside a document code ("09/Ctr- BCA -MTTQ") is not a mention of its own."""
    if start > 0 and text[start - 1] in "-/":
        return True
    return documents.overlap(start, end)


def _hits(article: Article, documents: _Documents) -> list[_Hit]:
    text = article.text
    hits: list[_Hit] = []
    *starts, board_starts = _lead_index().starts(text)  # every lead, in one pass
    filters = _generic_filters()
    for entry, rule_starts in zip(_rules(), starts, strict=True):
        # No lead, no match: most articles name few kinds of body. `requires` is a
        # cheap necessary condition for a rule whose leads are common words.
        if not rule_starts or (
            entry.requires and not any(literal in text for literal in entry.requires)
        ):
            continue
        for match in entry.rule.finditer(text, rule_starts):
            start, end = match.span()
            if entry.board:
                start = with_board(text, start, board_starts)
            if _is_generic(text, start, end, filters) or _in_code(text, start, end, documents):
                continue
            groups = entry.groups
            if entry.named and not any(match.group(name) for name in entry.named):
                continue
            if "whole" in groups and match.group("whole"):
                start = match.start("whole")  # the name says its kind: the head is a description
            if "chain" in groups and match.group("chain"):
                end = chain_end(match, end)
            elif entry.compound:
                end = compound_end(article, start, end)
            limited = name_end(text, start, end)  # run-in openers, forums' years
            if limited is None:
                continue
            cut, end = text[limited:end], limited
            # `or None`: a group name may repeat across alternatives; "" is one that did not match
            place = (match.group("place") or None) if "place" in groups else None
            if cut and place is not None:
                place = place_within(place, cut)
                if place is None:  # "UBND TP. Theo đó": a level word alone is left
                    continue
            province = (match.group("province") or None) if "province" in groups else None
            level_word = (match.group("level_word") or None) if "level_word" in groups else None
            code = (match.group("code") or None) if "code" in groups else None
            foreign = "country" in groups and bool(match.group("country"))
            bare = level_word is not None and place is None and province is None and (
                (entry.by_place and _is_scope_word(match))
                or _THIS.match(text, end) is not None)
            hits.append(_Hit(start, end, entry, place or province, level_word,
                             None if code is None else code.replace(" ", ""),
                             province is not None and place is None, foreign, bare))
    return hits


def _is_scope_word(match: regex.Match[str]) -> bool:
    """The level word is the body's scope ("UBND huyện", "CATP"), below the centre: not
    part of a code ("Ban Chỉ đạo 138/Quận") and not "Trung ương", which names one body."""
    at = match.start("level_word")
    return (match.string[at - 1 : at] != "/"
            and match.group("level_word").casefold() not in _CENTRAL_WORDS)


_CENTRAL_WORDS = frozenset(("trung ương", "tw"))
# A level word pointing back ("Sở Y tế tỉnh này", "Ban Tuyên giáo huyện đó"): the body
# of a place named before, not a name (ANNOTATION.md: generic), whatever the rule.
_THIS = regex.compile(r" (?:này|đó|ấy|nói trên|kể trên)(?![\p{L}])")


def _longest_first(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits, longer names winning, in text order."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        for other in kept:
            if hit.end > other.start and hit.start < other.end:
                break
        else:
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


# The last article's hits: tag_organizations and generic_units (people) ask for the
# same article in turn. Held with the article itself, so identity is a safe key.
_last: list[tuple[Article, tuple[tuple[int, int], ...], tuple[_Hit, ...]]] = []


def _article_hits(article: Article, facts: Facts) -> tuple[_Hit, ...]:
    documents = tuple((doc.start, doc.end) for doc in facts.documents)
    if _last and _last[0][0] is article and _last[0][1] == documents:
        return _last[0][2]
    hits = tuple(_longest_first(_hits(article, _Documents(list(documents)))))
    _last[:] = [(article, documents, hits)]
    return hits


def tag_organizations(article: Article, facts: Facts) -> list[OrgMention]:
    # A bare level word takes part in the longest-first choice (its words are no
    # other body's) but is not a mention: ANNOTATION.md counts it as generic; nor is
    # a body in a photo credit or a byline (after the choice: "báo Dân trí" hides its
    # "Dân trí").
    text = article.text
    kept = [hit for hit in _article_hits(article, facts)
            if not hit.bare and not is_credit(text, hit.start, hit.end,
                                              hit.entry.kind is OrgKind.BAO_CHI)]
    named = {text[hit.start : hit.end].casefold() for hit in kept}
    found = _mentions(article, [hit for hit in kept if not _back_reference(hit, text, named)])
    documents = _Documents([(doc.start, doc.end) for doc in facts.documents])
    def excluded(start: int, end: int) -> bool:
        return documents.overlap(start, end) or is_credit(text, start, end, False)

    later = defined_mentions(article, found, excluded) + short_mentions(article, found, excluded)
    return sorted(found + later, key=lambda mention: mention.start) if later else found


def _back_reference(hit: _Hit, text: str, named: set[str]) -> bool:
    """A department named by its function alone ("phòng Cảnh sát kinh tế") where the
    article names it whole ("Phòng Cảnh sát kinh tế Công an tỉnh X"): the same body
    again, generic by ANNOTATION.md."""
    if hit.entry.rule.rule.id != "org.police.function":
        return False
    short = text[hit.start : hit.end].casefold()
    return any(name.startswith(short) and len(name) > len(short) for name in named)


def generic_units(article: Article, facts: Facts) -> list[OrgMention]:
    """The units written with a level word alone ("Công an huyện", "UBND xã"): not a
    named body, but the unit of a title ("Giám đốc Công an tỉnh")."""
    return _mentions(article, [hit for hit in _article_hits(article, facts) if hit.bare])


def _mentions(article: Article, hits: list[_Hit]) -> list[OrgMention]:
    if not hits:
        return []
    text = article.text

    @cache
    def article_city() -> OrgLevel | None:
        context = text if article.title is None else f"{article.title}\n{text}"
        return article_city_level(context, article.published)

    found: list[OrgMention] = []
    for hit in hits:
        entry = hit.entry
        if hit.foreign:
            kind, level = OrgKind.NUOC_NGOAI, None
        elif hit.province:
            kind, level = entry.kind, OrgLevel.TINH
        else:
            kind = entry.kind
            level = resolve_level(
                entry.level, hit.place, hit.level_word, article_city, article.published
            )
        found.append(
            OrgMention(
                **evidence(article, hit.start, hit.end, entry.rule.rule.id),
                normalized=canonical_name(text[hit.start : hit.end]),
                kind=kind,
                level=level,
                place=hit.place,
                code=hit.code,
            )
        )
    return found
