"""Foreign names with no cue word before them (data in `people.yaml`, keys `foreign_*`).

A foreign name is known by its shape: one of its words is no Vietnamese syllable
("Salil Setty", "Hsieh Chi-hsin", "Fethullah Gulen"). Shape alone also fits a city or
a company ("New York", "Melbourne"), so a name is a person's only with a context that
only a person has:

- after it, an apposition of a person ("Hsieh Chi-hsin, một cảnh sát địa phương, nói",
  "Majid Aghabebaie, trưởng phòng ... , nói", "Adam Dzaziri, đối tượng Hồi giáo ..."),
  never after a word that makes it a place or a source ("Tại New York, một cảnh sát",
  "Theo New York Times, một quan chức");
- before it, a title with a country or a body between ("Bộ trưởng Quốc phòng Mỹ Jim
  Mattis", "cố lãnh tụ cách mạng Iran Ruhollah Khomeini", "Tổng thư ký Liên hợp quốc
  Antonio Guterres"), or a self-introduction ("Tôi là Yulia Navalnaya").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

import regex

from extractor.resources.loader import Rule, load_lexicon
from extractor.rules.anchored import lowered, word_starts
from extractor.rules.person_given import shaped_people
from extractor.rules.person_names import is_foreign, names_a_place, not_a_name, without_opener
from extractor.rules.person_patterns import expanded
from extractor.text.search import finditer_from

_RESOURCE = "people.yaml"
AFTER = "person.foreign_apposition"
BEFORE = "person.foreign_titled"
# A name read forward after a title: two or three capitalised words (particles between),
# the whole run of capitals, so that a longer run ("New York Bill de Blasio") is refused.
_RUN = regex.compile(r"\p{Lu}[\p{L}'’]*(?:-\p{L}+)*(?: (?:(?:bin|de|van|von|le|da|di) )?"
                     r"(?:al-|el-)?\p{Lu}[\p{L}'’]*(?:-\p{L}+)*)*(?![\p{L}\p{N}])")


class Found(NamedTuple):
    start: int
    end: int
    name: str
    rule: Rule


@cache
def _rule(rule_id: str) -> Rule:
    """The rule a mention cites: its cue pattern, after or before the name."""
    return Rule(id=rule_id, pattern=_cue_after() if rule_id == AFTER else _title())


@cache
def _choice(key: str) -> str:
    words = sorted(load_lexicon(_RESOURCE, f"foreign_{key}"), key=len, reverse=True)
    return "|".join(f"[{regex.escape(w[0])}{regex.escape(w[0].upper())}]{regex.escape(w[1:])}"
                    for w in words)


@cache
def _cue_after() -> regex.Pattern[str]:
    """", một cảnh sát", ", trưởng phòng ..., nói", ", đối tượng Hồi giáo"."""
    nouns, speech = _choice("apposition_nouns"), _choice("speech_verbs")
    return regex.compile(
        rf",\s(?:một\s(?:{nouns})(?![\p{{L}}])"
        rf"|(?:{nouns})(?![\p{{L}}])[^,.;:!?\"“”()\n]{{0,80}},\s(?:{speech})(?![\p{{L}}])"
        rf"|(?:đối tượng|nghi phạm|nghi can|kẻ|tay súng)\s(?!\p{{Lu}}\p{{Ll}}* \p{{Lu}}))")


@cache
def _name_before() -> regex.Pattern[str]:
    # "J. Bradford Jensen", "Shaakirrah R. Sanders", "Salil Setty"
    return expanded(r"(?r)(?<![\p{L}\p{N}])(?P<name>\p{Lu}\. {AnyName}|{MiddleInitial}|{AnyName})$",
                    f"{_RESOURCE}: foreign names")


@cache
def _not_after() -> regex.Pattern[str]:
    """A word that makes the name before a cue a place's or a source's: "Tại", "Theo"."""
    return regex.compile(rf"(?<![\p{{L}}])(?:{_choice('not_after')})\s$")


def _after_cues(text: str) -> Iterator[Found]:
    for cue in _cue_after().finditer(text):
        match = _name_before().search(text, max(0, cue.start() - 60), cue.start())
        if match is None:
            continue
        name = without_opener(match["name"])
        start = match.end() - len(name)
        if _not_after().search(text, max(0, start - 16), start) is None:
            yield Found(start, match.end(), name, _rule(AFTER))


@cache
def _title() -> regex.Pattern[str]:
    """A title, then up to four words and a country (or nothing: a body's mention may
    stand there), then the name: "Bộ trưởng Quốc phòng Mỹ Jim Mattis"."""
    countries = "|".join(regex.escape(c) for c in
                         sorted(load_lexicon(_RESOURCE, "countries"), key=len, reverse=True))
    not_between = _choice("not_between")
    return regex.compile(
        rf"(?<![\p{{L}}])(?:{_choice('titles')}|[Tt]ôi là|[Tt]ên tôi là)"
        rf"(?P<between>(?: (?!(?:{not_between})(?![\p{{L}}]))[\p{{L}}]+){{0,4}}? (?:{countries}))?"
        r" (?=\p{Lu})")


@cache
def _title_words() -> tuple[str, ...]:
    return (*load_lexicon(_RESOURCE, "foreign_titles"), "tôi là", "tên tôi là")


def _before_cues(text: str) -> Iterator[Found]:
    # tried only where a title stands (found by string search in the lower-cased text)
    low = lowered(text)
    titles = (_title().finditer(text) if low is None
              else finditer_from(_title(), text, word_starts(low, _title_words())))
    for title in titles:
        start = title.end()
        if title["between"] is None and not title.group(0).rstrip().endswith("là"):
            continue  # a title right before a name: `role_nouns` read it
        run = _RUN.match(text, start)
        if run is not None:
            yield Found(start, run.end(), run.group(0), _rule(BEFORE))


@cache
def _title_before_unit() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}])(?:{_choice('titles')}) $")


def _titles_over_units(text: str, unit_spans: list[tuple[int, int]]) -> Iterator[Found]:
    """"Tổng thư ký Liên hợp quốc Antonio Guterres": a title, a body's mention, a name."""
    titles = _title_before_unit()
    for unit_start, unit_end in unit_spans:
        if titles.search(text, max(0, unit_start - 30), unit_start) is None:
            continue
        run = _RUN.match(text, unit_end + 1) if text[unit_end:unit_end + 1] == " " else None
        if run is not None:
            yield Found(unit_end + 1, run.end(), run.group(0), _rule(BEFORE))


def foreign_people(text: str, unit_spans: list[tuple[int, int]]) -> list[Found]:
    """Foreign-shaped names with a context only a person has; none overlaps a unit."""
    found = []
    candidates = [*_after_cues(text), *_before_cues(text),
                  *_titles_over_units(text, unit_spans),
                  *(Found(*shaped) for shaped in shaped_people(text))]
    for candidate in candidates:
        words = [w for w in candidate.name.split() if w[:1].isupper()]
        if not 2 <= len(words) <= 3 or not is_foreign(candidate.name):
            continue
        if not_a_name(candidate.name) or names_a_place(text, candidate.start):
            continue
        if any(candidate.start < end and start < candidate.end for start, end in unit_spans):
            continue
        found.append(candidate)
    return found
