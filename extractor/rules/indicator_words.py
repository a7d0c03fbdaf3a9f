"""Underthesea words around a figure, for the decisions that need them.

The open counted-noun rule takes as unit the whole word right after a figure
("48.265 tài khoản" -> "tài khoản"); so does a noun of the closed list that opens
a longer word ("hai xe máy" -> "xe máy", "5 tổ chức" -> "tổ chức"), unless it is
a classifier, bare whatever follows ("3 vụ án" -> "vụ"); a gender word takes the
noun of people after it ("hai nam thanh niên"); and a name head before a figure
counts only when it opens a word ("quận 6", but not the "bản" that ends "biên bản
2.136"). All look up a word by its offset (`Article.word_at`), which segments only
the sentence that holds it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import regex

from extractor.resources.loader import ResourceError, load_lexicon
from extractor.rules import indicator_resources as data

Offsets = tuple[int, int]
# The word holding an offset, or None between words (Article.word_at).
WordLookup = Callable[[int], Offsets | None]

_LOWERCASE_WORD = regex.compile(r"\p{Ll}+(?: \p{Ll}+)*")
_NEXT_LOWERCASE = regex.compile(r" \p{Ll}")
# A syllable no Vietnamese word has: a letter of the Latin alphabet Vietnamese lacks, or
# a final consonant other than c, ch, m, n, ng, nh, p, t, in the first syllable ("plus",
# "max"; "20 bình gas" counts "bình gas"); refused only after a name (`_NAME_BEFORE`).
_FOREIGN_SYLLABLE = regex.compile(
    r"^\p{L}*?(?:[fjwz]|(?<![cn])h(?![\p{L}])|(?<![nc])g(?![\p{L}])|[bdđklqrsvx](?![\p{L}]))")
# A word with a capital right before the figure: a name the figure belongs to.
_NAME_BEFORE = regex.compile(r"\p{L}*\p{Lu}\p{L}*\s+$")
# Right before a figure: glued to a word ("Covid-19", "CT-01", "A5") or after
# another figure and a space ("1900 1234"); a dash after a figure opens a range
# ("2-3 phiên"), not a code.
_GLUED = regex.compile(r"(?:\p{L}[-/.]?|\p{N}[/.]|\d\s)$")


@cache
def unit_words() -> frozenset[str]:
    """The units, case folded."""
    return frozenset(unit.casefold() for unit in data.units())


@cache
def bare_units() -> frozenset[str]:
    """Classifiers: the unit whatever word underthesea makes of them ("vụ án")."""
    found = frozenset(word.casefold() for word in load_lexicon(data.WORDS, "bare_units"))
    if not found <= unit_words():
        strays = sorted(found - unit_words())
        raise ResourceError(f"{data.WORDS}: bare_units must be units: {strays}")
    return found


COMPOUNDS = "indicator_compounds.yaml"


@cache
def compounds() -> dict[str, tuple[str, ...]]:
    """First syllable (case folded) -> the compound counted nouns it opens, longest first."""
    by_head: dict[str, list[str]] = {}
    for compound in load_lexicon(COMPOUNDS, "compounds"):
        folded = compound.casefold()
        if " " not in folded.strip():
            raise ResourceError(f"{COMPOUNDS}: {compound!r} is one syllable, no compound")
        by_head.setdefault(folded.split(" ", 1)[0], []).append(folded)
    return {head: tuple(sorted(found, key=len, reverse=True)) for head, found in by_head.items()}


def compound_end(text: str, unit_start: int, unit_end: int,
                 word_at: WordLookup | None = None) -> int | None:
    """The end of the compound counted noun of `indicator_compounds.yaml` that opens
    at `unit_start` and goes past `unit_end` ("05 hộ kinh doanh", "8 vụ việc"), or None.
    Not a compound whose last syllable opens a longer word (`word_at`): "5 vụ | án mạng"
    is a case of murder, "vụ" and its kind, not "vụ án"."""
    head = text[unit_start:unit_end].split(" ", 1)[0].casefold()
    for compound in compounds().get(head, ()):
        end = unit_start + len(compound)
        if end > unit_end and text[unit_start:end].casefold() == compound and not (
                text[end : end + 1].isalpha()) and not _runs_on(text, word_at, end):
            return end
    return None


def _runs_on(text: str, word_at: WordLookup | None, end: int) -> bool:
    """The word holding the syllable that ends at `end` goes on past it, over a lowercase
    syllable ("án mạng"; not the tokenizer's "đấu CR7" of "251 trận đấu CR7 góp mặt")."""
    word = None if word_at is None else word_at(end - 1)
    return word is not None and word[1] > end and _NEXT_LOWERCASE.match(text, end) is not None


@cache
def list_verbs() -> regex.Pattern[str]:
    """Verbs before a list of "một ..." items that make them counts ("thu giữ")."""
    return data.words_pattern(load_lexicon(data.WORDS, "list_verbs"))


@cache
def modifiers() -> frozenset[str]:
    """Words before a counted noun that are no part of it ("14 cựu cán bộ")."""
    return frozenset(word.casefold() for word in load_lexicon(data.WORDS, "open_modifiers"))


def after_modifier(text: str, word_at: WordLookup, unit_start: int, unit_end: int
                   ) -> tuple[int, int] | None:
    """"14 cựu cán bộ", "2 cựu lãnh đạo", "3 cựu quan chức": the noun after a modifier, as
    (start, end), when it is a lowercase word the open rule would count; else None.
    "cựu" (former) stands only before a noun of people, whatever its last syllable."""
    word = _word_after(text, word_at, unit_start, unit_end, modifiers())
    if word is None:
        return None
    noun = text[word[0] : word[1]]
    if not _LOWERCASE_WORD.fullmatch(noun) or noun.casefold() in data.open_stops():
        return None
    return word


def _word_after(text: str, word_at: WordLookup, unit_start: int, unit_end: int,
                words: frozenset[str]) -> tuple[int, int] | None:
    """The word right after a unit that is one of `words` (a modifier, a gender word),
    as (start, end), when it begins in lower case; else None."""
    if text[unit_start:unit_end].casefold() not in words:
        return None
    if not _NEXT_LOWERCASE.match(text, unit_end):
        return None
    word = word_at(unit_end + 1)
    if word is None or word[0] != unit_end + 1:
        return None
    return word


@cache
def gender_words() -> frozenset[str]:
    return frozenset(word.casefold() for word in load_lexicon(data.WORDS, "gender_words"))


@cache
def person_endings() -> frozenset[str]:
    """Last syllables that make a word a noun of people ("diễn viên", "ca sĩ")."""
    return frozenset(word.casefold() for word in load_lexicon(data.WORDS, "person_endings"))


def open_unit(text: str, word_at: WordLookup, figure: int, start: int) -> str | None:
    """The counted noun starting at `start` after the figure at `figure`, or None.

    The figure must not be glued to a letter or a digit ("Covid-19", "CT-01")
    nor follow another figure ("1900 1234" is a phone number). The noun must be
    a whole word (starting at `start`, or the rest of a word that holds the
    figure too), lowercase letters only (no name, code or
    abbreviation) and not a function word, verb or time word.
    """
    if _GLUED.search(text, max(0, figure - 2), figure):
        return None
    word = word_at(start)
    # underthesea sometimes glues the figure to its neighbours: "1.208 tài khoản"
    # or "kích hoạt 48.265" come as one word.
    if word is None or (word[0] != start and word[0] > figure):
        return None
    unit = text[start : word[1]]
    if not _LOWERCASE_WORD.fullmatch(unit) or unit in data.open_stops():
        return None
    if _FOREIGN_SYLLABLE.search(unit) and _NAME_BEFORE.search(text, max(0, figure - 24), figure):
        return None  # "iPhone 7 plus", "Wave 110 rsx": a model's name ("3 ipad" counts)
    return unit


def whole_unit(text: str, word_at: WordLookup, unit_start: int, unit_end: int) -> int | None:
    """The end of the longer word a one-syllable noun of the closed list opens ("xe"
    in "xe máy", "tổ" in "tổ chức"), or None: a classifier stays bare, and so does
    a noun that underthesea keeps apart ("xe" in "xe ô tô")."""
    unit = text[unit_start:unit_end]
    if not _NEXT_LOWERCASE.match(text, unit_end) or " " in unit:
        return None  # nothing could join it (checked first: no word lookup)
    if unit.casefold() in bare_units():
        return None
    word = word_at(unit_start)
    if word is None or word[0] != unit_start or word[1] <= unit_end:
        return None
    return word[1] if _LOWERCASE_WORD.fullmatch(text, unit_start, word[1]) else None


def gendered(text: str, word_at: WordLookup, unit_start: int, unit_end: int) -> int | None:
    """"hai nam thanh niên", "5 nữ công nhân": the end of the noun of people a
    gender word stands before (a word of the closed list, or one ending in an agent
    syllable: "diễn viên", "ca sĩ", "bệnh nhân"), or None."""
    word = _word_after(text, word_at, unit_start, unit_end, gender_words())
    if word is None:
        return None
    noun = text[word[0] : word[1]]
    if not _LOWERCASE_WORD.fullmatch(noun) or " " not in noun:
        return None  # one syllable: a verb or a word of its own ("2 nam đi")
    if noun in unit_words() or noun.rsplit(" ", 1)[1] in person_endings():
        return word[1]
    return None


_DEMONSTRATIVE = regex.compile(r"\s+(?:này|đó|ấy|kia|nói trên|trên)(?![\p{L}])")


def noun_after_all(text: str, unit_start: int, unit_end: int) -> bool:
    """After "cả hai", "cả ba" (both, all three), whether the open rule's word is a
    counted noun ("cả hai cô giáo này", "cả ba mẫu đó", "cả hai nghi can") rather
    than a verb of the pronoun ("cả hai nói chuyện"): a classifier or a noun of the
    closed list opens it, a compound or a noun of people it is, or "này", "đó"
    follow it."""
    return counted_noun(text, unit_start, unit_end) or bool(
        _DEMONSTRATIVE.match(text, unit_end))


@cache
def lone_heads() -> frozenset[str]:
    """Classifiers of people that a lone "ba" counts ("ba đứa con", "ba kẻ")."""
    return frozenset(word.casefold() for word in load_lexicon(data.WORDS, "lone_heads"))


def counted_noun(text: str, unit_start: int, unit_end: int) -> bool:
    """Whether the open rule's word is a counted noun rather than a verb or a pronoun:
    a noun of the closed list or a classifier of people opens it ("ba đứa con"), a
    compound or a noun of people it is ("ba thiếu niên", "ba nghi phạm")."""
    unit = text[unit_start:unit_end].casefold()
    syllables = unit.split()
    return bool(
        syllables[0] in unit_words() or syllables[0] in lone_heads()
        or unit in compounds().get(syllables[0], ())
        or (len(syllables) > 1 and syllables[-1] in person_endings())
    )


def opens_word(word_at: WordLookup, offset: int) -> bool:
    """True when `offset` starts a word, or falls between words."""
    word = word_at(offset)
    return word is None or word[0] == offset
