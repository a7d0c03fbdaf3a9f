"""Our facts for spaCy users: on a Doc, as a pipeline component, as DocBin or CoNLL.

    nlp = load()                      # a spaCy pipeline: our words, then our facts
    doc = nlp(text)
    [(ent.text, ent.label_) for ent in doc.ents]          # ORG, PER, DATE
    [(span.text, span.label_) for span in doc.spans["vnextract"]]  # INDICATOR, ...
    span._.vnextract                  # the mention's fields (value, unit, role, ...)

Or `nlp.add_pipe("vnextract")` on a pipeline of your own (the factory is registered
through the `spacy_factories` entry point). Units, people and dates become
`doc.ents` (overlaps resolved longest first, as spaCy requires); every fact,
indicators, documents, articles of law, campaigns and awards included, is in
`doc.spans["vnextract"]`. `vnextract export OUT_DIR --format spacy` writes a run's
records as a DocBin that `spacy train` reads as it is; `--format conll` writes
tokens with BIO tags of the entities for other toolkits.

The Doc's words are underthesea's, aligned to the text (never pyvi's, which splits
"10/5" and programme codes). `load()`'s tokenizer normalises the text first (NFC,
one tone-mark placement, straight quotes), so `doc.text` is the text our offsets
refer to.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language

from extractor.article import Article, shared_vocab
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.text.normalize import normalize
from extractor.text.segment import segment

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from schemas import ArticleRecord

ENTITY_LABELS = {"organizations": "ORG", "people": "PER", "dates": "DATE"}
SPAN_LABELS = {**ENTITY_LABELS, "indicators": "INDICATOR", "documents": "DOCUMENT",
               "legal_refs": "LEGAL_REF", "campaigns": "CAMPAIGN", "awards": "AWARD"}
SPAN_KEY = "vnextract"
# The component reads the text as given: furniture (title, byline) is the caller's.
_BODY_ONLY = Settings(strip_furniture=False)


def words_doc(text: str) -> Doc:
    """A Doc of `text` with underthesea's words (text kept exactly)."""
    segmentation = segment(text, DEFAULT_SETTINGS.max_sentence_chars)
    return Article(text=text, sentences=segmentation.sentences, words=segmentation.words).doc


def _register_extensions() -> None:
    from spacy.tokens import Doc, Span

    if not Doc.has_extension(SPAN_KEY):
        Doc.set_extension(SPAN_KEY, default=None)  # the record's fields, clean_text aside
    if not Span.has_extension(SPAN_KEY):
        Span.set_extension(SPAN_KEY, default=None)  # the mention's fields


def _person_name_span(mention: dict[str, Any]) -> tuple[int, int]:
    """The name inside a person mention ("Thượng tá Nguyễn Đăng Hưng - Phó trưởng ...")."""
    inside = str(mention["text"]).find(str(mention["name"]))
    start = int(mention["start"]) + max(inside, 0)
    return start, start + len(str(mention["name"])) if inside >= 0 else int(mention["end"])


def annotate(doc: Doc, record: ArticleRecord) -> list[str]:
    """Put the record's facts on `doc`; what could not be placed comes back as warnings.

    A fact is placed where `doc.text` holds its words at its offsets (the record's
    clean_text and the Doc's text are the same text when both come from `load()`).
    """
    from spacy.util import filter_spans

    _register_extensions()
    warnings: list[str] = []
    spans: list[Span] = []
    entities: list[Span] = []
    for field, label in SPAN_LABELS.items():
        for mention in getattr(record, field):
            data = mention.model_dump(mode="json")
            start, end = _person_name_span(data) if field == "people" else (
                mention.start, mention.end)
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None or doc.text[mention.start:mention.end] != mention.text:
                warnings.append(f"{field}: {mention.text!r} is not at {mention.start} in the Doc")
                continue
            span._.set(SPAN_KEY, data)
            spans.append(span)
            if field in ENTITY_LABELS:
                entities.append(span)
    doc.spans[SPAN_KEY] = spans
    doc.ents = filter_spans(entities)
    doc._.set(SPAN_KEY, record.model_dump(mode="json", exclude={"clean_text"}))
    return warnings


class VnextractComponent:
    """The `vnextract` pipeline component: extraction over the Doc's text."""

    def __init__(self, settings: Settings = _BODY_ONLY) -> None:
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        from extractor.pipeline import extract

        record = extract(doc.text, source="spacy", settings=self.settings)
        doc.user_data["vnextract_warnings"] = annotate(doc, record)
        return doc


@Language.factory("vnextract")
def make_component(nlp: Language, name: str) -> VnextractComponent:
    """The factory behind `nlp.add_pipe("vnextract")` (registered on import, and through
    the `spacy_factories` entry point without one)."""
    return VnextractComponent()


class NormalisingTokenizer:
    """Text -> Doc of underthesea's words over the normalised text."""

    def __call__(self, text: str) -> Doc:
        return words_doc(normalize(text).text)


def load() -> Language:
    """A spaCy pipeline that gives our words and our facts: `load()(text)`."""
    import spacy

    nlp = spacy.blank("xx", vocab=shared_vocab())
    nlp.tokenizer = NormalisingTokenizer()
    nlp.add_pipe("vnextract")
    return nlp


def record_docs(records: Path) -> Iterator[Doc]:
    """The Docs of a run's records.jsonl, one at a time, facts placed."""
    from schemas import ArticleRecord

    with records.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = ArticleRecord.model_validate_json(line)
                doc = words_doc(record.clean_text)
                annotate(doc, record)
                yield doc


def export_docbin(records: Path, target: Path) -> int:
    """Write a run's records as a DocBin `spacy train` reads; returns the Docs written."""
    from spacy.tokens import DocBin

    docs = DocBin(store_user_data=True)
    count = 0
    for doc in record_docs(records):
        docs.add(doc)
        count += 1
    docs.to_disk(target)
    return count


def export_conll(records: Path, target: Path) -> int:
    """Write tokens and BIO entity tags, a blank line after each sentence; returns Docs."""
    count = 0
    with target.open("w", encoding="utf-8") as out:
        for doc in record_docs(records):
            count += 1
            out.write(f"# article_id = {json.dumps(doc._.get(SPAN_KEY)['article_id'])}\n")
            for token in doc:
                if token.is_space:
                    if "\n" in token.text:
                        out.write("\n")
                    continue
                tag = f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else "O"
                out.write(f"{token.text}\t{tag}\n")
            out.write("\n")
    return count
