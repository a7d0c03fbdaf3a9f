"""An inline SVG map of counts per province, for the offline HTML report.

Circles sized by count (area proportional) at each province's centre, over a
dotted outline of the country, on an equirectangular projection corrected for
Vietnam's mean latitude. No tiles, no script, no network: the data is the
bundled `resources/province_points.json` (see extractor/places/build_points.py).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from schemas.place import PlaceMap

# Mainland bounds with a margin; the islands' provinces have mainland centres.
LAT_MIN, LAT_MAX = 8.2, 23.6
LON_MIN, LON_MAX = 102.0, 110.0
MEAN_LAT = math.radians(16.0)
MAX_RADIUS = 16.0  # px, for the largest count at width 360; scaled with width


class MapDataError(ValueError):
    """The bundled map data is missing or malformed, or a count names no province."""


@cache
def province_points() -> dict[str, Any]:
    """The bundled points file, checked: both maps, every province with a centre."""
    path = resources.files("extractor.resources").joinpath("province_points.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise MapDataError(f"province_points.json cannot be read: {error}") from error
    if not isinstance(data, dict):
        raise MapDataError("province_points.json: top level must be an object")
    for key, size in (("legacy", 63), ("2025", 34)):
        rows = data.get(key)
        if not isinstance(rows, list) or len(rows) != size:
            raise MapDataError(f"province_points.json: {key} must list {size} provinces")
        if any(row.get("lat") is None or row.get("lon") is None for row in rows):
            raise MapDataError(f"province_points.json: a {key} province has no centre")
    return data


def render_province_map(counts: Mapping[str, int], map_: PlaceMap = PlaceMap.Y2025,
                        width: int = 360, title: str = "Articles per province") -> str:
    """`counts` by province code ("40", "01") of `map_` -> an <svg> element as text."""
    rows = {row["code"]: row for row in province_points()[map_.value]}
    unknown = sorted(set(counts) - set(rows))
    if unknown:
        raise MapDataError(f"no {map_.value} province has code(s) {unknown}")
    scale = width / ((LON_MAX - LON_MIN) * math.cos(MEAN_LAT))
    height = round((LAT_MAX - LAT_MIN) * scale)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        x = (lon - LON_MIN) * math.cos(MEAN_LAT) * scale
        return round(x, 1), round((LAT_MAX - lat) * scale, 1)

    dot = round(0.38 * province_points()["cell_degrees"] * scale, 1)  # dots nearly touch
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>", '<g fill="#d9dde3">']
    for lat, lon in province_points()["outline"]:
        x, y = xy(lat, lon)
        parts.append(f'<circle cx="{x}" cy="{y}" r="{dot}"/>')
    parts.append('</g><g fill="#8a94a3">')
    for row in rows.values():
        x, y = xy(row["lat"], row["lon"])
        parts.append(f'<circle cx="{x}" cy="{y}" r="1.5"><title>{escape(row["name"])}'
                     f"</title></circle>")
    parts.append('</g><g fill="#c0392b" fill-opacity="0.6" stroke="#922b21">')
    top = max(counts.values(), default=0)
    for code, count in sorted(counts.items(), key=lambda kv: -kv[1]):
        if count <= 0:
            continue
        row = rows[code]
        x, y = xy(row["lat"], row["lon"])
        radius = round(3 + MAX_RADIUS * width / 360 * math.sqrt(count / top), 1)
        label = f'{row["name"]}: {count}'
        parts.append(f'<circle cx="{x}" cy="{y}" r="{radius}"><title>{escape(label)}'
                     f"</title></circle>")
    parts.append("</g></svg>")
    return "".join(parts)
