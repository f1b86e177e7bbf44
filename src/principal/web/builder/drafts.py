"""A form's state between the deal text and the browser: drafts of text, read into typed values field by field.

A draft mirrors the deal's data with every scalar as the text the form shows (or the user typed): a record is a
dict, a list of records a list of dicts, a mapping by name a list of dicts with the name under `KEY`, a mapping of
name to number a list of `{KEY, "value"}`, a list of choices a list of strings, a list of text one string with a
line each. Form fields are named by their path (`buyer.forecasts.0.expected`): entries of a mapping are numbered
like list items, so renaming one is editing its `KEY` field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from starlette.datastructures import FormData

from principal.store.yaml_edits import MISSING
from principal.web.builder.numbers import NumberNotRead, parse_number, show_number
from principal.web.builder.schema_fields import FieldSpec, record_fields

KEY = "__key"
COUNT = "__n"

Draft = Any


def form_key(prefix: str, key: str | int) -> str:
    return f"{prefix}.{key}" if prefix else str(key)


# --- data -> draft -------------------------------------------------------------------------------------------


def draft_of_value(spec: FieldSpec, value: Any, locale: str | None) -> Draft:
    """The draft of one field's stored value (MISSING or None: an empty draft)."""
    empty = value is MISSING or value is None
    if spec.kind in ("number", "integer"):
        return "" if empty else show_number(value, locale)
    if spec.kind == "boolean":
        return "" if empty else ("true" if value else "false")
    if spec.kind in ("text", "choice"):
        return "" if empty else str(value)
    if spec.kind == "date":
        return "" if empty else (value.isoformat() if isinstance(value, dt.date) else str(value))
    if spec.kind == "time":
        if empty:
            return ""
        return value.strftime("%H:%M") if isinstance(value, dt.time) else str(value)
    if spec.kind == "record":
        assert spec.target is not None
        return draft_of_record(spec.target, value if isinstance(value, Mapping) else {}, locale)
    if spec.kind == "records":
        assert spec.target is not None
        items = value if isinstance(value, list | tuple) else []
        return [draft_of_record(spec.target, item if isinstance(item, Mapping) else {}, locale) for item in items]
    if spec.kind == "named":
        assert spec.target is not None
        entries = value if isinstance(value, Mapping) else {}
        return [
            {KEY: str(name), **draft_of_record(spec.target, body if isinstance(body, Mapping) else {}, locale)}
            for name, body in entries.items()
        ]
    if spec.kind == "named_values":
        entries = value if isinstance(value, Mapping) else {}
        return [{KEY: str(name), "value": show_number(amount, locale)} for name, amount in entries.items()]
    if spec.kind == "choices":
        return [str(item) for item in value] if isinstance(value, list | tuple) else []
    if spec.kind == "lines":
        if not isinstance(value, list | tuple):
            return ""
        if spec.item_kind in ("integer", "number"):
            return "\n".join(show_number(item, locale) for item in value)
        return "\n".join(str(item) for item in value)
    return "" if empty else str(value)


def draft_of_record(record: str, data: Mapping[str, Any], locale: str | None) -> dict[str, Draft]:
    return {spec.key: draft_of_value(spec, data.get(spec.key, MISSING), locale) for spec in record_fields(record)}


# --- form -> draft -------------------------------------------------------------------------------------------


def _count(form: FormData, key: str) -> int:
    raw = form.get(form_key(key, COUNT))
    return int(raw) if isinstance(raw, str) and raw.isdigit() and int(raw) <= 500 else 0


def _text(form: FormData, key: str) -> str:
    raw = form.get(key)
    return raw if isinstance(raw, str) else ""


def draft_from_form(spec: FieldSpec, key: str, form: FormData) -> Draft:
    """The draft of a field as the submitted form has it."""
    if spec.is_scalar:
        return _text(form, key)
    if spec.kind == "record":
        assert spec.target is not None
        return record_from_form(spec.target, key, form)
    if spec.kind == "records":
        assert spec.target is not None
        return [record_from_form(spec.target, form_key(key, i), form) for i in range(_count(form, key))]
    if spec.kind == "named":
        assert spec.target is not None
        return [
            {KEY: _text(form, form_key(form_key(key, i), KEY)), **record_from_form(spec.target, form_key(key, i), form)}
            for i in range(_count(form, key))
        ]
    if spec.kind == "named_values":
        return [
            {
                KEY: _text(form, form_key(form_key(key, i), KEY)),
                "value": _text(form, form_key(form_key(key, i), "value")),
            }
            for i in range(_count(form, key))
        ]
    if spec.kind == "choices":
        return [value for value in form.getlist(key) if isinstance(value, str) and value in spec.options]
    return _text(form, key)


def record_from_form(record: str, prefix: str, form: FormData) -> dict[str, Draft]:
    return {spec.key: draft_from_form(spec, form_key(prefix, spec.key), form) for spec in record_fields(record)}


# --- list actions (add or remove an entry, then draw the form again) ------------------------------------------


def _walk(draft: Any, parts: list[str]) -> Any:
    node = draft
    for part in parts:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def apply_action(draft: dict[str, Draft], action: str, specs: Mapping[str, FieldSpec]) -> bool:
    """Apply `add:PATH` (a new empty entry) or `remove:PATH.N` to a draft; False when the action is not one."""
    verb, _, path = action.partition(":")
    parts = path.split(".")
    if verb not in ("add", "remove") or not path:
        return False
    try:
        if verb == "add":
            target = _walk(draft, parts)
            spec = specs.get(path)
            if not isinstance(target, list) or spec is None or (spec.target is None and spec.kind != "named_values"):
                return False
            if spec.kind == "named_values":
                target.append({KEY: "", "value": ""})
            else:
                assert spec.target is not None
                entry = draft_of_record(spec.target, {}, None)
                target.append({KEY: "", **entry} if spec.kind == "named" else entry)
            return True
        container = _walk(draft, parts[:-1])
        if not isinstance(container, list) or not parts[-1].isdigit() or int(parts[-1]) >= len(container):
            return False
        del container[int(parts[-1])]
        return True
    except (KeyError, IndexError, ValueError, TypeError):
        return False


# --- draft -> typed values -------------------------------------------------------------------------------------


@dataclass
class Reading:
    """Typed values read from a draft, and a message per form field that could not be read."""

    errors: dict[str, str] = field(default_factory=dict)


def read_value(spec: FieldSpec, draft: Draft, key: str, locale: str | None, reading: Reading) -> Any:
    """The typed value of a field's draft (MISSING when empty); unreadable input is noted in `reading`."""
    if spec.is_scalar:
        text = str(draft or "").strip()
        if not text:
            if spec.required and not spec.has_default:
                reading.errors[key] = "required" + ("; give it a name" if spec.key == "name" else "")
            return MISSING
        return _read_scalar(spec, text, key, locale, reading)
    if spec.kind == "record":
        assert spec.target is not None
        if is_empty(draft):
            return MISSING
        value = read_record(spec.target, draft or {}, key, locale, reading)
        return value if value else MISSING
    if spec.kind == "records":
        assert spec.target is not None
        items = [read_record(spec.target, item, form_key(key, i), locale, reading) for i, item in enumerate(draft)]
        return items if items else MISSING
    if spec.kind in ("named", "named_values"):
        out: dict[str, Any] = {}
        for i, entry in enumerate(draft or []):
            entry_key = form_key(key, i)
            name = str(entry.get(KEY, "")).strip()
            if not name:
                reading.errors[form_key(entry_key, KEY)] = "required; give it a name"
                continue
            if name in out:
                reading.errors[form_key(entry_key, KEY)] = f"the name {name!r} is used twice"
                continue
            if spec.kind == "named":
                assert spec.target is not None
                out[name] = read_record(spec.target, entry, entry_key, locale, reading)
            else:
                number = _read_number(str(entry.get("value", "")), form_key(entry_key, "value"), locale, reading)
                if number is not MISSING:
                    out[name] = number
        return out if out else MISSING
    if spec.kind == "choices":
        return list(draft) if draft else MISSING
    if spec.kind == "lines":
        lines = [line.strip() for line in str(draft or "").splitlines() if line.strip()]
        if spec.item_kind in ("integer", "number"):
            numbers = []
            for line in lines:
                number = _read_number(line, key, locale, reading)
                if number is MISSING:
                    return MISSING
                if spec.item_kind == "integer" and number != number.to_integral_value():
                    reading.errors[key] = f"each line must be a whole number (got {line[:40]})"
                    return MISSING
                numbers.append(int(number) if spec.item_kind == "integer" else number)
            return numbers if numbers else MISSING
        return lines if lines else MISSING
    return MISSING


def is_empty(draft: Draft) -> bool:
    """A draft with nothing entered anywhere in it (a record left blank means the term is not stated)."""
    if isinstance(draft, dict):
        return all(is_empty(value) for key, value in draft.items() if not key.startswith("__"))
    if isinstance(draft, list):
        return not draft
    return not str(draft or "").strip()


def read_record(record: str, draft: Mapping[str, Draft], prefix: str, locale: str | None, reading: Reading) -> dict:  # type: ignore[type-arg]
    out: dict[str, Any] = {}
    for spec in record_fields(record):
        value = read_value(spec, draft.get(spec.key, ""), form_key(prefix, spec.key), locale, reading)
        if value is not MISSING:
            out[spec.key] = value
    return out


def _read_number(text: str, key: str, locale: str | None, reading: Reading, *, percent: bool = False) -> Any:
    if not text.strip():
        return MISSING
    try:
        return parse_number(text, locale, percent=percent)
    except NumberNotRead as exc:
        reading.errors[key] = str(exc)
        return MISSING


def _read_scalar(spec: FieldSpec, text: str, key: str, locale: str | None, reading: Reading) -> Any:
    if spec.kind == "number":
        return _read_number(text, key, locale, reading, percent=spec.percent_like)
    if spec.kind == "integer":
        number = _read_number(text, key, locale, reading)
        if number is MISSING:
            return MISSING
        if number != number.to_integral_value():
            reading.errors[key] = f"must be a whole number (got {text[:40]})"
            return MISSING
        return int(number)
    if spec.kind == "boolean":
        if text not in ("true", "false"):
            reading.errors[key] = "choose yes or no"
            return MISSING
        return text == "true"
    if spec.kind == "choice":
        if spec.options and text not in spec.options:
            reading.errors[key] = "choose one of the listed values"
            return MISSING
        return text
    if spec.kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            reading.errors[key] = f"must be a date written YYYY-MM-DD (got {text[:40]!r})"
            return MISSING
    if spec.kind == "time":
        try:
            return dt.time.fromisoformat(text).strftime("%H:%M")
        except ValueError:
            reading.errors[key] = f"must be a time written HH:MM (got {text[:40]!r})"
            return MISSING
    return text


def same_value(old: Any, new: Any) -> bool:
    """Whether a stored value and a value read from the form mean the same (so the stored text is kept)."""
    if old is MISSING or old is None:
        return new is MISSING or new is None
    if new is MISSING or new is None:
        return False
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return set(old) == set(new) and all(same_value(old[k], new[k]) for k in old)
    if isinstance(old, list | tuple) and isinstance(new, list | tuple):
        return len(old) == len(new) and all(same_value(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    if isinstance(old, int | float | Decimal) and isinstance(new, int | float | Decimal):
        return Decimal(str(old)) == Decimal(str(new))
    if isinstance(old, dt.date | dt.time) or isinstance(new, dt.date | dt.time):
        return _iso(old) == _iso(new)
    return str(old) == str(new)


def _iso(value: Any) -> str:
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
