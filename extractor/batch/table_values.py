"""Record values to what a table column holds, never failing on a value the schema accepts.

The schema puts no bound on its numbers, and real articles write figures such as
"hàng tỷ tỷ USD" (10^18) or "25.873.329.250 tỷ đồng" (2.6 x 10^19), which Arrow
refuses as they come (a Python int beyond 2^53 into a double, beyond 2^63 into
an int64). So:

- a quantity (`int | float` in the schema: an indicator's value, its
  denominator) is a double column holding the nearest double, beside a string
  column `<name>_text` holding the exact decimal;
- an `int` (offsets, positions, counts, years, ages) is an int64 column; a value
  beyond it (±9.2 x 10^18, which no article means as a count, a year or an age)
  is stored as null and named in the article's `warnings` row (`Unstorable`);
- a double beyond a double's range (~1.8 x 10^308) is null, named likewise, and
  exact in its `_text` column.

The exact value stays in records.jsonl in every case.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
_SHOWN_DIGITS = 24


class Unstorable(ValueError):
    """A value its column's type cannot hold (the column gets null, the article a warning)."""


def same(value: Any) -> Any:
    return value


def iso_date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def as_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def int_text(value: int) -> str:
    """The decimal digits of any int (str() refuses beyond 4,300 digits)."""
    try:
        return str(value)
    except ValueError:
        return format(Decimal(value), "f")


def shown(value: int) -> str:
    """A number short enough for a warning: its digits, or its first ones and its size."""
    text = int_text(value)
    digits = len(text.lstrip("-"))
    return text if digits <= _SHOWN_DIGITS else f"{text[:12]}... ({digits} digits)"


def to_int64(value: Any) -> Any:
    if type(value) is int and not INT64_MIN <= value <= INT64_MAX:
        raise Unstorable(f"{shown(value)} is beyond the int64 column's range")
    return value


def to_float(value: Any) -> Any:
    """The nearest double of an int (Arrow refuses ints a double cannot hold exactly)."""
    if type(value) is int:
        try:
            return float(value)
        except OverflowError as error:
            raise Unstorable(f"{shown(value)} is beyond a double's range") from error
    return value


def decimal_text(value: Any) -> str | None:
    """The exact decimal of a number as the record holds it, without exponent:
    10**20 gives "100000000000000000000", 1e-07 gives "0.0000001"."""
    if value is None:
        return None
    if type(value) is int:
        return int_text(value)
    if type(value) is float:
        text = repr(value)  # the shortest text that reads back as this double
        if "e" in text and value == value and abs(value) != float("inf"):
            return format(Decimal(text), "f")
        return text
    return str(value)


def parse_int(text: str) -> int:
    """json.loads' reader of ints, for lines holding one of more than 4,300 digits."""
    try:
        return int(text)
    except ValueError:
        return int(Decimal(text))
