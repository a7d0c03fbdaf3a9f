"""What the HTML report shows, read from a run's DuckDB tables (no HTML here).

Place and year belong to the article, not to the figure: a report's place is
the administrative unit its main place names (else the place its units name
most often), its year the publication year (else the year of the event's
date). Figures whose article has neither are grouped under "unknown" rather
than dropped. Syndicated copies are left out of every count, as in `vnextract
stats`: a story counts once.

Every aggregate is computed by DuckDB over the whole run (extractor.research.
report_queries); Python holds only their short results and the capped rows
of the two tables (FIGURE_LIMIT figures, ARTICLE_LIMIT articles), fetched a
batch at a time. So the report is a few MB, built in the same memory, at a
thousand articles or a million.
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from extractor.batch.store import DATABASE
from extractor.research import report_queries as sql
from extractor.research.report_queries import UNKNOWN
from schemas.record import MENTION_FIELDS

__all__ = ["UNKNOWN", "ReportData", "ReportError", "collect", "embed_json", "open_run",
           "read_run", "sentence_around"]

FIGURE_LIMIT = 3000  # figures in the searchable table (report_queries.FIGURE_ROWS says which)
ARTICLE_LIMIT = 500  # articles listed: the latest
CHART_BARS = 12  # bars per chart
TOP = 10  # entries in the "most reported" lists
FETCH = 500  # rows fetched from DuckDB at a time
# DuckDB's share while it groups and sorts: it spills to disk beyond it, so the
# build's memory does not follow the corpus. One thread, as the table build does.
MEMORY_LIMIT = "64MB"
_SENTENCE_START = re.compile(r"\n|[.!?] ")
_SENTENCE_END = re.compile(r"\n|[.!?](?= )")


class ReportError(ValueError):
    """The output directory cannot be turned into a report."""


@contextmanager
def open_run(out_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """OUT_DIR's tables, read-only, through a connection held to MEMORY_LIMIT.

    What DuckDB spills beyond the limit goes to a temporary folder removed on
    leaving (DuckDB's default would be a `.tmp` folder in the current one).
    """
    database = out_dir / DATABASE
    if not database.is_file():
        raise ReportError(f"{database}: not found (the report reads the run's tables: "
                          f"run `vnextract extract ... -o {out_dir}`, or add --resume to "
                          "finish an interrupted run)")
    with tempfile.TemporaryDirectory(prefix="vnextract-report-") as spill, duckdb.connect(
            config={"memory_limit": MEMORY_LIMIT, "threads": 1,
                    "temp_directory": spill}) as connection:
        connection.execute("SET enable_progress_bar = false")  # the report prints nothing
        try:
            connection.execute("ATTACH ? AS run (READ_ONLY)", [str(database)])
            connection.execute("USE run")
        except duckdb.Error as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise ReportError(f"{database} cannot be opened as a DuckDB database ({reason}): "
                              f"build it again with `vnextract extract ... -o {out_dir} "
                              "--resume`") from error
        yield connection


def sentence_around(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence of `text` around the span [start, end), and the span's offsets in it.

    Sentences are cut at line breaks and sentence punctuation, since the
    tables keep a mention's sentence index but not the sentence's offsets.
    """
    left = 0
    for found in _SENTENCE_START.finditer(text, 0, start):
        left = found.end()
    after = _SENTENCE_END.search(text, end)
    right = len(text) if after is None else after.start() + (after.group() != "\n")
    while left < start and text[left].isspace():
        left += 1
    return text[left:right].rstrip(), start - left, end - left


@dataclass
class ReportData:
    """The report's content: summary numbers, groupings and the capped table rows."""

    articles: int = 0  # every article of the run, copies included
    copies: int = 0  # syndicated copies, left out of the counts below
    field_counts: dict[str, int] = field(default_factory=dict)
    warnings: int = 0
    by_category: list[tuple[str, int]] = field(default_factory=list)
    by_place: list[tuple[str, int]] = field(default_factory=list)
    by_year: list[tuple[str, int]] = field(default_factory=list)
    units: list[tuple[str, int]] = field(default_factory=list)
    figures_by_province: dict[str, int] = field(default_factory=dict)
    organizations: list[tuple[str, int]] = field(default_factory=list)
    programmes: list[tuple[str, int]] = field(default_factory=list)
    quarantined: int = 0  # inputs in quarantine.jsonl
    figures_total: int = 0  # figures of the stories: the table shows `figures` of them
    figures: list[dict[str, Any]] = field(default_factory=list)
    article_rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def stories(self) -> int:
        return self.articles - self.copies


def _pairs(connection: duckdb.DuckDBPyConnection, query: str,
           limit: int) -> list[tuple[str, int]]:
    return [(str(label), int(count))
            for label, count in connection.execute(query, [limit]).fetchall()]


def _batches(cursor: duckdb.DuckDBPyConnection) -> Iterator[tuple[Any, ...]]:
    while batch := cursor.fetchmany(FETCH):
        yield from batch


def _figure(row: tuple[Any, ...]) -> dict[str, Any]:
    (value, value_text, unit, text, qualifier, category, metric, place, year, title,
     article_id, rule, start, end, window_start, window) = row
    sentence, left, right = sentence_around(window or "", start - window_start,
                                            end - window_start)
    if value is None or not math.isfinite(value):
        value = value_text  # beyond a double's range (null in the tables): shown as written
    return {
        "value": value, "unit": unit, "text": text,
        "qualifier": qualifier, "category": category, "metric": metric, "place": place,
        "year": year, "article": title, "article_id": article_id,
        "sentence": sentence, "start": left, "end": right, "rule": rule,
    }


def collect(connection: duckdb.DuckDBPyConnection, figure_limit: int = FIGURE_LIMIT,
            article_limit: int = ARTICLE_LIMIT) -> ReportData:
    """The report's content from an open run (see `open_run`)."""
    connection.execute(sql.ARTICLES)
    data = ReportData()
    counts = connection.execute(sql.ARTICLE_COUNTS).fetchall()[0]
    data.articles, data.copies, data.warnings = (int(value) for value in counts)
    data.field_counts = {name: int(connection.execute(sql.field_count(name)).fetchall()[0][0])
                         for name in MENTION_FIELDS}
    data.by_category = _pairs(connection, sql.FIGURES_BY_CATEGORY, CHART_BARS)
    data.by_place = _pairs(connection, sql.FIGURES_BY_PLACE, CHART_BARS)
    data.by_year = _pairs(connection, sql.FIGURES_BY_YEAR, CHART_BARS)
    data.units = _pairs(connection, sql.FIGURES_BY_UNIT, CHART_BARS)
    data.organizations = _pairs(connection, sql.ORGANIZATIONS, TOP)
    data.programmes = _pairs(connection, sql.PROGRAMMES, TOP)
    data.figures_by_province = {
        str(code): int(count)
        for code, count in connection.execute(sql.FIGURES_BY_PROVINCE).fetchall()}
    data.figures_total = int(connection.execute(sql.FIGURE_TOTAL).fetchall()[0][0])
    cursor = connection.execute(sql.FIGURE_ROWS, [figure_limit])
    data.figures = [_figure(row) for row in _batches(cursor)]
    cursor = connection.execute(sql.ARTICLE_ROWS, [article_limit])
    data.article_rows = [
        {"title": title, "published": published, "site": site, "place": place,
         "figures": int(figures), "warnings": list(warnings or [])}
        for title, published, site, place, figures, warnings in _batches(cursor)]
    return data


def read_run(out_dir: Path, figure_limit: int = FIGURE_LIMIT,
             article_limit: int = ARTICLE_LIMIT) -> ReportData:
    """The report's content for OUT_DIR: its tables, and its quarantine's length."""
    with open_run(out_dir) as connection:
        try:
            data = collect(connection, figure_limit, article_limit)
        except duckdb.OutOfMemoryException as error:
            raise ReportError(f"{out_dir / DATABASE}: DuckDB needed more than the "
                              f"report's {MEMORY_LIMIT}: {error}") from error
        except duckdb.Error as error:
            raise ReportError(f"{out_dir / DATABASE}: the report's queries failed (tables "
                              f"of another version of vnextract?): {error}") from error
    data.quarantined = count_lines(out_dir / "quarantine.jsonl")
    return data


def count_lines(path: Path) -> int:
    """Non-blank lines of a file (0 if absent), read a line at a time."""
    if not path.is_file():
        return 0
    with path.open(encoding="utf-8", errors="replace") as lines:
        return sum(1 for line in lines if line.strip())


def embed_json(value: object) -> str:
    """JSON safe inside a <script type="application/json"> element.

    "<", ">" and "&" become \\u escapes, so no "</script>" or "<!--" can
    close or confuse the element whatever the articles contain; U+2028/2029
    are escaped too because older JavaScript parsers treat them as newlines.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text
