"""Our one Datasette plugin: on a row page, a fact's article_id links to its article.

Datasette's table pages link foreign keys (labelled with the article's title);
its row pages do not, so a fact's own page would not lead back to its article.
Registered by extractor.research.serve (Datasette wants plugins as modules).
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.app import Datasette
from datasette.utils import tilde_encode
from markupsafe import Markup

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


render_cell = hookimpl(_render_cell)  # not as a decorator: hookimpl is untyped
