"""What the taggers have found so far: each tagger reads earlier fields, adds its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor.article import Article
from schemas import (
    Award,
    CampaignMention,
    DateMention,
    DocumentRef,
    Event,
    Indicator,
    LegalRef,
    OrgMention,
    PersonMention,
)


@dataclass
class Facts:
    dates: list[DateMention] = field(default_factory=list)
    documents: list[DocumentRef] = field(default_factory=list)
    legal_refs: list[LegalRef] = field(default_factory=list)
    organizations: list[OrgMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    campaigns: list[CampaignMention] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    event: Event | None = None
    warnings: list[str] = field(default_factory=list)

    def claimed(self) -> list[tuple[int, int]]:
        """Spans already taken by dates, documents, names and campaigns."""
        spans = [
            (item.start, item.end)
            for items in (self.dates, self.documents, self.legal_refs, self.organizations,
                          self.people, self.campaigns)
            for item in items
        ]
        return spans


def evidence(article: Article, start: int, end: int, rule: str | None) -> dict[str, Any]:
    """The span fields of a mention: text, offsets, sentence and rule id."""
    return {
        "text": article.text[start:end],
        "start": start,
        "end": end,
        "sentence": article.sentence_of(start),
        "rule": rule,
    }
