"""People named by one given name (extractor/rules/person_single.py): the checks that
say a word is the same as a fuller name's."""

from __future__ import annotations

from extractor.rules.person_names import toneless
from extractor.rules.person_single import _in_fuller, _one_edit


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
