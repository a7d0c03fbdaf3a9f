"""People named by one given name (extractor/rules/person_single.py): the checks that
say a word is the same as a fuller name's."""

from __future__ import annotations

from extractor.resources.loader import load_resource
from extractor.rules.person_names import toneless
from extractor.rules.person_single import _in_fuller, _leaded, _matches, _one_edit, _rules
from tests.test_snapshot import ARTICLE_DIRS


def test_tone_marks_go_but_the_vowels_stay() -> None:
    assert toneless("Thuận") == toneless("Thuần")
    assert toneless("Huệ") == toneless("Huế")
    assert toneless("Hưng") != toneless("Hùng")


def test_one_edit_is_one_letter_added_dropped_or_changed() -> None:
    assert _one_edit("Sander", "Sanders")
    assert _one_edit("Matiis", "Mattis")
    assert not _one_edit("Mattis", "Matt")


def test_a_misspelling_counts_only_for_a_foreign_word() -> None:
    assert _in_fuller("Sander", frozenset({"Sanders"}))
    assert not _in_fuller("Hùng", frozenset({"Hưng"}))


def _texts() -> list[str]:
    cases = load_resource("people_single.cases.yaml")
    sentences = [str(case["text"]) for side in ("positive", "negative")
                 for case in cases.get(side) or []]
    articles = [path.read_text(encoding="utf-8") for folder in ARTICLE_DIRS
                for path in sorted(folder.glob("*.txt"))]
    # every case at a sentence's start too: a capitalised cue ("Người đàn ông họ Chang")
    return sentences + [text[:1].upper() + text[1:] for text in sentences] + articles


def test_cued_rules_tried_at_their_leads_find_what_a_full_scan_finds() -> None:
    for text in _texts():
        scanned = sorted((rule.id, match.span()) for rule in _rules()
                         for match in rule.pattern.finditer(text))
        led = sorted((rule.id, match.span()) for rule, match in _matches(text))
        assert led == scanned, text[:80]
    assert all(leaded.leads for leaded in _leaded() if leaded.rule.data.get("cue_lists"))
