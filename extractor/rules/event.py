"""The event: the conference the article reports (issue 3 fills this family)."""

from __future__ import annotations

from extractor.article import Article
from extractor.facts import Facts
from schemas import Event


def detect_event(article: Article, facts: Facts) -> Event | None:
    return None
