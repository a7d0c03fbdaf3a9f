"""The map of `vnextract serve` (/-/map): the articles' main places as points, offline.

No tile server and no script: one SVG drawn here, points on a plain background
in an equirectangular projection (longitude scaled by the cosine of the mean
latitude), a circle per place sized by its number of articles (each story
once), linking to those articles. Every label comes from articles and is
escaped. Nothing on the page is fetched from another host.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from urllib.parse import urlencode

# The main place's own coordinates (ward, district or province on the map of its date).
PLACES_SQL = """
SELECT place_name AS name, province, place_latitude AS latitude,
       place_longitude AS longitude, count(*) AS articles
FROM articles
WHERE duplicate_of IS NULL AND place_latitude IS NOT NULL AND place_longitude IS NOT NULL
GROUP BY place_name, province, place_latitude, place_longitude
ORDER BY articles DESC, name"""
UNPLACED_SQL = ("SELECT count(*) FROM articles WHERE duplicate_of IS NULL AND "
                "(place_latitude IS NULL OR place_longitude IS NULL)")
VIETNAM = (102.0, 110.0, 8.0, 23.5)  # longitude and latitude bounds always shown
WIDTH = 520  # pixels; the height follows the bounds
MARGIN = 12


Place = tuple[str | None, str | None, float, float, int]


def _bounds(places: Sequence[Place]) -> tuple[float, float, float, float]:
    west, east, south, north = VIETNAM
    for _, _, latitude, longitude, _ in places:
        west, east = min(west, longitude), max(east, longitude)
        south, north = min(south, latitude), max(north, latitude)
    return west, east, south, north


def svg(places: Sequence[Place], database: str) -> str:
    """The points, largest drawn first so that small ones stay clickable on top."""
    west, east, south, north = _bounds(places)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * squeeze)
    height = round((north - south) * scale + 2 * MARGIN)
    top = max((count for *_, count in places), default=1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="places of the articles">',
             f'<rect width="{WIDTH}" height="{height}" fill="#f4f6f8"></rect>']
    for name, province, latitude, longitude, count in places:
        x = MARGIN + (longitude - west) * squeeze * scale
        y = MARGIN + (north - latitude) * scale
        radius = 2.5 + 12 * math.sqrt(count / top)
        label = ", ".join(part for part in (name, province) if part) or "?"
        query = urlencode({"place_name": name} if name else {"province": province or ""})
        parts.append(
            f'<a href="/{escape(database)}/articles?{escape(query)}">'
            f'<circle class="place" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
            f'fill="#c0392b" fill-opacity="0.55" stroke="#7b241c" stroke-width="0.6">'
            f"<title>{escape(label)}: {count} articles</title></circle></a>")
    parts.append("</svg>")
    return "".join(parts)


def page(places: Sequence[Place], unplaced: int, database: str) -> str:
    rows = "".join(
        f"<tr><td>{escape(name or '')}</td><td>{escape(province or '')}</td>"
        f"<td>{count}</td></tr>" for name, province, _, _, count in places[:30])
    placed = sum(place[4] for place in places)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Places of the articles</title>
<link rel="stylesheet" href="/-/static/app.css"></head>
<body><header><nav><p class="crumbs"><a href="/">home</a> /
<a href="/{escape(database)}">{escape(database)}</a></p></nav></header>
<section class="content"><h1>Places of the articles</h1>
<p>{len(places)} places, {placed} articles (each story once); {unplaced} articles have
no place with coordinates. A circle's area follows its number of articles; click one
for its articles.</p>
{svg(places, database)}
<h2>Most reported places</h2>
<table class="rows-and-columns"><thead><tr><th>place</th><th>province</th>
<th>articles</th></tr></thead><tbody>{rows}</tbody></table>
</section></body></html>"""
