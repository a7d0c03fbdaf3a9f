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

_PIECES = regex.compile(r"[\p{L}\d]+(?:&[\p{L}\d]+)*")  # "BNN&PTNT" is one issuer
_UNIT = regex.compile(r"\((?P<unit>P\d{1,2})\)$")  # "51/C46(P12)": the issuer's unit
_DOTTED = regex.compile(r"(?<=\p{Lu})\.(?=\p{Lu})")  # "T.Ư" is "TƯ"
_TERM = regex.compile(r"^(?P<body>\D+)\d+$")  # "QH13": the 13th National Assembly
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
    year: str | None = None

    def identity(self) -> tuple[object, ...]:
        """What one document is, whichever way its issuers are written: number,
        year, sign and issuers, each issuer as its `same_body` group."""
        bodies = tuple(same_body().get(issuer, issuer) for issuer in self.issuers)
        return (int(self.number), self.year, self.sign, bodies)

    @property
    def kind(self) -> str | None:
        return signs()[self.sign] if self.sign else None

    def expanded_issuers(self) -> list[str]:
        """Issuer names from the lexicon ("QH13" is the Quốc hội of its 13th term);
        unknown segments (sub-units such as "V05", "PC44") kept as written."""
        return [_expanded(segment) for segment in self.issuers]


def _expanded(segment: str) -> str:
    if segment in issuers():
        return issuers()[segment]
    term = _TERM.match(segment)
    if term is not None and term["body"] in issuers():
        return issuers()[term["body"]]
    return segment


@cache
def same_body() -> dict[str, str]:
    """Issuer -> the first abbreviation of its `same_body` group in issuers.yaml
    ("MTTQ" and "MTTW" name one Front); issuers in no group are absent."""
    groups = load_resource(ISSUERS).get("same_body") or []
    if not isinstance(groups, list):
        raise ResourceError(f"{ISSUERS}: same_body must be a list of lists")
    names: dict[str, str] = {}
    for group in groups:
        if not isinstance(group, list) or len(group) < 2:
            raise ResourceError(f"{ISSUERS}: same_body group {group!r} needs two names or more")
        for name in map(str, group):
            if name not in issuers() or name in names:
                raise ResourceError(f"{ISSUERS}: same_body name {name!r} is unknown or twice")
            names[name] = str(group[0])
    return names


def _official(segment: str) -> str:
    """An issuer in the case its lexicon entry has, else in capitals."""
    for known in issuers():
        if known.casefold() == segment.casefold():
            return known
    return segment.upper()


def read_code(written: str) -> Code:
    """Read a code matched by the rules; the sign is the first segment when it is one."""
    compact = _DOTTED.sub("", regex.sub(r"\s+", "", written))
    numbered = _NUMBERED.match(compact)
    head = numbered or _PARTY.match(compact)
    if head is None:
        raise ValueError(f"not a document code: {written!r}")
    unit = _UNIT.search(compact)
    if unit is not None:
        compact = compact[: unit.start()]
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
    if unit is not None:
        normalized += f"({unit['unit']})"
    return Code(number, sign, segments, normalized, numbered["year"] if numbered else None)


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
    return frozenset(rule.id for rule in rules() if opens_with(rule.source, opening))


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
