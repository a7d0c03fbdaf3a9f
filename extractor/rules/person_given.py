"""Foreign names known by their shape alone, with no cue word (data in
`people_foreign.yaml`).

A run of two or three capitalised words is a person's name when its first word is a
given name that names nothing else ("Tommy Langford", "Billy Joe Saunders",
"Muhammad Wanndy đã bị tiêu diệt"), or when it is a surname of Korea or China and a
hyphenated given name ("Choi Soon-sil", "Hwang Kyo-ahn"). Shape alone also fits what
is named after a person, so the run is refused with a word of a body or a place in it
("Shulaya Enterprise", "Bill Gates Foundation"), after a word that makes it a thing's
("sân bay John F. Kennedy", "phim Harry Potter"), or inside a longer run of capitals
("Ga Manchester Victoria"); a country before it is a title's ("Tổng thống Mỹ Donald
Trump"), and a sentence's first word may stand before it ("Theo Lionel Messi, ...").
`person_foreign.foreign_people` then applies the checks every foreign name gets.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

import regex

from extractor.resources.loader import Rule, load_lexicon
from extractor.rules.person_names import countries, foreign_org_words, is_foreign, surnames

_RESOURCE = "people_foreign.yaml"
RULE_ID = "person.foreign_shape"
# A run of capitalised words, with the particles, initials and prefixes of foreign
# names inside it ("Salman bin Abdul", "John F. Kennedy", "Saif al-Islam").
_RUN = regex.compile(
    r"(?<![\p{L}\p{N}.])\p{Lu}[\p{L}'’]*(?:-\p{L}+)*"
    r"(?: (?:(?:bin|de|van|von|le|da|di|del|dos) )?(?:al-|el-)?"
    r"(?:\p{Lu}\. )?\p{Lu}[\p{L}'’]*(?:-\p{L}+)*)*(?![\p{L}\p{N}])"
)
_SENTENCE_START = regex.compile(r"(?:^|[.!?:…\n\"“(]\s*)$")
# a given name of Korea or China written with a hyphen: "Soon-sil", "Ing-wen"
_HYPHENATED = regex.compile(r"\p{Lu}\p{Ll}{1,5}-\p{Ll}{1,5}")
# words of a foreign name that are also Vietnamese syllables: "Robin van Persie",
# "David de Gea", "George VI"
_PARTICLES = frozenset(("bin", "de", "van", "von", "le", "da", "di", "del", "dos"))
_ROMAN = regex.compile(r"[IVX]{1,4}")


class Shaped(NamedTuple):
    start: int
    end: int
    name: str
    rule: Rule


@cache
def _rule() -> Rule:
    return Rule(id=RULE_ID, pattern=_RUN)


@cache
def _words(resource: str, key: str) -> frozenset[str]:
    """A lexicon of a data file as a set, read once."""
    return frozenset(load_lexicon(resource, key))


@cache
def _thing_before() -> regex.Pattern[str]:
    """A word right before the run that makes it a thing's: "sân bay", "phim", "Quỹ"."""
    words = sorted(load_lexicon(_RESOURCE, "foreign_given_not_after"), key=len, reverse=True)
    choice = "|".join(f"[{regex.escape(w[0])}{regex.escape(w[0].upper())}]{regex.escape(w[1:])}"
                      for w in words)
    return regex.compile(rf"(?<![\p{{L}}])(?:{choice})\s$")


def _opens_name(words: list[str], at: int) -> bool:
    word = words[at]
    if word in _words(_RESOURCE, "foreign_given_names"):
        return True
    return (word in _words(_RESOURCE, "east_asian_surnames") and at + 1 < len(words)
            and _HYPHENATED.fullmatch(words[at + 1]) is not None and is_foreign(words[at + 1]))


def _prefix_allowed(text: str, run_start: int, prefix: list[str]) -> bool:
    """Nothing, a country ("Mỹ Donald Trump"), or a Vietnamese word opening the sentence."""
    if not prefix:
        return True
    if " ".join(prefix) in countries():
        return True
    return (len(prefix) == 1 and not is_foreign(prefix[0])
            and _SENTENCE_START.search(text, max(0, run_start - 4), run_start) is not None)


def _name_words(words: list[str]) -> list[str]:
    """The name's words up to the first Vietnamese one, which opens the next sentence of
    a caption with no full stop ("Juan Mata Đạp ...", "Gary Sau tất cả"), an
    abbreviation ("HLV"), or one said again ("Betty Hill Betty"); a Vietnamese surname
    right after the given name is the family's ("Vincent Đoàn", "Louis Nguyễn")."""
    kept = words[:1]
    family = len(words) > 1 and words[1] in surnames()
    for word in words[1:]:
        foreign = (word.endswith(".") or word in _PARTICLES or _ROMAN.fullmatch(word) is not None
                   or is_foreign(word))
        # an abbreviation opens what follows the name: "Jurgen Gede HLV ..."
        shouted = (word.isupper() and len(word) > 1 and not word.endswith(".")
                   and _ROMAN.fullmatch(word) is None)
        if word in kept or shouted or not (foreign or family):
            break
        kept.append(word)
    return kept


def _shaped(text: str, run: regex.Match[str]) -> Shaped | None:
    words = run.group(0).split(" ")
    opening = next((at for at in range(len(words)) if _opens_name(words, at)), None)
    if opening is None or not _prefix_allowed(text, run.start(), words[:opening]):
        return None
    name_words = _name_words(words[opening:])
    capitalised = [word for word in name_words if not word.endswith(".")]
    org_words = foreign_org_words()
    if not 2 <= len(capitalised) <= 3 or any(word in org_words for word in name_words):
        return None
    name = " ".join(name_words)
    not_names = _words(_RESOURCE, "foreign_given_not_names")
    if name in not_names or " ".join(name_words[:2]) in not_names:
        return None
    start = run.start() + sum(len(word) + 1 for word in words[:opening])
    # before the run, or the sentence's first word before the name ("Quỹ Bill Gates")
    if any(_thing_before().search(text, max(0, at - 24), at) is not None
           for at in {run.start(), start}):
        return None
    return Shaped(start, start + len(name), name, _rule())


def shaped_people(text: str) -> Iterator[Shaped]:
    """Every run of capitals that opens, or holds after a country, a foreign name."""
    for run in _RUN.finditer(text):
        if " " in run.group(0):
            found = _shaped(text, run)
            if found is not None:
                yield found

