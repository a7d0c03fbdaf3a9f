"""Documents: programmes, plans, decisions cited by number.

A full reference names the kind and the code ("Chương trình phối hợp số
09/Ctr- BCA -MTTQ"); the code is normalised to its official form and its
issuers are expanded. A bare back-reference ("Chương trình phối hợp số 09")
points, through `refers_to`, at the full reference with the same kind and
number. A kind named without a number ("Chương trình phối hợp về ...") is not
a reference. One document cited with its issuers written two ways
("09/CTr-BCA-MTTQ", "09/CTr-BCA-MTTW") keeps the code written first, with a
warning. Mentions are returned in text order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.resources.loader import ResourceError, compile_pattern, load_resource
from extractor.rules.document_codes import RESOURCE, kinds, matches, read_code
from extractor.rules.overlaps import longest_first
from schemas import DocumentRef

_SPACES = regex.compile(r"\s+")


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    order: int  # rule position in the file: breaks ties between equal spans
    rule: str
    match: regex.Match[str]
    data: dict[str, Any]


@cache
def _title_pattern() -> regex.Pattern[str]:
    source = load_resource(RESOURCE).get("title_pattern")
    if not isinstance(source, str):
        raise ResourceError(f"{RESOURCE}: title_pattern must be a string")
    return compile_pattern(source, f"{RESOURCE}: title_pattern")


@cache
def _generic_kinds() -> frozenset[str]:
    """Kind words that say only "a document" (documents.yaml `generic_kinds`)."""
    words = load_resource(RESOURCE).get("generic_kinds") or []
    if not isinstance(words, list) or any(str(word).casefold() not in kinds() for word in words):
        raise ResourceError(f"{RESOURCE}: generic_kinds must list kind words of `kinds`")
    return frozenset(str(word).casefold() for word in words)


@cache
def _title_window() -> int:
    window = load_resource(RESOURCE).get("title_window")
    if not isinstance(window, int) or window <= 0:
        raise ResourceError(f"{RESOURCE}: title_window must be a positive integer")
    return window


def _hits(text: str) -> list[_Hit]:
    """Every rule's matches; where two overlap, the longer and then the earlier rule wins."""
    return longest_first(
        _Hit(match.start(), match.end(), order, rule.id, match, rule.data)
        for order, rule, match in matches(text)
    )


def _title(article: Article, end: int, limit: int) -> str | None:
    """The quoted title after `end`, not beyond `limit` (where the next reference starts)."""
    window = article.text[end : min(end + _title_window(), limit)]
    match = _title_pattern().match(window)
    return match["title"] if match else None


def _kind_of(written: str) -> str:
    return kinds()[_SPACES.sub(" ", written).casefold()]


def _reference(article: Article, hit: _Hit, limit: int) -> DocumentRef | None:
    """The record of one hit, or None when the hit is not a reference after all."""
    span = evidence(article, hit.start, hit.end, hit.rule)
    title = _title(article, hit.end, limit)
    groups = hit.match.groupdict()
    if groups.get("code") is None:
        number = groups["number"]
        return DocumentRef(kind=_kind_of(groups["kind"]), number=number, title=title, **span)
    code = read_code(groups["code"])
    if hit.data.get("needs_sign") and (code.sign is None or not code.issuers):
        # Without a kind word, only a known type sign with an issuer says "document".
        return None
    written = _SPACES.sub(" ", groups["kind"]).casefold() if groups.get("kind") else None
    if written is None or (written in _generic_kinds() and code.kind is not None):
        kind = code.kind  # "văn bản số 725/QĐ-SGTVT" is a decision
    else:
        kind = kinds()[written]
    if kind is None:  # no kind word and a code without a known type sign
        return None
    return DocumentRef(
        kind=kind,
        number=code.number,
        code=code.normalized,
        issuers=code.expanded_issuers(),
        title=title,
        **span,
    )


def _same_document(bare: DocumentRef, full: DocumentRef) -> bool:
    if bare.number is None or full.number is None or int(bare.number) != int(full.number):
        return False
    # "Chương trình số 09" may point at a "Chương trình liên tịch"
    return full.kind == bare.kind or full.kind.startswith(bare.kind)


def link_back_references(documents: list[DocumentRef]) -> list[DocumentRef]:
    """Set `refers_to` on bare references: the nearest full one before, else the first after."""
    linked: list[DocumentRef] = []
    for index, document in enumerate(documents):
        if document.code is not None:
            linked.append(document)
            continue
        candidates = [
            other
            for other, full in enumerate(documents)
            if full.code is not None and _same_document(document, full)
        ]
        before = [other for other in candidates if other < index]
        target = before[-1] if before else (candidates[0] if candidates else None)
        linked.append(document.model_copy(update={"refers_to": target}))
    return linked


def merge_variants(documents: list[DocumentRef], warnings: list[str]) -> list[DocumentRef]:
    """One document whose issuers are written two ways in the article (`same_body`)
    takes the code written first; each other form is said once in `warnings`."""
    first: dict[tuple[object, ...], str] = {}
    merged: list[DocumentRef] = []
    said: set[tuple[str, str]] = set()
    for document in documents:
        if document.code is not None:
            code = first.setdefault(read_code(document.code).identity(), document.code)
            if code != document.code:
                if (code, document.code) not in said:
                    said.add((code, document.code))
                    warnings.append(
                        f'documents: "{document.code}" at {document.start} taken as "{code}" '
                        "(the same number and sign, issuers naming the same body)")
                document = document.model_copy(
                    update={"code": code, "issuers": read_code(code).expanded_issuers()})
        merged.append(document)
    return merged


def tag_documents(article: Article, facts: Facts) -> list[DocumentRef]:
    hits = _hits(article.text)
    limits = [following.start for following in hits[1:]] + [len(article.text)] * bool(hits)
    found = [_reference(article, hit, limit) for hit, limit in zip(hits, limits, strict=True)]
    documents = [document for document in found if document is not None]
    return link_back_references(merge_variants(documents, facts.warnings))
