"""Flat tables from records: one row per article, one table per fact type.

Columns are derived from the Pydantic models in `schemas/`, so a field added
to the contract becomes a column without code here (docs/batch.md lists them,
and a test checks the list against the tables). Nested models are flattened
with their field name as prefix (`event_date_value`); lists of strings stay
lists; enums become their string value. Rows are built from the records' JSON
(already validated when written), which is much faster than re-validating.
Numbers of any size are stored (see extractor.batch.table_values): a quantity
(`int | float`) is a double beside its exact decimal text (`value`, `value_text`).
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel

from extractor.batch.table_values import (
    Unstorable,
    as_json,
    decimal_text,
    iso_date,
    same,
    to_float,
    to_int64,
)
from schemas import ArticleRecord, Event, Place

Row = dict[str, Any]
TEXT_SUFFIX = "_text"  # the exact decimal column beside a quantity's double


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    path: tuple[str, ...]  # keys leading to the value in a record (or mention) dict
    convert: Callable[[Any], Any]


def _is_quantity(annotation: Any) -> bool:
    """`int | float` (None optional): a figure as written, of any size."""
    if get_origin(annotation) not in (Union, types.UnionType):
        return False
    return {arm for arm in get_args(annotation) if arm is not type(None)} == {int, float}


def _scalar(annotation: Any) -> tuple[pa.DataType, Callable[[Any], Any]] | None:
    """Arrow type of a plain annotation (None optional stripped), or None if not scalar."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        arms = [arm for arm in get_args(annotation) if arm is not type(None)]
        if len(arms) == 1:
            return _scalar(arms[0])
        return pa.string(), as_json
    if origin is Literal or (isinstance(annotation, type) and issubclass(annotation, Enum)):
        return pa.string(), same
    if origin is list:
        (item,) = get_args(annotation)
        inner = _scalar(item)
        if inner is None or inner[1] is not same:
            return pa.string(), as_json  # lists of models or numbers: kept whole, as JSON text
        return pa.list_(inner[0]), same
    simple: dict[Any, tuple[pa.DataType, Callable[[Any], Any]]] = {
        str: (pa.string(), same), int: (pa.int64(), to_int64),
        float: (pa.float64(), to_float), bool: (pa.bool_(), same),
    }
    if annotation in simple:
        return simple[annotation]
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
            columns.append(Column(f"{prefix}{name}", pa.string(), (*path, name), as_json))
            continue
        if _is_quantity(field.annotation):
            columns.append(Column(f"{prefix}{name}", pa.float64(), (*path, name), to_float))
            columns.append(Column(f"{prefix}{name}{TEXT_SUFFIX}", pa.string(), (*path, name),
                                  decimal_text))
            continue
        # A type with no flat column (a new contract field, say) is kept whole as JSON
        # text rather than refused: the tables must never block a run.
        scalar = _scalar(field.annotation) or (pa.string(), as_json)
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
    Column("article_map", pa.string(), ("places", "map"), same),
    Column("place_chosen_because", pa.string(), ("places", "main_evidence"), same),
    *columns_of(Place, "place_", ("places", "main"), flatten=True),
]
ARTICLE_COLUMNS: list[Column] = _unique([
    *columns_of(ArticleRecord, skip=_ARTICLE_SKIP),
    *columns_of(Event, "event_", ("event",), flatten=True),
    *PLACE_COLUMNS,
])
# Filled from the syndication pass, not from the record.
DUPLICATE_OF = Column("duplicate_of", pa.string(), (), same)
_KEY_COLUMNS = [Column("article_id", pa.string(), (), same), Column("idx", pa.int32(), (), same)]
FACT_COLUMNS: dict[str, list[Column]] = {
    name: [*_KEY_COLUMNS, *columns_of(model)] for name, model in FACT_MODELS.items()
}
# Every place string of an article, resolved: one row each (`text` is the string).
PLACES_COLUMNS: list[Column] = _unique([
    Column("article_id", pa.string(), (), same),
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


def _row(columns: list[Column], source: dict[str, Any], notes: list[str], where: str) -> Row:
    row: Row = {}
    for column in columns:
        path = column.path
        # Most columns are one key deep and kept as they are: the fast way (this runs
        # in the parent for every mention, while the workers extract).
        value = source.get(path[0]) if len(path) == 1 else _get(source, path)
        if column.convert is same:
            row[column.name] = value
            continue
        try:
            row[column.name] = column.convert(value)
        except Unstorable as error:
            row[column.name] = None
            exact = f"{column.name}{TEXT_SUFFIX} and " if column.convert is to_float else ""
            notes.append(f"tables: {where}{column.name} {error}: null in the table, exact "
                         f"in {exact}records.jsonl")
    return row


def record_rows(record: dict[str, Any]) -> tuple[Row, list[tuple[str, Row]]]:
    """The `articles` row of a record (without `duplicate_of`) and (table, row) for
    each of its mentions and places. A value no column can hold is null in its row
    and named in the article row's `warnings`."""
    notes: list[str] = []
    facts = list(fact_rows(record, notes))
    article = _row(ARTICLE_COLUMNS, record, notes, "")
    if notes:
        article["warnings"] = [*(article.get("warnings") or []), *notes]
    return article, facts


def fact_rows(record: dict[str, Any], notes: list[str]) -> Iterator[tuple[str, Row]]:
    """(table, row) for every mention of the record, with its position in its list."""
    article_id = record["article_id"]
    for name, columns in FACT_COLUMNS.items():
        for index, mention in enumerate(record.get(name) or []):
            row = _row(columns[2:], mention, notes, f"{name}[{index}].")
            row.update(article_id=article_id, idx=index)
            yield name, row
    for place in ((record.get("places") or {}).get("by_text") or {}).values():
        row = _row(PLACES_COLUMNS[1:], place, notes, "places.")
        row["article_id"] = article_id
        yield "places", row
