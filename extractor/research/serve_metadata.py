"""Datasette's metadata for a run: titles, column descriptions, facets, canned queries.

Column descriptions are read from docs/batch.md (the tables' documentation,
which a test keeps equal to the tables), so the browser says what the docs say.
Facets are configured only for columns the copy has (people's `role` came with
schema 1.2). Each canned query is also a JSON endpoint:
`/corpus/<query>.json?param=...` (add `&_shape=array` for a plain list of rows).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from extractor.research.serve_db import BUILD_TABLE

DATABASE = "corpus"  # Datasette names the database after the file: corpus.sqlite
BATCH_DOC = Path(__file__).resolve().parents[2] / "docs" / "batch.md"
_HEADING = re.compile(r"^### `(\w+)`\s*$")
_ROW = re.compile(r"^\| `(\w+)` \| ([^|]*) \| ([^|]*) \|\s*$")

TABLES = {
    "articles": "One row per article: headline, date, site, body (clean_text), the event "
                "reviewed and the main place. Its page lists the facts found in it.",
    "indicators": "One row per figure: value, unit, category, with its evidence and sentence.",
    "organizations": "One row per mention of a unit (police, people's committees, ...).",
    "people": "One row per named person: rank, title, organisation, role.",
    "awards": "One row per commendation: how many collectives and individuals, form, issuer.",
    "documents": "One row per reference to a programme, plan or directive.",
    "campaigns": "One row per named model or campaign.",
    "dates": "One row per date mentioned.",
    "legal_refs": "One row per article of law cited.",
    "places": "One row per place string of an article, resolved on the administrative map.",
    "syndication": "One row per syndicated copy of a story, and the article it copies.",
    "inputs": "One row per input file or line, and what became of it.",
}
ADDED = {
    "year": "year published (added for browsing)",
    "province": "the main place's province on the 2025 map, else as written "
                "(added for browsing)",
    "article_year": "the article's year published (added for browsing)",
    "article_province": "the article's province on the 2025 map (added for browsing)",
    "context": "the mention in its sentence, as the article writes it (added for browsing)",
}
FACETS = {
    "articles": ["province", "year", "event_kind", "site"],
    "indicators": ["category", "unit", "article_province", "article_year"],
    "organizations": ["kind", "level", "article_province"],
    "people": ["role", "rank", "article_province"],
    "awards": ["form", "article_province", "article_year"],
    "documents": ["kind", "code"],
    "places": ["status", "level", "province"],
    "inputs": ["status"],
}
_UNIQUE = "a.duplicate_of IS NULL"  # a syndicated story counts once
QUERIES: dict[str, dict[str, str]] = {
    "figures_by_province_year": {
        "title": "Figures of one category by province and year",
        "description": "Indicators of a category (e.g. crimes_solved, coverage_rate; see the "
                       "category facet of indicators), counted and summed per province, year "
                       "and unit, each story once.",
        "sql": f"""SELECT i.article_province AS province, i.article_year AS year, i.unit,
       count(*) AS figures, sum(i.value) AS total, count(DISTINCT i.article_id) AS articles
FROM indicators i JOIN articles a ON a.article_id = i.article_id
WHERE i.category = :category AND {_UNIQUE}
GROUP BY 1, 2, 3 ORDER BY province, year, i.unit""",
    },
    "unit_figures_over_time": {
        "title": "A unit's figures over time",
        "description": "Figures of the articles that name a unit (part of its name, e.g. "
                       "'Công an tỉnh Nghệ An'), oldest first.",
        "sql": f"""SELECT a.published, i.category, i.value, i.unit, i.text, i.context,
       a.title, i.article_id, i.idx
FROM indicators i JOIN articles a ON a.article_id = i.article_id
WHERE {_UNIQUE} AND i.article_id IN (
    SELECT article_id FROM organizations WHERE normalized LIKE '%' || :unit || '%')
ORDER BY a.published, i.article_id, i.idx""",
    },
    "articles_citing_programme": {
        "title": "Articles that cite a programme",
        "description": "Articles whose event reviews the programme, or that cite it as a "
                       "document (code, number or title) or a campaign name: give part of "
                       "it, e.g. '09/CTr' or 'toàn dân bảo vệ an ninh Tổ quốc'.",
        "sql": f"""SELECT a.published, a.title, a.province, a.event_programme,
       (SELECT group_concat(d.text, ' | ') FROM documents d WHERE d.article_id = a.article_id
          AND (d.code LIKE '%' || :programme || '%' OR d.title LIKE '%' || :programme || '%'))
         AS cited_as,
       a.article_id
FROM articles a
WHERE {_UNIQUE} AND (a.event_programme LIKE '%' || :programme || '%'
   OR a.article_id IN (SELECT article_id FROM documents WHERE code LIKE '%' || :programme || '%'
                       OR title LIKE '%' || :programme || '%' OR number = :programme)
   OR a.article_id IN (SELECT article_id FROM campaigns
                       WHERE name LIKE '%' || :programme || '%'))
ORDER BY a.published, a.article_id""",
    },
    "who_was_commended": {
        "title": "Who was commended",
        "description": "Commendations (collectives, individuals, form, issuer) with their "
                       "sentence, newest first; give part of a province's name or leave it "
                       "empty for all.",
        "sql": f"""SELECT a.published, a.province, w.collectives, w.individuals, w.recipients,
       w.form, w.issuer, w.context, a.title, w.article_id, w.idx
FROM awards w JOIN articles a ON a.article_id = w.article_id
WHERE {_UNIQUE} AND (:province = '' OR a.province LIKE '%' || :province || '%')
ORDER BY a.published DESC, w.article_id, w.idx""",
    },
}


def column_docs(path: Path = BATCH_DOC) -> dict[str, dict[str, str]]:
    """{table: {column: "type: meaning"}} from the tables of docs/batch.md ({} if absent)."""
    if not path.is_file():
        return {}
    docs: dict[str, dict[str, str]] = {}
    table: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if heading := _HEADING.match(line):
            table = heading.group(1)
            docs[table] = {}
        elif table and (row := _ROW.match(line)):
            column, kind, meaning = row.groups()
            kind, meaning = kind.strip(), meaning.strip()
            docs[table][column] = f"{kind}: {meaning}" if meaning else kind
        elif line.startswith("## "):
            table = None
    return docs


def _columns(database: Path) -> dict[str, list[str]]:
    with sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True) as connection:
        names = [str(row[0]) for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'%VIRTUAL TABLE%' AND name NOT LIKE '%_fts%'")]
        return {name: [str(row[1]) for row in connection.execute(
            f"PRAGMA table_info(\"{name}\")")] for name in names}


def metadata(database: Path, title: str) -> dict[str, Any]:
    """Datasette metadata for the copy at `database`."""
    docs = column_docs()
    tables: dict[str, Any] = {}
    for table, columns in _columns(database).items():
        if table == BUILD_TABLE:
            tables[table] = {"hidden": True}
            continue
        described = docs.get(table, {})
        entry: dict[str, Any] = {
            "columns": {column: described.get(column) or ADDED.get(column, "")
                        for column in columns if described.get(column) or column in ADDED},
            "facets": [column for column in FACETS.get(table, []) if column in columns],
        }
        if table in TABLES:
            entry["description"] = TABLES[table]
        if f"{table}_fts" in _fts_tables(database):
            entry["fts_table"] = f"{table}_fts"
        if table == "articles":
            entry["label_column"] = "title"
            entry["sort_desc"] = "published"
        tables[table] = entry
    return {
        "title": title,
        "description_html": "Read-only. Search, facet and query the tables of one vnextract "
                            "run; every view is also .json and .csv. Columns: docs/batch.md. "
                            '<a href="/-/map">Map of places</a>.',
        "extra_css_urls": ["/-/vnextract.css"],
        "databases": {DATABASE: {"tables": tables, "queries": QUERIES}},
    }


def _fts_tables(database: Path) -> set[str]:
    with sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True) as connection:
        return {str(row[0]) for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE sql LIKE '%VIRTUAL TABLE%USING fts5%'")}
