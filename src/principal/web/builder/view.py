"""What a builder form draws: a tree of inputs built from the schema and a draft, with messages by the fields.

Templates walk the tree (`_builder_fields.html`); nothing here is HTML. Each input's help is the model's
description with a link to its row of the reference (`/reference#license-unit_price`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from principal.web.builder.drafts import KEY, Draft, form_key
from principal.web.builder.layout import label_for, unit_for
from principal.web.builder.numbers import show_number
from principal.web.builder.schema_fields import FieldSpec, record_fields, spec_at
from principal.web.labels import label as code_label


@dataclass(frozen=True)
class Context:
    currency: str
    locale: str | None
    errors: Mapping[str, str]
    warnings: Mapping[str, str]
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Names a field may refer to (forecasts, offers, components, meters), offered as choices."""


@dataclass(frozen=True)
class Item:
    key: str
    title: str
    name: Node | None
    children: tuple[Node, ...]
    remove: str
    was: str = ""


@dataclass(frozen=True)
class Node:
    key: str
    spec: FieldSpec
    label: str
    help: str
    unit: str
    control: str
    """text, number, date, time, select, checkboxes, textarea, record or list."""
    value: Any = ""
    options: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""
    children: tuple[Node, ...] = ()
    items: tuple[Item, ...] = ()
    add: str = ""
    add_label: str = ""
    error: str | None = None
    warning: str | None = None
    list_name: str = ""

    @property
    def id(self) -> str:
        return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", self.key)

    @property
    def anchor(self) -> str:
        return self.spec.anchor

    @property
    def required(self) -> bool:
        return self.spec.required and not self.spec.has_default


def _noun(record: str) -> str:
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", record)
    text = " ".join(words).lower()
    return {"license": "licence", "sla": "SLA"}.get(text, text)


def _article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _default_text(spec: FieldSpec, locale: str | None) -> str:
    if not spec.has_default or spec.default in (None, [], {}):
        return ""
    value = spec.default
    if spec.kind in ("number", "integer"):
        return show_number(value, locale)
    if spec.kind == "boolean":
        return "yes" if value else "no"
    if spec.kind == "choice":
        return code_label(value)
    if spec.kind == "choices" and isinstance(value, list):
        return ", ".join(code_label(v) for v in value)
    return str(value)


def _choice_options(spec: FieldSpec, ctx: Context, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    default = _default_text(spec, ctx.locale)
    if spec.required and not spec.has_default:
        first = ("", "Choose…")
    elif default:
        first = ("", f"Default: {default}")
    else:
        first = ("", "Not set")
    return (first, *((value, code_label(value) if spec.kind == "choice" else value) for value in values))


def _help(spec: FieldSpec) -> str:
    return spec.description


def build_node(spec: FieldSpec, draft: Draft, key: str, ctx: Context) -> Node:
    """The input (or group of inputs) of one field."""
    base: dict[str, Any] = {
        "key": key,
        "spec": spec,
        "label": label_for(spec),
        "help": _help(spec),
        "unit": unit_for(spec, ctx.currency),
        "error": ctx.errors.get(key),
        "warning": ctx.warnings.get(key),
    }
    default = _default_text(spec, ctx.locale)
    if spec.kind in ("number", "integer"):
        return Node(control="number", value=draft or "", placeholder=default and f"default {default}", **base)
    if spec.kind == "boolean":
        if spec.nullable:
            first = ("", "Unknown (not stated)")
        elif default:
            first = ("", f"Default: {default}")
        else:
            first = ("", "Choose…")
        options: tuple[tuple[str, str], ...] = (first, ("true", "Yes"), ("false", "No"))
        return Node(control="select", value=draft or "", options=options, **base)
    if spec.kind == "choice":
        return Node(control="select", value=draft or "", options=_choice_options(spec, ctx, spec.options), **base)
    if spec.kind == "text" and spec.key in ctx.names and spec.is_name:
        names = ctx.names[spec.key]
        current = str(draft or "")
        values = names if not current or current in names else (*names, current)
        return Node(control="select", value=current, options=_choice_options(spec, ctx, values), **base)
    if spec.kind in ("date", "time"):
        return Node(control=spec.kind, value=draft or "", placeholder=default, **base)
    if spec.kind == "text":
        return Node(control="text", value=draft or "", placeholder=default and f"default {default}", **base)
    if spec.kind == "record":
        assert spec.target is not None
        children = _children(spec.target, draft or {}, key, ctx)
        return Node(control="record", children=children, **base)
    if spec.kind == "choices":
        options = tuple((value, code_label(value)) for value in spec.options)
        return Node(control="checkboxes", value=list(draft or []), options=options, placeholder=default, **base)
    if spec.kind == "lines":
        return Node(control="textarea", value=draft or "", placeholder="one a line", **base)
    return _list_node(spec, draft or [], key, ctx, base)


def _list_node(spec: FieldSpec, draft: list[Any], key: str, ctx: Context, base: dict[str, Any]) -> Node:
    noun = _noun(spec.target) if spec.target else "entry"
    items = []
    for i, entry in enumerate(draft):
        entry_key = form_key(key, i)
        name_node = None
        if spec.kind in ("named", "named_values"):
            name_spec = FieldSpec(
                key=KEY,
                record=spec.record,
                kind="text",
                title="Name",
                description="A short identifier: lower-case letters, digits, '-' and '_'.",
                required=True,
                nullable=False,
                has_default=False,
                default=None,
                is_name=True,
            )
            name_key = form_key(entry_key, KEY)
            name_node = Node(
                key=name_key,
                spec=name_spec,
                label=f"Name of this {noun}" if spec.kind == "named" else "Name",
                help=name_spec.description,
                unit="",
                control="text",
                value=entry.get(KEY, ""),
                error=ctx.errors.get(name_key),
            )
        if spec.kind == "named_values":
            value_spec = FieldSpec(
                key="value",
                record=spec.record,
                kind="number",
                title="Value",
                description=spec.description,
                required=True,
                nullable=False,
                has_default=False,
                default=None,
            )
            children: tuple[Node, ...] = (
                build_node(value_spec, entry.get("value", ""), form_key(entry_key, "value"), ctx),
            )
        else:
            assert spec.target is not None
            children = _children(spec.target, entry, entry_key, ctx)
        shown = entry.get(KEY) or entry.get("name") or ""
        title = f"{noun[:1].upper()}{noun[1:]} {i + 1}" + (f": {shown}" if shown else "")
        was = str(entry.get("__was", "")) if spec.kind == "named" else ""
        items.append(Item(entry_key, title, name_node, children, f"remove:{entry_key}", was))
    return Node(
        control="list",
        items=tuple(items),
        add=f"add:{key}",
        add_label=f"Add {_article(noun)}",
        list_name=noun,
        **base,
    )


def _children(record: str, draft: Mapping[str, Any], prefix: str, ctx: Context) -> tuple[Node, ...]:
    return tuple(
        build_node(spec, draft.get(spec.key, ""), form_key(prefix, spec.key), ctx) for spec in record_fields(record)
    )


def section_nodes(root: str, paths: list[str], draft: Mapping[str, Any], ctx: Context) -> tuple[Node, ...]:
    """The inputs of one form section: each listed path (dotted below `root`) with its draft."""
    out = []
    for path in paths:
        spec = spec_at(tuple(path.split(".")), root)
        if spec is None:
            continue
        out.append(build_node(spec, draft_at(draft, path), path, ctx))
    return tuple(out)


def draft_at(draft: Mapping[str, Any], path: str) -> Any:
    node: Any = draft
    for part in path.split("."):
        node = node.get(part, "") if isinstance(node, Mapping) else ""
    return node


PATH_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def split_path(text: str) -> list[str | int]:
    """`offers.final.licenses[0].unit_price` -> ['offers', 'final', 'licenses', 0, 'unit_price']."""
    return [int(index) if index else name for index, name in PATH_PART.findall(text)]


def form_key_for(root: str, draft: Mapping[str, Any], parts: list[str | int]) -> str | None:
    """The form field a data path (a problem's or a warning's) is about, or the nearest enclosing one shown."""
    record: str | None = root
    node: Any = draft
    keys: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if record is None or not isinstance(part, str):
            break
        spec = next((s for s in record_fields(record) if s.key == part), None)
        if spec is None:
            break
        keys.append(part)
        node = node.get(part) if isinstance(node, Mapping) else None
        record = spec.target
        i += 1
        if spec.kind in ("records", "named", "named_values") and i < len(parts):
            index = _entry_index(spec, node, parts[i])
            if index is None:
                break
            keys.append(str(index))
            node = node[index] if isinstance(node, list) and index < len(node) else None
            i += 1
            if spec.kind == "named_values":
                keys.append("value")
                break
    return ".".join(keys) if keys else None


def _entry_index(spec: FieldSpec, node: Any, part: str | int) -> int | None:
    if spec.kind == "records":
        return part if isinstance(part, int) else None
    if not isinstance(node, list):
        return None
    for index, entry in enumerate(node):
        if isinstance(entry, Mapping) and str(entry.get(KEY, "")).strip() == str(part):
            return index
    return None
