"""How text names places: parse a place string into parts, find place names in an article.

The words come from `resources/places.yaml` (type words, abbreviations, names
the press uses, site hints), checked when they load.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from extractor.place_gazetteer import accent_key, fold
from extractor.rules.loader import ResourceError, load_resource
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
    text_abbrev = _alternation([a for a in abbreviations if len(a.rstrip(".")) > 1])
    name = r"(?:\d{1,2}(?!\w)|\p{Lu}\p{Ll}*(?:[ ]\p{Lu}\p{Ll}*){0,3})"
    typed = rf"(?:(?i:{types})|{text_abbrev.upper()})\s*{name}"
    # press names ("TP.HCM"); short ones ("hcm", "thủ đô") are too loose for running text
    aliases = _alternation([a for a in _mapping(data, "name_aliases") if len(a) >= 6])
    mention = rf"(?<!\w)(?:(?i:{aliases})(?!\w)|{typed}(?:,?[ ]{typed})*)"
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


@lru_cache(maxsize=4096)
def parse_parts(text: str) -> tuple[Part, ...]:
    """ "phường Trường Thi, TP Vinh" -> [Part(phường, Trường Thi), Part(thành phố, Vinh)]."""
    words = place_words()
    parts: list[Part] = []
    for piece in regex.split(r"[,;]|\s-\s", expand(text)):
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


def bare_type_word(text: str) -> tuple[str, frozenset[PlaceLevel]] | None:
    """ "TP" or "phường" alone: (folded type word, levels), else None."""
    word = expand(text).strip(" .").casefold()
    levels = place_words().levels_of.get(word)
    return (fold(word), levels) if levels is not None else None


@dataclass(frozen=True)
class TextMention:
    start: int
    end: int
    text: str


def find_mentions(text: str) -> list[TextMention]:
    """Typed place names in running text: "phường Trường Thi, TP Vinh", "quận 6"."""
    pattern = place_words().mention_pattern
    return [TextMention(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def site_province(site: str | None) -> str | None:
    """The province an outlet reports on, from its tag or host ("Congannghean.vn")."""
    if not site:
        return None
    key = site.strip().casefold().removeprefix("https://").removeprefix("http://")
    key = key.removeprefix("www.").split("/")[0].strip("()")
    return place_words().site_provinces.get(key)


_YEAR = regex.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d])")


def years_in(text: str) -> list[int]:
    return sorted({int(m.group(1)) for m in _YEAR.finditer(text)})
