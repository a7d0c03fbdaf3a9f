"""Hypothesis strategies for ArticleRecords, derived from the models in `schemas/`.

Every field is drawn from its annotation and constraints (min_length, ge,
pattern), so fields added to the contract are generated without edits here.
Spans cut a drawn `clean_text` (any Unicode, NUL included), numbers reach far
beyond 2^63 and past a double's range, lists are often empty, and the links
between mentions (`refers_to`, `part_of`, `change_from`) point where the record
allows.
"""

from __future__ import annotations

import datetime as dt
import types
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from schemas import ArticleRecord, Span
from schemas.place import Place

# Figures real articles hold ("hàng tỷ tỷ", "25.873.329.250 tỷ đồng") and worse.
# (Ints of more than 4,300 digits, which Python will not print, have their own test:
# hypothesis prints what it draws.)
HUGE = [10**18, 2**53 + 1, 2**63 - 1, 2**63, 25_873_329_250 * 10**9, 10**30, 10**400]
_LINKS = {"refers_to", "part_of", "change_from"}


def _constraint(field: FieldInfo | None, name: str) -> Any:
    for item in field.metadata if field is not None else ():
        if getattr(item, name, None) is not None:
            return getattr(item, name)
    return None


def integers(minimum: int | None = None) -> st.SearchStrategy[int]:
    huge = [value for value in HUGE if minimum is None or value >= minimum]
    if minimum is None:
        huge += [-value for value in HUGE]
    return st.one_of(st.integers(min_value=minimum), st.sampled_from(huge))


def texts(minimum: int = 0) -> st.SearchStrategy[str]:
    return st.text(min_size=minimum, max_size=40)


def _arms(annotation: Any) -> tuple[list[Any], bool]:
    if get_origin(annotation) in (Union, types.UnionType):
        arms = list(get_args(annotation))
        return [arm for arm in arms if arm is not type(None)], type(None) in arms
    return [annotation], False


def value(annotation: Any, field: FieldInfo | None, text: str) -> st.SearchStrategy[Any]:
    """Values of one annotation, JSON-ready (as `model_validate` takes them)."""
    arms, optional = _arms(annotation)
    if set(arms) == {int, float}:
        drawn: st.SearchStrategy[Any] = st.one_of(
            integers(_constraint(field, "ge")), st.floats(allow_nan=False, allow_infinity=False))
    elif len(arms) > 1:
        drawn = st.one_of(*(value(arm, None, text) for arm in arms))
    else:
        drawn = _single(arms[0], field, text)
    return st.one_of(st.none(), drawn) if optional else drawn


def _single(kind: Any, field: FieldInfo | None, text: str) -> st.SearchStrategy[Any]:
    origin = get_origin(kind)
    if origin is Literal:
        return st.sampled_from(get_args(kind))
    if origin is list:
        return st.lists(value(get_args(kind)[0], None, text), max_size=3)
    if origin is dict:
        _, item = get_args(kind)
        return st.dictionaries(texts(1), value(item, None, text), max_size=2)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return st.sampled_from([member.value for member in kind])
    if isinstance(kind, type) and issubclass(kind, Span):
        return spans(kind, text)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return models(kind, text)
    if kind is str:
        pattern = _constraint(field, "pattern")
        if pattern is not None:
            return st.from_regex(pattern, fullmatch=True)
        return texts(_constraint(field, "min_length") or 0)
    if kind is bool:
        return st.booleans()
    if kind is int:
        return integers(_constraint(field, "ge"))
    if kind is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind is dt.date:
        return st.dates().map(dt.date.isoformat)
    raise TypeError(f"no strategy for {kind!r}: teach tests/record_strategies.py")


def _valid(model: type[BaseModel]) -> Any:
    def check(data: dict[str, Any]) -> bool:
        try:
            model.model_validate(data)
        except ValidationError:
            return False
        return True
    return check


def _place_rules(place: dict[str, Any]) -> dict[str, Any]:
    """A drawn place made to follow Place's rules across fields (status and codes)."""
    if place["status"] in ("ambiguous", "unknown"):
        place["province_code"] = None
        if place["status"] == "ambiguous" and len(place["candidates"]) < 2:
            place["candidates"] = [*place["candidates"], "Tỉnh A", "Tỉnh B"]
    else:
        place["level"] = place["level"] or "province"
        place["map"] = place["map"] or "2025"
        place["province_code"] = place["province_code"] or "01"
    return place


# Rules across the fields of a model, which drawing field by field cannot know of.
CROSS_FIELD_RULES = {Place: _place_rules}


def models(model: type[BaseModel], text: str, skip: frozenset[str] = frozenset()
           ) -> st.SearchStrategy[dict[str, Any]]:
    drawn = st.fixed_dictionaries({
        name: value(field.annotation, field, text)
        for name, field in model.model_fields.items() if name not in skip})
    if model in CROSS_FIELD_RULES:
        drawn = drawn.map(CROSS_FIELD_RULES[model])
    # Any other rule across fields (added to the schema since): drawn, kept when valid.
    # Spans are built valid (see `spans`), records checked whole (see `records`).
    if model.__pydantic_decorators__.model_validators and not skip:
        return drawn.filter(_valid(model))
    return drawn


@st.composite
def spans(draw: st.DrawFn, model: type[Span], text: str) -> dict[str, Any]:
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    skip = frozenset({"text", "start", "end", *_LINKS})
    fields = draw(models(model, text, skip))
    return {**fields, "text": text[start:end], "start": start, "end": end}


def _link(draw: st.DrawFn, items: list[dict[str, Any]], index: int) -> int | None:
    others = [other for other in range(len(items)) if other != index]
    return draw(st.one_of(st.none(), st.sampled_from(others))) if others else None


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    """One ArticleRecord as JSON-ready data; it validates."""
    text = draw(st.text(min_size=1, max_size=300))
    fields = dict(ArticleRecord.model_fields)
    data = draw(models(ArticleRecord, text, frozenset({"clean_text", "body_start"})))
    data.update(clean_text=text, body_start=draw(st.integers(0, len(text))))
    for name, items in data.items():
        if get_origin(fields[name].annotation) is not list or not items:
            continue
        model = get_args(fields[name].annotation)[0]
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            continue
        for index, item in enumerate(items):
            for link in _LINKS & set(model.model_fields):
                item[link] = _link(draw, items, index)
    ArticleRecord.model_validate(data)  # the generator must give what the schema accepts
    return data
