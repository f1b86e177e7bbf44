"""The one JSON encoder: every result, record and statement Principal outputs as JSON goes through `to_jsonable`.

- `Amount` becomes its figure rounded half-up to the currency's minor unit, as a decimal string ("64800.00";
  "12345" for JPY); the currency is stated once by the result that holds it.
- Other `Decimal`s become exact decimal strings, so no cent is lost to binary floats.
- `Statement`s become {"text", "template", "values"}: the text in words when the caller passes a renderer.
- Dataclasses and pydantic models become objects of their fields; enums their values; dates ISO 8601.
- Floats that are not finite (inf, nan) become null: the output is always valid JSON (RFC 8259).

Neutral: the CLI, the web app and the exports all use it; it imports only other neutral modules.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import PurePath
from typing import Any

from principal.money import Amount, round_money
from principal.statements import Count, Percent, Share, Spoken, Statement, UnitPrice, spoken_figure

TextOf = Callable[[Statement], str]


def to_jsonable(value: Any, text: TextOf | None = None) -> Any:
    """Plain JSON values for `value`; `text` turns a statement into words (omitted: only template and values)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Amount):
        return format(round_money(value.number, value.currency), "f")
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else None
    if isinstance(value, Statement):
        out: dict[str, Any] = {}
        if text is not None:
            out["text"] = text(value)
        out["template"] = value.template
        out["values"] = {name: to_jsonable(v, text) for name, v in value.values}
        return out
    if isinstance(value, UnitPrice):
        return format(value.amount.number.normalize(), "f")
    if isinstance(value, Spoken):  # the figure as it is said aloud, never more exact
        return format(spoken_figure(value.amount.number), "f")
    if isinstance(value, Percent | Count):
        return to_jsonable(value.value, text)
    if isinstance(value, Share):
        return to_jsonable(value.value, text)
    if isinstance(value, Enum):
        return to_jsonable(value.value, text)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name), text) for f in dataclasses.fields(value)}
    if hasattr(value, "model_dump") and hasattr(type(value), "model_fields"):  # a pydantic model
        return {name: to_jsonable(getattr(value, name), text) for name in type(value).model_fields}
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v, text) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [to_jsonable(v, text) for v in items]
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return to_jsonable(value.tolist(), text)
    raise TypeError(f"no JSON form for {type(value).__name__}")


def dumps(value: Any, text: TextOf | None = None, *, indent: int | None = 2) -> str:
    """`value` as JSON text (UTF-8 characters kept, NaN and infinities refused after conversion)."""
    return json.dumps(to_jsonable(value, text), indent=indent, ensure_ascii=False, allow_nan=False)
