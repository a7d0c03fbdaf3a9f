"""Abbreviations an article defines for a body it names: its later mentions.

"Công ty cổ phần Xơ sợi Dầu khí (PVTex) ... nguyên Tổng Giám đốc PVTex": the
bracket right after a body the rules found names that body for the rest of the
article, and each later "PVTex" is a mention of it, with its normalized name, kind
and level. Only a token of capitals (digits and "&" inside) defines: not a unit code
the rules read ("(C02)", "(PC45)"), not a word abbreviation ("(PCCC&CNCH)"), not a
place (`org_defined.yaml`). The later mentions are found by a string search for the
defined tokens, only in articles that define one.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import cache

import regex

from extractor.article import Article
from extractor.facts import evidence
from extractor.resources.loader import ResourceError, load_resource
from extractor.rules.org_abbreviations import abbreviations
from schemas import OrgMention

RULE_ID = "org.defined_abbreviation"
_RESOURCE = "org_defined.yaml"

# The bracket after the body, or closing its span ("Hiệp hội Xăng dầu Việt Nam (VINPA)").
_AFTER = regex.compile(r" ?\((\p{Lu}[\p{L}\p{N}&]*[\p{L}\p{N}])\)")
_CLOSING = regex.compile(r"\((\p{Lu}[\p{L}\p{N}&]*[\p{L}\p{N}])\)$")
# Two capitals at least, the second within the first three letters: "MI5", "PVTex",
# "HoREA", "H&M"; not "C46", "Vietcombank", "Mỹ", "Quảng Nam" (a space).
_CAPITALS = regex.compile(r"\p{Lu}[\p{L}&]?\p{Lu}")
_UNIT_CODE = regex.compile(r"\p{Lu}{1,3}\d{2,3}\p{Lu}?")  # "PC45", "PK20E", "A05"
# A token goes on through these when a letter or digit follows: "PVC.KBC", "PVN-ĐH", "32/C46".
_JOINERS = frozenset(".-/&_")


@cache
def _not_names() -> frozenset[str]:
    entries = load_resource(_RESOURCE).get("not_names")
    if not isinstance(entries, list) or not entries or not all(
        isinstance(entry, str) and entry.strip() for entry in entries
    ):
        raise ResourceError(f"{_RESOURCE}: not_names must list non-empty tokens")
    if len(set(entries)) != len(entries):
        raise ResourceError(f"{_RESOURCE}: not_names has a duplicate token")
    return frozenset(entries)


def names_a_body(token: str) -> bool:
    """Whether a bracketed token of capitals can be a body's own short name."""
    if _CAPITALS.match(token) is None or _UNIT_CODE.fullmatch(token) is not None:
        return False
    if token in _not_names():
        return False
    words = abbreviations()
    # A word abbreviation, or words of them joined ("PCCC&CNCH"): the kind, not the body.
    return token not in words and not all(part in words for part in token.split("&"))


def _letters(text: str) -> str:
    """Capitals without tone or vowel marks ("Án" -> "A"; "Đ" has none to lose)."""
    return "".join(char for char in unicodedata.normalize("NFD", text.upper())
                   if not unicodedata.combining(char))


def _initials(words: list[str]) -> str:
    return _letters("".join(word[0] for word in words if word[0].isalnum() and word != "và"))


def abbreviates_the_body(text: str, mention: OrgMention, token: str) -> bool:
    """Whether the token, when made of initials, begins with the body's first word.

    "Ngân hàng Nhà nước (NHNN)", "Ủy ban Thường vụ Quốc hội (UBTVQH)" name the body;
    "Cục Nghệ thuật Biểu diễn (NTBD)" and "Bộ Kế hoạch và Đầu tư (KHĐT)" abbreviate
    the words after the head (later "Cục NTBD"; "Luật TDTT" is no body), and "đại biểu
    Quốc hội (ĐBQH)" words before it. A token of no initials ("PVN") names the body.
    A body written short already ("EU", "VNPT") is not defined again.
    """
    name = _CLOSING.sub("", mention.text).split()
    if not any(char.islower() for char in mention.text):
        return False  # a body written short already: "Việt Nam - EU (EVFTA)" is a treaty
    before = text[max(0, mention.start - 40) : mention.start].split()
    before = before[-4:] if mention.start <= 40 else before[1:][-4:]  # not a word cut short
    letters, first = _letters(token.replace("&", "")), len(_initials(before))
    initials = _initials(before) + _initials(name)
    return initials.startswith(letters, first) or letters not in initials


# After the bracket, the words that go on with the body's name: its parent or its
# scope ("Ủy ban Kiểm tra (UBKT) Tỉnh ủy Sơn La", "Trung tâm Kinh doanh (TTKD) VNPT
# Vĩnh Long"): the bracket abbreviates a kind of unit, not this body. A person's
# name after it ("Ngân hàng Nhà nước (NHNN) Lê Minh Hưng") does not go on with it.
_GOES_ON = regex.compile(
    r" (?:(?!VN\b)\p{Lu}{2,}|TP\.|Chi nhánh |Thành ủy |Tỉnh ủy |Quận ủy |Huyện ủy )")


def _name_goes_on(text: str, end: int, starts: set[int]) -> bool:
    return end + 1 in starts or _GOES_ON.match(text, end) is not None


def _definitions(text: str, mentions: Sequence[OrgMention]) -> dict[str, tuple[OrgMention, int]]:
    """Token -> (the body it names, where its definition ends): the first one wins."""
    defined: dict[str, tuple[OrgMention, int]] = {}
    starts = {mention.start for mention in mentions}
    for mention in mentions:
        if text[mention.end : mention.end + 2] in ("(", " ("):
            match = _AFTER.match(text, mention.end)
            token, end = (match.group(1), match.end()) if match else (None, 0)
        elif mention.text.endswith(")"):
            match = _CLOSING.search(mention.text)
            token, end = (match.group(1), mention.end) if match else (None, 0)
        else:
            continue
        if (token and token not in defined and names_a_body(token)
                and not _name_goes_on(text, end, starts)
                and abbreviates_the_body(text, mention, token)):
            defined[token] = (mention, end)
    return defined


def _whole_token(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start]
    if before and (before.isalnum() or before in _JOINERS):
        return False
    after = text[end : end + 1]
    if after.isalnum():
        return False
    return not (after in _JOINERS and text[end + 1 : end + 2].isalnum())


def defined_mentions(
    article: Article,
    mentions: Sequence[OrgMention],
    excluded: Callable[[int, int], bool],
) -> list[OrgMention]:
    """The later mentions of the abbreviations the article defines after its bodies,
    outside the found `mentions` and wherever `excluded` (a code, a credit) says not."""
    text = article.text
    defined = _definitions(text, mentions)
    if not defined:
        return []
    spans = sorted((mention.start, mention.end) for mention in mentions)
    starts = [start for start, _ in spans]
    found: list[OrgMention] = []
    for token, (body, after) in defined.items():
        at = text.find(token, after)
        while at >= 0:
            end = at + len(token)
            index = bisect_left(starts, end)  # the found mention starting last before `end`
            inside = index > 0 and spans[index - 1][1] > at
            if not inside and _whole_token(text, at, end) and not excluded(at, end):
                found.append(OrgMention(
                    **evidence(article, at, end, RULE_ID), normalized=body.normalized,
                    kind=body.kind, level=body.level, place=body.place, code=body.code))
            at = text.find(token, end)
    return found
