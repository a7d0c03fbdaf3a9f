"""People named by one given name after a word that says who they are (data in
`people_single.yaml`): "anh Nam (35 tuổi)", "bà Phượng", "đối tượng tên Thuyết",
"ông cụ họ Kim", "bị cáo Dung", "gồm: Khăm (23 tuổi".

The press names a person so when it gives no more of the name, or after giving the
full name once: "Nguyễn Văn Hưng ... anh Hưng" is one person, whom the full name names,
so a word that ends (or, for a foreign name, is any word of) a fuller name the article
holds gives no one here. A capitalised honorific is a cue only at a sentence's start
("Anh Nam cho biết"), not inside a name ("Hai Bà Trưng", "núi Bà Đen").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import regex

from extractor.article import Article
from extractor.facts import evidence
from extractor.resources.loader import Rule, compile_rules, load_lexicon, load_resource
from extractor.rules.leads import LeadIndex, LeadRule, family_index
from extractor.rules.person_details import age_after, role_of
from extractor.rules.person_names import (
    after_place_word,
    countries,
    is_an_alias,
    is_foreign,
    named_as_place,
    not_a_name,
    toneless,
)
from extractor.rules.person_patterns import any_case_choice, built_subpatterns, expanded
from schemas import PersonMention

_RESOURCE = "people_single.yaml"
_PEOPLE = "people.yaml"
_SENTENCE_START = regex.compile(r"(?:^|[.!?:…\n\"“”]\s*)$")
_WORD_BEFORE = regex.compile(r"(?<![\p{L}])(\p{L}+) $")
# nothing after the name but a note in brackets to the end of the text: a byline ("Anh
# Tuấn (lược dịch)", "Anh Sinh"), its author and not a person of the article
_BYLINE = regex.compile(r"\s*(?:\([^()\n]{0,40}\)\s*)?$")


@cache
def _rules() -> list[Rule]:
    lists = {"Honorific": "single_honorifics", "Role": "single_roles",
             "Someone": "single_someone"}
    subpatterns = {**load_resource(_PEOPLE)["subpatterns"], **built_subpatterns(),
                   **load_resource(_RESOURCE)["subpatterns"],
                   **{name: any_case_choice(load_lexicon(_RESOURCE, key))
                      for name, key in lists.items()}}
    return compile_rules(_RESOURCE, load_resource(_RESOURCE)["rules"], subpatterns, flags=0)


@cache
def _not_names() -> frozenset[str]:
    return frozenset(load_lexicon(_RESOURCE, "single_not_names"))


@cache
def _not_after() -> dict[str, frozenset[str]]:
    found = load_resource(_RESOURCE)["single_cue_not_after"]
    return {str(cue): frozenset(words) for cue, words in found.items()}


@cache
def _position() -> regex.Pattern[str]:
    """A title's first words: "cô Hiệu trưởng" names a position, not a "Hiệu"."""
    return expanded("{Position}", f"{_PEOPLE}: Position")


@cache
def _fuller_name() -> regex.Pattern[str]:
    """A surname-led name of two words or more, to find the one a given name ends."""
    return expanded(r"(?<![\p{L}\p{N}])(?:{Surname})(?: {Cap}){1,4}", f"{_PEOPLE}: KnownName")


def _fuller_names(text: str, people: Iterable[PersonMention]) -> frozenset[str]:
    """The words that a fuller name of the article holds, without tone marks: the last
    word of every surname-led name written in it, and every word of a person found with
    two or more ("Donald Trump ... ông Trump", "Kim Jong-un ... ông Kim")."""
    words = {match.group(0).rsplit(" ", 1)[1] for match in _fuller_name().finditer(text)}
    for person in people:
        parts = person.name.split()
        if len(parts) > 1:
            words.update(parts)
    return frozenset(toneless(word) for word in words)


def _one_edit(word: str, other: str) -> bool:
    """Whether one letter added, dropped or changed makes `other` of `word`."""
    if abs(len(word) - len(other)) > 1:
        return False
    if len(word) == len(other):
        return sum(a != b for a, b in zip(word, other, strict=True)) == 1
    short, long = sorted((word, other), key=len)
    return any(long[:at] + long[at + 1:] == short for at in range(len(long)))


def _in_fuller(name: str, fuller: frozenset[str]) -> bool:
    """The word is one of a fuller name's, or, foreign, a misspelling of one: the press
    writes foreign names unsteadily ("Shaakirrah R. Sanders ... bà Sander", "Mattis ...
    ông Matiis")."""
    plain = toneless(name)
    return plain in fuller or (is_foreign(name) and len(name) > 4 and any(
        _one_edit(plain, word) for word in fuller))


def _in_a_foreign_name(text: str, name: str) -> bool:
    """The word written elsewhere next to another capitalised word, one of the two foreign:
    the foreign name it is part of ("James Robart ... thẩm phán Robart", "Chan Wing ...
    ông Chan")."""
    word = regex.escape(name)
    pattern = rf"(?<![\p{{L}}])(?:(\p{{Lu}}\p{{L}}*) {word}|{word} (\p{{Lu}}\p{{L}}*))(?![\p{{L}}])"
    return any(is_foreign(name) or is_foreign(match.group(1) or match.group(2))
               for match in regex.finditer(pattern, text))


@cache
def _not_cues() -> frozenset[str]:
    return frozenset(load_lexicon(_RESOURCE, "single_not_cues"))


def _cue_allowed(text: str, cue_start: int, cue: str) -> bool:
    """A capitalised honorific only at a sentence's start; no cue as the tail of a
    compound noun ("trẻ em", "thầy cô", "công cụ"), in a place's name ("cầu ông Hóa",
    "chợ Bà Chiểu") or after an alias's word ("biệt danh anh Đỏ")."""
    if cue[:1].isupper() and (cue in _not_cues() or _SENTENCE_START.search(
            text, max(0, cue_start - 3), cue_start) is None):
        return False
    if after_place_word(text, cue_start) or is_an_alias(text, cue_start):
        return False
    before = _WORD_BEFORE.search(text, max(0, cue_start - 12), cue_start)
    return before is None or before.group(1) not in _not_after().get(cue.casefold(), ())


def _is_given_name(text: str, start: int, end: int, name: str) -> bool:
    return not (name in _not_names() or name in countries() or not_a_name(name)
                or _position().match(text, start) is not None
                or named_as_place(text, name) or is_an_alias(text, start)
                or _BYLINE.match(text, end) is not None or _in_a_foreign_name(text, name))


def _cue_leads(rule: Rule) -> tuple[str, ...]:
    """The first words of the rule's cues, either case of their first letter (as
    `any_case_choice` writes them): every match of the rule opens with one."""
    firsts = {word.split(" ")[0] for key in rule.data.get("cue_lists", [])
              for word in load_lexicon(_RESOURCE, str(key))}
    return tuple(sorted({variant for first in firsts
                         for variant in (first[:1].lower() + first[1:],
                                         first[:1].upper() + first[1:])}))


@cache
def _leaded() -> list[LeadRule]:
    return [LeadRule(rule, _cue_leads(rule), ignore_case=False) for rule in _rules()]


@cache
def _lead_index() -> LeadIndex:
    return family_index(_leaded())


def _matches(text: str) -> Iterator[tuple[Rule, regex.Match[str]]]:
    """Each rule's matches, a cued rule tried only where a cue's first word stands
    (a scan of the whole text by a pattern opening with a choice cost 6% of the
    extraction)."""
    for leaded, starts in zip(_leaded(), _lead_index().starts(text), strict=True):
        for match in leaded.finditer(text, starts if leaded.leads else None):
            yield leaded.rule, match


def given_name_people(article: Article, people: list[PersonMention],
                      units: list[tuple[int, int]]) -> list[PersonMention]:
    """The people named by one word after a cue, not overlapping a person or unit found,
    whose name no fuller name of the article holds; with `people`, in text order."""
    text = article.text
    fuller = _fuller_names(text, people)
    taken = [(person.start, person.end) for person in people] + units
    found: dict[tuple[int, int], PersonMention] = {}
    for rule, match in _matches(text):
        start, end = match.span("name")
        name = match["name"]
        cue = match["cue"] if "cue" in rule.pattern.groupindex else None
        if (_in_fuller(name, fuller) or (start, end) in found
                or any(start < other_end and other_start < end for other_start, other_end in taken)
                or (cue is not None and not _cue_allowed(text, match.start("cue"), cue))
                or not _is_given_name(text, start, end, name)):
            continue
        age, birth_year = age_after(text, end)
        found[(start, end)] = PersonMention(
            **evidence(article, start, end, rule.id), name=name,
            role=role_of(text, match.start(), cue, False), age=age, birth_year=birth_year)
    return sorted([*people, *found.values()], key=lambda person: person.start)
