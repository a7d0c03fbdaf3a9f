"""Campaigns and named models: quoted names a word introduces, and named days and movements.

Precision first. A quote counts when an introducer ("mô hình", "phong trào", "cuộc
vận động", ...) stands a few words before it, when a weak one ("như", "tham gia",
"chủ đề", ...) does in a sentence that speaks of campaigns, or when it continues a
list of quoted names that one introduced. It does not count after a crime ("tội"),
a chat group or a page ("nhóm Zalo"), a chant; nor when it names a hostile
strategy ("Diễn biến hòa bình"), reads as a quotation (a sentence, or too long), or
is a document's title (a quote right after a document reference). The named days
and movements of campaigns.yaml count without quotes ("Ngày hội toàn dân bảo vệ an
ninh Tổ quốc", "phong trào Dân vận khéo"), outside quotes.
"""

from __future__ import annotations

from functools import cache

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.resources.loader import ResourceError, Rule, load_lexicon, load_resource, load_rules
from extractor.rules.overlaps import QuoteParity, SpanIndex
from extractor.text.normalize import normalize
from schemas import CampaignMention

_RESOURCE = "campaigns.yaml"
_NAMED_RULE = "campaign.named"  # the named days and movements of campaigns.yaml
_WINDOW = 80  # characters before a quote searched for its introducer
# between two quoted names of one list: "A", "B" và "C"; "A" gắn với xây dựng "B"
_LIST_GAP = regex.compile(
    r'^[\s,;:.…]*(?:và|hoặc|cùng|,|gắn với(?:\s+(?:việc|phong trào|xây dựng))*)?'
    r'[\s,;:.…]*(?:mô hình\s*)?$', regex.I)
_NAME_AFTER = regex.compile(r"[ \t]\p{Lu}\p{Ll}+(?:\s|[,.;:]|$)")  # a name right after, same line
_SENTENCE_MARK = regex.compile(r"[.!?…](?:\s|$)")  # a quotation holds a sentence
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


def _words_pattern(key: str) -> regex.Pattern[str]:
    words = sorted(load_lexicon(_RESOURCE, key), key=len, reverse=True)
    alternatives = "|".join(regex.escape(word) for word in words)
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternatives})(?![\p{{L}}])", regex.I)


@cache
def _introducers() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """The strong and the weak introducers."""
    return _words_pattern("introducers"), _words_pattern("weak_introducers")


@cache
def _not_after() -> regex.Pattern[str]:
    """A `not_after` word among the last three words before a quote."""
    words = sorted(load_lexicon(_RESOURCE, "not_after"), key=len, reverse=True)
    alternatives = "|".join(regex.escape(word) for word in words)
    word = r"(?:\s+[\p{L}\d]+)"
    return regex.compile(
        rf"(?<![\p{{L}}])(?:{alternatives})(?![\p{{L}}]){word}{{0,2}}\s*:?\s*$", regex.I)


@cache
def _not_names() -> frozenset[str]:
    names = load_lexicon(_RESOURCE, "not_names")
    return frozenset(normalize(name).text.casefold() for name in names)


def _number(key: str) -> int:
    value = load_resource(_RESOURCE).get(key)
    if not isinstance(value, int) or value <= 0:
        raise ResourceError(f"{_RESOURCE}: {key} must be a positive integer")
    return value


@cache
def _gaps() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """What may stand between an introducer and its quote: for a strong one, a few
    words (no `gap_stops`), then ":" or ","; for a weak one, ":" or "," only."""
    stops = "|".join(map(regex.escape, load_lexicon(_RESOURCE, "gap_stops")))
    word = rf"\s+(?!(?:{stops})(?!\p{{L}}))[\p{{L}}\d]+"
    strong = regex.compile(rf"(?:{word}){{0,{_number('max_gap_words')}}}\s*[:,]?\s*$", regex.I)
    return strong, regex.compile(r"\s*[:,]?\s*$")


@cache
def _capital_after() -> regex.Pattern[str]:
    """One of `capital_after` a few words before a quote, up to it."""
    words = "|".join(regex.escape(word) for word in load_lexicon(_RESOURCE, "capital_after"))
    return regex.compile(rf"(?<![\p{{L}}])(?:{words})(?:\s+[\p{{L}}\d]+){{0,3}}\s*$", regex.I)


@cache
def _first_person() -> regex.Pattern[str]:
    return _words_pattern("first_person")


def _named_pattern(name: str, flags: int) -> regex.Pattern[str]:
    words = [regex.escape(word) for word in normalize(name).text.split()]
    body = r"\s+".join(word[:-1] + ",?" if word.endswith(",") else word for word in words)
    return regex.compile(rf"(?<![\p{{L}}\d]){body}(?![\p{{L}}\d])", flags)


@cache
def _named() -> list[tuple[str, regex.Pattern[str]]]:
    """Each named day (any case) and movement (as written): its first two words,
    lower-cased, to look for before the pattern is tried, and its pattern."""
    found = []
    for key, flags in (("named_days", regex.I), ("movements", 0)):
        for name in load_lexicon(_RESOURCE, key):
            words = normalize(name).text.split()
            found.append((" ".join(words[:2]).rstrip(",").lower(), _named_pattern(name, flags)))
    return found


def _sentence(article: Article, offset: int) -> tuple[int, int]:
    if not article.sentences:
        return 0, len(article.text)
    return article.sentences[article.sentence_of(offset)]


def _speaks_of_campaigns(article: Article, quote_start: int) -> bool:
    """Whether the sentence of a quote names a campaign before it (a strong
    introducer) or a named day anywhere."""
    start, end = _sentence(article, quote_start)
    strong, _ = _introducers()
    if strong.search(article.text, start, quote_start):
        return True
    sentence = article.text[start:end]
    low = sentence.lower()
    return any(key in low and pattern.search(sentence) for key, pattern in _named())


def _introduced(article: Article, quote_start: int, previous_end: int | None) -> bool:
    text = article.text
    if previous_end is not None and _LIST_GAP.match(text[previous_end:quote_start]):
        return True
    window = max(0, quote_start - _WINDOW)
    strong, weak = _introducers()
    strong_gap, weak_gap = _gaps()
    for pattern, gap, needs_context in ((strong, strong_gap, False), (weak, weak_gap, True)):
        found = list(pattern.finditer(text, window, quote_start))
        last = found[-1] if found else None
        if last is None or not gap.match(text, last.end(), quote_start):
            continue
        if not needs_context or _speaks_of_campaigns(article, quote_start):
            return True
    return False


def _refused(article: Article, quote_start: int, quote_end: int, name: str) -> bool:
    """A crime, a chat group or a chant right before it; a nickname before a name; a
    push described in lower case; a hostile strategy; a quotation (a sentence, too
    many words, the first person)."""
    text = article.text
    if _not_after().search(text, max(0, quote_start - 40), quote_start):
        return True
    if _NAME_AFTER.match(text, quote_end):  # "phản đối "Giáo sư" Wenger": a nickname
        return True
    if name[:1].islower() and _capital_after().search(text, max(0, quote_start - 40),
                                                      quote_start):
        return True
    if name.casefold() in _not_names():
        return True
    return (len(name.split()) > _number("max_name_words") or bool(_SENTENCE_MARK.search(name))
            or bool(_first_person().search(name)))


def _is_document_title(facts: Facts, quote_start: int, article: Article) -> bool:
    """A quote that follows a document reference closely is its title."""
    for doc in facts.documents:
        if 0 <= quote_start - doc.end <= 60 and _AFTER_DOCUMENT.fullmatch(
            article.text, doc.end, quote_start
        ):
            return True
    return False


def _looks_like_document_title(article: Article, quote_start: int) -> bool:
    """Without a tagged document, "<document kind> số ... về "..."" is still a title."""
    window = article.text[max(0, quote_start - 80) : quote_start]
    return _TITLE_LEAD.match(window) is not None


def _quoted(article: Article, facts: Facts) -> list[CampaignMention]:
    found: list[CampaignMention] = []
    previous_end: int | None = None
    for rule in _rules():
        for match in rule.pattern.finditer(article.text):
            start, end = match.span()
            name = match["name"].strip()
            if (_is_document_title(facts, start, article)
                    or _looks_like_document_title(article, start)
                    or _refused(article, start, end, name)
                    or not _introduced(article, start, previous_end)):
                previous_end = None
                continue
            found.append(CampaignMention(name=name, **evidence(article, start, end, rule.id)))
            previous_end = end
    return found


def _named_days(article: Article, taken: SpanIndex) -> list[CampaignMention]:
    """Named days and movements written without quotes (inside quotes they are a
    campaign's or a document's words)."""
    text = article.text
    low = text.lower()
    quotes = QuoteParity(text)
    found: list[CampaignMention] = []
    for key, pattern in _named():
        if key not in low:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if taken.overlaps(start, end) or quotes.inside(start):
                continue
            found.append(CampaignMention(name=match.group(),
                                         **evidence(article, start, end, _NAMED_RULE)))
    return found


def tag_campaigns(article: Article, facts: Facts) -> list[CampaignMention]:
    quoted = _quoted(article, facts)
    named = _named_days(article, SpanIndex((c.start, c.end) for c in quoted))
    # two lexicon names may overlap ("Ngày hội ... ANTQ" is no prefix of another): keep the first
    kept: list[CampaignMention] = []
    for mention in sorted(named, key=lambda m: (m.start, -m.end)):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return sorted([*quoted, *kept], key=lambda m: m.start)
