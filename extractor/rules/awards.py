"""Awards: commendations to collectives and individuals (issue 4 fills this family)."""

from __future__ import annotations

from extractor.article import Article
from extractor.facts import Facts
from schemas import Award


def tag_awards(article: Article, facts: Facts) -> list[Award]:
    return []
