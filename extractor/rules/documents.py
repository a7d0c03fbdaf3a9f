"""Documents: programmes, plans, decisions cited by number (issue 3 fills this family)."""

from __future__ import annotations

from extractor.article import Article
from extractor.facts import Facts
from schemas import DocumentRef


def tag_documents(article: Article, facts: Facts) -> list[DocumentRef]:
    return []
