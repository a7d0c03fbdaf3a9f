"""Rules tried only where a match can begin find exactly what a full scan finds.

Several taggers skip most of the text for speed: a rule with `leads` (YAML) is
tried only where one of them stands (extractor/rules/leads.py), a rule whose
opening words are read off its pattern only where one of those stands
(extractor/rules/anchored.py), a place mention only where a type word or a
press name stands (extractor/places/scan.py). A wrong lead would lose matches without any
error, so every such rule is compared here with plain `pattern.finditer` on every
case sentence of every family, every corpus article, and their upper- and
lower-case forms.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import regex
import yaml

from extractor.places.scan import _mention_matches
from extractor.places.words import place_words
from extractor.rules import awards, document_codes, event, numbers, org_places, organizations
from extractor.rules import people as people_rules
from extractor.rules.anchored import finditer_opened
from extractor.rules.leads import family_index
from extractor.text.search import finditer_from
from tests.conftest import ARTICLES, ROOT

Spans = list[tuple[int, int]]


def _case_texts() -> list[str]:
    folder = resources.files("extractor.resources")
    texts: list[str] = []
    for path in sorted(folder.iterdir(), key=lambda item: item.name):
        if not path.name.endswith(".cases.yaml"):
            continue
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("positive", "negative"):
            for case in (data or {}).get(kind) or []:
                if isinstance(case, dict) and isinstance(case.get("text"), str):
                    texts.append(case["text"])
    return texts


def _texts() -> list[str]:
    articles = [*ARTICLES, *sorted((ROOT / "corpus" / "heldout" / "articles").glob("*.txt"))]
    base = ["\n".join(_case_texts()), *(p.read_text(encoding="utf-8") for p in articles)]
    return [*base, *(text.upper() for text in base), *(text.lower() for text in base)]


TEXTS = _texts()


def _spans(matches: Any) -> Spans:
    return [match.span() for match in matches]


def _full(pattern: regex.Pattern[str], text: str) -> Spans:
    return _spans(pattern.finditer(text))


@pytest.mark.parametrize("index", range(len(TEXTS)))
def test_rules_with_leads_find_what_a_full_scan_finds(index: int) -> None:
    text = TEXTS[index]
    entries = organizations._rules()
    *starts, _ = organizations._lead_index().starts(text)
    for entry, rule_starts in zip(entries, starts, strict=True):
        found = _spans(entry.rule.finditer(text, rule_starts))
        assert found == _full(entry.rule.rule.pattern, text), entry.rule.rule.id
    person_rules = people_rules._rules()
    for leaded, rule_starts in zip(person_rules, family_index(person_rules).starts(text),
                                   strict=True):
        assert _spans(leaded.finditer(text, rule_starts)) == _full(leaded.rule.pattern, text), (
            leaded.rule.id)
    for leaded in event._rules():
        assert _spans(leaded.finditer(text)) == _full(leaded.rule.pattern, text), leaded.rule.id
    city_starts = org_places._NAMED_CITY_LEADS.starts(text)[0]
    assert _spans(finditer_from(org_places._NAMED_CITY, text, city_starts)) == _full(
        org_places._NAMED_CITY, text)


@pytest.mark.parametrize("index", range(len(TEXTS)))
def test_rules_with_opening_words_find_what_a_full_scan_finds(index: int) -> None:
    text = TEXTS[index]
    for rule in numbers._rules():
        opened = finditer_opened(rule.pattern, text, numbers._openings()[rule.id])
        assert _spans(opened) == _full(rule.pattern, text), rule.id
    fast = [(order, rule.id, match.span())
            for order, rule, match in document_codes.matches(text)]
    full = [(order, rule.id, match.span())
            for order, rule in enumerate(document_codes.rules())
            for match in rule.pattern.finditer(text)]
    assert fast == full
    mentions = place_words().mention_pattern
    assert _spans(_mention_matches(text)) == _full(mentions, text)
    count_starts = awards._count_starts(text)
    for rule in awards._rules():
        found = _spans(finditer_from(rule.pattern, text, count_starts))
        assert found == _full(rule.pattern, text), rule.id


def test_the_fast_paths_are_used() -> None:
    """Not a scan in disguise: most rules above do have leads or opening words."""
    assert all(entry.rule.leads for entry in organizations._rules())
    assert sum(bool(words) for words in numbers._openings().values()) >= 2
    assert document_codes._kind_led()
