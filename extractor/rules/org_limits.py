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

import regex

# The span's last word, an opener, after at least two words of name.
_RUN_IN = regex.compile(
    r"\S \S+( (?:Theo|Trước|Sau|Hiện|Khi|Cũng|Do|Vì|Nhưng|Tuy|Được|Còn|Ông|Bà|Chị|Cụ))$")
# A time of day before a date or "nay"/"qua" ("Tập đoàn Hòa Phát Chiều 6/2, ..."): a
# sentence's opening; alone it may end a name ("Công ty Ánh Sáng").
_TIME_RUN_IN = regex.compile(r"\S \S+( (?:Sáng|Chiều|Trưa|Tối|Đêm|Ngày|Hôm))$")
_DATE_AFTER = regex.compile(r" (?:\d{1,2}[/.-]\d|\d{1,2}h|nay(?![\p{L}])|qua(?![\p{L}]))")
# A place reduced to its level word: "xã", "TP.", "thị trấn".
_LEVEL_WORD = regex.compile(
    r"(?:[Pp]hường|[Xx]ã|[Tt]hị (?:trấn|xã)|[Qq]uận|[Hh]uyện|[Tt]ỉnh|[Tt]hành phố"
    r"|TP|Tp|P|Q|H|TX)\.?")
_ACRONYM = regex.compile(r"\p{Lu}{2,6}")
# The official map's districts and wards whose name ends in one of those words ("Công an
# huyện Ba Vì", "phường Cửa Ông", "thị trấn Vĩnh Tuy"): a place, whole.
_PLACES_ENDING_SO = ("Ba Vì", "Nậm Vì", "Cát Bà", "Cầu Bà", "Thác Bà", "Cửa Ông", "Rạch Ông",
                     "Rơ Ông", "Mường Do", "Tự Do", "Phước Tuy", "Vĩnh Tuy")
_YEAR_AFTER = regex.compile(r" (?:19|20)\d\d(?![\p{L}\p{N}])")


def name_end(text: str, start: int, end: int) -> int | None:
    """The name's end once run-in words are cut, or None when the span is no body."""
    if _ACRONYM.fullmatch(text, start, end) and _YEAR_AFTER.match(text, end):
        return None
    run_in = _RUN_IN.search(text, start, end)
    if run_in is not None and text.endswith(_PLACES_ENDING_SO, start, end):
        return end
    if run_in is None and _DATE_AFTER.match(text, end):
        run_in = _TIME_RUN_IN.search(text, start, end)
    return end if run_in is None else run_in.start(1)


def place_within(place: str, cut: str) -> str | None:
    """The place a rule read once the run-in words are cut from its end ("xã Khai Thái
    Theo" -> "xã Khai Thái"), or None when its level word alone is left ("TP. Theo")."""
    if not place.endswith(cut):
        return place
    kept = place[: len(place) - len(cut)].rstrip()
    return None if not kept or _LEVEL_WORD.fullmatch(kept) else kept
