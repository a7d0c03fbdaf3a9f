"""The Vietnamese number reader: figures as newswire writes them, with their value.

"." groups thousands and "," marks decimals ("208.229", "99,5"); scale words
multiply ("250 nghìn", "3 triệu rưỡi"); spelled numbers are read ("hai mươi
lăm", `number_words.py`); "hàng ngàn", "cả chục" are an order of magnitude
(qualifier about, flag vague_amount), never an exact figure; "nửa triệu" is half
a million. A measure unit may be glued to the figure ("1,72m", "38km"). A figure
written the English way ("1,500", "2.5") is read the English way and carries a
warning, so a reviewer sees the doubt instead of a wrong value; before a measure
("7,425 gam") the comma is always the decimal mark.

Patterns and lexicons are in `resources/numbers.yaml`; this module reads matches.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, NamedTuple

import regex

from extractor.resources.loader import ResourceError, Rule, load_lexicon, load_resource, load_rules
from extractor.rules.anchored import finditer_opened, opening_words
from extractor.rules.number_pairs import pair_second, pair_value
from extractor.rules.number_words import (
    lone_refused,
    lone_value,
    lone_words,
    read_words,
    run_after_years,
    scales,
    vague_scales,
)

__all__ = ["NumberReading", "find_numbers", "read_digits", "read_words"]

_RESOURCE = "numbers.yaml"
VAGUE_FLAG = "vague_amount"
ENGLISH_FLAG = "english_style"

_VIETNAMESE_GROUPED = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_VIETNAMESE_DECIMAL = regex.compile(r"\d+,\d+")
_ENGLISH_GROUPED = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ENGLISH_DECIMAL = regex.compile(r"\d+\.\d+")
_WORD = regex.compile(r"\p{L}+")


# A named tuple: one is built per figure, and a frozen dataclass took 8 times longer.
class NumberReading(NamedTuple):
    """One figure in a text: `start`/`end` cover the figure, `lead` its qualifier too."""

    start: int
    end: int
    value: int | float
    rule: str
    qualifier: str = "exact"
    lead: int = -1  # start of the qualifier word, or -1 when there is none
    denominator: int | None = None
    flags: tuple[str, ...] = ()
    warning: str | None = None

    @property
    def span_start(self) -> int:
        return self.lead if self.lead >= 0 else self.start


# Sub-patterns built from word lists of numbers.yaml: a rule whose pattern opens with
# \b and one of them is tried only where a word of its list stands (`finditer_opened`).
_OPENINGS = {"VagueHead": "vague_heads", "StartWord": "start_words", "LoneWord": "lone_words",
             "HalfWord": "half_words"}
_SHAPES = ("ratio", "vague", "tens", "digits", "words", "lone", "half")


@cache
def _rules() -> list[Rule]:
    rules = load_rules(_RESOURCE, extra_subpatterns={
        name: "|".join(map(regex.escape, load_lexicon(_RESOURCE, key)))
        for name, key in _OPENINGS.items()
    })
    lone_words()  # checked at load: a lone word must be a number word
    for rule in rules:
        if rule.data.get("shape") not in _SHAPES:
            raise ResourceError(f"{_RESOURCE}: rule {rule.id} has an unknown shape")
    return rules


@cache
def _openings() -> dict[str, list[str] | None]:
    lists = [load_lexicon(_RESOURCE, key) for key in _OPENINGS.values()]
    return {rule.id: opening_words(rule, lists) for rule in _rules()}


@cache
def _qualifiers() -> tuple[dict[str, str], regex.Pattern[str]]:
    table: dict[str, Any] = load_resource(_RESOURCE)["qualifiers"]
    allowed = {"more_than", "less_than", "about", "at_least"}
    if any(value not in allowed for value in table.values()):
        raise ResourceError(f"{_RESOURCE}: qualifiers must map to one of {sorted(allowed)}")
    surfaces = sorted(table, key=len, reverse=True)  # longest first: "gần như" before "gần"
    alternatives = "|".join(regex.escape(surface) for surface in surfaces)
    pattern = regex.compile(rf"(?<![\p{{L}}])({alternatives})\s+$", regex.IGNORECASE)
    return {key.casefold(): str(value) for key, value in table.items()}, pattern


@cache
def _measure_after() -> regex.Pattern[str]:
    """A measure right after a figure, where "," can only be the decimal mark."""
    units = sorted(load_lexicon(_RESOURCE, "decimal_units"), key=len, reverse=True)
    alternatives = "|".join(map(regex.escape, units))
    return regex.compile(rf"[ ]?(?:{alternatives})(?![\p{{L}}])")


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _english_warning(token: str, value: int | float) -> str:
    return (
        f'number "{token}" is written the English way (Vietnamese groups thousands with '
        f'"." and marks decimals with ","): read as {value}; check the source'
    )


# Digits and separators in the longest figure read: "12.000.000.000.000" has 18.
_LONGEST_FIGURE = 24


def read_digits(token: str, scaled: bool) -> tuple[int | float, str | None] | None:
    """Value of a digit run and a warning if it is English-style; None if unreadable.

    `scaled` says a scale word or a measure follows: "1,500 tỷ" is then 1.5
    thousand million, as Vietnamese finance news writes it, not 1500, and
    "7,425 gam" is 7.425 grams.
    """
    if len(token) > _LONGEST_FIGURE:
        return None  # a serial number or garbage; int() would also refuse 4,300+ digits
    try:
        if token.isdigit():
            return int(token), None
        if _VIETNAMESE_GROUPED.fullmatch(token):
            return _number(Decimal(token.replace(".", "").replace(",", "."))), None
        english_thousands = _ENGLISH_GROUPED.fullmatch(token)
        if _VIETNAMESE_DECIMAL.fullmatch(token) and (scaled or not english_thousands):
            return _number(Decimal(token.replace(",", "."))), None
        if english_thousands or _ENGLISH_DECIMAL.fullmatch(token):
            value = _number(Decimal(token.replace(",", "")))
            return value, _english_warning(token, value)
    except InvalidOperation as error:  # the shapes above are all valid decimals
        raise ValueError(f"digit run {token!r} passed a shape check but is no number") from error
    return None


def _qualifier_before(text: str, start: int) -> tuple[str, int]:
    table, pattern = _qualifiers()
    window_start = max(0, start - 16)
    found = pattern.search(text, window_start, start)
    if found is None:
        return "exact", -1
    return table[found.group(1).casefold()], found.start(1)


def _ratio(match: regex.Match[str], rule: Rule) -> NumberReading | None:
    # "6.530/7.104": "." only groups thousands here (the pattern allows no decimals).
    numerator, denominator = (int(part.replace(".", "")) for part in match.group().split("/"))
    if not 0 <= numerator <= denominator or denominator == 0:
        return None  # "10/5", "25/10": a day and a month, not a part of a whole
    return NumberReading(match.start(), match.end(), numerator, rule.id, "ratio", -1, denominator)


def _vague(match: regex.Match[str], rule: Rule) -> NumberReading:
    value = 1
    for word in _WORD.findall(match.group())[1:]:  # the head ("hàng") carries no value
        value *= vague_scales()[word.casefold()]
    return NumberReading(match.start(), match.end(), value, rule.id, "about", -1, None,
                         (VAGUE_FLAG,))


def _tens(text: str, match: regex.Match[str], rule: Rule) -> NumberReading:
    """"chục người", "gần chục", "hơn chục nghìn", "hơn trăm triệu": tens (hundreds,
    thousands), an order of magnitude."""
    value = 1
    for word in _WORD.findall(match.group()):
        value *= vague_scales()[word.casefold()]
    qualifier, lead = _qualifier_before(text, match.start())
    return NumberReading(match.start(), match.end(), value, rule.id,
                         "about" if qualifier == "exact" else qualifier, lead, None, (VAGUE_FLAG,))


def _lone(text: str, match: regex.Match[str], rule: Rule) -> NumberReading:
    qualifier, lead = _qualifier_before(text, match.start())
    value = lone_value(match.group())
    # "một, hai lần", "hai ba lần": a word of an approximate pair (number_pairs.py)
    pair = pair_value(text, match.start(), int(value), len(match.group())) if value >= 1 else None
    if qualifier == "exact" and (pair is not None or pair_second(text, match.start())):
        qualifier = "about"
    return NumberReading(match.start(), match.end(), value if pair is None else pair, rule.id,
                         qualifier, lead)


def _half(text: str, match: regex.Match[str], rule: Rule) -> NumberReading:
    """"nửa triệu": half of the scale word."""
    half, scale = match.group().split()
    value = _number(Decimal(str(lone_value(half))) * scales()[scale.casefold()])
    qualifier, lead = _qualifier_before(text, match.start())
    return NumberReading(match.start(), match.end(), value, rule.id, qualifier, lead)


def _spelled(text: str, match: regex.Match[str], rule: Rule) -> NumberReading | None:
    if match.group().casefold() in lone_refused():
        return None  # "năm" alone, the commonest match: read below, it is refused too
    words = read_words(match.group())
    if words is None:
        return None
    value, length = words
    kept = match.group()[:length]
    # "ba bốn người", "hai, ba trăm ngàn": a pair's figures, both about (number_pairs.py)
    pair = pair_value(text, match.start(), value, length) if _WORD.fullmatch(kept) else None
    if pair is None and _WORD.fullmatch(kept) and kept.casefold() in lone_refused():
        return None
    qualifier, lead = _qualifier_before(text, match.start())
    if qualifier == "exact" and (pair is not None or pair_second(text, match.start())):
        qualifier = "about"
    return NumberReading(match.start(), match.start() + length, value if pair is None else pair,
                         rule.id, qualifier, lead)


def _digits(text: str, match: regex.Match[str], rule: Rule) -> NumberReading | None:
    token, *rest = match.group().split()
    scale = rest[0] if rest else ""
    digits = read_digits(token, bool(scale) or bool(_measure_after().match(text, match.end())))
    if digits is None:
        return None
    value, warning = digits
    if scale:
        factor = Decimal(1)
        for word in rest:  # "18 nghìn tỷ": every scale word multiplies
            factor *= scales().get(word.casefold(), 1)
        # "3 triệu rưỡi": and a half million
        half = factor / 2 if rest[-1].casefold() == "rưỡi" else 0
        value = _number(Decimal(str(value)) * factor + half)
    qualifier, lead = _qualifier_before(text, match.start())
    flags = (ENGLISH_FLAG,) if warning else ()
    return NumberReading(match.start(), match.end(), value, rule.id, qualifier, lead, None, flags,
                         warning)


def _reading(text: str, match: regex.Match[str], rule: Rule) -> NumberReading | None:
    shape = rule.data["shape"]
    if shape == "ratio":
        return _ratio(match, rule)
    if shape == "vague":
        return _vague(match, rule)
    if shape == "tens":
        return _tens(text, match, rule)
    if shape == "words":
        return _spelled(text, match, rule)
    if shape == "lone":
        return _lone(text, match, rule)
    if shape == "half":
        return _half(text, match, rule)
    return _digits(text, match, rule)


def _matches(rule: Rule, text: str) -> Iterator[regex.Match[str]]:
    """The rule's matches; a run of number words is tried again past a figure and
    its "năm" (years): "ba năm sáu tháng tù" reads three (years) and six (months),
    which the regex alone would take as one run; so does a pair of digit words one
    apart ("một hai lần", "năm sáu người": one or two, five or six, a range)."""
    found = finditer_opened(rule.pattern, text, _openings()[rule.id])
    if rule.data["shape"] != "words":
        yield from found
        return
    for match in found:
        rest: regex.Match[str] | None = match
        while rest is not None:
            yield rest
            rest = run_after_years(rule.pattern, text, rest)


def find_numbers(text: str, lone: bool = False) -> list[NumberReading]:
    """Every figure in `text`, in order; earlier rules win where two overlap.

    `lone`: also the single words "một", "ba", "năm" (rule number.lone), which the
    caller must accept only before a noun that shows they count ("ba năm tù").
    """
    # Taken spans never overlap, so sorted starts and their ends let a bisection find
    # the only two neighbours that could (a linear scan made this quadratic).
    starts: list[int] = []
    ends: list[int] = []
    readings: list[NumberReading] = []
    for rule in _rules():
        if rule.data["shape"] == "lone" and not lone:
            continue
        for match in _matches(rule, text):
            start, end = match.span()
            place = bisect_left(starts, start)
            if (place > 0 and ends[place - 1] > start) or (
                place < len(starts) and starts[place] < end
            ):
                continue
            reading = _reading(text, match, rule)
            if reading is not None:
                place = bisect_left(starts, reading.start)
                starts.insert(place, reading.start)
                ends.insert(place, reading.end)
                readings.append(reading)
    return sorted(readings, key=lambda reading: reading.start)
