"""Articles of law: "khoản 2 Điều 134 Bộ luật Hình sự" gives article 134, clause 2, the law.

Crime and court news cites the article a suspect is charged under; a dashboard counts
charges by article. The capitalised "Điều" (article) is the cue: lower-case "điều" is
the common noun ("điều kiện"). Law names and abbreviations are a lexicon in
`resources/legal.yaml`; an abbreviation ("BLHS") is expanded.
"""

from __future__ import annotations

from functools import cache

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.resources.loader import Rule, load_resource, load_rules
from schemas import LegalRef

_RESOURCE = "legal.yaml"


@cache
def _laws() -> dict[str, str]:
    """Every surface of a law (name or abbreviation), casefolded -> its full name."""
    surfaces: dict[str, str] = {}
    for name, abbreviations in load_resource(_RESOURCE)["laws"].items():
        for surface in (name, *(abbreviations or [])):
            surfaces[str(surface).casefold()] = str(name)
    return surfaces


@cache
def _rule() -> Rule:
    names = sorted(_laws(), key=len, reverse=True)
    # IGNORECASE for the law's name; "Điều" is held to its capital in the pattern.
    (rule,) = load_rules(_RESOURCE, extra_subpatterns={
        "LawNames": "|".join(regex.escape(name) for name in names)})
    return rule


def tag_legal_refs(article: Article, facts: Facts) -> list[LegalRef]:
    found: list[LegalRef] = []
    text = article.text
    if "Điều" not in text:  # the cue of every reference: most articles have none
        return found
    rule = _rule()
    for match in rule.pattern.finditer(text):
        start, end = match.span()
        while end > start and not text[end - 1].isalnum() and text[end - 1] != ")":
            end -= 1
        law = match["law"]
        found.append(LegalRef(
            **evidence(article, start, end, rule.id),
            article=match["article"],
            clause=match["clause"],
            point=match["point"],
            law=_laws().get(law.casefold()) if law else None,
        ))
    return found
