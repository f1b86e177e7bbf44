"""The deal model's JSON Schema read as form fields: what each key holds, its limits, default and help text.

The deal builder draws its forms from these descriptions, so a field added to the model appears in the forms
without new code. Kinds: text, integer, number (a Decimal), boolean, choice (an enum), date, time, record (a nested
object), records (a list of objects), named (a mapping of name to object), named_values (a mapping of name to a
number), choices (a list of enum values) and lines (a list of text).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from principal.model import Deal

KINDS = frozenset(
    {
        "text",
        "integer",
        "number",
        "boolean",
        "choice",
        "date",
        "time",
        "record",
        "records",
        "named",
        "named_values",
        "choices",
        "lines",
    }
)


@dataclass(frozen=True)
class FieldSpec:
    """One key of a record as the schema describes it."""

    key: str
    record: str
    """The record (a `$defs` name, or `Deal`) the key belongs to: with `key`, the reference anchor."""
    kind: str
    title: str
    description: str
    required: bool
    nullable: bool
    has_default: bool
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    pattern: str | None = None
    options: tuple[str, ...] = ()
    target: str | None = None
    """For record, records and named kinds: the `$defs` name of the record they hold."""
    is_name: bool = False
    """Text that must be a short identifier (lower-case letters, digits, '-' and '_')."""
    item_kind: str = "text"
    """For lines: what each line holds (text, integer or number)."""

    @property
    def anchor(self) -> str:
        return f"{self.record.lower()}-{self.key}"

    @property
    def percent_like(self) -> bool:
        """A number read as a percentage: named so, or bounded 0 to 100."""
        return self.kind == "number" and (
            "percent" in self.key
            or (self.maximum == 100 and (self.minimum == 0 or self.exclusive_minimum == 0))
            or self.key in ("target", "below", "combined_target")
        )

    @property
    def is_scalar(self) -> bool:
        return self.kind in ("text", "integer", "number", "boolean", "choice", "date", "time")


@functools.cache
def deal_schema() -> dict[str, Any]:
    schema: dict[str, Any] = Deal.model_json_schema()
    return schema


def _definition(name: str) -> dict[str, Any]:
    schema = deal_schema()
    if name == "Deal":
        return schema
    found: dict[str, Any] = schema["$defs"][name]
    return found


def _ref_name(prop: dict[str, Any]) -> str | None:
    ref = prop.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _is_enum(name: str | None) -> bool:
    return name is not None and "enum" in _definition(name)


def _without_null(prop: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The non-null part of an optional property, and whether null is allowed."""
    options = prop.get("anyOf")
    if not isinstance(options, list):
        return prop, False
    rest = [option for option in options if option.get("type") != "null"]
    nullable = len(rest) < len(options)
    if len(rest) == 1:
        inner = dict(rest[0])
        for key in ("description", "title"):
            if key in prop and key not in inner:
                inner[key] = prop[key]
        return inner, nullable
    return {**prop, "anyOf": rest}, nullable


def _is_decimal(prop: dict[str, Any]) -> bool:
    options = prop.get("anyOf")
    if not isinstance(options, list):
        return False
    return {option.get("type") for option in options} == {"number", "string"}


def _number_limits(prop: dict[str, Any]) -> dict[str, float]:
    source = prop
    if _is_decimal(prop):
        source = next(option for option in prop["anyOf"] if option.get("type") == "number")
    return {
        key: float(source[key])
        for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
        if isinstance(source.get(key), int | float)
    }


def _kind(prop: dict[str, Any]) -> tuple[str, str | None]:
    """The field kind and, for records and enums, the definition it refers to."""
    ref = _ref_name(prop)
    if ref is not None:
        return ("choice", ref) if _is_enum(ref) else ("record", ref)
    if _is_decimal(prop):
        return "number", None
    kind = prop.get("type")
    if kind == "array":
        items = prop.get("items", {})
        item_ref = _ref_name(items)
        if item_ref is not None:
            return ("choices", item_ref) if _is_enum(item_ref) else ("records", item_ref)
        return "lines", None
    if kind == "object":
        inner = prop.get("additionalProperties")
        if not isinstance(inner, dict) and prop.get("patternProperties"):
            inner = next(iter(prop["patternProperties"].values()))
        if isinstance(inner, dict):
            inner_ref = _ref_name(inner)
            if inner_ref is not None and not _is_enum(inner_ref):
                return "named", inner_ref
            return "named_values", None
        return "named_values", None
    if kind == "string" and prop.get("format") in ("date", "time"):
        return str(prop["format"]), None
    if kind in ("integer", "number", "boolean"):
        return ("number" if kind == "number" else str(kind)), None
    return "text", None


def human_title(key: str) -> str:
    """`unit_price` -> `Unit price`."""
    words = key.replace("-", "_").split("_")
    text = " ".join(word for word in words if word)
    return text[:1].upper() + text[1:]


def _spec(record: str, key: str, prop: dict[str, Any], required: bool) -> FieldSpec:
    inner, nullable = _without_null(prop)
    kind, target = _kind(inner)
    limits = _number_limits(inner)
    options: tuple[str, ...] = ()
    if kind == "choice" and target is not None:
        options = tuple(str(v) for v in _definition(target)["enum"])
    elif kind == "choices" and target is not None:
        options = tuple(str(v) for v in _definition(target)["enum"])
    elif kind == "named" and target is not None and _is_enum(target):
        options = tuple(str(v) for v in _definition(target)["enum"])
    pattern = inner.get("pattern") if isinstance(inner.get("pattern"), str) else None
    item_kind = "text"
    if kind == "lines":
        item_kind, _ = _kind(inner.get("items", {}))
        item_kind = item_kind if item_kind in ("integer", "number") else "text"
    description = " ".join(str(prop.get("description") or inner.get("description") or "").split())
    return FieldSpec(
        key=key,
        record=record,
        kind=kind,
        title=human_title(key),
        description=description,
        required=required,
        nullable=nullable,
        has_default="default" in prop,
        default=prop.get("default"),
        minimum=limits.get("minimum"),
        maximum=limits.get("maximum"),
        exclusive_minimum=limits.get("exclusiveMinimum"),
        exclusive_maximum=limits.get("exclusiveMaximum"),
        pattern=pattern,
        options=options,
        target=target if kind in ("record", "records", "named") else None,
        is_name=bool(pattern and pattern.startswith("^[a-z0-9]")),
        item_kind=item_kind,
    )


@functools.cache
def record_fields(record: str) -> tuple[FieldSpec, ...]:
    """Every key of a record, in the model's order."""
    body = _definition(record)
    required = set(body.get("required", ()))
    return tuple(_spec(record, key, prop, key in required) for key, prop in body.get("properties", {}).items())


def record_description(record: str) -> str:
    return " ".join(str(_definition(record).get("description", "")).split())


def field_of(record: str, key: str) -> FieldSpec | None:
    return next((spec for spec in record_fields(record) if spec.key == key), None)


def spec_at(path: tuple[str, ...], root: str = "Deal") -> FieldSpec | None:
    """The field at a dotted key path below `root` (through records only), e.g. ('buyer', 'agents')."""
    record = root
    spec: FieldSpec | None = None
    for i, key in enumerate(path):
        spec = field_of(record, key)
        if spec is None:
            return None
        if i < len(path) - 1:
            if spec.kind != "record" or spec.target is None:
                return None
            record = spec.target
    return spec
