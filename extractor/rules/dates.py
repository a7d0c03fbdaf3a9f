"""Dates: days, months, years and ranges (issue 3 fills this family)."""

from __future__ import annotations

from extractor.article import Article
from extractor.facts import Facts
from schemas import DateMention


def tag_dates(article: Article, facts: Facts) -> list[DateMention]:
    return []
