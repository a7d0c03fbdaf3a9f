"""Flat tables from records: one row per article, one table per fact type.

Columns are derived from the Pydantic models in `schemas/`, so a field added
to the contract becomes a column without code here (docs/batch.md lists them,
and a test checks the list against the tables). Nested models are flattened
with their field name as prefix (`event_date_value`); lists of strings stay
lists; enums become their string value. Rows are built from the records' JSON
(already validated when written), which is much faster than re-validating.
"""

from __future__ import annotations

import datetime as dt
import json
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel

from schemas import ArticleRecord, Event, Place

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    path: tuple[str, ...]  # keys leading to the value in a record (or mention) dict
    convert: Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def iso_date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _as_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _scalar(annotation: Any) -> tuple[pa.DataType, Callable[[Any], Any]] | None:
    """Arrow type of a plain annotation (None optional stripped), or None if not scalar."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        arms = [arm for arm in get_args(annotation) if arm is not type(None)]
        if set(arms) == {int, float}:
            return pa.float64(), _same
        if len(arms) == 1:
            return _scalar(arms[0])
        return pa.string(), _as_json
    if origin is Literal or (isinstance(annotation, type) and issubclass(annotation, Enum)):
        return pa.string(), _same
    if origin is list:
        (item,) = get_args(annotation)
        inner = _scalar(item)
        if inner is None or inner[1] is not _same:
            return pa.string(), _as_json  # lists of models: kept whole, as JSON text
        return pa.list_(inner[0]), _same
    simple: dict[Any, pa.DataType] = {
        str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()
    }
    if annotation in simple:
        return simple[annotation], _same
    if annotation is dt.date:
        return pa.date32(), iso_date
    return None


def _model_of(annotation: Any) -> type[BaseModel] | None:
    arms = get_args(annotation) if get_origin(annotation) in (Union, types.UnionType) else ()
    for candidate in (annotation, *arms):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def columns_of(
    model: type[BaseModel], prefix: str = "", path: tuple[str, ...] = (),
    skip: frozenset[str] = frozenset(), flatten: bool = False,
) -> list[Column]:
    """Flat columns of a model. Nested models become prefixed columns when `flatten`
    (the event), else one JSON text column: deep structures such as resolved places
    would otherwise explode into dozens of columns that change with every schema edit.
    """
    columns: list[Column] = []
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        nested = _model_of(field.annotation)
        if nested is not None and flatten:
            columns.extend(columns_of(nested, f"{prefix}{name}_", (*path, name), flatten=True))
            continue
        if nested is not None:
            columns.append(Column(f"{prefix}{name}", pa.string(), (*path, name), _as_json))
            continue
        # A type with no flat column (a new contract field, say) is kept whole as JSON
        # text rather than refused: the tables must never block a run.
        scalar = _scalar(field.annotation) or (pa.string(), _as_json)
        columns.append(Column(f"{prefix}{name}", scalar[0], (*path, name), scalar[1]))
    return columns


def _fact_models() -> dict[str, type[BaseModel]]:
    """Record fields that are lists of mentions: each becomes a table of its own."""
    facts: dict[str, type[BaseModel]] = {}
    for name, field in ArticleRecord.model_fields.items():
        if get_origin(field.annotation) is list:
            (item,) = get_args(field.annotation)
            if isinstance(item, type) and issubclass(item, BaseModel):
                facts[name] = item
    return facts


def _unique(columns: list[Column]) -> list[Column]:
    names = [column.name for column in columns]
    clashes = sorted({name for name in names if names.count(name) > 1})
    if clashes:
        raise TypeError(f"flattening the schema gives duplicate columns: {clashes}")
    return columns


FACT_MODELS = _fact_models()
_ARTICLE_SKIP = frozenset({*FACT_MODELS, "event"})

# The article's main place, flat, so dashboards group by province, district and ward
# without parsing JSON (the whole `places` structure stays in its JSON column).
PLACE_COLUMNS: list[Column] = [
    Column("article_map", pa.string(), ("places", "map"), _same),
    Column("place_chosen_because", pa.string(), ("places", "main_evidence"), _same),
    *columns_of(Place, "place_", ("places", "main"), flatten=True),
]
ARTICLE_COLUMNS: list[Column] = _unique([
    *columns_of(ArticleRecord, skip=_ARTICLE_SKIP),
    *columns_of(Event, "event_", ("event",), flatten=True),
    *PLACE_COLUMNS,
])
# Filled from the syndication pass, not from the record.
DUPLICATE_OF = Column("duplicate_of", pa.string(), (), _same)
_KEY_COLUMNS = [Column("article_id", pa.string(), (), _same), Column("idx", pa.int32(), (), _same)]
FACT_COLUMNS: dict[str, list[Column]] = {
    name: [*_KEY_COLUMNS, *columns_of(model)] for name, model in FACT_MODELS.items()
}
# Every place string of an article, resolved: one row each (`text` is the string).
PLACES_COLUMNS: list[Column] = _unique([
    Column("article_id", pa.string(), (), _same),
    *columns_of(Place, flatten=True),
])
EXTRA_SCHEMAS: dict[str, pa.Schema] = {
    "syndication": pa.schema([("article_id", pa.string()), ("duplicate_of", pa.string()),
                              ("similarity", pa.float64())]),
    "inputs": pa.schema([("key", pa.string()), ("source", pa.string()),
                         ("status", pa.string()), ("article_id", pa.string())]),
}


def schema(columns: list[Column]) -> pa.Schema:
    return pa.schema([(column.name, column.type) for column in columns])


def table_schemas() -> dict[str, pa.Schema]:
    """Every table written, with its columns in order."""
    return {
        "articles": schema([*ARTICLE_COLUMNS, DUPLICATE_OF]),
        **{name: schema(columns) for name, columns in FACT_COLUMNS.items()},
        "places": schema(PLACES_COLUMNS),
        **EXTRA_SCHEMAS,
    }


def _get(value: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _row(columns: list[Column], source: dict[str, Any]) -> Row:
    row: Row = {}
    for column in columns:
        path = column.path
        # Most columns are one key deep and kept as they are: the fast way (the table
        # build runs after the last article, so its time adds to every run's).
        value = source.get(path[0]) if len(path) == 1 else _get(source, path)
        row[column.name] = value if column.convert is _same else column.convert(value)
    return row


def article_row(record: dict[str, Any], duplicate_of: str | None) -> Row:
    row = _row(ARTICLE_COLUMNS, record)
    row[DUPLICATE_OF.name] = duplicate_of
    return row


def fact_rows(record: dict[str, Any]) -> Iterator[tuple[str, Row]]:
    """(table, row) for every mention of the record, with its position in its list."""
    article_id = record["article_id"]
    for name, columns in FACT_COLUMNS.items():
        for index, mention in enumerate(record.get(name) or []):
            row = _row(columns[2:], mention)
            row.update(article_id=article_id, idx=index)
            yield name, row
    for place in ((record.get("places") or {}).get("by_text") or {}).values():
        row = _row(PLACES_COLUMNS[1:], place)
        row["article_id"] = article_id
        yield "places", row
