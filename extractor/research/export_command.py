"""`vnextract export OUT_DIR --format spacy|conll -o FILE`: a run's facts for other toolkits."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class ExportFormat(StrEnum):
    SPACY = "spacy"
    CONLL = "conll"


def export_command(
    out_dir: Annotated[Path, typer.Argument(help="a finished `vnextract extract` output folder")],
    target: Annotated[Path, typer.Option("--output", "-o", help="file to write (.spacy, .conll)")],
    export_format: Annotated[ExportFormat, typer.Option(
        "--format", help="spacy: a DocBin `spacy train` reads; conll: tokens and BIO tags")
    ] = ExportFormat.SPACY,
) -> None:
    """Write the run's records as spaCy Docs (entities and spans) or CoNLL tokens."""
    records = out_dir / "records.jsonl"
    if not records.is_file():
        typer.echo(f"error: {out_dir} is not a vnextract output folder (no records.jsonl)",
                   err=True)
        raise typer.Exit(2)
    if not target.parent.is_dir():
        typer.echo(f"error: the folder of {target} does not exist", err=True)
        raise typer.Exit(2)
    from extractor.research.spacy_docs import export_conll, export_docbin

    write = export_docbin if export_format is ExportFormat.SPACY else export_conll
    count = write(records, target)
    typer.echo(f"{count} articles written to {target} ({export_format.value})")
