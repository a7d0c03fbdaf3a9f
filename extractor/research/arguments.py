"""The paths a command is given, checked before any work: one clear line for each wrong one.

Every command refuses a bad argument with `error: <what and what to do>` on one
line of stderr and exit code 2 (as typer does for a bad option), never with a
traceback: a missing path, a file where a directory is wanted or the reverse,
an empty file, a JSON Lines file where an article is wanted, a file over the
size limit, an unsupported format, swapped `eval` arguments.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

USAGE_ERROR = 2
_errors = Console(stderr=True)
_CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz")


class BadArgument(Exception):
    """A path given on the command line that the command cannot use, and why."""


def fail(message: object) -> NoReturn:
    """Say what is wrong on one line of stderr and stop with exit code 2."""
    _errors.print(f"[red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(USAGE_ERROR)


def _exists(path: Path) -> None:
    if not path.exists():
        raise BadArgument(f"{path}: no such file or directory")


def out_dir(path: Path) -> Path:
    """An output directory of `vnextract extract` (given its directory, or a file of it)."""
    _exists(path)
    if path.is_file():
        parent = f" ({path.parent} holds it?)" if path.name in (
            "records.jsonl", "corpus.duckdb", "journal.jsonl", "quarantine.jsonl") else ""
        raise BadArgument(f"{path} is a file: give the output directory of `vnextract "
                          f"extract`{parent}")
    return path


def nonempty_file(path: Path, what: str) -> Path:
    if not path.is_file():
        raise BadArgument(f"{path}: no {what} (run `vnextract extract ... -o {path.parent}`)")
    if path.stat().st_size == 0:
        raise BadArgument(f"{path} is empty: no {what} to read")
    return path


def output_file(path: Path) -> Path:
    """A file to write (the report): not a directory."""
    if path.is_dir():
        raise BadArgument(f"{path} is a directory: give the name of the file to write")
    return path


def is_corpus_file(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(_CORPUS_SUFFIXES)


def _has(directory: Path, pattern: str) -> bool:
    return directory.is_dir() and any(directory.glob(pattern))


def eval_paths(gold: Path, articles: Path) -> None:
    """GOLD_DIR (*.json) then ARTICLES_DIR (articles) or a JSON Lines corpus."""
    _exists(gold)
    _exists(articles)
    looks_like_gold = _has(articles, "*.json") and not _has(articles, "*.txt")
    gold_looks_like_articles = is_corpus_file(gold) or (
        _has(gold, "*.txt") and not _has(gold, "*.json"))
    if looks_like_gold and gold_looks_like_articles:
        raise BadArgument(f"the arguments look swapped: {articles} holds gold files (*.json) "
                          f"and {gold} articles; give GOLD_DIR first, then ARTICLES_DIR")
    if not gold.is_dir():
        raise BadArgument(f"{gold} is a file: GOLD_DIR is a directory of gold files (*.json)")
    if not _has(gold, "*.json"):
        raise BadArgument(f"{gold} holds no gold files (*.json): nothing to score")
    if articles.is_file() and not is_corpus_file(articles):
        raise BadArgument(f"{articles} is a file: ARTICLES_DIR is a directory of articles "
                          f"(<stem>.txt) or a JSON Lines corpus (.jsonl, .jsonl.gz)")
