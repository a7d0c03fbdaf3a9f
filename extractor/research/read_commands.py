"""`show`, `query` and `stats`: one article's facts, and SQL over a finished run's tables.

Registered on the main app by extractor.research.commands. A bad argument is one
line and exit 2 (extractor.research.arguments); a refused or failing SQL query
is one line and exit 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from extractor.research.arguments import BadArgument, fail, out_dir

console = Console()
errors = Console(stderr=True)
QUERY_FAILED = 1
MAX_BYTES_HELP = ("largest input read, in bytes (default: Settings.max_bytes, 10,000,000); "
                  "larger files are refused")


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _cell(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a count stored as a double reads 250000, not 250000.0
    return value


def _table(title: str | None, columns: list[str], rows: list[tuple[Any, ...]]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if value is None else str(_cell(value)) for value in row))
    return table


def _record(title: str, columns: list[str], row: tuple[Any, ...]) -> Table:
    """A one-row result as name / value lines: it reads at any width."""
    table = Table(title=title, title_justify="left", show_header=False)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for column, value in zip(columns, row, strict=True):
        table.add_row(column, "" if value is None else str(_cell(value)))
    return table


def _tables_of(out: Path) -> Path:
    """OUT_DIR checked: a directory holding tables that open (else exit 2)."""
    from extractor.research.query import NoTables, connect

    try:
        with connect(out_dir(out)):
            return out
    except (BadArgument, NoTables) as error:
        fail(error)


def query(
    out: Annotated[Path, typer.Argument(help="an output directory of `extract`")],
    sql: Annotated[str, typer.Argument(help="one SELECT over the tables (see docs/batch.md)")],
    output_format: Annotated[Format, typer.Option("--format", help="table, csv or json")] = (
        Format.table),
) -> None:
    """Run one read-only SELECT over OUT's tables (articles, indicators, dates, ...)."""
    from extractor.research.query import QueryError, run_query

    try:
        result = run_query(_tables_of(out), sql)
    except QueryError as error:
        errors.print(f"[red]error:[/] {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(QUERY_FAILED) from error
    if output_format is Format.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(result.columns)
        writer.writerows([[_cell(value) for value in row] for row in result.rows])
    elif output_format is Format.json:
        rows = [dict(zip(result.columns, map(_cell, row), strict=True)) for row in result.rows]
        typer.echo(json.dumps(rows, ensure_ascii=False, default=str))
    else:
        console.print(_table(None, result.columns, result.rows))


def stats(out: Annotated[Path, typer.Argument(help="an output directory of `extract`")]) -> None:
    """Summarise OUT: articles, facts per type, top units and places, indicators by year."""
    from extractor.research.query import QueryError, corpus_stats

    try:
        sections = corpus_stats(_tables_of(out))
    except QueryError as error:
        errors.print(f"[red]error:[/] {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(QUERY_FAILED) from error
    for title, result in sections:
        if len(result.rows) == 1 and len(result.columns) > 2:
            console.print(_record(title, result.columns, result.rows[0]))
        else:
            console.print(_table(title, result.columns, result.rows))


def show(
    path: Annotated[Path, typer.Argument(help="an article file (.txt or .html)")],
    max_bytes: Annotated[int | None, typer.Option(min=1, help=MAX_BYTES_HELP)] = None,
) -> None:
    """Print one article's extraction, each fact beside its evidence sentence."""
    from extractor.batch.inputs import read_file
    from extractor.errors import ExtractionError
    from extractor.pipeline import extract
    from extractor.research.show import render
    from extractor.settings import Settings

    settings = Settings() if max_bytes is None else Settings(max_bytes=max_bytes)
    try:
        raw = read_file(path, settings.max_bytes)
        record = extract(raw.text, source=raw.source, metadata=raw.metadata, settings=settings)
    except ExtractionError as error:
        fail(error)
    render(record, console)


def register(app: typer.Typer) -> None:
    app.command()(query)
    app.command()(stats)
    app.command()(show)
