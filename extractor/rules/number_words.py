"""Spelled Vietnamese numbers and the word tables of `resources/numbers.yaml`.

"hai mươi lăm" is 25, "một trăm linh năm" 105, "hai chục" 20; "năm", "một" and
"ba" alone are a year, an article and a father far more often than a figure, and
"nửa" (half) is midnight in "nửa đêm", so they are read only where a counted noun
says they count (`lone_words`).
"""

from __future__ import annotations

from functools import cache

import regex

from extractor.resources.loader import ResourceError, load_number_map, load_resource

RESOURCE = "numbers.yaml"
_WORD = regex.compile(r"\p{L}+")


def table(key: str) -> dict[str, int]:
    """A word -> value mapping of numbers.yaml, keys case folded."""
    found = load_resource(RESOURCE).get(key)
    if not isinstance(found, dict) or not found:
        raise ResourceError(f"{RESOURCE}: {key} must be a non-empty mapping")
    return {str(word).casefold(): int(value) for word, value in found.items()}


def word_set(key: str) -> frozenset[str]:
    words = load_resource(RESOURCE).get(key)
    if not isinstance(words, list) or not words:
        raise ResourceError(f"{RESOURCE}: {key} must be a non-empty list of words")
    return frozenset(str(word).casefold() for word in words)


@cache
def scales() -> dict[str, int]:
    return table("scales")


@cache
def vague_scales() -> dict[str, int]:
    return table("vague_scales")


@cache
def digit_words() -> dict[str, int]:
    return table("number_words")


@cache
def lone_refused() -> frozenset[str]:
    return word_set("lone_words_refused")


@cache
def fractions() -> dict[str, float]:
    """"nửa": 0.5, keys case folded."""
    return load_number_map(RESOURCE, "fractions")


@cache
def start_words() -> frozenset[str]:
    """The words a spelled number opens with ("một" ... "mười"), case folded."""
    return word_set("start_words")


@cache
def lone_words() -> frozenset[str]:
    """Single words read as a figure only before a noun that counts (`number.lone`)."""
    found = word_set("lone_words")
    if not found <= set(digit_words()) | set(fractions()):
        raise ResourceError(f"{RESOURCE}: lone_words must be number_words or fractions")
    return found


def lone_value(word: str) -> int | float:
    """The value of a lone word ("một" 1, "nửa" 0.5)."""
    folded = word.casefold()
    return digit_words()[folded] if folded in digit_words() else fractions()[folded]


def read_words(text: str) -> tuple[int, int] | None:
    """Value of the longest valid spelled number at the start of `text`, and its length.

    Stops at the first word that cannot continue the number: "mười năm" is ten
    (years), since fifteen is written "mười lăm".
    """
    digits, multipliers = digit_words(), scales()
    group = total = 0
    pending: int | None = None  # last digit, which "mươi", "chục" or "trăm" may multiply
    previous: str | None = None
    value: int | None = None
    length = 0
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        if word in digits:
            if previous in digits:  # "hai ba" is two numbers, not one
                break
            if word in ("lăm", "mốt", "tư") and previous not in ("mươi", "mười"):
                break
            if word == "năm" and previous in ("mươi", "mười", "chục"):
                break
            pending = digits[word]
            group += pending
        elif word == "mười" and previous not in digits:
            group, pending = group + 10, None
        elif word in ("mươi", "chục") and pending is not None and previous in digits:
            group, pending = group + pending * 9, None
        elif word == "trăm" and pending is not None and previous in digits:
            group, pending = group + pending * 99, None
        elif word in ("linh", "lẻ") and previous == "trăm":
            pass
        elif word in multipliers and group > 0:
            total, group, pending = total + group * multipliers[word], 0, None
        else:
            break
        previous = word
        length = match.end()
        if word not in ("linh", "lẻ"):
            value = total + group
    if value is None or previous in ("linh", "lẻ"):
        return None
    return value, length


# "năm" (years) after a figure, in a run of number words: "ba năm sáu tháng", "45 năm
# hai nước"; the figure of the next words comes after it.
_YEARS = regex.compile(r"\s*năm\s+", regex.IGNORECASE)
_DIGIT_BEFORE = regex.compile(r"\d\s+$")
_NEXT_DIGIT = regex.compile(r"[ ](\p{L}+)")


def run_after_years(
    pattern: regex.Pattern[str], text: str, match: regex.Match[str]
) -> regex.Match[str] | None:
    """The rest of a run of number words (a match of `pattern`) after its first figure
    and "năm" (years), or None: "ba năm sáu" -> "sáu"; "năm hai" after "45 " -> "hai".
    Two digit words one apart are two figures of an approximate range ("ba bốn người":
    three or four; numbers._pair): the run goes on at the second."""
    if _DIGIT_BEFORE.search(text, max(0, match.start() - 4), match.start()):
        at = 0  # the run opens with the years of a figure in digits
    else:
        words = read_words(match.group())
        if words is None:
            return None
        at = words[1]
        pair = _NEXT_DIGIT.match(match.group(), at)
        if pair is not None and digit_words().get(pair.group(1).casefold()) == words[0] + 1:
            # "ba bốn người": the second of a pair is a figure too (numbers._pair)
            return pattern.match(text, match.start() + pair.start(1), match.end())
    years = _YEARS.match(match.group(), at)
    if years is None:
        return None
    return pattern.match(text, match.start() + years.end(), match.end())
