"""Organisations: units and bodies (issue 3 fills this family)."""

from __future__ import annotations

from extractor.article import Article
from extractor.facts import Facts
from schemas import OrgMention


def tag_organizations(article: Article, facts: Facts) -> list[OrgMention]:
    return []
