"""What follows a figure: the unit a tail rule of `indicators.yaml` finds, and the
words after the unit that change the reading ("2 lần trở lên", "2 năm rưỡi").

A lone number word ("một", "ba", "năm": `number.lone`) counts only before a unit
of a rule that lists it (`lone`); a spelled number ("Ba Tháng Hai", "Năm Căn")
never takes a capitalised word as its unit; a rule's `not_after` words before
the figure keep it from applying ("lúc 8 giờ" is an hour of the day), and its
`only_after` words (or a clause opening) must stand there ("Khi gặp, hai bên").
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from extractor.resources.loader import Rule, load_lexicon
from extractor.rules import indicator_names as names
from extractor.rules import indicator_resources as data
from extractor.rules import indicator_words as words
from extractor.rules.numbers import NumberReading

SPELLED = ("number.words", "number.lone")
# After the unit: "2 lần trở lên" (at least), "2 năm rưỡi" (and a half).
_AT_LEAST = regex.compile(r"\s+trở\s+lên(?![\p{L}])", regex.IGNORECASE)
_HALF = regex.compile(r"\s+rưỡi(?![\p{L}])", regex.IGNORECASE)
_MONEY_AFTER = regex.compile(r"\s+tiền(?![\p{L}])", regex.IGNORECASE)
# A rate after an implied amount of dong: "37,30 triệu/lượng", "30 triệu/tháng", "56,2
# triệu/m2" (a square metre: its digit is the unit's).
_PER_AFTER = regex.compile(r"\s?/\s?(\p{Ll}+[23²³]?)(?![\p{L}\d])")
# A figure glued by a dash to letters before it is part of a code or a plate:
# "51F-123.45", "80A- 258XX", "CT-01".
# A plate: "51F-123.45", or spaced around a dash "19A – 136.67" (two digits and a
# capital series first, so "Hà Nội – 5 người" stays a figure).
_PLATE = regex.compile(r"(?r)(?:\p{L}\d*-\s?|(?<![\p{L}\d])\d\d\p{Lu}{1,2}\d?\s?[-–]\s?)$")
# After a plus: a road marker ("Km 11+360"), not a figure of its own.
_PLUS = regex.compile(r"(?r)\d\s?\+\s?$")
# "cả hai", "Cả ba": both, all three (a pronoun unless a counted noun follows:
# `indicator_words.noun_after_all`).
_ALL = regex.compile(r"(?r)(?<![\p{L}])cả\s+$", regex.IGNORECASE)
# "2 giờ đồng hồ": hours on the clock face, a length of time.
_CLOCK_FACE = regex.compile(r"\s+đồng\s+hồ(?![\p{L}])", regex.IGNORECASE)
_DASHED = regex.compile(r"(?r)(?<![\d.,])(\d{1,3})\s?-\s?$")
# "17:04": the minutes of a time of day.
_TIME = regex.compile(r"(?r)\d:\s?$")
# Glued to an abbreviated head: "Q.9" (quận 9), "P.12", "U.23", "ĐT.741": a name's number.
_ABBREVIATED_HEAD = regex.compile(r"(?r)(?<![\p{L}])\p{Lu}{1,3}\.$")
# Where a sentence or a quotation opens: a capital there says nothing.
_RATE_SLASH = regex.compile(r"\s*/\s*")
_OPENING = regex.compile(r'(?r)(?:^|[.!?:;"(\n…-])\s*$')


class Tail(NamedTuple):
    """What follows a figure: the rule that matched, the unit, where it starts, the end."""

    rule: Rule
    unit: str
    unit_start: int
    end: int


def _day_month(reading: NumberReading) -> bool:
    """"6/10" could be 6 October as well as 6 of 10."""
    denominator = reading.denominator
    return denominator is not None and denominator <= 12 and reading.value <= 31


def _may_apply(text: str, rule: Rule, reading: NumberReading, listed: bool) -> bool:
    readings = rule.data.get("readings")
    if readings is not None and reading.rule not in readings:
        return False
    if reading.rule == "number.lone":
        lone: list[str] = rule.data.get("lone", []) + (
            rule.data.get("lone_listed", []) if listed else []) + (
            rule.data.get("lone_qualified", []) if reading.lead >= 0 else [])
        if text[reading.start : reading.end].casefold() not in lone:
            return False
        if data.lone_refused().match(text, reading.start):
            return False
    if rule.data.get("refuse_day_month") and _day_month(reading):
        return False
    opening = data.only_after().get(rule.id)
    if opening is not None and not opening.search(
            text, max(0, reading.span_start - 16), reading.span_start):
        return False
    if rule.data.get("clock"):
        return True  # its `not_after` words are weighed with what follows (`_length_of_time`)
    before = data.not_after().get(rule.id)
    return before is None or before.search(text, max(0, reading.start - 12), reading.start) is None


def tail(
    text: str, word_at: words.WordLookup, reading: NumberReading, listed: bool = False
) -> Tail | None:
    """The first tail rule that applies right after `reading`, with its unit.
    `listed`: the reading stands in a list of counts, where "một" counts too."""
    for rule in data.tail_rules():
        if not _may_apply(text, rule, reading, listed):
            continue
        hit = rule.pattern.match(text, reading.end)
        if hit is None:
            continue
        unit_start = hit.start("unit")
        if reading.rule in SPELLED and not _spelled_unit(text, reading, unit_start):
            continue
        if names.year_shaped(text, reading) and (
                rule.data["kind"] == "duration" or text[unit_start].isupper()):
            continue  # "Hùng Vương 2017 năm nay", "quốc gia 2017 Thứ trưởng": a year
        if rule.data.get("open") and (
                (reading.rule in SPELLED and name(text, reading)) or _score(text, reading)):
            continue
        if rule.data.get("clock") and not _length_of_time(text, rule, reading, hit.end()):
            continue
        if not rule.data.get("open"):
            end = hit.end()
            compound = words.compound_end(text, unit_start, hit.end("unit"), word_at)
            if compound is not None:
                return Tail(rule, text[unit_start:compound], unit_start, compound)
            if rule.data.get("whole_word"):
                end = words.whole_unit(text, word_at, unit_start, hit.end("unit")) or end
            unit = text[unit_start:end] if end != hit.end() else hit.group("unit")
            # a rate's unit as one word: "3 triệu đồng/ lượt" -> "đồng/lượt"
            return Tail(rule, _RATE_SLASH.sub("/", unit) if "/" in unit else unit,
                        unit_start, end)
        unit = words.open_unit(text, word_at, reading.start, unit_start)
        if unit is not None and names.owns_figure(text, reading, unit_start,
                                                  unit_start + len(unit)):
            continue  # "Nokia 6 sở hữu", "Camry 2018 dành": the name's number, no count
        if unit is not None and reading.rule in SPELLED and _ALL.search(
                text, max(0, reading.start - 6), reading.start) and not words.noun_after_all(
                text, unit_start, unit_start + len(unit)):
            continue  # "Cả hai nói chuyện": both of them, no counted noun
        if unit is not None and reading.rule == "number.lone" and text[
                reading.start : reading.end].casefold() in rule.data.get("lone", []) and not (
                words.counted_noun(text, unit_start, unit_start + len(unit))):
            continue  # "ba mẹ", "ba nói": the father; "ba thiếu niên" counts
        noun = None if unit is None else words.after_modifier(
            text, word_at, unit_start, unit_start + len(unit))
        if noun is not None:  # "14 cựu cán bộ" counts "cán bộ"
            return Tail(rule, text[noun[0] : noun[1]], unit_start, noun[1])
        if unit is not None:
            end = unit_start + len(unit)
            end = (words.compound_end(text, unit_start, end, word_at)
                   or words.gendered(text, word_at, unit_start, end) or end)
            return Tail(rule, text[unit_start:end], unit_start, end)
    return None


def _length_of_time(text: str, rule: Rule, reading: NumberReading, end: int) -> bool:
    """"lúc 8 giờ", "khoảng 2 giờ" are hours of the day, but "sau khoảng 2 giờ" and
    "khoảng 24 giờ tới" lengths of time; "2 giờ" in digits is an hour of the day
    unless something says otherwise."""
    lead = data.not_after()[rule.id].search(text, max(0, reading.start - 12), reading.start)
    length_after = bool(data.length_after(rule.id).match(text, end) or _CLOCK_FACE.match(text, end))
    if lead is not None:  # "lúc", "khoảng": only an approximation may still be a length
        return lead.group().split()[0].casefold() in rule.data.get("approximate", []) and (
            length_after or _duration_before(text, rule, lead.start()))
    if reading.rule in SPELLED or reading.value > 24 or length_after:
        return True
    return _duration_before(text, rule, reading.span_start)


def _duration_before(text: str, rule: Rule, start: int) -> bool:
    """A word of the rule's `duration_after` ends right before `start` ("kéo dài")."""
    words: list[str] = rule.data.get("duration_after", [])
    before = text[max(0, start - 12) : start].casefold().split()
    return any(" ".join(before[-len(w.split()):]) == w for w in words) if before else False


def _score(text: str, reading: NumberReading) -> bool:
    """"3-0 đầy ngỡ ngàng", "hòa 0-0 làm": the second figure of a score; a range
    rises ("29-32 độ")."""
    before = _DASHED.search(text, max(0, reading.start - 8), reading.start)
    return before is not None and int(before.group(1)) >= reading.value


def name(text: str, reading: NumberReading) -> bool:
    """"thầy Bảy nói": a capitalised number word in mid-sentence is a name, no counted
    noun follows, whatever word comes."""
    return text[reading.start].isupper() and not _OPENING.search(
        text, max(0, reading.start - 4), reading.start)


def _spelled_unit(text: str, reading: NumberReading, unit_start: int) -> bool:
    """A spelled number counts a lowercase noun: "Ba Tháng Hai" is a street."""
    if text[unit_start : unit_start + 1].isupper():
        return False
    number = text[reading.start : reading.end].split()[-1]
    pair = f"{number} {text[unit_start : unit_start + 12].split(' ', 1)[0]}"
    return pair.casefold().rstrip(",.;:!?)\"") not in data.spelled_refused_pairs()


def refused_shape(text: str, reading: NumberReading) -> bool:
    """A phone number or code with a leading zero ("0912345678", "0236",
    "0912.345.678", the "002.45" of a plate "22B - 002.45"), a figure dashed to
    letters ("51F-123.45"), glued to an abbreviated head ("Q.9 tổ chức", "U.23 châu Á")
    or after a plus ("Km 11+360"): never a quantity. A
    grouped figure never opens with a zero; "05 năm" and "0,5" are figures."""
    token = text[reading.start : reading.end]
    if len(token) >= 4 and token.startswith("0") and token[1].isdigit():
        return True
    window = max(0, reading.start - 8)
    return bool(_PLATE.search(text, window, reading.start)
                or _PLUS.search(text, window, reading.start)
                or _TIME.search(text, window, reading.start)
                or _ABBREVIATED_HEAD.search(text, window, reading.start))


def implied_money(text: str, reading: NumberReading, sentence_start: int) -> Tail | None:
    """"cướp 2,5 tỷ", "gần 20 triệu tiền giả": a scaled figure with no unit, money
    spoken of just before it (or "tiền" after it), is an amount of dong."""
    rule, scale_words = data.implied_money()
    if reading.rule not in ("number.digits", "number.vague", "number.tens", "number.hundreds",
                            "number.half"):
        return None
    words = text[reading.start : reading.end].split()
    if len(words) < 2 or words[-1].casefold() not in scale_words:
        return None
    if not (_MONEY_AFTER.match(text, reading.end)
            or rule.pattern.search(text, max(sentence_start, reading.span_start - 40),
                                   reading.span_start)):
        return None
    per = _PER_AFTER.match(text, reading.end)
    if per is not None:  # "giao dịch 37,30 triệu/lượng", "trả 30 triệu/tháng": a rate
        return Tail(rule, f"đồng/{per.group(1)}", reading.end, per.end())
    return Tail(rule, "đồng", reading.end, reading.end)


def age_before(text: str, reading: NumberReading) -> Tail | None:
    """"độ tuổi từ 4 – 13", "lứa tuổi 16, 17": digits whose unit "tuổi" stands before them."""
    if reading.rule != "number.digits" or reading.value > 125:
        return None
    rule = data.age_before()
    if rule.pattern.search(text, max(0, reading.start - 24), reading.start) is None:
        return None
    return Tail(rule, "tuổi", reading.end, reading.end)


def aboard(text: str, reading: NumberReading, unit: str) -> bool:
    """"đi trên 4 xe máy", "trên ba tàu cá": "trên" (on) before a few vehicles."""
    if reading.value >= 20 or reading.lead < 0:
        return False
    if text[reading.lead : reading.start].strip().casefold() != "trên":
        return False
    return any(unit.casefold() == w or unit.casefold().startswith(w + " ")
               for w in _aboard_units())


@cache
def _aboard_units() -> tuple[str, ...]:
    return tuple(w.casefold() for w in load_lexicon(data.WORDS, "aboard_units"))


def after_unit(text: str, found: Tail) -> tuple[Tail, bool, bool]:
    """The tail extended over "trở lên" (at least) or "rưỡi" (and a half, for a
    length of time or a unit the rule lists in `half_after`: "2 tuổi rưỡi"), with
    which of the two it took."""
    if found.rule.data["kind"] == "duration" or found.unit in found.rule.data.get(
            "half_after", ()):
        half = _HALF.match(text, found.end)
        if half is not None:
            return found._replace(end=half.end()), False, True
    at_least = _AT_LEAST.match(text, found.end)
    if at_least is not None:
        return found._replace(end=at_least.end()), True, False
    return found, False, False


def same_scale(
    text: str, first: NumberReading, second: NumberReading, second_tail: Tail | None,
) -> bool:
    """"76,6 triệu và 69,2 triệu máy": both figures end with the same scale word, or the
    second is money too ("từ 100 triệu đến 1 tỷ đồng/năm")."""
    return (text[first.start : first.end].split()[-1].casefold()
            == text[second.start : second.end].split()[-1].casefold()
            or (second_tail is not None and second_tail.rule.data["kind"] == "money"))
