"""HTML pages to article text and metadata, with trafilatura (not hand-written stripping)."""

from __future__ import annotations

import datetime as dt

from extractor.errors import InputError
from extractor.metadata import Metadata


def parse_date(value: object) -> dt.date | None:
    """A date or datetime given as ISO text ("2019-09-03", "2019-09-03T08:13:00+07:00")."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def with_title(title: str | None, body: str) -> str:
    """The body with its title as first line, which is where the furniture stage looks.

    The furniture stage takes the first line as the title; a body given without
    it would lose its first paragraph that way.
    """
    if not title:
        return body
    first_line = body.lstrip().split("\n", 1)[0].strip()
    return body if first_line == title.strip() else f"{title.strip()}\n\n{body}"


def html_to_article(html: str, source: str) -> tuple[str, Metadata]:
    """The article body of a page (title as first line) and what the page says about it."""
    # Imported here, not with the module: ~0.3 s that plain-text and JSONL runs,
    # and every batch parent, would otherwise pay at start-up.
    import trafilatura

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None or isinstance(document, dict) or not (document.text or "").strip():
        raise InputError(source, "HTML page has no article text that trafilatura could find")
    title = document.title or None
    # trafilatura's date is its own guess from meta tags and URL; an unreadable one is
    # left out, and the dateline in the text (furniture stage) may still give the date.
    metadata = Metadata(title=title, published=parse_date(document.date),
                        site=document.sitename or None)
    return with_title(title, document.text or ""), metadata
