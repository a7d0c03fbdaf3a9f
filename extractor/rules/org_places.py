"""The administrative level of a unit, from the place or level word in its name.

"phường", "xã", "thị trấn" are communes (xa); "quận", "huyện", "thị xã" are
districts (huyen); "tỉnh" and "Thủ đô" are provinces (tinh). A "thành phố" is
either: the cities under the central government (Hà Nội, ...) rank as provinces,
the others ("TP Vinh", "thành phố Ninh Bình") as districts. A bare "Thành phố"
("Công an Thành phố") takes the rank of the cities the article names
("TP Hà Nội", "thành phố Vinh", "Thủ đô Hà Nội").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from extractor.resources.loader import ResourceError, load_resource
from extractor.rules.leads import LeadIndex
from extractor.text.search import finditer_from
from schemas import OrgLevel

_RESOURCE = "organizations.yaml"
# Marker for rules whose level is that of a "thành phố" (Thành ủy, CATP).
CITY = "city"
_NAMED_CITY = regex.compile(
    r"(?<![\p{L}])(?:[Tt]hành phố |TP\.? ?|Thủ đô )"
    r"(?P<name>HCM|\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){0,2})(?![\p{L}])"
)
# What every _NAMED_CITY match begins with: it is tried only there (see extractor/rules/leads.py).
_NAMED_CITY_LEADS = LeadIndex([("Thành phố ", "thành phố ", "TP", "Thủ đô ")])


@dataclass(frozen=True)
class PlaceTables:
    levels: dict[str, OrgLevel]
    city_words: frozenset[str]
    central_cities: dict[str, dt.date | None]


@cache
def tables() -> PlaceTables:
    """The level words, city words and central cities of `organizations.yaml`, validated."""
    data = load_resource(_RESOURCE)
    try:
        levels = {str(word).casefold(): OrgLevel(level) for word, level in data["levels"].items()}
        city_words = frozenset(str(word).casefold() for word in data["city_words"])
        central: dict[str, dt.date | None] = {}
        for entry in data["central_cities"]:
            since = entry.get("since")
            if since is not None and not isinstance(since, dt.date):
                raise ResourceError(f"{_RESOURCE}: central city {entry} has a malformed since")
            central[str(entry["name"])] = since
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise ResourceError(f"{_RESOURCE}: levels/city_words/central_cities: {error}") from error
    if not levels or not city_words or not central:
        raise ResourceError(f"{_RESOURCE}: levels, city_words and central_cities must be non-empty")
    return PlaceTables(levels, city_words, central)


def city_level(name: str, published: dt.date | None) -> OrgLevel:
    """Province level for a central city (as of the article's date), else district level."""
    central = tables().central_cities
    if name not in central:
        return OrgLevel.HUYEN
    since = central[name]
    if since is not None and published is not None and published < since:
        return OrgLevel.HUYEN
    return OrgLevel.TINH


def article_city_level(text: str, published: dt.date | None) -> OrgLevel | None:
    """The rank of the cities an article names, when they all agree; else None."""
    starts = _NAMED_CITY_LEADS.starts(text)[0]
    found = {
        city_level(match["name"], published)
        for match in finditer_from(_NAMED_CITY, text, starts)
    }
    return found.pop() if len(found) == 1 else None


@cache
def _level_words_longest_first() -> tuple[str, ...]:
    return tuple(sorted((*tables().levels, *tables().city_words), key=len, reverse=True))


@lru_cache(maxsize=1024)  # pure, and the same places come back ("quận 6", "TP Hà Nội")
def _split_place(place: str) -> tuple[str, str]:
    """("TP", "Hà Nội") from "TP Hà Nội"; ("", "Hà Nội") when no level word leads."""
    folded = place.casefold()
    for word in _level_words_longest_first():
        if folded.startswith(word) and (len(place) == len(word) or not place[len(word)].isalpha()):
            return place[: len(word)], place[len(word) :].strip(" .")
    return "", place


def resolve_level(
    rule_level: str | None,
    place: str | None,
    level_word: str | None,
    article_city: Callable[[], OrgLevel | None],
    published: dt.date | None,
) -> OrgLevel | None:
    """The level written in the name, else the rule's own level, else None.

    `article_city` gives the rank of the article's cities; it is called only
    for a bare "Thành phố", as it scans the whole text.
    """
    levels = tables().levels
    if place:
        word, name = _split_place(place)
        if word.casefold() in tables().city_words or (not word and rule_level == CITY):
            return city_level(name, published)
        if word:
            return levels[word.casefold()]
    if level_word:
        folded = level_word.casefold()
        if folded in tables().city_words:
            return article_city()
        return levels.get(folded)
    if rule_level == CITY:
        return article_city()
    return OrgLevel(rule_level) if rule_level else None
