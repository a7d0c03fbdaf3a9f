"""The one way through: normalise -> furniture -> segment -> tag -> validate.

Each stage is a plain function with a declared input and output; taggers run
in a fixed order and each may read what earlier ones found (through `Facts`).
Batching, files and processes live in `extractor.batch.run`, not here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError

from extractor.article import Article
from extractor.errors import ExtractionError
from extractor.facts import Facts
from extractor.metadata import Metadata
from extractor.places import resolve_article_places
from extractor.places.gazetteer import GazetteerError
from extractor.rules.awards import tag_awards
from extractor.rules.campaigns import tag_campaigns
from extractor.rules.dates import tag_dates
from extractor.rules.documents import tag_documents
from extractor.rules.event import detect_event
from extractor.rules.indicators import tag_indicators
from extractor.rules.legal import tag_legal_refs
from extractor.rules.organizations import tag_organizations
from extractor.rules.people import tag_people
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.text.article_check import not_an_article
from extractor.text.article_parts import ArticleParts
from extractor.text.furniture import split_furniture
from extractor.text.normalize import article_id, normalize
from extractor.text.segment import segment
from schemas import ArticleRecord
from schemas.record import MENTION_FIELDS

Tagger = Callable[[Article, Facts], list[Any]]

# Order matters: indicators skip spans claimed by dates, documents, organisations
# and people; campaigns skip document titles; the event reads everything.
TAGGERS: Sequence[tuple[str, Tagger]] = (
    ("dates", tag_dates),
    ("documents", tag_documents),
    ("legal_refs", tag_legal_refs),
    ("organizations", tag_organizations),
    ("people", tag_people),
    ("campaigns", tag_campaigns),
    ("indicators", tag_indicators),
    ("awards", tag_awards),
)
# The schema's list of mention fields drives the record: a new fact type is a schema
# field, a tagger here and a typed list in `Facts`, and these must agree.
if tuple(name for name, _ in TAGGERS) != MENTION_FIELDS:
    raise RuntimeError(f"TAGGERS {[n for n, _ in TAGGERS]} differ from {MENTION_FIELDS}")


def _parts(normalized: str, settings: Settings) -> ArticleParts:
    if settings.strip_furniture:
        return split_furniture(normalized)
    return ArticleParts(None, None, None, [], normalized, [(0, 0, len(normalized))])


def tag(article: Article, source: str = "<text>") -> Facts:
    """Run every tagger over an analysed article.

    A tagger that fails raises ExtractionError naming itself, so the batch can
    quarantine the article with the stage and go on.
    """
    facts = Facts()
    for field_name, tagger in TAGGERS:
        setattr(facts, field_name, _run_stage(source, field_name, tagger, article, facts))
    facts.event = _run_stage(source, "event", detect_event, article, facts)
    return facts


def _run_stage(
    source: str, name: str, stage: Callable[[Article, Facts], Any], article: Article,
    facts: Facts,
) -> Any:
    try:
        return stage(article, facts)
    except Exception as error:  # the stage boundary: any bug becomes a precise error
        raise ExtractionError(source, f"tag:{name}", repr(error)) from error


def _check_size(length: int, settings: Settings, source: str, when: str = "") -> None:
    if length > settings.max_chars:
        raise ExtractionError(
            source, "limits",
            f"article has {length:,} characters, more than the limit of "
            f"{settings.max_chars:,} (Settings.max_chars){when}",
        )


def extract(
    raw_text: str,
    source: str = "<text>",
    metadata: Metadata | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> ArticleRecord:
    """Turn one article's text into a validated record, or raise ExtractionError."""
    given = metadata or Metadata()
    if len(raw_text) > 4 * settings.max_chars:  # not worth normalising to find out
        _check_size(len(raw_text), settings, source, ", before normalisation")
    normalized = normalize(raw_text).text
    # The whole text, not only the body: a 5 MB line would otherwise pass as a title.
    _check_size(len(normalized), settings, source)
    refusal = not_an_article(normalized)
    if refusal is not None:
        raise ExtractionError(source, "not_article", refusal)
    parts = _parts(normalized, settings)
    if given.title and parts.title is None:
        # A headline given beside the text (JSONL, HTML metadata) opens clean_text too.
        parts = parts.with_headline(normalize(given.title).text.strip())
    segmentation = segment(parts.clean_text, settings.max_sentence_chars)
    article = Article(
        text=parts.clean_text,
        sentences=segmentation.sentences,
        words=segmentation.words,
        published=given.published or parts.published,
        title=given.title or parts.title,
        site=given.site or parts.site,
        warnings=[*given.warnings, *parts.warnings, *segmentation.sentence_warnings],
        body_start=parts.body_start,
    )
    facts = tag(article, source)
    try:
        places = resolve_article_places(
            [org.place for org in facts.organizations if org.place],
            # the body: the title is given apart, and the lead is the body's first sentence
            article.title, article.site, article.published, article.text[parts.body_start:],
        )
    except GazetteerError as error:
        raise ExtractionError(source, "places", str(error)) from error
    try:
        return ArticleRecord(
            article_id=article_id(normalized),
            source=source,
            title=article.title,
            published=article.published,
            site=article.site,
            authors=parts.authors,
            clean_text=article.text,
            body_start=parts.body_start,
            event=facts.event,
            places=places,
            **{name: getattr(facts, name) for name in MENTION_FIELDS},
            # Word warnings only now: words are segmented as the taggers ask for them.
            warnings=[*article.warnings, *article.words.warnings, *facts.warnings,
                      *places.warnings],
        )
    except ValidationError as error:
        raise ExtractionError(source, "validate", str(error)) from error
