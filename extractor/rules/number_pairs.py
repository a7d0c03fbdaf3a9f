"""Approximate pairs of spelled numbers: two digit words one apart ("ba bốn người",
"hai, ba trăm ngàn đồng/m3", "năm sáu mươi tuổi") are a range, read as two figures;
a round figure of tens and "mấy" ("mười mấy năm") is more than the figure."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import regex

from extractor.resources.loader import load_lexicon
from extractor.rules.number_words import RESOURCE, digit_words, read_words

if TYPE_CHECKING:  # numbers.py imports this module
    from extractor.rules.numbers import NumberReading

_WORD = regex.compile(r"\p{L}+")

# Two digit words side by side, one apart, are an approximate range: "ba bốn người",
# "hai, ba trăm ngàn đồng/m3", "năm sáu mươi tuổi". As a range by a dash ("40-50 triệu
# đồng"), each is a figure, both about: the first takes the scale of the second ("hai" ->
# 200000; setK's reader: 200000 and 300000), and the noun of the second (indicator_ranges).
_PAIR_GAP = regex.compile(r",?[ ]")
_PAIR_REACH = 60
# "năm" is five and a year: alone after "bốn" it is the years ("trong bốn năm").
_YEARS_DIGIT = 5


_AFTER_NUMBER = regex.compile(
    r"(?r)(?:\d|(?<![\p{L}])(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi))[ ]$",
    regex.IGNORECASE)


@cache
def _pair_refused() -> regex.Pattern[str]:
    """A digit word that opens a noun of its own: "hai ba lô" is two backpacks."""
    words = sorted(load_lexicon(RESOURCE, "pair_refused"), key=len, reverse=True)
    return regex.compile(rf"(?:{'|'.join(map(regex.escape, words))})(?![\p{{L}}])",
                         regex.IGNORECASE)


def pair_value(text: str, start: int, value: int, length: int) -> int | None:
    """The value of the first digit word (`text[start:start+length]`, `value`) of an
    approximate pair, scaled like the second; None when no pair follows."""
    gap = _PAIR_GAP.match(text, start + length)
    if gap is None or not 1 <= value <= 8 or not text[gap.end() : gap.end() + 1].islower() or (
            _AFTER_NUMBER.search(text, max(0, start - 8), start)):
        return None  # "ba năm sáu tháng": three years, six months
    second = _WORD.match(text, gap.end())
    rest = read_words(text[gap.end() : gap.end() + _PAIR_REACH])
    if second is None or rest is None or _pair_refused().match(text, gap.end()):
        return None
    digit = digit_words().get(second.group().casefold())
    if digit != value + 1 or rest[0] % digit:
        return None  # "hai ba mươi lăm", "hai bốn": no pair
    if digit == _YEARS_DIGIT and rest[0] == digit:
        return None  # "bốn năm sau": four years ("bốn năm trăm" stays a pair)
    return value * (rest[0] // digit)


_PAIR_FIRST = regex.compile(r"(?r)(?<![\p{L}])(\p{L}+),?[ ]$")


def pair_second(text: str, start: int) -> bool:
    """The number word at `start` is the second of an approximate pair ("hai, ba trăm")."""
    first = _PAIR_FIRST.search(text, max(0, start - 8), start)
    if first is None:
        return False
    word = first.group(1)
    value = digit_words().get(word.casefold())
    return value is not None and pair_value(text, first.start(1), value, len(word)) is not None


# "mười mấy năm", "10 mấy năm", "hai mươi mấy người": tens and some, more than the round
# figure (realnews: 37 of 30,416 articles, all "N-some"; setF's reader: "10 mấy năm" ->
# 10 "năm" more_than). Not before a scale word ("mười mấy tỉ đồng" is left to money) and
# not after a single digit ("hai mấy ngày", "ba mấy kí": colloquial twenty-, thirty-some).
_SOME = regex.compile(
    r"[ ]mấy(?![\p{L}\d])(?![ ](?:chục|trăm|nghìn|ngàn|vạn|triệu|tri|tỉ|tỷ)(?![\p{L}]))",
    regex.IGNORECASE)


def with_some(text: str, reading: NumberReading) -> NumberReading:
    """"10 mấy năm": a round figure of tens runs over "mấy" and is more than its value."""
    if reading.value < 10 or reading.value % 10 != 0 or reading.denominator is not None:
        return reading
    found = _SOME.match(text, reading.end)
    if found is None:
        return reading
    qualifier = "more_than" if reading.qualifier == "exact" else reading.qualifier
    return reading._replace(end=found.end(), qualifier=qualifier)
