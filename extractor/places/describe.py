"""Turn the one unit a place string names into a `Place`: status, fields, 2025 successor."""

from __future__ import annotations

from extractor.places.gazetteer import LEGACY, Y2025, Gazetteer, Match, Unit, gazetteer
from extractor.places.words import place_words
from schemas.place import Place, PlaceLevel, PlaceMap, PlaceStatus, Successor


def _successor_of(unit: Unit) -> Successor:
    return Successor(
        level=unit.level, name=unit.name, province=unit.province,
        province_code=unit.province_code, ward=unit.ward, ward_code=unit.ward_code,
        latitude=unit.latitude, longitude=unit.longitude,
    )


def successor(unit: Unit, gaz: Gazetteer, notes: list[str]) -> Successor | None:
    """The 2025 unit that took `unit` over; a province when the ward was divided."""
    if unit.map == Y2025:
        return None
    province = gaz.successor_province(unit)
    if unit.level == PlaceLevel.WARD:
        wards = gaz.ward_successors.get(unit.key, [])
        if len(wards) == 1:
            return _successor_of(wards[0])
        if wards:
            names = ", ".join(w.name for w in wards)
            notes.append(f"{unit.name} was divided in 2025 between {names}")
    elif unit.level == PlaceLevel.DISTRICT:
        notes.append(f"districts were abolished on {place_words().reorganisation_date}; "
                     f"successor is the province")
    return _successor_of(province)


def _unchanged(unit: Unit, next_unit: Successor | None) -> bool:
    """A legacy province that is the same province on the 2025 map (Hà Nội, Nghệ An)."""
    return (unit.level == PlaceLevel.PROVINCE and next_unit is not None
            and next_unit.province_code == unit.province_code
            and next_unit.province == unit.province)


def describe(text: str, match: Match, article_map: PlaceMap, found_on: PlaceMap,
             evidence: str | None) -> Place:
    """The Place for the single unit left after narrowing."""
    gaz = gazetteer()
    unit = match.unit
    notes: list[str] = []
    next_unit = successor(unit, gaz, notes)
    if match.former:
        status = PlaceStatus.MERGED
        notes.insert(0, f'"{text}" is a former name: that unit was merged into {unit.name}')
    elif found_on == LEGACY and article_map == Y2025:
        status = PlaceStatus.MERGED
        notes.insert(0, f"{unit.name} no longer existed when the article was published; "
                        f"see the successor")
    elif found_on == LEGACY:
        status = PlaceStatus.UNIQUE if _unchanged(unit, next_unit) else PlaceStatus.LEGACY
    else:
        status = PlaceStatus.UNIQUE
        if article_map == LEGACY:
            notes.append("found only on the 2025 map although the article predates it")
    if found_on == LEGACY and unit.level != PlaceLevel.PROVINCE:
        # the package's legacy map is the one of 2025-06-30: earlier changes are aliases
        notes.append("legacy map as of 2025-06-30")
    return Place(
        text=text, status=status, map=found_on, level=unit.level, name=unit.name,
        province=unit.province, province_code=unit.province_code,
        district=unit.district, district_code=unit.district_code,
        ward=unit.ward, ward_code=unit.ward_code,
        latitude=unit.latitude, longitude=unit.longitude,
        successor=None if status == PlaceStatus.UNIQUE and found_on == Y2025 else next_unit,
        evidence=evidence, notes=notes,
    )
