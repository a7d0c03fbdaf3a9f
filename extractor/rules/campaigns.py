"""Campaigns and named models: quoted names introduced by "mô hình", "phong trào", ...

A quote counts when an introducer word stands shortly before it, or when it
continues a list of quoted names that one introduced. A quote right after a
document reference is that document's title and is left to the documents.
"""

from __future__ import annotations

from functools import cache

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.resources.loader import Rule, load_lexicon, load_resource, load_rules
from schemas import CampaignMention

_RESOURCE = "campaigns.yaml"
_LIST_GAP = regex.compile(r'^[\s,;:.…]*(?:và|hoặc|cùng|,)?[\s,;:.…]*(?:mô hình\s*)?$', regex.I)
# Compiled once here: a module-level regex.search looks the pattern up on every call.
_AFTER_DOCUMENT = regex.compile(r"[\s,]*(?:về|:)?[\s]*")
# Reversed ((?r)) and tried with match(): one try anchored at the window's end,
# where a forward search tried every character of it (same answer: the pattern
# ends with "\s*$", so any match can be taken to the very end).
_TITLE_LEAD = regex.compile(
    r"(?r)(?:chương trình|kế hoạch|quyết định|chỉ thị|nghị quyết)[^\"]{0,60}"
    r"(?:số\s*[\w/.-]+|phối hợp)\s*(?:về|:)?\s*$",
    regex.I,
)


@cache
def _rules() -> list[Rule]:
    return load_rules(_RESOURCE)


@cache
def _introducer() -> regex.Pattern[str]:
    words = sorted(load_lexicon(_RESOURCE, "introducers"), key=len, reverse=True)
    alternatives = "|".join(regex.escape(word) for word in words)
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternatives})(?![\p{{L}}])", regex.I)


@cache
def _max_gap() -> int:
    return int(load_resource(_RESOURCE)["max_gap"])


def _introduced(article: Article, quote_start: int, previous_end: int | None) -> bool:
    max_gap = _max_gap()
    if previous_end is not None and _LIST_GAP.match(article.text[previous_end:quote_start]):
        return True
    window = article.text[max(0, quote_start - max_gap) : quote_start]
    return bool(_introducer().search(window))


def _is_document_title(facts: Facts, quote_start: int, article: Article) -> bool:
    """A quote that follows a document reference closely is its title."""
    for doc in facts.documents:
        if 0 <= quote_start - doc.end <= 60 and _AFTER_DOCUMENT.fullmatch(
            article.text, doc.end, quote_start
        ):
            return True
    return False


def tag_campaigns(article: Article, facts: Facts) -> list[CampaignMention]:
    found: list[CampaignMention] = []
    previous_end: int | None = None
    for rule in _rules():
        for match in rule.pattern.finditer(article.text):
            start, end = match.span()
            name = match["name"].strip()
            if _is_document_title(facts, start, article) or _looks_like_document_title(
                article, start
            ):
                previous_end = None
                continue
            if not _introduced(article, start, previous_end):
                previous_end = None
                continue
            found.append(CampaignMention(name=name, **evidence(article, start, end, rule.id)))
            previous_end = end
    return found


def _looks_like_document_title(article: Article, quote_start: int) -> bool:
    """Without a tagged document, "<document kind> số ... về "..."" is still a title."""
    window = article.text[max(0, quote_start - 80) : quote_start]
    return _TITLE_LEAD.match(window) is not None
