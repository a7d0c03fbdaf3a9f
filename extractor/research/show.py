"""Readable rendering of one record: each fact beside its evidence."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from schemas import ArticleRecord, Span
from schemas.record import MENTION_FIELDS

_HIDDEN = {"text", "start", "end", "sentence", "rule"}


def _summary(span: Span) -> str:
    values = span.model_dump(exclude=_HIDDEN, exclude_none=True, exclude_defaults=True)
    return ", ".join(f"{key}={value}" for key, value in values.items())


def _evidence(record: ArticleRecord, span: Span, width: int = 60) -> Text:
    left = record.clean_text[max(0, span.start - width) : span.start].split("\n")[-1]
    right = record.clean_text[span.end : span.end + width].split("\n")[0]
    text = Text("…" + left, style="dim")
    text.append(span.text, style="bold yellow")
    text.append(right + "…", style="dim")
    return text


def render(record: ArticleRecord, console: Console) -> None:
    console.rule(record.title or record.source)
    console.print(f"id {record.article_id}  published {record.published}  site {record.site}  "
                  f"authors {', '.join(record.authors) or '-'}")
    if record.event is not None:
        console.print(f"event: {record.event.model_dump(exclude_none=True, mode='json')}")
    for name in MENTION_FIELDS:
        items: list[Span] = getattr(record, name)
        if not items:
            continue
        table = Table(title=f"{name} ({len(items)})", expand=True)
        table.add_column("fact", ratio=2)
        table.add_column("evidence", ratio=3)
        table.add_column("rule", ratio=1, style="dim")
        for item in items:
            table.add_row(_summary(item), _evidence(record, item), item.rule or "")
        console.print(table)
    for warning in record.warnings:
        console.print(f"[red]warning:[/red] {warning}")
