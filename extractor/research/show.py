"""Readable rendering of one record: each fact beside its evidence."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from schemas import ArticleRecord, Span
from schemas.event import Event
from schemas.place import Place
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


def _event(event: Event) -> list[str]:
    """The event as a reader says it: kind, words, date, period, organisers, programme."""
    lines = [f"event: {event.kind}" + (f' ("{event.trigger.text}")' if event.trigger else "")]
    if event.date is not None:
        lines.append(f"  date: {event.date.resolved or event.date.value} "
                     f'("{event.date.text}")')
    if event.period is not None:
        years = (f", {event.period.start_year}-{event.period.end_year}"
                 if event.period.start_year and event.period.end_year else "")
        lines.append(f'  period: "{event.period.text}"{years}')
    if event.organizers:
        lines.append(f"  organisers: {'; '.join(event.organizers)}")
    if event.programme:
        lines.append(f"  programme: {event.programme}")
    return lines


def _unit(name: str, province: str | None) -> str:
    return name if not province or province == name else f"{name}, {province}"


def _place(place: Place) -> str:
    unit = _unit(place.name, place.province) if place.name else "not resolved"
    later = (f"; 2025 map: {_unit(place.successor.name, place.successor.province)}"
             if place.successor and place.successor.name != place.name else "")
    return f'"{place.text}": {unit} ({place.status}{later})'


def _places(record: ArticleRecord) -> list[str]:
    places = record.places
    if places is None:
        return []
    lines = [f"place: {_place(places.main)}" if places.main else "place: -"]
    seen = {(places.main.name, places.main.province)} if places.main else set()
    others = []
    for place in places.by_text.values():
        if place.name is None or (place.name, place.province) not in seen:
            seen.add((place.name, place.province))
            others.append(_place(place))
    if others:
        lines.append(f"  also named: {'; '.join(others)}")
    return lines


def render(record: ArticleRecord, console: Console) -> None:
    console.rule(record.title or record.source)
    console.print(f"id {record.article_id}  published {record.published or '-'}  "
                  f"site {record.site or '-'}  authors {', '.join(record.authors) or '-'}",
                  highlight=False)
    for line in [*(_event(record.event) if record.event else []), *_places(record)]:
        console.print(line, highlight=False, markup=False)
    for name in MENTION_FIELDS:
        items: list[Span] = getattr(record, name)
        if not items:
            continue
        table = Table(title=f"{name} ({len(items)})", expand=True)
        table.add_column("fact (rule)", ratio=2, overflow="fold")
        table.add_column("evidence", ratio=3)
        for item in items:
            # The rule id under its fact: whole, where a third column cut it at 80 columns.
            fact = Text(_summary(item))
            fact.append(f"\n{item.rule or ''}", style="dim")
            table.add_row(fact, _evidence(record, item))
        console.print(table)
    for warning in record.warnings:
        console.print(f"[red]warning:[/red] {warning}")
