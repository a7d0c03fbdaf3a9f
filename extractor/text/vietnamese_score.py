"""How Vietnamese a text reads: the share of its accented words that are syllables.

The encoding detector decodes bytes several ways and keeps the reading whose
words are Vietnamese syllables (onset, vowel cluster, coda, at most one tone).
Mojibake fails that test at once: "Céng hoµ", "Coäng hoøa", "Viá»‡t" are not
syllables, while "Cộng hòa" is. Only words of two letters or more with a
non-ASCII character are judged, since plain ASCII words read the same in every encoding.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_VOWELS = "aăâeêioôơuưy"
_CONSONANTS = "bcdđghklmnpqrstvx"
# Vowel clusters as written (without tone), longest first so the regex prefers them.
_CLUSTERS = sorted(
    ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
     "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi",
     "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "ươ", "ưa", "ưi", "ưu", "uy", "yê",
     "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "yêu"],
    key=len, reverse=True,
)
_SYLLABLE = regex.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    rf"(?:{'|'.join(_CLUSTERS)})"
    r"(?:ch|nh|ng|[cmnptk])?"
)
# Letters, combining marks, and the Latin-1 symbols that legacy fonts used as
# letters (TCVN3 "¸" is á, "µ" is à, "·" is ã): a mojibake word stays one word.
_WORD = regex.compile(r"[\p{L}\p{M}\u00a1-\u00bf\u00d7\u00f7]+")
MAX_JUDGED_WORDS = 20_000  # enough to judge a page; bounds the cost on huge inputs
_WINDOW = 65_536
_SPACE = regex.compile(r"\s")


def _strip_tone(char: str) -> tuple[str, bool]:
    decomposed = unicodedata.normalize("NFD", char)
    kept = "".join(mark for mark in decomposed if mark not in _TONE_MARKS)
    return unicodedata.normalize("NFC", kept), len(kept) != len(decomposed)


def _toneless_table() -> dict[str, tuple[str, bool]]:
    table: dict[str, tuple[str, bool]] = {char: (char, False) for char in _CONSONANTS}
    for base in _VOWELS:
        for tone in ("", *_TONE_MARKS):
            letter = unicodedata.normalize("NFC", base + tone)
            table[letter] = _strip_tone(letter)
    return table


_TONELESS = _toneless_table()


@lru_cache(maxsize=65_536)
def is_syllable(word: str) -> bool:
    """True for one Vietnamese syllable ("người", "Quốc"), in any case and form."""
    toneless: list[str] = []
    tones = 0
    for char in unicodedata.normalize("NFC", word).lower():
        entry = _TONELESS.get(char)
        if entry is None:
            return False
        toneless.append(entry[0])
        tones += entry[1]
    return tones <= 1 and _SYLLABLE.fullmatch("".join(toneless)) is not None


@dataclass(frozen=True)
class SyllableScore:
    judged: int  # words of two or more letters with a non-ASCII character
    syllables: int  # of those, how many are Vietnamese syllables

    @property
    def share(self) -> float:
        """Share of judged words that are syllables (1.0 when none was judged)."""
        return self.syllables / self.judged if self.judged else 1.0


def vietnamese_score(text: str) -> SyllableScore:
    """Count the accented words of `text` and how many are Vietnamese syllables."""
    judged: list[str] = []
    start = 0
    # Windows cut at a space (never inside a word) keep memory small on huge inputs.
    while start < len(text) and len(judged) < MAX_JUDGED_WORDS:
        space = _SPACE.search(text, start + _WINDOW)
        end = space.start() if space else len(text)
        # One-letter words prove little ("ở" is real, but so is stray mojibake).
        judged += [word for word in _WORD.findall(text, start, end)
                   if len(word) > 1 and not word.isascii()]
        start = end
    del judged[MAX_JUDGED_WORDS:]
    return SyllableScore(len(judged), sum(map(is_syllable, judged)))
