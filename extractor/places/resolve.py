"""Resolve one place string to an official unit, on the map the article's date calls for.

The steps (docs/places.md): choose the map; parse the string into typed parts;
find the candidates of its most specific part, keep those inside its other
parts, then those inside the places the article itself names (other places,
site, title); one left is an answer, several are "ambiguous", none is
"unknown". A unit the text names by a former name is "merged".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.places.describe import describe
from extractor.places.gazetteer import DEPTH, LEGACY, Y2025, Match, Unit, accent_key, gazetteer
from extractor.places.words import Part, parse_parts, place_words
from schemas.place import Place, PlaceLevel, PlaceMap, PlaceStatus

MAX_CANDIDATES = 8  # listed in an ambiguous Place; the count is always given


@dataclass(frozen=True)
class Hint:
    """A unit the article names elsewhere, that may locate an ambiguous place."""

    unit: Unit
    evidence: str  # 'site "Congannghean.vn"', 'text "TP Hà Nội"', 'place "quận 6"'


@dataclass(frozen=True)
class PlaceContext:
    map: PlaceMap = LEGACY
    map_reason: str = "no date given: legacy map assumed"
    hints: tuple[Hint, ...] = field(default_factory=tuple)


def choose_map(published: dt.date | None, years: list[int]) -> tuple[PlaceMap, str]:
    """The map in force when the article was written, and why we think so."""
    change = place_words().reorganisation_date
    if published is not None:
        if published >= change:
            return Y2025, f"published {published}, on or after {change}"
        return LEGACY, f"published {published}, before {change}"
    if years and max(years) > change.year:
        return Y2025, f"no publication date; the text names {max(years)}, after {change.year}"
    if years:
        return LEGACY, (f"no publication date; the text's latest year is {max(years)}, "
                        f"not after {change.year}: legacy map assumed")
    return LEGACY, "no publication date and no year in the text: legacy map assumed"


def _unique(matches: list[Match]) -> list[Match]:
    seen: dict[str, Match] = {}
    for match in matches:
        seen.setdefault(match.unit.key, match)
    return list(seen.values())


def part_candidates(part: Part, map_: PlaceMap) -> list[Match]:
    """Units one part may name: own names before former names, typed before bare."""
    gaz = gazetteer()
    keys = [k for k in (part.typed_key, part.short_key) if k]
    found: list[Match] = []
    for key in keys:
        hits = [m for m in gaz.lookup(map_, key) if m.unit.level in part.levels]
        found = [m for m in hits if not m.former] or hits
        if found:
            break
    accented = part.accented
    if accented is not None:  # "Hòa" is not "Hóa" when the text wrote accents
        same = [m for m in found if accented in (accent_key(m.unit.short), accent_key(m.unit.name))]
        found = same or found
    if part.type_word is None and found:  # a bare name is most often a province or city
        top = min(DEPTH[m.unit.level] for m in found)
        found = [m for m in found if DEPTH[m.unit.level] == top]
    return _unique(found)


def inside(unit: Unit, outer: Unit) -> bool:
    """Whether `unit` lies in `outer` (same map), or is it."""
    if unit.province_code != outer.province_code:
        return False
    if outer.level == PlaceLevel.DISTRICT:
        return unit.district_code == outer.district_code
    if outer.level == PlaceLevel.WARD:
        return unit.key == outer.key
    return True


def _on_map(hint: Unit, map_: PlaceMap) -> Unit | None:
    """The hint as a unit of `map_`: a legacy district hint becomes its 2025 province."""
    if hint.map == map_:
        return hint
    gaz = gazetteer()
    if map_ == Y2025:
        return gaz.successor_province(hint)
    return None  # a 2025 unit does not locate a legacy one: several provinces merged


def _narrow(matches: list[Match], hints: tuple[Hint, ...]) -> tuple[list[Match], str | None]:
    """Keep the candidates inside the article's other places, most specific hints first."""
    if len(matches) < 2 or not hints:
        return matches, None
    map_ = matches[0].unit.map
    located = [(unit, hint) for hint in hints if (unit := _on_map(hint.unit, map_)) is not None]
    for depth in (3, 2, 1):
        level_hints = [(u, h) for u, h in located if DEPTH[u.level] == depth]
        kept = [m for m in matches if any(inside(m.unit, u) for u, _ in level_hints)]
        if kept and len(kept) < len(matches):
            used = [h.evidence for u, h in level_hints if any(inside(m.unit, u) for m in kept)]
            matches = kept
            if len(matches) == 1:
                return matches, "; ".join(dict.fromkeys(used))
    return matches, None


def _resolve_on(parts: tuple[Part, ...], map_: PlaceMap) -> list[Match]:
    per_part = [part_candidates(part, map_) for part in parts]
    if not per_part or any(not found for found in per_part):
        return []
    deepest = max(range(len(parts)),
                  key=lambda i: (max(DEPTH[m.unit.level] for m in per_part[i]), -i))
    anchor = per_part[deepest]
    for index, others in enumerate(per_part):
        if index != deepest:
            anchor = [m for m in anchor if any(inside(m.unit, o.unit) for o in others)]
    return anchor


@dataclass(frozen=True)
class Candidates:
    """The units a place string may name, before the article's hints narrow them."""

    named: bool  # False: the string holds no place name at all
    matches: tuple[Match, ...]  # empty: no unit of either map fits
    found_on: PlaceMap


@lru_cache(maxsize=4096)  # the same place strings recur across articles
def candidates(text: str, map_: PlaceMap) -> Candidates:
    """Units of `map_` that `text` names, else of the other map: pure, so shared by articles."""
    parts = parse_parts(text)
    if not parts:
        return Candidates(named=False, matches=(), found_on=map_)
    other = Y2025 if map_ == LEGACY else LEGACY
    matches, found_on = _resolve_on(parts, map_), map_
    if not matches:
        matches, found_on = _resolve_on(parts, other), other
    return Candidates(named=True, matches=tuple(matches), found_on=found_on)


def needs_hints(place: Place) -> bool:
    """Whether the article's hints may change `place`: they only choose among candidates.

    `_narrow` leaves fewer than two candidates as they are, so a place resolved (or
    unknown) without hints comes out the same with them; only an ambiguous one may not.
    """
    return place.status == PlaceStatus.AMBIGUOUS


def resolve_with_unit(text: str, context: PlaceContext) -> tuple[Place, Unit | None]:
    """`resolve_place`, plus the gazetteer unit when one was found (to use as a hint)."""
    if context.hints:
        return _resolve(text, context.map, context.hints)
    # Without hints a place depends on its text and the map alone, and every place of an
    # article is first read so: the result is cached, and each call gets its own copy.
    place, unit = _resolve_alone(text, context.map)
    return _copy(place), unit


def _copy(place: Place) -> Place:
    """`place` copied down to its lists: two records must not share the cached one (a
    change to one would show in the other). A third of the cost of building it; the
    copy has `candidates` marked as set, which only an exclude_unset dump would show."""
    fresh: dict[str, object] = {"notes": list(place.notes), "candidates": list(place.candidates)}
    if place.successor is not None:
        fresh["successor"] = place.successor.model_copy()  # scalars only: a full copy
    return place.model_copy(update=fresh)


@lru_cache(maxsize=4096)  # with the caches it fills, about 3 kB a place string: some 13 MB
def _resolve_alone(text: str, map_: PlaceMap) -> tuple[Place, Unit | None]:
    return _resolve(text, map_, ())


def _resolve(text: str, map_: PlaceMap, hints: tuple[Hint, ...]) -> tuple[Place, Unit | None]:
    found = candidates(text, map_)
    if not found.named:
        return Place(text=text, status=PlaceStatus.UNKNOWN,
                     notes=["no place name in the text"]), None
    if not found.matches:
        return Place(text=text, status=PlaceStatus.UNKNOWN, notes=[
            "no unit of either map has this name (and fits its other parts)"]), None
    matches, evidence = _narrow(list(found.matches), hints)
    if len(matches) > 1:
        provinces = {m.unit.province for m in matches}
        notes = [f"{len(matches)} units fit and the article does not say which"]
        if len(provinces) == 1:
            notes.append(f"all of them are in {provinces.pop()}")
        labels = [m.unit.label() for m in matches[:MAX_CANDIDATES]]
        return Place(text=text, status=PlaceStatus.AMBIGUOUS, candidates=labels,
                     notes=notes), None
    return describe(text, matches[0], map_, found.found_on, evidence), matches[0].unit


def resolve_place(text: str, context: PlaceContext | None = None) -> Place:
    """One place string -> the unit it names (see the module docstring for the steps)."""
    return resolve_with_unit(text, context or PlaceContext())[0]
