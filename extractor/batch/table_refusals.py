"""Articles kept out of the tables: their quarantine lines, and their rows taken out.

A record whose rows cannot be made, or a row that Arrow refuses, is a `Refusal`
(extractor.batch.store). Once the tables are written, the refused articles'
rows are taken out of each table, a row group at a time so memory stays within
one group whatever the corpus; in `inputs` the rows stay and their status
becomes `quarantined`, so every input is still accounted for. quarantine.jsonl
gets one line per refused article, stage `tables`, under its input's key.
"""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from extractor.batch.journal import JOURNAL, QUARANTINE, numbered_lines
from extractor.batch.table_writer import release_arrow_memory


@dataclass(frozen=True)
class Refusal:
    """An article kept out of the tables: which, where in records.jsonl, and why."""

    article_id: str | None
    key: str  # records.jsonl:N, or the table's row key: the input's key is in the journal
    source: str | None
    reason: str


def exception_text(error: Exception) -> str:
    """The exception and the line that raised it."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" (at {frames[-1].filename}:{frames[-1].lineno})" if frames else ""
    return f"{type(error).__name__}: {error}{where}"


def write_quarantine(out_dir: Path, refusals: Sequence[Refusal]) -> int:
    """Append a quarantine line (stage `tables`) for each refused article, under its
    input's key, unless an earlier build of this run did; the lines written."""
    if not refusals:
        return 0
    by_id = {refusal.article_id: refusal for refusal in refusals
             if refusal.article_id is not None}
    entries: dict[str, dict[str, object]] = {}
    for _, line in numbered_lines(out_dir / JOURNAL):
        entry = json.loads(line)
        refusal = by_id.pop(str(entry.get("article_id")), None) if (
            entry.get("status") == "record") else None
        if refusal is not None:
            entries[str(entry["key"])] = {"key": entry["key"], "source": entry.get("source"),
                                          "stage": "tables", "reason": refusal.reason}
    for refusal in refusals:  # no input key: written by another process, or no id
        if refusal.article_id is None or refusal.article_id in by_id:
            entries[refusal.key] = {"key": refusal.key, "source": refusal.source,
                                    "stage": "tables", "reason": refusal.reason}
    path = out_dir / QUARANTINE
    for _, line in numbered_lines(path):
        entry = json.loads(line)
        if entry.get("stage") == "tables":
            entries.pop(str(entry.get("key")), None)
    with path.open("ab") as stream:
        for entry in entries.values():
            text = json.dumps(entry, ensure_ascii=False)
            stream.write(text.encode("utf-8", "backslashreplace") + b"\n")
        stream.flush()
        os.fsync(stream.fileno())
    return len(entries)


def _without(table: pa.Table, name: str, ids: pa.Array) -> pa.Table:
    chosen = pc.fill_null(pc.is_in(table.column("article_id"), value_set=ids), False)
    if name != "inputs":
        return table.filter(pc.invert(chosen))
    status = table.column("status")
    recorded = pc.and_(chosen, pc.equal(status, "record"))
    position = table.schema.get_field_index("status")
    return table.set_column(position, table.schema.field(position),
                            pc.if_else(recorded, "quarantined", status))


def drop_articles(directory: Path, article_ids: Collection[str],
                  skip: Collection[str] = ()) -> dict[str, int]:
    """Remove the articles' rows from every table of `directory` that has an
    `article_id` column (except those in `skip`); rows left per table rewritten."""
    ids = pa.array(sorted(article_ids), pa.string())
    counts: dict[str, int] = {}
    for path in sorted(directory.glob("*.parquet")):
        if path.stem in skip or "article_id" not in pq.read_schema(path).names:
            continue
        rewritten = path.with_suffix(".parquet.tmp")
        rows = 0
        with pq.ParquetFile(path) as source, pq.ParquetWriter(
                rewritten, source.schema_arrow, compression="zstd") as writer:
            for group in range(source.num_row_groups):
                table = _without(source.read_row_group(group), path.stem, ids)
                writer.write_table(table)
                rows += table.num_rows
                del table
                release_arrow_memory()
        os.replace(rewritten, path)
        counts[path.stem] = rows
    return counts
