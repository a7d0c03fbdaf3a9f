"""Places on the official administrative map, across the 2025 reorganisation.

    resolve_place("phường Trường Thi, TP Vinh", PlaceContext(map=PlaceMap.LEGACY)) -> Place
    resolve_article_places(org_places, title, site, published, clean_text) -> ArticlePlaces
    render_province_map({"40": 3, "01": 1}, PlaceMap.LEGACY) -> "<svg ...>"

Pure functions; the gazetteer (vietnamadminunits data) is read once per process,
on first use. How each status is reached: docs/places.md.

Places wing: the gazetteer (`gazetteer`), how text names places (`words`,
`scan`), resolution (`resolve`, `describe`, `article`) and the province map
(`province_map`, `build_points`). Imports the text wing and the shared base
only; never the rules (its sibling), the pipeline, batch or research.
"""

from __future__ import annotations

from extractor.places.article import article_context, resolve_article_places
from extractor.places.province_map import province_points, render_province_map
from extractor.places.resolve import Hint, PlaceContext, choose_map, resolve_place
from schemas.place import ArticlePlaces, Place, PlaceLevel, PlaceMap, PlaceStatus, Successor

__all__ = [
    "ArticlePlaces",
    "Hint",
    "Place",
    "PlaceContext",
    "PlaceLevel",
    "PlaceMap",
    "PlaceStatus",
    "Successor",
    "article_context",
    "choose_map",
    "province_points",
    "render_province_map",
    "resolve_article_places",
    "resolve_place",
]
