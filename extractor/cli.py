"""The `vnextract` command."""

from __future__ import annotations

# First, before typer and rich load: Ctrl-C from here on exits quietly.
import extractor.batch.quiet_start  # noqa: F401

# isort: split
import json
import os
from concurrent.futures.process import BrokenProcessPool
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from extractor.batch.inflight import COMMIT_EVERY

app = typer.Typer(help="Structured records from Vietnamese security-conference reports.",
                  no_args_is_help=True)
console = Console()
errors = Console(stderr=True)


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(
        help="files, directories, globs of .txt/.html/.jsonl/.jsonl.gz, or - for stdin")],
    out: Annotated[Path, typer.Option("-o", "--out", help="output directory")] = Path("out"),
    workers: Annotated[int, typer.Option(
        min=1, show_default=False,  # this machine's count: the help says "all cores"
        help="worker processes (default: all cores)")] = os.cpu_count() or 1,
    resume: Annotated[bool, typer.Option(
        "--resume", metavar="",
        help="finish the run already in OUT: skip inputs done, redo the rest")] = False,
    fresh: Annotated[bool, typer.Option(
        "--fresh", metavar="",
        help="delete the run already in OUT (its files only) and start over")] = False,
    add: Annotated[bool, typer.Option(
        "--add", metavar="",
        help="add these new inputs to the finished corpus in OUT: inputs already done "
             "are skipped, copies of stored stories linked, the tables updated")] = False,
    engine: Annotated[Engine, typer.Option(help="local processes, or a dask cluster")] = (
        Engine.local),
    scheduler: Annotated[str | None, typer.Option(
        help="dask scheduler address, e.g. tcp://10.0.0.5:8786")] = None,
    commit_every: Annotated[int, typer.Option(
        min=1, help="inputs written per fsynced group (at most this much is redone "
                    "after a crash)")] = COMMIT_EVERY,
    max_bytes: Annotated[int | None, typer.Option(
        min=1, help="largest input read, in bytes (default: Settings.max_bytes, "
                    "10,000,000); larger ones are quarantined")] = None,
) -> None:
    """Extract every article into OUT: records.jsonl, quarantine.jsonl, parquet/, corpus.duckdb.

    An OUT that already holds a run is refused unless --resume (finish it, with
    the same inputs), --add (add new inputs to it) or --fresh (start over) is
    given. Interrupted at any point, by Ctrl-C or even kill -9, the run is
    finished by --resume with no record lost or duplicated.
    """
    from extractor.batch import interrupts

    with interrupts.installed():
        try:
            _extract(inputs, out, workers, resume, fresh, add, engine, scheduler, commit_every,
                     max_bytes)
        except KeyboardInterrupt as stop:
            _interrupted(stop, out, resume=resume, fresh=fresh, add=add)


def _interrupted(stop: KeyboardInterrupt, out: Path, *, resume: bool, fresh: bool,
                 add: bool) -> None:
    """One line on Ctrl-C: how much is done, how to finish; exit code 130 (128 + SIGINT)."""
    from extractor.batch.engine_local import stop_forkserver

    stop_forkserver(now=True)  # if Ctrl-C came while it still loads the models
    done = getattr(stop, "done", None)  # a RunInterrupted counts; else the journal
    if not isinstance(done, int):
        from extractor.batch.journal import journaled

        done = journaled(out)
    replaced = " instead of --add" if add else " instead of --fresh" if fresh else ""
    how = "the same command again" if resume else f"the same command with --resume{replaced}"
    inputs = "input" if done == 1 else "inputs"
    errors.print(f"interrupted: {done:,} {inputs} done, kept in {out}; to finish, run {how}",
                 highlight=False, soft_wrap=True)
    raise typer.Exit(130) from None


def _extract(inputs: list[str], out: Path, workers: int, resume: bool, fresh: bool, add: bool,
             engine: Engine, scheduler: str | None, commit_every: int,
             max_bytes: int | None = None) -> None:
    from extractor.batch import interrupts, testpoint

    # Whole: an import cut by Ctrl-C leaves a half-made module that the clean-up trips on.
    with interrupts.held():
        if engine is Engine.local:
            # First, before the imports below: the workers' models load meanwhile.
            from extractor.batch.engine_local import start_early

            start_early()
        from extractor.batch.inputs import missing_inputs
        from extractor.batch.journal import OutputDirError
        from extractor.batch.progress import progress_bar
        from extractor.batch.run import RunOptions, run
        from extractor.settings import Settings

    testpoint.reached("start")
    if sum((resume, fresh, add)) > 1:
        raise typer.BadParameter("--resume, --fresh and --add exclude each other")
    if engine is Engine.dask and not scheduler:
        raise typer.BadParameter("--engine dask needs --scheduler ADDRESS")
    if missing := missing_inputs(inputs):
        raise typer.BadParameter(f"no such file, directory or match: {', '.join(missing)}")
    options = RunOptions(workers=workers, resume=resume, fresh=fresh, add=add,
                         engine=engine.value, scheduler=scheduler, commit_every=commit_every,
                         settings=Settings() if max_bytes is None else Settings(
                             max_bytes=max_bytes))
    try:
        with progress_bar(errors, inputs) as advance:
            summary = run(inputs, out, options, progress=advance)
    except OutputDirError as error:
        errors.print(f"[red]error:[/] {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from error
    except BrokenProcessPool as error:
        errors.print(f"[red]error:[/] a worker process died ({error}); the inputs finished "
                     f"are saved: run again with --resume to do the rest", highlight=False)
        raise typer.Exit(3) from error
    errors.print(
        f"{summary.records} records, {summary.duplicates} duplicate inputs stored once, "
        f"{summary.quarantined} quarantined, {summary.skipped} already done; "
        f"{summary.tables.get('syndication', 0)} syndicated copies linked; tables in {out}",
        highlight=False, soft_wrap=True,  # one line, in a log as on a terminal
    )
    if summary.internal_errors:
        errors.print(f"[yellow]{summary.internal_errors} inputs failed on an internal error "
                     f"(a bug): see stage \"internal\" in {out / 'quarantine.jsonl'}[/]")
    _say_what_was_left_out(inputs, out, summary.tables)


def _say_what_was_left_out(inputs: list[str], out: Path, tables: dict[str, int]) -> None:
    """Files of the directories given that were not read, and articles the tables refused."""
    from extractor.batch.inputs import skipped_in_directories
    from extractor.batch.store import TABLES_QUARANTINED

    if skipped := skipped_in_directories(inputs):
        kinds = ", ".join(f"{count} {suffix}" for suffix, count in skipped.most_common())
        errors.print(f"{skipped.total()} files in the directories given were skipped: not "
                     f".txt, .html, .jsonl or .jsonl.gz ({kinds})", highlight=False,
                     soft_wrap=True)
    if refused := tables.get(TABLES_QUARANTINED):
        errors.print(f"[yellow]{refused} articles were kept out of the tables (a bug): see "
                     f"stage \"tables\" in {out / 'quarantine.jsonl'}[/]", soft_wrap=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of ArticleRecord."""
    from schemas import ArticleRecord

    typer.echo(json.dumps(ArticleRecord.model_json_schema(), ensure_ascii=False, indent=2))


def _register_more_commands() -> None:
    # Research commands live in their own module so the batch commands stay small.
    from extractor.research.commands import register

    register(app)


_register_more_commands()
