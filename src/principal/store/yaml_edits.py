"""Changing a deal's YAML text in place: round-trip parsing keeps comments, order and layout, so a saved form
changes only the lines of the values it changed.

`merge_value` writes a new value over an old one as narrowly as it can: a mapping key by key, a list of the same
length item by item (a list whose length changed is replaced whole), a scalar only when its meaning changed
(`0.0120` stays as written when the form says 0.012).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.tokens import CommentToken


class _Missing:
    """No value: a key that is absent (an empty form field removes its key; unknown stays unknown)."""

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, text)


# Indentation styles tried in turn (mapping, sequence, dash offset); the first that reproduces the text is kept.
LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 0))


def _round_trip_yaml(mapping: int, sequence: int, offset: int) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.representer.add_representer(Decimal, _represent_decimal)
    return yaml


def dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def round_trip_for(text: str) -> YAML:
    """A round-trip YAML writer set to the text's own indentation, so unchanged lines stay unchanged."""
    for layout in LAYOUTS:
        yaml = _round_trip_yaml(*layout)
        if dump(yaml, yaml.load(text)) == text:
            return yaml
    return _round_trip_yaml(*LAYOUTS[0])


def _last_slot(node: Any) -> tuple[Any, Any, int] | None:
    """The innermost last (container, key, comment index) of a block, where its trailing blank lines are kept."""
    slot = None
    while isinstance(node, CommentedMap | CommentedSeq) and len(node):
        key: Any = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
        slot = (node, key, 2 if isinstance(node, CommentedMap) else 0)
        node = node[key]
        if isinstance(node, CommentedMap | CommentedSeq) and node.fa.flow_style():
            break  # a {flow} or [flow] value ends on its own line: its blank lines belong after it
    return slot


def take_trailing_blank_lines(body: Any) -> Any:
    """Detach the blank lines that end an offer's block, so keys added to the offer go above them."""
    slot = _last_slot(body)
    if slot is None:
        return None
    node, key, index = slot
    entry = node.ca.items.get(key)
    token = entry[index] if entry is not None and len(entry) > index else None
    if token is None or not isinstance(token, CommentToken) or not token.value.endswith("\n\n"):
        return None
    head, _, _ = token.value.partition("\n")
    blanks = copy.copy(token)
    blanks.value = "\n" + token.value[len(head) + 1 :]
    if head:
        token.value = head + "\n"
    else:
        entry[index] = None
    return blanks


def put_trailing_blank_lines(body: Any, blanks: Any) -> None:
    slot = _last_slot(body)
    if slot is None:
        return
    node, key, index = slot
    entry = node.ca.items.setdefault(key, [None, None, None, None])
    token = entry[index]
    if isinstance(token, CommentToken):
        token.value = token.value.rstrip("\n") + blanks.value
    else:
        entry[index] = blanks


def resolved_key(offers: Any, name: str, key: str, seen: tuple[str, ...] = ()) -> Any:
    """The value `key` takes in an offer once `extends` is applied (mappings merged, everything else replaced)."""
    body = offers.get(name)
    if not isinstance(body, dict) or name in seen:
        return None
    own = body.get(key)
    parent = body.get("extends")
    base = resolved_key(offers, parent, key, (*seen, name)) if isinstance(parent, str) else None
    if own is None:
        return base
    return _overlay(copy.deepcopy(base), own) if base is not None else own


def _overlay(base: Any, top: Any) -> Any:
    if isinstance(base, dict) and isinstance(top, dict):
        for key, value in top.items():
            base[key] = _overlay(base[key], value) if key in base else copy.deepcopy(value)
        return base
    return copy.deepcopy(top)


def load(text: str) -> tuple[YAML, Any]:
    """A round-trip writer set to the text's layout, and the text's data."""
    yaml = round_trip_for(text)
    return yaml, yaml.load(text)


def to_node(value: Any) -> Any:
    """A plain value as round-trip YAML nodes (lists of scalars written [inline])."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = to_node(item)
        return node
    if isinstance(value, list | tuple):
        seq = CommentedSeq(to_node(item) for item in value)
        if all(not isinstance(item, Mapping | list | tuple) for item in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, Decimal) and value == value.to_integral_value() and "." not in str(value):
        return int(value)
    return value


def same(old: Any, new: Any) -> bool:
    """Whether a stored node and a plain value mean the same."""
    if old is MISSING or old is None:
        return new is MISSING or new is None
    if new is MISSING or new is None:
        return False
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return set(old) == set(new) and all(same(old[k], new[k]) for k in old)
    if isinstance(old, list | tuple) and isinstance(new, list | tuple):
        return len(old) == len(new) and all(same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, bool) or isinstance(new, bool):
        return bool(old) is bool(new) and isinstance(old, bool) and isinstance(new, bool)
    if isinstance(old, int | float | Decimal) and isinstance(new, int | float | Decimal):
        return Decimal(str(old)) == Decimal(str(new))
    if isinstance(old, dt.date) or isinstance(new, dt.date):
        return str(old) == str(new)
    return str(old) == str(new)


def merge_value(container: Any, key: Any, new: Any, changed: list[str], where: str = "") -> None:
    """Set `container[key]` to `new` (MISSING removes it), touching only what differs; paths changed are noted."""
    present = key in container if isinstance(container, Mapping) else key < len(container)
    old = container[key] if present else MISSING
    here = f"{where}.{key}" if where else str(key)
    if same(old, new):
        return
    if new is MISSING:
        if present:
            del container[key]
            changed.append(here)
        return
    if isinstance(old, CommentedMap) and isinstance(new, Mapping):
        for sub in list(old):
            if sub not in new:
                del old[sub]
                changed.append(f"{here}.{sub}")
        for sub, value in new.items():
            merge_value(old, sub, value, changed, here)
        return
    if isinstance(old, CommentedSeq) and isinstance(new, list | tuple) and len(old) == len(new):
        if old.fa.flow_style() and all(not isinstance(item, Mapping | list) for item in new):
            container[key] = to_node(list(new))
            changed.append(here)
            return
        for i, value in enumerate(new):
            merge_value(old, i, value, changed, here)
        return
    container[key] = to_node(new)
    changed.append(here)


def rename_key(mapping: CommentedMap, old: str, new: str) -> None:
    """Rename a key where it stands, keeping its value, comments and the order of the mapping."""
    items = list(mapping.items())
    position = [key for key, _ in items].index(old)
    value = mapping[old]
    del mapping[old]
    mapping.insert(position, new, value)
