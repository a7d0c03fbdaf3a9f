"""The `vnextract` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from extractor.errors import ExtractionError
from extractor.inputs import expand_paths, read_file
from extractor.pipeline import extract as extract_record
from schemas import ArticleRecord

app = typer.Typer(help="Structured records from Vietnamese security-conference reports.",
                  no_args_is_help=True)
console = Console()


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="files or directories of articles")],
    out: Annotated[Path, typer.Option("-o", "--out", help="output directory")] = Path("out"),
) -> None:
    """Extract every article into OUT/records.jsonl; failures go to OUT/quarantine.jsonl."""
    out.mkdir(parents=True, exist_ok=True)
    done = failed = 0
    with (out / "records.jsonl").open("w", encoding="utf-8") as records, (
        out / "quarantine.jsonl"
    ).open("w", encoding="utf-8") as quarantine:
        for path in expand_paths(inputs):
            try:
                record = extract_record(read_file(path).text, source=str(path))
            except ExtractionError as error:
                entry = {"source": error.source, "stage": error.stage, "reason": error.reason}
                quarantine.write(json.dumps(entry, ensure_ascii=False) + "\n")
                failed += 1
                continue
            records.write(record.model_dump_json() + "\n")
            done += 1
    console.print(f"{done} records in {out / 'records.jsonl'}; {failed} quarantined")


@app.command()
def show(path: Annotated[Path, typer.Argument(help="an article file")]) -> None:
    """Print one article's extraction, each fact beside its evidence sentence."""
    from extractor.show import render

    record = extract_record(read_file(path).text, source=str(path))
    render(record, console)


@app.command()
def schema() -> None:
    """Print the JSON Schema of ArticleRecord."""
    typer.echo(json.dumps(ArticleRecord.model_json_schema(), ensure_ascii=False, indent=2))


def _register_more_commands() -> None:
    # Research commands live in their own module so the batch commands stay small.
    from extractor.cli_research import register

    register(app)


_register_more_commands()
