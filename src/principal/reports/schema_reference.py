"""The deal-file reference in Markdown, generated from the model's JSON Schema (docs/deal-file.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from principal.model.deal import Deal

INTRO = """# Deal file reference

A deal file is YAML (or JSON) describing the buyer's operation and every version of the vendor's offer.
This page is generated from the model by `principal schema --markdown`; do not edit it by hand.
Unknown keys are errors. Amounts are in the deal's `currency`; percentages are written as numbers (5 means 5%).
Every number has at most 30 digits and lies between 1e-30 and 1e30 (or is 0); amounts are at most
1,000,000,000,000,000, prices per unit and counts at most 1,000,000,000,000. A file is at most 1 MiB, 20,000 lines
and 20,000 values (an alias counts as every value it repeats), nested at most 64 levels, with no control
characters, no duplicate anchors and no YAML tags other than the plain types (`!!str`, `!!int`...).
An offer may `extends:` an earlier one: it copies that offer and changes only the keys it gives (lists are
replaced whole, mappings are merged key by key).

See `examples/ccaas-450/deal.yaml` for a complete example, and `examples/multi-region/deal.yaml` for competing bids
with waves, usage minimums, a surcharge and incumbent notice terms.
"""


def _type(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """The type column: records link to their section; enumerations list every value they accept."""
    if "$ref" in prop:
        name = prop["$ref"].split("/")[-1]
        target = defs.get(name, {})
        if "enum" in target:
            return _type(target, defs)
        return f"[{name}](#{name.lower()})"
    if "anyOf" in prop:
        kinds = [p.get("type") for p in prop["anyOf"]]
        if "number" in kinds and "string" in kinds:  # a Decimal: written as a number
            return "number" + (" (optional)" if "null" in kinds else "")
        options = [_type(p, defs) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(options) + (" (optional)" if any(p.get("type") == "null" for p in prop["anyOf"]) else "")
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return f"list of {_type(prop.get('items', {}), defs)}"
    if kind == "object":
        inner = prop.get("additionalProperties")
        if not isinstance(inner, dict) and prop.get("patternProperties"):
            inner = next(iter(prop["patternProperties"].values()))
        keys = prop.get("propertyNames")
        key = f"key ({_type(keys, defs)})" if isinstance(keys, dict) and keys else "name"
        return f"mapping of {key} to {_type(inner, defs)}" if isinstance(inner, dict) else "mapping"
    if kind == "string" and prop.get("format") in ("date", "time"):
        return str(prop["format"])
    if kind == "string" and "pattern" in prop:
        return "name" if prop["pattern"].startswith("^[a-z0-9]") else "text"
    if isinstance(kind, str):
        return {"number": "number", "integer": "whole number", "string": "text", "boolean": "true/false"}.get(
            kind, kind
        )
    return "value"


def _limits(prop: dict[str, Any]) -> str:
    target = prop
    if "anyOf" in prop:
        target = next((p for p in prop["anyOf"] if p.get("type") != "null"), prop)
    parts = []
    for key, sign in (("minimum", ">="), ("exclusiveMinimum", ">"), ("maximum", "<="), ("exclusiveMaximum", "<")):
        if key in target:
            parts.append(f"{sign} {_bound(target[key])}")
    return ", ".join(parts)


def _bound(value: Any) -> str:
    """1,000,000,000,000 rather than 1000000000000.0 for the large round bounds."""
    if isinstance(value, int | float) and value == int(value) and abs(value) >= 10_000:
        return f"{int(value):,}"
    return str(value)


def _default(prop: dict[str, Any], required: bool) -> str:
    if "default" not in prop:
        return "**required**" if required else "empty"
    value = prop["default"]
    if value is None:
        return ""
    if value in ([], {}):
        return "empty"
    return f"`{value}`"


@dataclass(frozen=True)
class ReferenceRow:
    key: str
    type: str
    default: str
    limits: str
    meaning: str


@dataclass(frozen=True)
class ReferenceSection:
    name: str
    description: str
    rows: tuple[ReferenceRow, ...]


def reference_sections() -> tuple[ReferenceSection, ...]:
    """Every record of the deal model with its keys: what docs/deal-file.md and the app's /reference show."""
    schema = Deal.model_json_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    out = []
    for name, body in [("Deal", schema), *sorted(defs.items())]:
        if "properties" not in body:
            continue
        required = set(body.get("required", ()))
        rows = tuple(
            ReferenceRow(
                key,
                _type(prop, defs),
                _default(prop, key in required),
                _limits(prop),
                " ".join(str(prop.get("description", "")).split()),
            )
            for key, prop in body["properties"].items()
        )
        out.append(ReferenceSection(name, " ".join(str(body.get("description", "")).split()), rows))
    return tuple(out)


def markdown_reference() -> str:
    out = [INTRO]
    for section in reference_sections():
        out.append(f"## {section.name}\n")
        if section.description:
            out.append(section.description + "\n")
        out.append("| key | type | default | limits | meaning |")
        out.append("|---|---|---|---|---|")
        for row in section.rows:
            cells = [f"`{row.key}`", row.type, row.default, row.limits, row.meaning.replace("|", "\\|")]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
