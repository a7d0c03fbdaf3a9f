"""Read-only SQL over OUT_DIR's tables, and the corpus summary behind `vnextract stats`.

Three locks, each enough alone for its threat: the statement must be a single
SELECT (duckdb's own parser says so, not a regex), the database is opened
read-only, and file access is limited to OUT_DIR and then locked, so that no
`read_csv('/etc/...')`, ATTACH or COPY can reach outside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from extractor.batch.store import DATABASE

# Statement types a query may be: reading only.
_ALLOWED = {duckdb.StatementType.SELECT}


class QueryError(Exception):
    """The query was refused or failed, with the reason."""


class NoTables(QueryError):
    """OUT_DIR has no tables that open: not a run's directory, or a damaged database."""


@dataclass(frozen=True)
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def check_sql(sql: str) -> None:
    """Refuse anything but one read-only SELECT statement."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as error:
        raise QueryError(f"cannot parse the query: {error}") from error
    if len(statements) != 1:
        raise QueryError(f"give exactly one statement, not {len(statements)}")
    kind = statements[0].type
    if kind not in _ALLOWED:
        raise QueryError(
            f"only SELECT queries are allowed; this is {kind.name} "
            "(ATTACH, COPY, INSTALL, LOAD, EXPORT, SET, PRAGMA and writes are refused)"
        )


def connect(out_dir: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to OUT_DIR's tables that cannot touch files outside OUT_DIR."""
    database = out_dir / DATABASE
    if not database.is_file():
        raise NoTables(f"{database} does not exist: run `vnextract extract ... -o {out_dir}`")
    try:
        connection = duckdb.connect(
            str(database), read_only=True,
            config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
        )
    except duckdb.Error as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise NoTables(f"{database} cannot be opened as a DuckDB database ({reason}): "
                       f"build it again with `vnextract extract ... -o {out_dir} "
                       "--resume`") from error
    # allowed_directories can only be set once the database is open; then lock it all.
    connection.execute("SET allowed_directories = ?", [[f"{out_dir.resolve()}/"]])
    connection.execute("SET enable_external_access = false")
    connection.execute("SET lock_configuration = true")
    return connection


def run_query(out_dir: Path, sql: str, limit: int | None = None) -> Result:
    """Rows of one SELECT over the tables (at most `limit` when given)."""
    check_sql(sql)
    with connect(out_dir) as connection:
        try:
            cursor = connection.execute(sql)
            rows = cursor.fetchmany(limit) if limit is not None else cursor.fetchall()
        except duckdb.Error as error:
            raise QueryError(str(error)) from error
        columns = [str(column[0]) for column in cursor.description or []]
        return Result(columns, rows)


# Queries behind `vnextract stats`: (title, SQL). Copies (duplicate_of set) are left
# out of fact totals so that a syndicated story counts once.
_UNIQUE = "article_id IN (SELECT article_id FROM articles WHERE duplicate_of IS NULL)"
STATS_QUERIES: list[tuple[str, str]] = [
    ("Articles", """
        SELECT count(*) AS articles,
               count(*) FILTER (WHERE duplicate_of IS NULL) AS unique_articles,
               count(*) FILTER (WHERE duplicate_of IS NOT NULL) AS syndicated_copies,
               min(published) AS first_published, max(published) AS last_published
        FROM articles"""),
    ("Inputs", "SELECT status, count(*) AS inputs FROM inputs GROUP BY status ORDER BY status"),
    ("Facts per type (unique articles)", " UNION ALL ".join(
        f"SELECT '{name}' AS type, count(*) AS facts, count(DISTINCT article_id) AS articles "
        f"FROM {name} WHERE {_UNIQUE}"
        for name in ("dates", "documents", "organizations", "people", "campaigns",
                     "indicators", "awards")
    )),
    ("Top indicator units", f"""
        SELECT unit, count(*) AS indicators FROM indicators WHERE {_UNIQUE}
        GROUP BY unit ORDER BY indicators DESC, unit LIMIT 10"""),
    ("Top provinces (main place, on the 2025 map)", """
        SELECT coalesce(place_successor_province, place_province) AS province,
               count(*) AS articles
        FROM articles WHERE duplicate_of IS NULL AND place_province IS NOT NULL
        GROUP BY ALL ORDER BY articles DESC, province LIMIT 10"""),
    # Articles naming the unit, as the report counts "Units and bodies".
    ("Top units (articles naming them)", f"""
        SELECT normalized AS unit, count(DISTINCT article_id) AS articles FROM organizations
        WHERE {_UNIQUE}
        GROUP BY unit ORDER BY articles DESC, unit LIMIT 10"""),
    ("Indicators by category and year", """
        SELECT coalesce(i.category, 'unknown') AS category, year(a.published) AS year,
               count(*) AS indicators
        FROM indicators i JOIN articles a USING (article_id)
        WHERE a.duplicate_of IS NULL
        GROUP BY ALL ORDER BY category, year NULLS LAST"""),
]


def corpus_stats(out_dir: Path) -> list[tuple[str, Result]]:
    """Each summary table of the corpus, titled."""
    return [(title, run_query(out_dir, sql)) for title, sql in STATS_QUERIES]
