"""Commands for researchers (eval, report, and those of read_commands): registered on the
main app by cli.py. A bad argument is one line and exit 2 (extractor.research.arguments)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from extractor.research import read_commands
from extractor.research.arguments import (
    BadArgument,
    eval_paths,
    fail,
    is_corpus_file,
    nonempty_file,
    out_dir,
    output_file,
)

if TYPE_CHECKING:
    from extractor.research.evaluate import Counts, Evaluation

console = Console()


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _row(name: str, counts: Counts, qualifier: bool) -> list[str]:
    return [name, str(counts.tp + counts.fn), str(counts.tp + counts.fp), str(counts.tp),
            _pct(counts.precision), _pct(counts.recall), _pct(counts.f1),
            _pct(counts.qualifier_accuracy) if qualifier else ""]


def _table(evaluation: Evaluation) -> Table:
    table = Table(title=f"vnextract against gold: {len(evaluation.articles)} articles "
                        "(micro-averaged, %)")
    for column in ("field", "gold", "pred.", "matched", "P", "R", "F1", "qual. acc."):
        table.add_column(column, justify="left" if column == "field" else "right",
                         no_wrap=column == "field")
    scored = {name for article in evaluation.articles for name in article.fields}
    for name, counts in evaluation.totals().items():
        if name in scored:
            table.add_row(*_row(name, counts, name == "indicators"))
    table.add_section()
    table.add_row(*_row("all fields", evaluation.overall(), False), style="bold")
    return table


def eval_command(
    gold_dir: Annotated[Path, typer.Argument(help="directory of <stem>.json gold files")],
    articles_dir: Annotated[Path, typer.Argument(
        help="directory holding <stem>.txt articles, or a JSON Lines corpus (.jsonl, "
             ".jsonl.gz) that real-gold files name by id (corpus/realgold/)")],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON with misses and "
                                          "false positives per article")] = False,
    max_bytes: Annotated[int | None, typer.Option(
        min=1, help=read_commands.MAX_BYTES_HELP)] = None,
) -> None:
    """Score the extractor on every article that has a gold file (SPEC's matching rules)."""
    from extractor.batch.inputs import read_file
    from extractor.errors import ExtractionError
    from extractor.pipeline import extract
    from extractor.research.evaluate import GoldError, evaluate_dirs
    from extractor.research.realgold import evaluate_real
    from extractor.settings import Settings
    from schemas import ArticleRecord

    settings = Settings() if max_bytes is None else Settings(max_bytes=max_bytes)

    def from_file(path: Path) -> ArticleRecord:
        raw = read_file(path, settings.max_bytes)
        return extract(raw.text, source=str(path), settings=settings)

    try:
        eval_paths(gold_dir, articles_dir)
        if is_corpus_file(articles_dir):
            evaluation = evaluate_real(gold_dir, articles_dir)
        else:
            evaluation = evaluate_dirs(gold_dir, articles_dir, from_file)
    except (BadArgument, GoldError, ExtractionError) as error:
        fail(error)
    except (OSError, EOFError) as error:  # a damaged .jsonl.gz corpus, an unreadable file
        fail(f"{articles_dir} cannot be read: {error}")
    if as_json:
        typer.echo(json.dumps(evaluation.to_json(), ensure_ascii=False, indent=2))
        return
    if not evaluation.articles:
        console.print(f"no gold files (*.json) in {gold_dir}: nothing to score")
        return
    console.print(_table(evaluation))
    for article in evaluation.articles:
        if article.unscored_keys:
            console.print(f"[yellow]{article.stem}:[/yellow] gold keys not scored: "
                          f"{', '.join(article.unscored_keys)}")
    if evaluation.skipped_articles:
        console.print(f"{len(evaluation.skipped_articles)} articles have no gold file")


def report_command(
    out: Annotated[Path, typer.Argument(help="an extract output directory "
                                            "(the report reads its tables)")],
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write")] = Path(
        "report.html"),
) -> None:
    """Write one self-contained HTML report (no network needed to view it)."""
    from extractor.research.report import ReportError, write_report

    created = not output.parent.exists()  # made by write_report: said, never silent
    try:
        directory = out_dir(out)
        nonempty_file(directory / "records.jsonl", "records")
        summary = write_report(directory, output_file(output))
    except (BadArgument, ReportError) as error:
        fail(error)
    if created:
        typer.echo(f"created the folder {output.parent}", err=True)
    typer.echo(f"{output}: {summary}")


def register(app: typer.Typer) -> None:
    """Add the research commands to `app`."""
    read_commands.register(app)
    app.command("eval")(eval_command)
    app.command("report")(report_command)
    from extractor.research.export_command import export_command

    app.command("export")(export_command)
    from extractor.research.serve import serve_command

    app.command("serve")(serve_command)
