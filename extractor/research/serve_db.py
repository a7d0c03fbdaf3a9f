"""The SQLite copy of a run's tables that `vnextract serve` hands to Datasette.

Datasette reads SQLite; the run's tables are DuckDB and parquet. The copy,
`OUT_DIR/corpus.sqlite`, is built from `corpus.duckdb` on the first `serve` and
again whenever the run changed since (its fingerprint: the DuckDB file's size
and time, `run.json`, and BUILD_VERSION of this module). It is written to a
temporary file in OUT_DIR, fsynced and renamed into place: a reader sees the
previous copy or the new one, never half of one.

What the copy adds for browsing, beside every table and column of the run:
- `articles.year` and `articles.province` (the main place's province on the
  2025 map, else as written), and on every table of facts `article_year` and
  `article_province`, so that figures facet by province and year;
- `context` on every table of evidence: the text around the mention, from the
  sentence punctuation before it to the one after it (at most 300 characters on
  each side), so that a fact row reads without opening the article;
- `articles.article_id` as primary key and foreign keys to it, which Datasette
  turns into links labelled with the title (fact -> article; an article's page
  lists its facts); fact rows are numbered by SQLite's rowid;
- FTS5 indexes: `articles_fts` (title, clean_text) and `<table>_fts` (text,
  context) over each table of evidence; diacritics are kept (Vietnamese "an" is not "án").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from extractor.batch.store import DATABASE

SQLITE = "corpus.sqlite"
BUILD_TABLE = "vnextract_build"
BUILD_VERSION = 4  # raise when the copy's shape changes: older copies are rebuilt
WINDOW = 300  # characters of context read on each side of a mention
MEMORY_LIMIT = "256MB"  # DuckDB's share while it reads the tables and joins the articles
BATCH = 1000  # rows fetched from DuckDB at a time: memory does not grow with the corpus
EVIDENCE = ("text", "start", "end")
TOKENIZER = "unicode61 remove_diacritics 0"
# Columns whose facets and canned queries need an index on a large corpus.
INDEXED = {"articles": ("year", "province", "published"),
           "indicators": ("category", "unit", "article_year", "article_province"),
           "organizations": ("normalized", "kind", "level"),
           "people": ("role",), "awards": ("article_province",), "documents": ("code",),
           "campaigns": ("name",)}
_SQLITE_TYPES = {"BIGINT": "INTEGER", "INTEGER": "INTEGER", "SMALLINT": "INTEGER",
                 "TINYINT": "INTEGER", "BOOLEAN": "INTEGER", "DOUBLE": "REAL", "FLOAT": "REAL"}
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)|\n")
_SENTENCE_START = re.compile(r"(?:[.!?…]\s+|\n)(?!.*(?:[.!?…]\s|\n))", re.DOTALL)


class ServeDbError(Exception):
    """The SQLite copy could not be built, with the table and the reason."""


def fingerprint(out_dir: Path) -> str:
    """What the copy was built from: it is rebuilt when this changes."""
    database = (out_dir / DATABASE).stat()
    run = out_dir / "run.json"
    parts = [BUILD_VERSION, database.st_size, database.st_mtime_ns,
             hashlib.sha256(run.read_bytes()).hexdigest() if run.is_file() else None]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def built_from(path: Path) -> str | None:
    """The fingerprint an existing copy was built from, or None if it has none or is damaged."""
    if not path.is_file():
        return None
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as connection:
            row = connection.execute(f"SELECT value FROM {BUILD_TABLE} "
                                     "WHERE key = 'fingerprint'").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def ensure(out_dir: Path) -> tuple[Path, bool]:
    """The up-to-date copy of OUT_DIR's tables, and whether it was (re)built now."""
    target = out_dir / SQLITE
    wanted = fingerprint(out_dir)
    if built_from(target) == wanted:
        return target, False
    temporary = out_dir / f".{SQLITE}.{os.getpid()}.tmp"
    try:
        build(out_dir, temporary, wanted)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target, True


def build(out_dir: Path, target: Path, stamp: str) -> None:
    """Write the whole copy to `target` (a new file) and fsync it."""
    target.unlink(missing_ok=True)
    with _source(out_dir) as source:
        tables = [str(row[0]) for row in source.execute(
            "SELECT table_name FROM information_schema.tables ORDER BY table_name").fetchall()]
        sink = sqlite3.connect(target)
        try:
            sink.execute("PRAGMA journal_mode = OFF")
            sink.execute("PRAGMA synchronous = OFF")
            # articles first: the others' rows refer to it.
            for table in sorted(tables, key=lambda name: name != "articles"):
                try:
                    _copy_table(source, sink, table)
                except (duckdb.Error, sqlite3.Error) as error:
                    raise ServeDbError(f"table {table} cannot be copied to SQLite: "
                                       f"{error}") from error
            sink.execute(f"CREATE TABLE {BUILD_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
            sink.executemany(f"INSERT INTO {BUILD_TABLE} VALUES (?, ?)",
                             [("fingerprint", stamp), ("built", dt.datetime.now(
                                 dt.UTC).isoformat(timespec="seconds"))])
            sink.commit()
            sink.execute("ANALYZE")
            sink.commit()
        finally:
            sink.close()
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def _source(out_dir: Path) -> duckdb.DuckDBPyConnection:
    """The run's DuckDB tables, read-only, in bounded memory (DuckDB spills beyond it)."""
    database = out_dir / DATABASE
    try:
        return duckdb.connect(str(database), read_only=True, config={
            "memory_limit": MEMORY_LIMIT, "threads": 1,
            "autoinstall_known_extensions": False, "autoload_known_extensions": False})
    except duckdb.Error as error:
        raise ServeDbError(f"{database} cannot be opened: {error}") from error


def _columns(source: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return [(str(name), str(kind)) for name, kind in source.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _select(table: str, names: list[str]) -> tuple[str, list[str]]:
    """DuckDB SQL reading `table` with the added columns, and the added columns' names."""
    columns = ", ".join(f"f.{_quote(name)}" for name in names)
    province = "coalesce(a.place_successor_province, a.place_province)"
    if table == "articles":
        return (f"SELECT {columns.replace('f.', 'a.')}, year(a.published) AS year, "
                f"{province} AS province "
                "FROM articles a", ["year", "province"])
    if "article_id" not in names or table in ("inputs", "syndication"):
        return f"SELECT {columns} FROM {_quote(table)} f", []
    added = ["article_year", "article_province"]
    extra = f"year(a.published) AS article_year, {province} AS article_province"
    if all(name in names for name in EVIDENCE):
        added += ["before", "after"]
        extra += (f", substr(a.clean_text, greatest(f.start - {WINDOW - 1}, 1), "
                  f"f.start - greatest(f.start - {WINDOW}, 0)) AS before, "
                  f'substr(a.clean_text, f."end" + 1, {WINDOW}) AS after')
    return (f"SELECT {columns}, {extra} FROM {_quote(table)} f "
            "LEFT JOIN articles a USING (article_id)", added)


def _copy_table(source: duckdb.DuckDBPyConnection, sink: sqlite3.Connection, table: str) -> None:
    columns = _columns(source, table)
    names = [name for name, _ in columns]
    sql, added = _select(table, names)
    with_context = "before" in added
    kept = [*columns, *((name, "BIGINT" if name.endswith("year") else "VARCHAR")
                        for name in added if name not in ("before", "after"))]
    if with_context:
        kept.append(("context", "VARCHAR"))
    sink.execute(_create(table, kept, names))
    insert = (f"INSERT INTO {_quote(table)} VALUES ({', '.join('?' * len(kept))})")
    text_at = names.index("text") if with_context else None
    for rows in _batches(source.execute(sql)):
        sink.executemany(insert, (_row(row, text_at) for row in rows))
    if table != "articles" and "article_id" in names:
        key = ", ".join(name for name in ("article_id", "idx") if name in names)
        sink.execute(f"CREATE INDEX {_quote(f'{table}_article')} ON {_quote(table)} ({key})")
    for column in INDEXED.get(table, ()):
        if column in dict(kept):
            sink.execute(f"CREATE INDEX {_quote(f'{table}_{column}')} ON {_quote(table)} "
                         f"({_quote(column)})")
    _full_text(sink, table, names)


def _create(table: str, columns: list[tuple[str, str]], names: list[str]) -> str:
    parts = [f"{_quote(name)} {_SQLITE_TYPES.get(kind, 'TEXT')}" for name, kind in columns]
    if table == "articles":
        parts.append("PRIMARY KEY (article_id)")
        parts.append("FOREIGN KEY (duplicate_of) REFERENCES articles (article_id)")
    elif "article_id" in names:
        # No primary key on facts: Datasette links a foreign key only outside the key.
        parts.append("FOREIGN KEY (article_id) REFERENCES articles (article_id)")
        if table == "syndication":
            parts.append("FOREIGN KEY (duplicate_of) REFERENCES articles (article_id)")
    return f"CREATE TABLE {_quote(table)} ({', '.join(parts)})"


def _full_text(sink: sqlite3.Connection, table: str, names: list[str]) -> None:
    if table == "articles":
        indexed = ["title", "clean_text"]
    elif all(name in names for name in EVIDENCE):
        indexed = ["text", "context"]  # "camera an ninh" finds "150 camera" by its sentence
    else:
        return
    fts = _quote(f"{table}_fts")
    listed = ", ".join(_quote(name) for name in indexed)
    # content="table" in double quotes: the form Datasette recognises as the table's index.
    sink.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({listed}, content=\"{table}\", "
                 f"tokenize='{TOKENIZER}')")
    sink.execute(f"INSERT INTO {fts} (rowid, {listed}) SELECT rowid, {listed} "
                 f"FROM {_quote(table)}")


def _batches(cursor: duckdb.DuckDBPyConnection) -> Iterator[list[tuple[Any, ...]]]:
    while rows := cursor.fetchmany(BATCH):
        yield rows


def _row(row: tuple[Any, ...], text_at: int | None) -> tuple[Any, ...]:
    """A row for SQLite; with its evidence's context in place of the two windows read."""
    if text_at is None:
        return tuple(map(_value, row))
    *values, before, after = row
    return (*map(_value, values), context(before, values[text_at], after))


def _value(value: Any) -> Any:
    """A DuckDB value as SQLite stores it: lists and structures as JSON, dates as ISO."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def context(before: str | None, text: str | None, after: str | None) -> str | None:
    """The mention in its sentence: `before` from its last sentence end, `after` to its first."""
    if text is None:
        return None
    before, after = before or "", after or ""
    start = _SENTENCE_START.search(before)
    head = before[start.end():] if start else ("…" if len(before) >= WINDOW else "") + before
    end = _SENTENCE_END.search(after)
    tail = after[:end.end()].rstrip("\n") if end else after + ("…" if len(after) >= WINDOW
                                                                 else "")
    return f"{head.lstrip()}{text}{tail}"
