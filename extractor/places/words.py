"""How text names places: the words of places.yaml, and a place string parsed into parts.

The words come from `resources/places.yaml` (type words, abbreviations, names
the press uses, site hints), checked when they load.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from extractor.places.gazetteer import accent_key, fold
from extractor.resources.loader import ResourceError, load_resource
from schemas.place import PlaceLevel

RESOURCE = "places.yaml"
ALL_LEVELS = frozenset(PlaceLevel)


@dataclass(frozen=True)
class PlaceWords:
    reorganisation_date: dt.date
    levels_of: dict[str, frozenset[PlaceLevel]]  # type word -> levels it can name
    abbreviations: dict[str, str]
    name_aliases: dict[str, str]
    site_provinces: dict[str, str]
    type_pattern: regex.Pattern[str]
    mention_pattern: regex.Pattern[str]
    # every mention begins with one of these, case-folded (see place_scan.py)
    mention_starts: tuple[str, ...]
    # the starts that are a whole type word or abbreviation, and begin no other word
    typed_starts: frozenset[str]
    alias_pattern: regex.Pattern[str]
    abbreviation_pattern: regex.Pattern[str]


def _mapping(data: dict[str, object], key: str) -> dict[str, str]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise ResourceError(f"{RESOURCE}: {key} must be a non-empty mapping")
    folded = [str(k).casefold() for k in value]
    if len(set(folded)) != len(folded):
        raise ResourceError(f"{RESOURCE}: {key} has duplicate keys")
    return {str(k).casefold(): str(v) for k, v in value.items()}


def _alternation(words: list[str]) -> str:
    # longest first, so "thị xã" wins over "xã"
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


def _shortest_prefixes(words: set[str]) -> tuple[str, ...]:
    """The words less those another one begins: "tp" covers "tp.hcm" and "tp."."""
    kept: list[str] = []
    for word in sorted(words, key=lambda w: (len(w), w)):
        if not any(word.startswith(prefix) for prefix in kept):
            kept.append(word)
    return tuple(kept)


def _mention_starts(aliases: list[str], typed: list[str]) -> tuple[tuple[str, ...], frozenset[str]]:
    """How mentions begin, case-folded: the shortest prefixes of the words that open one,
    and those of them that are a whole type word (or abbreviation) and begin no other."""
    folded_aliases = {a.casefold() for a in aliases}
    folded_typed = {t.casefold() for t in typed}
    words = folded_aliases | folded_typed
    starts = _shortest_prefixes(words)
    typed_only = frozenset(
        s for s in starts
        if s in folded_typed and s not in folded_aliases
        and all(w == s for w in words if w.startswith(s)))
    return starts, typed_only


@cache
def place_words() -> PlaceWords:
    data = load_resource(RESOURCE)
    date = data.get("reorganisation_date")
    if not isinstance(date, dt.date):
        raise ResourceError(f"{RESOURCE}: reorganisation_date must be a date")
    levels_of: dict[str, set[PlaceLevel]] = {}
    type_words = data.get("type_words")
    if not isinstance(type_words, dict) or set(type_words) != {lvl.value for lvl in PlaceLevel}:
        raise ResourceError(f"{RESOURCE}: type_words needs exactly province, district, ward")
    for level, words in type_words.items():
        for word in words:
            levels_of.setdefault(str(word).casefold(), set()).add(PlaceLevel(level))
    abbreviations = _mapping(data, "abbreviations")
    unknown = {v for v in abbreviations.values() if v.casefold() not in levels_of}
    if unknown:
        raise ResourceError(f"{RESOURCE}: abbreviations expand to unknown type words {unknown}")
    types = _alternation(list(levels_of))
    # In running text only multi-letter abbreviations count: "P. Tuyết" is a person.
    text_abbrevs = [a for a in abbreviations if len(a.rstrip(".")) > 1]
    text_abbrev = _alternation(text_abbrevs)
    name = r"(?:\d{1,2}(?!\w)|\p{Lu}\p{Ll}*(?:[ ]\p{Lu}\p{Ll}*){0,3})"
    typed = rf"(?:(?i:{types})|{text_abbrev.upper()})\s*{name}"
    # press names ("TP.HCM"); short ones ("hcm", "thủ đô") are too loose for running text
    text_aliases = [a for a in _mapping(data, "name_aliases") if len(a) >= 6]
    aliases = _alternation(text_aliases)
    mention = rf"(?<!\w)(?:(?i:{aliases})(?!\w)|{typed}(?:,?[ ]{typed})*)"
    starts, typed_starts = _mention_starts(
        text_aliases, [*levels_of, *(a.upper() for a in text_abbrevs)])
    name_aliases = _mapping(data, "name_aliases")
    # "TP." always abbreviates; "TP" only when no letter or dot follows ("TPHCM" is an alias)
    abbrev_alternatives = [regex.escape(a) + ("" if a.endswith(".") else r"(?![\w.])")
                           for a in sorted(abbreviations, key=len, reverse=True)]
    return PlaceWords(
        alias_pattern=regex.compile(rf"(?<!\w)(?:{_alternation(list(name_aliases))})(?!\w)",
                                    regex.IGNORECASE),
        abbreviation_pattern=regex.compile(
            rf"(?<!\w)(?:{'|'.join(abbrev_alternatives)})\s*", regex.IGNORECASE),
        reorganisation_date=date,
        levels_of={k: frozenset(v) for k, v in levels_of.items()},
        abbreviations=abbreviations,
        name_aliases=name_aliases,
        site_provinces=_mapping(data, "site_provinces"),
        type_pattern=regex.compile(rf"(?<!\w)(?:{types})(?!\w)", regex.IGNORECASE),
        mention_pattern=regex.compile(mention, regex.VERSION1),
        mention_starts=starts,
        typed_starts=typed_starts,
    )


@dataclass(frozen=True)
class Part:
    """One unit named in a place string: its type word (or none) and its name."""

    type_word: str | None
    name: str

    @property
    def levels(self) -> frozenset[PlaceLevel]:
        if self.type_word is None:
            return ALL_LEVELS
        return place_words().levels_of[self.type_word]

    @property
    def typed_key(self) -> str | None:
        return fold(self.type_word + self.name) if self.type_word else None

    @property
    def short_key(self) -> str:
        return fold(self.name)

    @property
    def accented(self) -> str | None:
        """The name's accent key, or None when written without diacritics."""
        decomposed = unicodedata.normalize("NFD", self.name)
        if "đ" not in self.name.casefold() and not any(
                unicodedata.combining(c) for c in decomposed):
            return None
        return accent_key(self.name)


def expand(text: str) -> str:
    """NFC, single spaces, press names and abbreviations replaced by full words."""
    words = place_words()
    out = " ".join(unicodedata.normalize("NFC", text).split())
    out = words.alias_pattern.sub(lambda m: words.name_aliases[m.group().casefold()], out)
    out = words.abbreviation_pattern.sub(
        lambda m: words.abbreviations[m.group().strip().casefold()] + " ", out)
    return " ".join(out.split())


_PART_SEPARATOR = regex.compile(r"[,;]|\s-\s")  # compiled once: regex.split looks it up each call


@lru_cache(maxsize=4096)
def parse_parts(text: str) -> tuple[Part, ...]:
    """ "phường Trường Thi, TP Vinh" -> [Part(phường, Trường Thi), Part(thành phố, Vinh)]."""
    words = place_words()
    parts: list[Part] = []
    for piece in _PART_SEPARATOR.split(expand(text)):
        piece = piece.strip(" .:()")
        if not piece:
            continue
        hits = list(words.type_pattern.finditer(piece))
        if not hits:
            parts.append(Part(None, piece))
            continue
        # text before the first type word is the body's own name ("Công an"): not a place
        for index, hit in enumerate(hits):
            stop = hits[index + 1].start() if index + 1 < len(hits) else len(piece)
            name = piece[hit.end():stop].strip(" .:()")
            if name:
                parts.append(Part(hit.group().casefold(), name))
    return tuple(parts)


@lru_cache(maxsize=4096)  # asked for every unknown place of every article: "TP", "phường"
def bare_type_word(text: str) -> tuple[str, frozenset[PlaceLevel]] | None:
    """ "TP" or "phường" alone: (folded type word, levels), else None."""
    word = expand(text).strip(" .").casefold()
    levels = place_words().levels_of.get(word)
    return (fold(word), levels) if levels is not None else None


def site_province(site: str | None) -> str | None:
    """The province an outlet reports on, from its tag or host ("Congannghean.vn")."""
    if not site:
        return None
    key = site.strip().casefold().removeprefix("https://").removeprefix("http://")
    key = key.removeprefix("www.").split("/")[0].strip("()")
    return place_words().site_provinces.get(key)
