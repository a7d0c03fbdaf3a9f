"""A bare figure that shares the noun (and the scale) of the next one: "từ 5 lên 17
tổ", "3 đến 4 ngày", lists ("96, 71 và 58 mô hình") and rising ranges ("25-35 tuổi",
"40-50 triệu đồng"); a falling pair is a score ("3-1") or a date ("13-5").
"""

from __future__ import annotations

from decimal import Decimal

import regex

from extractor.rules.number_pairs import pair_second
from extractor.rules.number_words import scales
from extractor.rules.numbers import NumberReading, read_digits

FROM = regex.compile(r"(?<![\p{L}])từ\s+$", regex.IGNORECASE)
TO = regex.compile(r"\s+(?:(?:lên|xuống|đến|tới|còn)\s+)+(?:mức\s+)?", regex.IGNORECASE)
_RANGE_TO = regex.compile(r"\s+(?:đến|tới)\s+", regex.IGNORECASE)
# Between the figures of a list or a range sharing one noun: "96, 71 và 58 mô
# hình", "25-35 tuổi", "10 - 12 năm tù".
_LIST = regex.compile(r"\s*,\s*(?:(?:và|hoặc)\s+)?|\s+(?:và|hoặc)\s+|\s?-\s?", regex.IGNORECASE)


def borrow_scale(text: str, bare: NumberReading, following: NumberReading) -> NumberReading:
    """"40-50 triệu đồng", "34,430 - 34,880 triệu": the bare figure takes the scale
    words of the next one too (and its comma is then a decimal mark)."""
    token = text[bare.start : bare.end]
    if bare.rule != "number.digits" or " " in token or following.rule != "number.digits":
        return bare
    factor = 1
    for word in text[following.start : following.end].split()[1:]:
        factor *= scales().get(word.casefold(), 1)
    read = read_digits(token, scaled=True)
    if factor == 1 or read is None:
        return bare
    value = Decimal(str(read[0])) * factor
    return bare._replace(value=int(value) if value == value.to_integral_value() else float(value),
                         flags=(), warning=None)


def shares_next_noun(text: str, readings: list[NumberReading], index: int) -> bool:
    """"từ 5 lên 17 tổ dân phố", "96, 71 và 58 mô hình": the noun comes once, last."""
    current, following = readings[index], readings[index + 1]
    if current.qualifier == following.qualifier == "about" and text[
            current.end : following.start] == " " and pair_second(text, following.start):
        return True  # "ba bốn người": a pair of number words (number_pairs.py)
    between = _LIST.fullmatch(text, current.end, following.span_start)
    if between is not None:  # a range by a dash rises: "3-1" is a score, "13-5" a date
        return "-" not in between.group() or current.value < following.value
    if not FROM.search(text, max(0, current.span_start - 10), current.span_start):
        # "kéo dài 3 đến 4 ngày", "phạt 3 đến 5 triệu đồng": a rising range without "từ"
        return (_RANGE_TO.fullmatch(text, current.end, following.span_start) is not None
                and current.value < following.value)
    return TO.fullmatch(text, current.end, following.start) is not None


_DASH = regex.compile(r"\s?[-–]\s?")


def estimate(text: str, current: NumberReading, following: NumberReading) -> bool:
    """"3-4 người", "6-7 xe máy", "20-30 người": a rising range by a dash with no "từ"
    before it, in digits, is one estimate of a count (readers of setF, G, H, K: 5 of 6), as
    is a pair of number words one apart ("ba bốn người", number_pairs.py);
    "từ 2-3 phiên" (from ... to) keeps its two bounds."""
    if current.qualifier == following.qualifier == "about" and pair_second(
            text, following.start) and text[current.end : following.start].strip() in ("", ","):
        return True  # "ba bốn người", "một, hai lần": the same estimate in words
    return (current.rule == following.rule == "number.digits"
            and isinstance(current.value, int) and isinstance(following.value, int)
            and current.value < following.value
            and _DASH.fullmatch(text, current.end, following.span_start) is not None
            and not FROM.search(text, max(0, current.span_start - 10), current.span_start))
