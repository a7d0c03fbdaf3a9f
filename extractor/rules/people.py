"""People: names with rank, title and organisation (issue 3 fills this family)."""

from __future__ import annotations

from extractor.article import Article
from extractor.facts import Facts
from schemas import PersonMention


def tag_people(article: Article, facts: Facts) -> list[PersonMention]:
    return []
