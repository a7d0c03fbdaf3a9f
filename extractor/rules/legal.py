"""Articles of law: "khoản 2 Điều 134 Bộ luật Hình sự" gives article 134, clause 2, the law.

Crime and court news cites the article a suspect is charged under; a dashboard counts
charges by article. "Điều" before a number is the cue. Lower-case "điều" is also the
verb "to dispatch" ("đã điều 3 xe"), so it counts only with a clause or point before
it, a citing word ("theo", "tại", "vi phạm", ...) or a law after it. A list ("điều 257
và điều 143, Bộ luật Hình sự", "Điều 134, 135 BLHS") gives one reference an article,
each with the law the list ends with. Law names and abbreviations are a lexicon in
`resources/legal.yaml` (an abbreviation, "BLHS", is expanded); a document cited in
the law's place ("Điều 24 Nghị định số 159/2013/NĐ-CP") is named by its kind and code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.resources.loader import (
    ResourceError,
    Rule,
    compile_pattern,
    expand,
    load_resource,
    load_rules,
)
from extractor.text.search import finditer_from, occurrences
from schemas import DocumentRef, LegalRef

_RESOURCE = "legal.yaml"
_REACH = 40  # characters before "Điều" searched for its clause, point or cue
# one article of a list: "135", "điều 143"
_ITEM = regex.compile(r"(?P<cite>(?-i:[Đđ]iều)\s+)?(?P<number>\d{1,4}[a-zđ]?)")
_CUT = ",; "  # trailing characters a reference's span does not keep
_GAP = regex.compile(r"(?:\s*,\s*|\s+)(?:của\s+)?", regex.I)  # as LawGap in legal.yaml


@cache
def _laws() -> dict[str, str]:
    """Every surface of a law (name or abbreviation), casefolded -> its full name."""
    surfaces: dict[str, str] = {}
    for name, abbreviations in load_resource(_RESOURCE)["laws"].items():
        for surface in (name, *(abbreviations or [])):
            key = str(surface).casefold()
            if key in surfaces:
                raise ResourceError(f"{_RESOURCE}: law {surface!r} is listed twice")
            surfaces[key] = str(name)
    return surfaces


def _subpatterns() -> dict[str, str]:
    names = sorted(_laws(), key=len, reverse=True)
    subpatterns = dict(load_resource(_RESOURCE).get("subpatterns") or {})
    subpatterns["LawNames"] = "|".join(regex.escape(name) for name in names)
    return subpatterns


@cache
def _rule() -> Rule:
    # IGNORECASE for the law's name; "Điều" is held to its case in the pattern.
    (rule,) = load_rules(_RESOURCE, extra_subpatterns={"LawNames": _subpatterns()["LawNames"]})
    return rule


@cache
def _before(key: str) -> regex.Pattern[str]:
    """The `lead` or `cue` pattern of legal.yaml, anchored where "Điều" begins."""
    source = load_resource(_RESOURCE).get(key)
    if not isinstance(source, str):
        raise ResourceError(f"{_RESOURCE}: {key} must be a pattern")
    return compile_pattern(expand(source, _subpatterns(), f"{_RESOURCE}: {key}"),
                           f"{_RESOURCE}: {key}")


def _starts(text: str) -> list[int]:
    """Where "Điều" or "điều" stands before a number: the only places a match begins."""
    found = []
    for at in occurrences(text, "iều"):
        if at and text[at - 1] in "Đđ" and regex.match(r"\s+\d", text[at + 3 : at + 6]):
            found.append(at - 1)
    return found


@dataclass(frozen=True)
class _Item:
    start: int
    end: int
    article: str


def _items(match: regex.Match[str], law_written: bool) -> list[_Item]:
    """The articles of a match: the first, then those of the list that say "điều" or
    that a law closes ("Điều 134, 135 BLHS"; a bare "10" in "Điều 5, 10 năm" is not one)."""
    items = [_Item(match.start("cite"), match.end("article"), match["article"])]
    base = match.start("more")
    for item in _ITEM.finditer(match["more"]):
        if item["cite"] or law_written:
            start = base + (item.start("cite") if item["cite"] else item.start("number"))
            items.append(_Item(start, base + item.end("number"), item["number"]))
    return items


def _document_after(end: int, text: str, documents: list[DocumentRef]) -> DocumentRef | None:
    """A document cited right after an article, in the place of a law."""
    for document in documents:
        if document.start >= end and _GAP.fullmatch(text, end, document.start):
            return document
    return None


def tag_legal_refs(article: Article, facts: Facts) -> list[LegalRef]:
    found: list[LegalRef] = []
    text = article.text
    starts = _starts(text)
    if not starts:  # most articles cite no article of law
        return found
    rule = _rule()
    for match in finditer_from(rule.pattern, text, starts):
        window = max(0, match.start() - _REACH)
        lead = _before("lead").search(text, window, match.start())
        cue = _before("cue").search(text, window, match.start())
        law_name = match["law"]
        listed = any(item["cite"] for item in _ITEM.finditer(match["more"]))
        if match["cite"] == "điều" and not (lead or cue or law_name or listed):
            continue  # "đã điều 3 xe cứu hỏa": the verb
        law = _laws().get(law_name.casefold()) if law_name else None
        if law is None:
            document = _document_after(match.end("more"), text, facts.documents)
            if document is not None and document.code is not None:
                law = f"{document.kind} {document.code}"
        items = _items(match, law_name is not None)
        for index, item in enumerate(items):
            start = lead.start() if index == 0 and lead is not None else item.start
            end = match.end() if index == len(items) - 1 and law_name else item.end
            while end > start and text[end - 1] in _CUT:
                end -= 1
            found.append(LegalRef(
                **evidence(article, start, end, rule.id),
                article=item.article,
                clause=lead["clause"] if index == 0 and lead is not None else None,
                point=lead["point"] if index == 0 and lead is not None else None,
                law=law,
            ))
    return found
