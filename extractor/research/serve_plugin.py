"""Our one Datasette plugin: links from a fact's page to its article, and the map page.

Datasette's table pages link foreign keys (labelled with the article's title);
its row pages do not, so `render_cell` makes a fact's own page lead back to its
article. `register_routes` adds /-/map (extractor/research/serve_map.py), which
`menu_links` puts in the menu, and a few lines of style. Registered by extractor.research.serve
(Datasette wants plugins as modules).
"""

from __future__ import annotations

from typing import Any

from datasette import Response, hookimpl
from datasette.app import Datasette
from datasette.utils import tilde_encode
from markupsafe import Markup

from extractor.research import serve_map
from extractor.research.serve_metadata import DATABASE

_FACTS = ("dates", "documents", "legal_refs", "organizations", "people", "campaigns",
          "indicators", "awards", "places", "syndication", "inputs")
LINKED = {("article_id", table) for table in _FACTS} | {
    ("duplicate_of", "articles"), ("duplicate_of", "syndication")}


def _render_cell(value: object, column: str, table: str | None, database: str,
                 datasette: Datasette) -> Markup | None:
    if not isinstance(value, str) or not table or (column, table) not in LINKED:
        return None  # an expanded key (table pages) is a dict: Datasette links it
    url = datasette.urls.row(database, "articles", tilde_encode(value))
    return Markup('<a href="{}">{}</a>').format(url, value)


async def _map(datasette: Datasette) -> Response:
    database = datasette.get_database(DATABASE)
    places = [tuple(row) for row in (await database.execute(serve_map.PLACES_SQL)).rows]
    unplaced = (await database.execute(serve_map.UNPLACED_SQL)).rows[0][0]
    return Response.html(serve_map.page(places, unplaced, DATABASE))


# Datasette lists every column's description above a table: kept to a short scrolling box,
# so that the rows stay in view (the full text also shows in each column's menu).
STYLE = """dl.column-descriptions { max-height: 8.5em; overflow-y: auto; padding: 0.2em 0.6em;
  border: 1px solid #d0d7de; border-radius: 4px; font-size: 0.9em; }
dl.column-descriptions dd { margin-bottom: 0.2em; }
"""


async def _style() -> Response:
    return Response(STYLE, content_type="text/css; charset=utf-8")


def _register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/map$", _map), (r"^/-/vnextract\.css$", _style)]


def _menu_links(datasette: Datasette) -> list[dict[str, str]]:
    return [{"href": datasette.urls.path("/-/map"), "label": "Map of places"}]


# Not as decorators: hookimpl is untyped.
render_cell = hookimpl(_render_cell)
register_routes = hookimpl(_register_routes)
menu_links = hookimpl(_menu_links)
