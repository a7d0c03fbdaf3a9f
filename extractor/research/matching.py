"""Per-field matching rules and the one-to-one matcher (a maximum bipartite matching).

Equality keys (dates by value, people by name) would be served by counting
multisets, but the organisation rule ("one contains the other") is not an
equivalence: "Công an" overlaps both "Công an quận 6" and "Công an phường", so
a greedy pass can use up the prediction another gold item needed. Augmenting
paths (Kuhn's algorithm) find the largest one-to-one matching; the sizes here
(tens of items an article) make its O(V*E) cost irrelevant.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from extractor.text.normalize import normalize

G = TypeVar("G")
P = TypeVar("P")
Item = Mapping[str, Any]


@dataclass(frozen=True)
class Matching:
    """Index pairs (gold, predicted), gold left unmatched, predictions left unmatched."""

    pairs: list[tuple[int, int]]
    missed: list[int]
    spurious: list[int]


def match_items(
    gold: Sequence[G],
    predicted: Sequence[P],
    same: Callable[[G, P], bool],
    strict: Callable[[G, P], bool] | None = None,
) -> Matching:
    """The largest one-to-one matching under `same`, preferring `strict` pairs.

    `strict` (a stronger test, e.g. value, unit and qualifier) seeds the
    matching, so that among equally large matchings the one agreeing on more
    detail is kept; augmenting paths then complete it under `same`.
    """
    edges = [[p for p in range(len(predicted)) if same(g_item, predicted[p])]
             for g_item in gold]
    owner: dict[int, int] = {}  # predicted index -> gold index
    partner: dict[int, int] = {}  # gold index -> predicted index
    if strict is not None:
        for g, g_item in enumerate(gold):
            for p in edges[g]:
                if p not in owner and strict(g_item, predicted[p]):
                    owner[p], partner[g] = g, p
                    break

    def augment(g: int, seen: set[int]) -> bool:
        # Free predictions first: re-routing an existing pair is done only
        # when it is the sole way to match `g`, so seeded pairs mostly stay.
        for p in edges[g]:
            if p not in owner:
                owner[p], partner[g] = g, p
                return True
        for p in edges[g]:
            if p in seen:
                continue
            seen.add(p)
            if augment(owner[p], seen):
                owner[p], partner[g] = g, p
                return True
        return False

    for g in range(len(gold)):
        if g not in partner:
            augment(g, set())
    pairs = sorted(partner.items())
    return Matching(
        pairs=pairs,
        missed=[g for g in range(len(gold)) if g not in partner],
        spurious=[p for p in range(len(predicted)) if p not in owner],
    )


# The rules of SPEC.md, "Gold annotations", one per field.

def canon(text: str) -> str:
    """The form strings are compared in: the pipeline's normalisation, then casefold.

    Going through `normalize` makes "hoà"/"hòa", curly/straight quotes and
    doubled spaces equal, so gold typed by hand compares with extracted text.
    """
    return normalize(text).text.strip().casefold()


def _same_number(a: object, b: object) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    if not isinstance(a, int | float) or not isinstance(b, int | float):
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _text(item: Item, key: str) -> str | None:
    value = item.get(key)
    return value if isinstance(value, str) else None


def code_key(code: str) -> str:
    """A document code as compared: no spaces, and its separators one ("06/2008/TTLT/BCA"
    and "06/2008/TTLT-BCA", as the record normalises it, are one code)."""
    return "".join(code.split()).translate(_SEPARATORS)


_SEPARATORS = str.maketrans({"/": "-", "–": "-"})


def _document_key(item: Item) -> tuple[str, ...]:
    # A bare back-reference ("Chương trình phối hợp số 09") has no code; it is
    # compared by kind and number instead so it can still be found or missed.
    code = _text(item, "code")
    if code:
        return ("code", code_key(code))
    return ("number", canon(_text(item, "kind") or ""), canon(_text(item, "number") or ""))


def _same_award(gold: Item, pred: Item) -> bool:
    same = all(_same_number(gold.get(k), pred.get(k)) for k in ("collectives", "individuals"))
    if gold.get("recipients") is not None and pred.get("recipients") is not None:
        same = same and _same_number(gold["recipients"], pred["recipients"])
    return same


def _same_indicator(gold: Item, pred: Item) -> bool:
    return _same_number(gold.get("value"), pred.get("value")) and canon(
        str(gold.get("unit", ""))
    ) == canon(str(pred.get("unit", "")))


def _overlap(gold: Item, pred: Item) -> bool:
    a, b = canon(_text(gold, "text") or ""), canon(_text(pred, "text") or "")
    return bool(a and b) and (a in b or b in a)


def _equal_by(key: Callable[[Item], object]) -> Callable[[Item, Item], bool]:
    def same(gold: Item, pred: Item) -> bool:
        return key(gold) == key(pred)

    return same


@dataclass(frozen=True)
class FieldRule:
    """How one field is matched: `same` decides a match, `strict` is tried first."""

    same: Callable[[Item, Item], bool]
    strict: Callable[[Item, Item], bool] | None
    shown: tuple[str, ...]  # keys listed with each miss and false positive
    required: tuple[str, ...]  # keys a gold item must carry
    # Gold lists each distinct surface string once for organisations and
    # campaigns (docs/gold.md), while records hold every mention: such fields
    # are compared as sets of this key, first occurrence kept.
    distinct: Callable[[Item], str] | None = None


def distinct_items(items: Sequence[Item], key: Callable[[Item], str]) -> list[Item]:
    seen: set[str] = set()
    kept = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            kept.append(item)
    return kept


def _qualifier_too(gold: Item, pred: Item) -> bool:
    return _same_indicator(gold, pred) and gold.get("qualifier", "exact") == pred.get("qualifier")


FIELDS: dict[str, FieldRule] = {
    "dates": FieldRule(_equal_by(lambda i: _text(i, "value")), None, ("value",), ("value",)),
    "documents": FieldRule(_equal_by(_document_key), None, ("code", "kind", "number"), ()),
    "organizations": FieldRule(
        _overlap, _equal_by(lambda i: canon(_text(i, "text") or "")), ("text",), ("text",),
        distinct=lambda i: canon(_text(i, "text") or ""),
    ),
    "people": FieldRule(
        _equal_by(lambda i: canon(_text(i, "name") or "")), None, ("name",), ("name",)
    ),
    "indicators": FieldRule(
        _same_indicator, _qualifier_too, ("value", "unit", "qualifier"), ("value", "unit")
    ),
    "awards": FieldRule(_same_award, None, ("collectives", "individuals", "recipients"), ()),
    "campaigns": FieldRule(
        _equal_by(lambda i: canon(_text(i, "name") or "")), None, ("name",), ("name",),
        distinct=lambda i: canon(_text(i, "name") or ""),
    ),
    # Articles of law by article and clause: the law is written many ways ("BLHS").
    "legal_refs": FieldRule(
        _equal_by(lambda i: (canon(str(i.get("article"))), canon(str(i.get("clause") or "")))),
        None, ("article", "clause", "law"), ("article",),
    ),
}
