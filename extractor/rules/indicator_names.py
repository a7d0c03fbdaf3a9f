"""Figures that belong to a name: inside a quoted name ("Chương trình mục tiêu 3
giảm", `QuotedNames`), or right after the name ("Nokia 6 sở hữu", "SEA Games 29 vừa
qua", "Camry 2018 dành cho" hold no count, whatever lowercase word the open rule
finds after them, most often a verb: "sở hữu", "vừa qua", "dành"); and a figure that
reads as a year ("Tết 2017 vừa qua", `year_shaped`) counts only a counted noun.

A figure in digits, with no qualifier, right after a capitalised word inside a
clause (a word or a comma and one space before that word, so it opens no sentence,
line or quotation) is the name's number when the name is a brand, a model or an
event: the word is not a Vietnamese syllable (two vowel groups: "Nokia", "Games",
"Note"; a letter Vietnamese lacks: "Fox"), an abbreviation ("APEC") or holds a
digit ("U23"); or when the figure is a year ("Festival Biển Nha Trang 2017",
"Camry 2018"). A Vietnamese name keeps its counts ("thu của Minh 2 điện thoại").
The open rule then counts only a counted noun (`indicator_words.counted_noun`) or
a word of `name_counted` ("Fortuner 7 chỗ", "Ronaldo 2 bàn").
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache

import regex

from extractor.resources.loader import load_lexicon
from extractor.rules import indicator_resources as data
from extractor.rules.indicator_words import counted_noun
from extractor.rules.numbers import NumberReading
from extractor.text.search import occurrences

# The capitalised word right before a figure, after a word, a digit or a comma and one space.
_NAME = regex.compile(r"(?r)(?<=[\p{L}\d,] )([\p{L}\d]*\p{Lu}[\p{L}\d]*) $")
_YEAR = regex.compile(r"(?:19|20)\d\d")
_VOWELS = regex.compile(
    r"[aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+")
# A letter Vietnamese lacks, or a final consonant no Vietnamese syllable ends with.
_NOT_VIETNAMESE = regex.compile(r"[fjwz]|[bdđklqrsvx]$|(?<![cn])h$|(?<![n])g$")


@cache
def name_counted() -> frozenset[str]:
    """Nouns a figure after a name still counts ("Fortuner 7 chỗ", "Hà Nội 40 độ")."""
    return frozenset(word.casefold() for word in load_lexicon(data.WORDS, "name_counted"))


def _brand(word: str) -> bool:
    """A brand, a model or an event rather than a Vietnamese name: an abbreviation,
    a word with a digit, or no Vietnamese syllable."""
    if len(word) == 1:
        return False  # an initial: "bà H 2 phong bì"
    if any(char.isdigit() for char in word) or word.isupper():
        return True
    folded = word.casefold()
    return len(_VOWELS.findall(folded)) > 1 or bool(_NOT_VIETNAMESE.search(folded))


def year_shaped(text: str, reading: NumberReading) -> bool:
    """Four digits from 1901 to 2099 with no qualifier and no round hundreds: a year
    as often as not ("Tết Nguyên đán 2017 vừa qua", "mùa giải 2017, 2 tay đua", "kể từ
    2008 vượt", "giỗ tổ Hùng Vương 2017 năm nay"). Such a figure counts only a counted
    noun written in lower case ("1991 pho tượng" does not count; "2017 người" does);
    "khoảng 2000 em", "trên 2000 bài" are counts."""
    return (reading.rule == "number.digits" and reading.lead < 0
            and reading.end - reading.start == 4 and reading.value % 100 != 0
            and _YEAR.fullmatch(text, reading.start, reading.end) is not None)


def owns_figure(text: str, reading: NumberReading, unit_start: int, unit_end: int) -> bool:
    """Whether the digits of `reading` are the number of the name before them, or a
    year (`year_shaped`), so the open rule's word at [unit_start, unit_end) counts
    nothing."""
    if reading.rule != "number.digits" or reading.lead >= 0:
        return False
    if year_shaped(text, reading) and not counted_noun(text, unit_start, unit_end):
        return True
    name = _NAME.search(text, max(0, reading.start - 24), reading.start)
    if name is None:
        return False
    figure = text[reading.start : reading.end]
    if not (_YEAR.fullmatch(figure) or _brand(name.group(1))):
        return False
    head = text[unit_start:unit_end].split(" ", 1)[0].casefold()
    return bool(_YEAR.fullmatch(figure)) or not (
        head in name_counted() or counted_noun(text, unit_start, unit_end))


# A quoted name is short ("Chương trình mục tiêu 3 giảm"); a longer quotation, or one
# with the punctuation or the length of a sentence ("Nếu cô muốn tự do, tôi sẽ đưa ba
# đứa con đi", "Hai người đang được chữa trị tại hiện trường vì ngạt khói"), is
# someone's words, whose figures count like any other.
_NAME_LENGTH = 80
_NAME_WORDS = 10
_SENTENCE_MARK = regex.compile(r"[,.!?;:]\s|\s[,.!?;:]")


class QuotedNames:
    """Whether a position stands inside a quoted name: a short double-quoted span of
    its line that reads as no sentence."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._quotes = list(occurrences(text, '"'))

    def inside(self, position: int) -> bool:
        line_start = self._text.rfind("\n", 0, position) + 1
        after = bisect_left(self._quotes, position)
        if (after - bisect_left(self._quotes, line_start)) % 2 == 0 or after == len(self._quotes):
            return False
        opening, closing = self._quotes[after - 1], self._quotes[after]
        if closing - opening > _NAME_LENGTH:
            return False
        quoted = self._text[opening + 1 : closing]
        return "\n" not in quoted and len(quoted.split()) <= _NAME_WORDS and not (
            _SENTENCE_MARK.search(quoted))
