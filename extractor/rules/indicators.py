"""Indicators: every quantity of something (issue 4 fills this family)."""

from __future__ import annotations

from extractor.article import Article
from extractor.facts import Facts
from schemas import Indicator


def tag_indicators(article: Article, facts: Facts) -> list[Indicator]:
    return []
