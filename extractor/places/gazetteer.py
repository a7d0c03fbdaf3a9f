"""The official units of both maps, read once from the vietnamadminunits data.

vietnamadminunits ships a SQLite table per map (`admin_units_legacy`: 63
provinces, districts, wards; `admin_units`: the 34 provinces and wards of
2025) with codes, coordinates and former names, and a converter table from
legacy wards to 2025 wards. We read those files directly instead of calling
its `parse_address`, because that returns one best guess (we need every
candidate to say "ambiguous") and its converter geocodes over the network when
an address has a street. Importing the package is avoided too (it loads a
geocoder and every parser table, 0.8 s).
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from extractor.text.letters import without_marks
from schemas.place import PlaceLevel, PlaceMap

LEGACY = PlaceMap.LEGACY
Y2025 = PlaceMap.Y2025
DEPTH = {PlaceLevel.PROVINCE: 1, PlaceLevel.DISTRICT: 2, PlaceLevel.WARD: 3}

# Old and new tone placement ("hoà" / "hòa") must compare equal.
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ủy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}


class GazetteerError(RuntimeError):
    """The gazetteer package's data is missing or not shaped as expected."""


@lru_cache(maxsize=65536)  # the same few place names recur in every article
def fold(text: str) -> str:
    """Accent-free, lower-case, letters and digits only: the package's key form."""
    return "".join(c for c in without_marks(text).casefold() if c.isalnum())


@lru_cache(maxsize=65536)
def accent_key(text: str) -> str:
    """Lower case with accents kept, tone placement unified, spaces removed."""
    lowered = unicodedata.normalize("NFC", text).casefold()
    for old, new in _OLD_TONES.items():
        lowered = lowered.replace(old, new)
    return "".join(c for c in lowered if c.isalnum())


@dataclass(frozen=True)
class Unit:
    """One administrative unit on one map, with its parents."""

    map: PlaceMap
    level: PlaceLevel
    name: str
    short: str
    province: str
    province_code: str
    district: str | None
    district_code: str | None
    ward: str | None
    ward_code: str | None
    latitude: float | None
    longitude: float | None
    key: str  # the package's chain key: "tinhnghean_thanhphovinh_phuongtruongthi"

    def label(self) -> str:
        parts = [self.ward, self.district, self.province]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Match:
    unit: Unit
    former: bool  # matched a former name (a unit merged into this one), not its own


@dataclass
class Gazetteer:
    units: dict[PlaceMap, list[Unit]] = field(default_factory=dict)
    # map -> folded key -> matches; own names and former names share the index
    index: dict[PlaceMap, dict[str, list[Match]]] = field(default_factory=dict)
    provinces: dict[PlaceMap, dict[str, Unit]] = field(default_factory=dict)  # by code
    # legacy province code -> 2025 province code
    province_successor: dict[str, str] = field(default_factory=dict)
    # legacy ward chain key -> 2025 ward units that took it over (several if divided)
    ward_successors: dict[str, list[Unit]] = field(default_factory=dict)
    by_code: dict[tuple[PlaceMap, PlaceLevel, str], Unit] = field(default_factory=dict)

    def parents(self, unit: Unit) -> list[Unit]:
        """The unit and the units it lies in, smallest first."""
        chain = [unit]
        if unit.level == PlaceLevel.WARD and unit.district_code is not None:
            chain.append(self.by_code[(unit.map, PlaceLevel.DISTRICT, unit.district_code)])
        if unit.level != PlaceLevel.PROVINCE:
            chain.append(self.provinces[unit.map][unit.province_code])
        return chain

    def lookup(self, map_: PlaceMap, key: str) -> list[Match]:
        return self.index[map_].get(key, [])

    def successor_province(self, unit: Unit) -> Unit:
        if unit.map == Y2025:
            return self.provinces[Y2025][unit.province_code]
        return self.provinces[Y2025][self.province_successor[unit.province_code]]


def _data_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError("the vietnamadminunits package is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    for name in ("dataset.db", "converter_2025.json"):
        if not (folder / name).is_file():
            raise GazetteerError(f"vietnamadminunits has no data file {folder / name}")
    return folder


def _aliases(raw: Any) -> list[str]:
    if not raw:
        return []
    loaded = json.loads(raw)
    if not isinstance(loaded, list):
        raise GazetteerError(f"alias column holds {raw!r}, not a JSON list")
    return [str(item) for item in loaded]


_LEVEL_COLUMNS = ("", "Short", "Code", "Lat", "Lon", "Key", "ShortKey", "Alias")
_COLUMNS = {
    "admin_units_legacy": [f"{level}{suffix}" for level in ("province", "district", "ward")
                           for suffix in _LEVEL_COLUMNS],
    "admin_units": [f"{level}{suffix}" for level in ("province", "ward")
                    for suffix in _LEVEL_COLUMNS],
}


def _rows(db: Path, table: str) -> list[sqlite3.Row]:
    # only the columns we use: the bounds and geocoder columns triple the read time
    columns = ", ".join(f"[{name}]" for name in _COLUMNS[table])
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(f"SELECT {columns} FROM [{table}]").fetchall()


class _Builder:
    def __init__(self) -> None:
        self.gaz = Gazetteer()
        for map_ in (LEGACY, Y2025):
            self.gaz.units[map_] = []
            self.gaz.index[map_] = defaultdict(list)
            self.gaz.provinces[map_] = {}

    def add(self, unit: Unit, own: list[str], former: list[str]) -> None:
        self.gaz.units[unit.map].append(unit)
        code = {PlaceLevel.PROVINCE: unit.province_code, PlaceLevel.DISTRICT: unit.district_code,
                PlaceLevel.WARD: unit.ward_code}[unit.level]
        if code is None:
            raise GazetteerError(f"{unit.label()} has no {unit.level} code")
        self.gaz.by_code[(unit.map, unit.level, code)] = unit
        index = self.gaz.index[unit.map]
        own_keys = {k for k in own if k}
        for key in own_keys:
            index[key].append(Match(unit, former=False))
        for key in set(former) - own_keys:
            index[key].append(Match(unit, former=True))


def _build_legacy(builder: _Builder, rows: list[sqlite3.Row]) -> None:
    seen_districts: set[str] = set()
    for r in rows:
        prov = (r["provinceCode"], r["province"])
        if prov[0] not in builder.gaz.provinces[LEGACY]:
            unit = Unit(LEGACY, PlaceLevel.PROVINCE, r["province"], r["provinceShort"],
                        r["province"], r["provinceCode"], None, None, None, None,
                        r["provinceLat"], r["provinceLon"], r["provinceKey"])
            builder.gaz.provinces[LEGACY][prov[0]] = unit
            # province aliases are abbreviations ("hn", "hcm"), not former units
            builder.add(unit, [r["provinceKey"], r["provinceShortKey"],
                               *_aliases(r["provinceAlias"])], [])
        if r["districtCode"] not in seen_districts:
            seen_districts.add(r["districtCode"])
            unit = Unit(LEGACY, PlaceLevel.DISTRICT, r["district"], r["districtShort"],
                        r["province"], r["provinceCode"], r["district"], r["districtCode"],
                        None, None, r["districtLat"], r["districtLon"],
                        f"{r['provinceKey']}_{r['districtKey']}")
            builder.add(unit, [r["districtKey"], r["districtShortKey"]],
                        _aliases(r["districtAlias"]))
        if r["ward"]:
            unit = Unit(LEGACY, PlaceLevel.WARD, r["ward"], r["wardShort"], r["province"],
                        r["provinceCode"], r["district"], r["districtCode"], r["ward"],
                        r["wardCode"], r["wardLat"], r["wardLon"],
                        f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}")
            builder.add(unit, [r["wardKey"], r["wardShortKey"]], _aliases(r["wardAlias"]))


def _build_2025(builder: _Builder, rows: list[sqlite3.Row]) -> dict[tuple[str, str], Unit]:
    wards: dict[tuple[str, str], Unit] = {}
    for r in rows:
        if r["provinceCode"] not in builder.gaz.provinces[Y2025]:
            unit = Unit(Y2025, PlaceLevel.PROVINCE, r["province"], r["provinceShort"],
                        r["province"], r["provinceCode"], None, None, None, None,
                        r["provinceLat"], r["provinceLon"], r["provinceKey"])
            builder.gaz.provinces[Y2025][r["provinceCode"]] = unit
            builder.add(unit, [r["provinceKey"], r["provinceShortKey"],
                               *_aliases(r["provinceAlias"])], [])
        unit = Unit(Y2025, PlaceLevel.WARD, r["ward"], r["wardShort"], r["province"],
                    r["provinceCode"], None, None, r["ward"], r["wardCode"], r["wardLat"],
                    r["wardLon"], f"{r['provinceKey']}_{r['wardKey']}")
        builder.add(unit, [r["wardKey"], r["wardShortKey"]], _aliases(r["wardAlias"]))
        wards[(r["provinceKey"], r["wardKey"])] = unit
    return wards


def _link_successors(gaz: Gazetteer, converter: dict[str, Any],
                     wards: dict[tuple[str, str], Unit]) -> None:
    new_by_key = {u.key: u for u in gaz.provinces[Y2025].values()}
    old_by_key = {u.key: u for u in gaz.provinces[LEGACY].values()}
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            gaz.province_successor[old_by_key[old_key].province_code] = (
                new_by_key[new_key].province_code)
    for new_prov, by_ward in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in by_ward.items():
            for old_key in old_keys:
                gaz.ward_successors[old_key] = [wards[(new_prov, new_ward)]]
    for new_prov, by_old in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in by_old.items():
            # the package marks one new ward "default"; we keep all, default first
            ordered = sorted(targets, key=lambda t: not t["isDefaultNewWard"])
            found = [wards[(new_prov, t["newWardKey"])] for t in ordered
                     if (new_prov, t["newWardKey"]) in wards]
            gaz.ward_successors[old_key] = found


@cache
def gazetteer() -> Gazetteer:
    """Both maps, indexed; built on first use (about 0.3 s) and kept for the process."""
    folder = _data_dir()
    builder = _Builder()
    try:
        _build_legacy(builder, _rows(folder / "dataset.db", "admin_units_legacy"))
        wards = _build_2025(builder, _rows(folder / "dataset.db", "admin_units"))
        converter = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))
        _link_successors(builder.gaz, converter, wards)
    except (sqlite3.Error, KeyError, IndexError, json.JSONDecodeError) as error:
        raise GazetteerError(f"vietnamadminunits data in {folder} is not as expected: "
                             f"{error!r}") from error
    if len(builder.gaz.provinces[LEGACY]) != 63 or len(builder.gaz.provinces[Y2025]) != 34:
        raise GazetteerError(
            f"expected 63 legacy and 34 current provinces, found "
            f"{len(builder.gaz.provinces[LEGACY])} and {len(builder.gaz.provinces[Y2025])}")
    return builder.gaz
