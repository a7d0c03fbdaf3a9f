"""Document codes: the compiled reference rules and the reading of one code.

The patterns live in documents.yaml; three of their sub-patterns are lists that
are kept as data of their own (type signs, kind words, issuers.yaml) and are
turned into alternations here, longest first so that "NQLT" wins over "NQ".
The date tagger also uses `code_spans` so that "01/2020/TT-BCA" gives no date.
Rules that open with a kind word are tried only where one stands, found by string
search (`extractor.rules.anchored`): the engine would try the alternation of
kind words at every position.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from extractor.resources.loader import ResourceError, Rule, load_resource, load_rules
from extractor.rules.anchored import lowered, opens_with, searchable, word_starts
from extractor.text.search import finditer_from

RESOURCE = "documents.yaml"
ISSUERS = "issuers.yaml"

_PIECES = regex.compile(r"[\p{L}\d]+")
_NUMBERED = regex.compile(r"^(?P<number>\d+)(?:/(?P<year>\d{4}))?/")
_PARTY = regex.compile(r"^(?P<number>\d+)-")


def _mapping(name: str, key: str) -> dict[str, str]:
    """A non-empty mapping of surfaces to values, refused if a surface repeats in any case."""
    data = load_resource(name).get(key)
    if not isinstance(data, dict) or not data:
        raise ResourceError(f"{name}: {key} must be a non-empty mapping")
    folded: dict[str, str] = {}
    for surface, value in data.items():
        text = str(surface)
        if not text.strip() or not str(value).strip():
            raise ResourceError(f"{name}: {key} has an empty entry near {text!r}")
        if text.casefold() in folded:
            raise ResourceError(f"{name}: {key} lists {text!r} twice (case ignored)")
        folded[text.casefold()] = text
    return {str(surface): str(value) for surface, value in data.items()}


@cache
def signs() -> dict[str, str]:
    """Type sign in its official case -> document kind ("CTr" -> "Chương trình")."""
    return _mapping(RESOURCE, "signs")


@cache
def _signs_folded() -> dict[str, str]:
    return {sign.casefold(): sign for sign in signs()}


@cache
def kinds() -> dict[str, str]:
    """Kind word as written, lower case -> kind in title case."""
    return {word.casefold(): kind for word, kind in _mapping(RESOURCE, "kinds").items()}


@cache
def issuers() -> dict[str, str]:
    """Issuer abbreviation as written in codes -> the body it names."""
    return _mapping(ISSUERS, "issuers")


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))


@cache
def rules() -> list[Rule]:
    """The reference rules of documents.yaml, with the lexicons expanded into them."""
    return load_rules(RESOURCE, extra_subpatterns={
        "SignAlternatives": _alternation(list(signs())),
        "IssuerAlternatives": _alternation(list(issuers())),
        "KindAlternatives": _alternation(list(kinds())),
    })


@dataclass(frozen=True)
class Code:
    """One code read into its parts: "09/Ctr- BCA -MTTQ" -> 09, CTr, [BCA, MTTQ]."""

    number: str
    sign: str | None
    issuers: tuple[str, ...]
    normalized: str

    @property
    def kind(self) -> str | None:
        return signs()[self.sign] if self.sign else None

    def expanded_issuers(self) -> list[str]:
        """Issuer names from the lexicon; unknown segments (sub-units) kept as written."""
        return [issuers().get(segment, segment) for segment in self.issuers]


def _official(segment: str) -> str:
    """An issuer in the case its lexicon entry has, else in capitals."""
    for known in issuers():
        if known.casefold() == segment.casefold():
            return known
    return segment.upper()


def read_code(written: str) -> Code:
    """Read a code matched by the rules; the sign is the first segment when it is one."""
    compact = regex.sub(r"\s+", "", written)
    numbered = _NUMBERED.match(compact)
    head = numbered or _PARTY.match(compact)
    if head is None:
        raise ValueError(f"not a document code: {written!r}")
    pieces = _PIECES.findall(compact[head.end() :])
    sign: str | None = None
    if pieces and pieces[0].casefold() in _signs_folded():
        sign = _signs_folded()[pieces[0].casefold()]
        pieces = pieces[1:]
    segments = tuple(_official(piece) for piece in pieces)
    number = head.group("number")
    if numbered is not None:
        year = numbered.group("year")
        prefix = number + (f"/{year}" if year else "")
        normalized = prefix + "/" + "-".join(([sign] if sign else []) + list(segments))
    else:
        # Party shape: the sign stands before the slash ("51-NQ/TW"); without a
        # known sign the first segment keeps that place as written.
        before = sign or (segments[0] if segments else "")
        after = segments if sign else segments[1:]
        normalized = f"{number}-{before}/" + "-".join(after)
    return Code(number, sign, segments, normalized)


@cache
def _kind_words() -> tuple[str, ...] | None:
    """The kind words to look for (one that starts with another is found with it),
    or None when one is not `searchable`."""
    words = list(kinds())
    if not all(map(searchable, words)):
        return None
    return tuple(w for w in words if not any(o != w and w.startswith(o) for o in words))


@cache
def _kind_led() -> frozenset[str]:
    """Ids of the rules whose every match begins with a kind word (the `kind` group
    holding \\b and the kind alternation opens the pattern); the others scan the text."""
    opening = "(?P<kind>(?:\\b(?:(?:" + _alternation(list(kinds())) + "))))"
    return frozenset(rule.id for rule in rules() if opens_with(rule.pattern.pattern, opening))


@lru_cache(maxsize=4)
def matches(text: str) -> tuple[tuple[int, Rule, regex.Match[str]], ...]:
    """Every document rule's matches in `text`, as (rule position, rule, match).

    The date tagger (masking codes) and the document tagger both need them; the
    cache makes the rules run once per article (the same text object is passed).
    A rule opening with a kind word is tried only where one stands (unless the
    text is one that `lowered` refuses).
    """
    words = _kind_words()
    low = lowered(text) if words is not None else None
    kind_starts = word_starts(low, words) if low is not None and words is not None else None
    found: list[tuple[int, Rule, regex.Match[str]]] = []
    for order, rule in enumerate(rules()):
        if kind_starts is not None and rule.id in _kind_led():
            hits = finditer_from(rule.pattern, text, kind_starts)
        else:
            hits = rule.pattern.finditer(text)
        found.extend((order, rule, match) for match in hits)
    return tuple(found)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Where document codes stand in `text`, for taggers that must not read into them."""
    spans = {
        match.span("code")
        for _, rule, match in matches(text)
        if "code" in rule.pattern.groupindex
    }
    return sorted(spans)
