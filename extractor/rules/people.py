"""People: names with rank, title and organisation.

Three rules of `people.yaml` find a name with the cue that makes it a person: a
rank ("Thượng tá Nguyễn Đăng Hưng"), "đồng chí"/"ông"/"bà", or, for a name that
begins with a known surname, a title right after or before it. Where two rules
find the same name, the earlier rule (the stronger cue) wins. The title is read
by `person_titles` against the organisations already found, and the mention
covers rank, name and title: "Thượng tá Nguyễn Đăng Hưng - Phó trưởng Công an quận 6".
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.resources.loader import Rule, load_rules
from extractor.rules.leads import LeadIndex, LeadRule, family_index, lead_rule
from extractor.rules.organizations import generic_units
from extractor.rules.person_cue_starts import CueIndex, cue_index, name_starts
from extractor.rules.person_cues import cues_after
from extractor.rules.person_details import (
    age_after,
    cut_off,
    full_names,
    last_word_before_age,
    role_of,
)
from extractor.rules.person_foreign import foreign_people
from extractor.rules.person_lists import with_list_members
from extractor.rules.person_names import (
    after_place_name,
    before_a_province,
    in_a_place_list,
    is_an_alias,
    is_foreign,
    named_as_place,
    names_a_place,
    not_a_name,
    second_name_at,
    without_country,
    without_opener,
)
from extractor.rules.person_patterns import built_subpatterns, expanded
from extractor.rules.person_single import given_name_people
from extractor.rules.person_titles import Title, Units, title_after, title_before
from extractor.text.search import finditer_from
from schemas import PersonMention

_RESOURCE = "people.yaml"
# A surname-led name with no rank or "đồng chí" is a person only with a title.
_NEEDS_TITLE = "person.named"
# A name known by its shape alone ("Nguyễn Thị ...") may be a street's in a list of them.
_BY_NAME_ALONE = "person.middle_name"
# A surname, given names and an initial ("Mai Thành Đ."): not the tail of a longer
# capitalised run ("Nữ Hoàng Nội Y.") nor a foreign word's ("châu Âu Moldova A. Galbur").
_ABBREVIATED = "person.abbreviated"
_PREVIOUS_WORD = regex.compile(r"(?<![\p{L}])\p{L}+ $")


class _Candidate(NamedTuple):  # a tuple: built for every match, faster than a dataclass
    start: int  # the rank if there is one, else the name
    name_start: int
    name_end: int
    name: str
    rank: str | None
    rule: Rule
    priority: int
    cue: str | None  # the word before the name that says who the person is


@cache
def _rules() -> list[LeadRule]:
    # Case-sensitive on purpose: see the header of people.yaml.
    rules = load_rules(_RESOURCE, flags=0, extra_subpatterns=built_subpatterns())
    return [lead_rule(rule, _RESOURCE) for rule in rules]


@cache
def _lead_index() -> LeadIndex:
    return family_index(_rules())


@cache
def _cue_index() -> CueIndex:
    return cue_index([leaded.rule for leaded in _rules()], _RESOURCE)


def rule_matches(text: str) -> Iterator[tuple[Rule, Iterator[regex.Match[str]]]]:
    """Each rule with its matches, tried where its leads stand or its cue words end
    before a name (two passes for the whole family); a rule with neither scans all."""
    leads = _lead_index().starts(text)
    cues = _cue_index().starts(text, name_starts(text))
    for leaded, led, cued in zip(_rules(), leads, cues, strict=True):
        rule = leaded.rule
        if "cue_before_name" in rule.data:
            yield rule, finditer_from(rule.pattern, text, cued)
        else:
            yield rule, leaded.finditer(text, led)


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for priority, (rule, matches) in enumerate(rule_matches(text)):
        required = rule.data.get("requires")
        if required and not any(literal in text for literal in required):
            continue
        has_rank = "rank" in rule.pattern.groupindex
        has_cue = "cue" in rule.pattern.groupindex
        for match in matches:
            name_start, name_end = match.span("name")
            name = after_place_name(text, name_start, without_country(match.group("name")))
            # "Bà Rịa-Vũng Tàu": the honorific and the name are a place's name
            if not_a_name(name) or (rule.id == "person.honorific"
                                    and not_a_name(text[match.start() : name_end])):
                continue
            name_start = name_end - len(name)
            if (longer := last_word_before_age(text, name, name_end)) > name_end:
                name, name_end = text[name_start:longer], longer
            if name_start > match.start("name"):  # a place's words were dropped
                name = _read_on(text, name_end, name)
                name_end = name_start + len(name)
            # a surname-led name needs a title, which settles it: "Giám đốc Công an
            # tỉnh Nguyễn Văn An" is a person after the level word "tỉnh"
            if rule.id != _NEEDS_TITLE and names_a_place(text, name_start):
                continue
            if rule.id == _BY_NAME_ALONE and (in_a_place_list(text, name_start)
                                              or is_an_alias(text, name_start)
                                              or before_a_province(text, name_end)):
                continue
            if rule.id == _ABBREVIATED and (_continues_a_name(text, name_start)
                                            or is_foreign(name.rsplit(" ", 1)[0])):
                continue
            rank_start = match.start("rank") if has_rank else -1
            rank = match.group("rank") if rank_start >= 0 else None
            found.append(
                _Candidate(
                    start=rank_start if rank_start >= 0 else name_start,
                    name_start=name_start,
                    name_end=name_end,
                    name=name,
                    rank=rank,
                    rule=rule,
                    priority=priority,
                    cue=match.group("cue") if has_cue else None,
                )
            )
    return found


@cache
def _name_before() -> regex.Pattern[str]:
    """A name read backwards from a cue that follows it ("..., ")."""
    return expanded(r"(?r)(?<![\p{L}\p{N}])(?P<name>{PersonName}),?\s?$",
                     f"{_RESOURCE}: cues_after")


def _cued_candidates(text: str, priority: int) -> list[_Candidate]:
    found: list[_Candidate] = []
    for rule, cue_start in cues_after(text):
        match = _name_before().search(text, max(0, cue_start - 80), cue_start)
        if match is not None:
            name = without_opener(without_country(match["name"]))
            end = match.end("name")
            if len(name.split()) < 2 and name.count(".") < 2:  # "N.V.T" is a name, "Th." no
                continue
            if not (not_a_name(name) or names_a_place(text, end - len(name))
                    or is_an_alias(text, end - len(name))):
                found.append(_Candidate(end - len(name), end - len(name), end, name,
                                        None, rule, priority, None))
    return found


def _strongest_first(
    article: Article, candidates: list[_Candidate], units: Units
) -> list[PersonMention]:
    """One person per name: a rank beats "đồng chí", which beats a bare surname, and
    so on down the rules; a candidate its rule refuses (a bare surname-led name with
    no title) leaves the name to the next rule."""
    kept: list[tuple[_Candidate, PersonMention]] = []
    for candidate in sorted(candidates, key=lambda c: (c.priority, c.start)):
        if not all(candidate.name_end <= other.start or candidate.start >= other.name_end
                   for other, _ in kept):
            continue
        person = _person(article, candidate, units)
        if person is not None:
            kept.append((candidate, person))
    return [person for _, person in sorted(kept, key=lambda pair: pair[0].start)]


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
    age, birth_year = age_after(text, candidate.name_end)
    return PersonMention(
        **evidence(article, start, end, candidate.rule.id),
        name=candidate.name,
        rank=_capitalised(candidate.rank),
        title=text[title.start : title.end] if title is not None else None,
        organization=title.organization if title is not None else None,
        role=role_of(text, candidate.start, candidate.cue,
                     candidate.rank is not None or title is not None),
        age=age,
        birth_year=birth_year,
    )


def _continues_a_name(text: str, start: int) -> bool:
    """True when a capitalised word stands right before: "Nguyễn Du" in "Trường Nguyễn Du";
    not a word that opens a sentence ("Còn Nguyễn Minh Thu (nguyên ...")."""
    previous = _PREVIOUS_WORD.search(text, max(0, start - 12), start)
    return (previous is not None and previous.group(0)[:1].isupper()
            and _stop_word().fullmatch(previous.group(0)[:-1]) is None)


def _read_on(text: str, name_end: int, name: str) -> str:
    """A name whose first words were a place's ("Hà Nội Nguyễn Thị Bích", read from the
    surname "Hà" and cut at five words): the rest of it, up to five words in all."""
    rest = _more_syllables().match(text, name_end)
    if rest is not None and len(name.split()) + rest.group(0).count(" ") <= 5:
        return name + rest.group(0)
    return name


@cache
def _more_syllables() -> regex.Pattern[str]:
    return expanded("(?: {Syllable})+", f"{_RESOURCE}: Syllable")


@cache
def _stop_word() -> regex.Pattern[str]:
    return expanded("{Stop}", f"{_RESOURCE}: Stop")


def _capitalised(rank: str | None) -> str | None:
    """"thượng tá" -> "Thượng tá": the ladder's form, whatever the sentence position."""
    return rank[:1].upper() + rank[1:] if rank else None


def _after_unit(text: str, candidate: _Candidate, units: list[tuple[int, int]]
                ) -> _Candidate | None:
    """A name that begins inside a unit's name is the rest after it: "UBND quận Ngô
    Quyền Trần Hữu Xuân" names Trần Hữu Xuân; with fewer than two words left, no one."""
    for start, end in units:
        if start <= candidate.name_start < end < candidate.name_end:
            if candidate.start != candidate.name_start:
                return None
            name = text[end : candidate.name_end].lstrip(" ,")
            begin = candidate.name_end - len(name)
            name = _read_on(text, candidate.name_end, name)
            if len(name.split()) < 2 or not_a_name(name):
                return None
            return candidate._replace(start=begin, name_start=begin, name_end=begin + len(name),
                                      name=name)
    return candidate


def _run_together(text: str, candidate: _Candidate) -> list[_Candidate]:
    """Two names with no comma between are two people ("Mai Chiếm Thắng Đậu Đình Long")."""
    at = second_name_at(text, candidate.name)
    if not at:
        return [candidate]
    second = candidate.name_start + at
    return [candidate._replace(name_end=second - 1, name=candidate.name[: at - 1]),
            candidate._replace(start=second, name_start=second, name=candidate.name[at:],
                               rank=None, cue=None)]


def tag_people(article: Article, facts: Facts) -> list[PersonMention]:
    # Bare level words ("Công an tỉnh") are no mention of a body but are a title's unit.
    organizations = [*facts.organizations, *generic_units(article, facts)]
    units = [(org.start, org.end) for org in organizations]
    candidates = [trimmed for candidate in _candidates(article.text)
                  if (trimmed := _after_unit(article.text, candidate, units)) is not None]
    candidates += [
        candidate for candidate in _cued_candidates(article.text, len(_rules()))
        if not any(candidate.name_start < end and start < candidate.name_end
                   for start, end in units)
    ]
    candidates += [_Candidate(found.start, found.start, found.end, found.name, None, found.rule,
                              len(_rules()) + 1, None)
                   for found in foreign_people(article.text, units)]
    if not candidates:
        return given_name_people(article, [], units)
    candidates = [part for candidate in candidates
                  for part in _run_together(article.text, candidate)]
    candidates = [candidate for candidate in candidates
                  if not named_as_place(article.text, candidate.name)]
    people = with_list_members(article, _strongest_first(article, candidates,
                                                          Units(organizations)))
    kept = [person for person in people if not cut_off(article.text, person, facts)]
    return given_name_people(article, full_names(kept), units)
