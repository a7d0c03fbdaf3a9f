"""People rules led by a cue word before a name (`cue_before_name`) find what a full scan
finds: tried only where a word of their list ends before a capital, they would lose
matches silently if that reading were wrong (see extractor/rules/person_cue_starts.py)."""

from __future__ import annotations

import gzip
import json
from itertools import islice

import pytest

from extractor.rules import people
from extractor.text.normalize import normalize
from tests.conftest import ROOT
from tests.test_leads import TEXTS

_REALNEWS = ROOT.parent / "shared" / "realnews" / "articles-dev.jsonl.gz"
_CUE_LED = [leaded for leaded in people._rules() if "cue_before_name" in leaded.rule.data]


def _same_as_a_full_scan(text: str) -> int:
    """The number of matches of the cue-led rules, each rule's the same as a full scan's."""
    found = 0
    for rule, matches in people.rule_matches(text):
        fast = [match.span() for match in matches]
        assert fast == [match.span() for match in rule.pattern.finditer(text)], rule.id
        found += len(fast) if "cue_before_name" in rule.data else 0
    return found


def test_the_rules_with_common_cue_words_are_cue_led() -> None:
    assert {leaded.rule.id for leaded in _CUE_LED} >= {
        "person.role_noun", "person.after_verb", "person.honorific", "person.ranked"}


@pytest.mark.parametrize("index", range(len(TEXTS)))
def test_cue_led_rules_find_what_a_full_scan_finds(index: int) -> None:
    _same_as_a_full_scan(TEXTS[index])


def test_a_cue_before_a_colon_a_nationality_or_inside_initials_is_found() -> None:
    text = ("Bị hại: Trần Thị Lan. PGS.TS Lê Văn An nói; bị cáo người Trung Quốc Lý Minh "
            "và (anh Lê Hùng) đi; tên là Lò Văn Páo; đối tượng: người Lào Xay Sổm.")
    assert _same_as_a_full_scan(text) >= 6


@pytest.mark.skipif(not _REALNEWS.exists(), reason="the realnews corpus is not here")
def test_cue_led_rules_on_real_articles() -> None:
    with gzip.open(_REALNEWS, "rt", encoding="utf-8") as lines:
        for line in islice(lines, 0, 3000, 15):  # 200 articles across the file's start
            _same_as_a_full_scan(normalize(json.loads(line)["text"]).text)
