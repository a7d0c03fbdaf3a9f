"""One scraped article given as a JSON object (a JSONL line): fields to text and Metadata.

Accepted fields: `text` or `html` (one is required), and optionally `url` (becomes
the record's source), `id` (a string or an integer: the source is then `FILE:id`
rather than `FILE:line`), `title`, `published` (or `date`), `site` (or `sitename`).
Metadata given here beats what trafilatura or the furniture stage would guess.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from extractor.batch.html_input import html_to_article, parse_date, with_title
from extractor.errors import InputError
from extractor.metadata import Metadata

_TEXT_FIELDS = ("text", "html")


def _string(fields: dict[str, Any], names: tuple[str, ...], source: str, where: str) -> str | None:
    for name in names:
        value = fields.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(source, f"{where}: field {name!r} must be a string, "
                                     f"got {type(value).__name__}")
        if value.strip():
            return value
    return None


def source_with_id(fields: dict[str, Any], file_source: str, fallback: str, where: str) -> str:
    """`FILE:id` for a line with an `id`, else `fallback` (`FILE:line`)."""
    ident = fields.get("id")
    if ident is None:
        return fallback
    if isinstance(ident, bool) or not isinstance(ident, str | int):
        raise InputError(fallback, f"{where}: field 'id' must be a string or an integer, "
                                   f"got {type(ident).__name__}")
    text = str(ident).strip() if isinstance(ident, str) or abs(ident) < 10**100 else ""
    return f"{file_source}:{text}" if text else fallback


def article_from_fields(
    fields: dict[str, Any], source: str, where: str
) -> tuple[str, str, Metadata]:
    """(source, text, metadata) of one JSON object; InputError names the line and field."""
    source = _string(fields, ("url",), source, where) or source
    title = _string(fields, ("title",), source, where)
    published_text = _string(fields, ("published", "date"), source, where)
    published = parse_date(published_text)
    if published_text is not None and published is None:
        raise InputError(source, f"{where}: field 'published' is not an ISO date: "
                                 f"{published_text!r}")
    given = Metadata(title=title, published=published,
                     site=_string(fields, ("site", "sitename"), source, where))
    text = _string(fields, ("text",), source, where)
    if text is not None:
        return source, with_title(title, text), given
    html = _string(fields, ("html",), source, where)
    if html is None:
        raise InputError(source, f"{where}: no non-empty {' or '.join(_TEXT_FIELDS)} field")
    body, guessed = html_to_article(html, source)
    merged = Metadata(**{
        field.name: getattr(given, field.name) or getattr(guessed, field.name)
        for field in dataclasses.fields(Metadata)
    })
    return source, with_title(merged.title, body), merged
