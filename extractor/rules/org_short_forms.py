"""A private enterprise named again without its legal form: its later mentions.

"chủ doanh nghiệp tư nhân Võ Minh ... phía doanh nghiệp Võ Minh": once an article
names a private enterprise in full ("doanh nghiệp tư nhân X", "DNTN X"), each later
"doanh nghiệp X" with the same name is that body again, as the readers of setD list
it (2 of 3). Only the name the article gave in full: a bare "doanh nghiệp X" elsewhere
is as often a country's or a sector's firms ("doanh nghiệp Việt Nam", "doanh nghiệp
Nhà nước"). Found by a string search, only in articles that name such a body.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import regex

from extractor.article import Article
from extractor.facts import evidence
from schemas import OrgMention

RULE_ID = "org.company.short_form"

# The full name: its legal form, then a name of capitalised words.
_FULL = regex.compile(
    r"(?:[Dd]oanh nghiệp tư nhân|DNTN)[ \t]+(\p{Lu}[\p{L}\p{N}]*(?:[ \t]+\p{Lu}[\p{L}\p{N}]*)*)")


def short_mentions(
    article: Article,
    mentions: Sequence[OrgMention],
    excluded: Callable[[int, int], bool],
) -> list[OrgMention]:
    """Each "doanh nghiệp X" outside the found `mentions` where the article named
    "doanh nghiệp tư nhân X" or "DNTN X" among them; not where `excluded` says."""
    bodies = {match.group(1): mention for mention in mentions
              if (match := _FULL.fullmatch(mention.text)) is not None}
    if not bodies:
        return []
    text = article.text
    spans = [(mention.start, mention.end) for mention in mentions]
    found: list[OrgMention] = []
    for name, body in bodies.items():
        # the name whole: no letter before "doanh", no word of the name going on after it
        short = regex.compile(r"(?<![\p{L}\p{N}])[Dd]oanh nghiệp " + regex.escape(name)
                              + r"(?![\p{L}\p{N}]|[ \t]+\p{Lu})")
        for match in short.finditer(text):
            start, end = match.span()
            if any(start < other_end and other_start < end for other_start, other_end in spans):
                continue
            if excluded(start, end):
                continue
            found.append(OrgMention(
                **evidence(article, start, end, RULE_ID), normalized=body.normalized,
                kind=body.kind, level=body.level, place=body.place, code=body.code))
    return found
