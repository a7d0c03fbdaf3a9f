"""Where a body's name ends, read after a rule matched: what the rule ran into is no name.

- A sentence opener run in from the next sentence, where a photo's caption lost its
  full stop ("... Công ty Nguyên Vũ Theo đó, ông ...", "... Trường THPT Phan Đình Phùng
  Theo bà Loan, ..."): the name ends before it. No Vietnamese body's name ends in
  "Theo", "Trước", "Hiện", a pronoun of address ("Ông", "Bà"): these begin a sentence.
  "Anh" is a country ("Chính phủ Anh"), "Năm", "Tháng" end names ("Tháng Tám"): kept.
  A time of day opens a sentence where a date follows ("Tập đoàn Hòa Phát Chiều 6/2").
  A place that loses its name so ("UBND TP. Theo đó", "công an xã Ông ...") leaves no body.
- An international forum's acronym before a year names that year's meeting, an
  event, not the body: "APEC 2017", "Năm APEC 2017", "ASEAN 2020", "ICC 2017".
"""

from __future__ import annotations

from functools import cache

import regex

from extractor.resources.loader import load_lexicon

_RESOURCE = "org_named.yaml"


def _last_word_of(key: str) -> regex.Pattern[str]:
    """The span's last word, one of the words under `key`, after at least two words of
    name (group 1: the space and the word)."""
    words = "|".join(map(regex.escape, load_lexicon(_RESOURCE, key)))
    return regex.compile(rf"\S \S+( (?:{words}))$")


@cache
def _run_in() -> regex.Pattern[str]:
    return _last_word_of("run_in_openers")


@cache
def _time_run_in() -> regex.Pattern[str]:
    """A time of day, a sentence's opening only before a date (`_DATE_AFTER`)."""
    return _last_word_of("run_in_times")


@cache
def _places_ending_so() -> tuple[str, ...]:
    """The official map's places whose name ends in a run-in word: a place, whole."""
    return tuple(load_lexicon(_RESOURCE, "places_ending_in_openers"))


# A date or "nay"/"qua" after a time of day: "Chiều 6/2", "Sáng nay".
_DATE_AFTER = regex.compile(r" (?:\d{1,2}[/.-]\d|\d{1,2}h|nay(?![\p{L}])|qua(?![\p{L}]))")
# A place reduced to its level word: "xã", "TP.", "thị trấn".
_LEVEL_WORD = regex.compile(
    r"(?:[Pp]hường|[Xx]ã|[Tt]hị (?:trấn|xã)|[Qq]uận|[Hh]uyện|[Tt]ỉnh|[Tt]hành phố"
    r"|TP|Tp|P|Q|H|TX)\.?")
_ACRONYM = regex.compile(r"\p{Lu}{2,6}")
_YEAR_AFTER = regex.compile(r" (?:19|20)\d\d(?![\p{L}\p{N}])")


def name_end(text: str, start: int, end: int) -> int | None:
    """The name's end once run-in words are cut, or None when the span is no body."""
    if _ACRONYM.fullmatch(text, start, end) and _YEAR_AFTER.match(text, end):
        return None
    run_in = _run_in().search(text, start, end)
    if run_in is not None and text.endswith(_places_ending_so(), start, end):
        return end
    if run_in is None and _DATE_AFTER.match(text, end):
        run_in = _time_run_in().search(text, start, end)
    return end if run_in is None else run_in.start(1)


def place_within(place: str, cut: str) -> str | None:
    """The place a rule read once the run-in words are cut from its end ("xã Khai Thái
    Theo" -> "xã Khai Thái"), or None when its level word alone is left ("TP. Theo")."""
    if not place.endswith(cut):
        return place
    kept = place[: len(place) - len(cut)].rstrip()
    return None if not kept or _LEVEL_WORD.fullmatch(kept) else kept
