"""A YAML reader whose work is bounded while it reads, so a small hostile file is refused before it costs anything.

While composing (before any Python value is built) it counts every value, with each alias counted as the size of
the value it repeats, and the nesting depth; it refuses a second anchor of the same name, an alias inside its own
anchor, tags other than the plain YAML types, and numbers beyond what a deal can hold (too many digits, or an
exponent that would make a billion-digit integer). While constructing, a scalar that cannot be read (`!!bool text`,
2027-02-30) becomes a `Refused` value carrying its position, so the loader reports it with its field path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from principal.loader.problems import shorten as shown
from principal.model.common import MAX_DIGITS, MAX_EXPONENT

MAX_DEPTH = 64
MAX_NODES = 20_000
"""Values a file may expand to (the example deal has 757). Aliases re-use a value, so a tiny file could expand to
billions ("YAML bombs"); and the reader is pure Python (about 60 microseconds a value), so this also keeps the
reading of any accepted file near one CPU-second."""
MAX_LINES = 20_000
"""Lines a file may have (the example deal has 313); the reader slows down more than linearly on long comment runs."""

_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_PLAIN_TAGS.add("!")
_NUMBER_TAGS = {f"{_CORE}int", f"{_CORE}float"}
_DECIMAL = re.compile(r"[+-]?(?P<mantissa>[0-9_]*\.?[0-9_]*)(?:[eE](?P<exponent>[+-]?[0-9_]+))?")
_WHAT = {
    f"{_CORE}bool": "true or false",
    f"{_CORE}int": "a whole number",
    f"{_CORE}float": "a number",
    f"{_CORE}null": "null",
    f"{_CORE}timestamp": "a real date (YYYY-MM-DD) or time",
}

PathPart = str | int


class Refusal(Exception):
    """The reader stopped at a value it will not read: where it stands, its field path and why."""

    def __init__(self, line: int, column: int, path: tuple[PathPart, ...], message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Refused:
    """A scalar that could not be read, left in the data where it stood (1-based line and column)."""

    line: int
    column: int
    message: str


def number_problem(text: str, tag: str) -> str | None:
    """Why a YAML number is beyond what Principal reads, or None. Cheap: looks at the text, never builds the value."""
    body = text.strip().replace("_", "").lstrip("+-")
    if tag == f"{_CORE}float" and body.lower() in {".inf", ".nan"}:
        return None  # the model refuses infinities and NaN with its own message
    limit = f"Principal reads numbers of at most {MAX_DIGITS} digits, from 1e-{MAX_EXPONENT} to 1e{MAX_EXPONENT}"
    if tag == f"{_CORE}int":
        return f"{shown(text)} is too long a number; {limit}" if len(body) > MAX_DIGITS else None
    match = _DECIMAL.fullmatch(text.strip())
    if match is None:
        return None  # not a decimal form (YAML 1.1 sexagesimal...): the constructor refuses it
    digits = sum(ch.isdigit() for ch in match["mantissa"])
    exponent = (match["exponent"] or "0").replace("_", "").lstrip("+-")
    if digits > MAX_DIGITS or len(exponent) > 4:
        return f"{shown(text)} is out of range; {limit}"
    try:
        value = Decimal(text.strip().replace("_", ""))
    except InvalidOperation:
        return None
    if value and not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT:
        return f"{shown(text)} is out of range; {limit}"
    return None


class BoundedComposer(Composer):
    """ruamel's composer, counting values and depth as it goes and refusing what a deal file never needs."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False
        self.values = 0
        self.sizes: dict[str, int] = {}
        self.open_anchors: set[str] = set()
        self.path: list[PathPart] = []
        self.root: Node | None = None

    def refuse(self, mark: Any, message: str) -> Refusal:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return Refusal(line, column, tuple(self.path), message)

    def spend(self, count: int, mark: Any) -> None:
        self.values += count
        if self.values > MAX_NODES:
            raise self.refuse(
                mark, f"expands to more than {MAX_NODES:,} values (aliases repeated too often); write it out plainly"
            )

    def compose_document(self) -> Any:
        self.values = 0
        self.sizes = {}
        node = super().compose_document()
        self.root = node
        return node

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        self.path.append(_part(parent, index, event))
        try:
            if isinstance(event, AliasEvent):
                anchor = event.anchor
                if anchor in self.open_anchors:
                    raise self.refuse(event.start_mark, f"alias *{anchor} is inside its own anchor (a loop)")
                node = super().compose_node(parent, index)
                self.spend(self.sizes.get(anchor, 1), event.start_mark)
                return node
            if len(self.path) > MAX_DEPTH:
                raise self.refuse(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
            anchor = event.anchor
            if anchor is not None:
                if anchor in self.anchors:
                    first = self.anchors[anchor].start_mark.line + 1
                    raise self.refuse(
                        event.start_mark, f"anchor &{anchor} is defined again (first on line {first}); rename one"
                    )
                self.open_anchors.add(anchor)
            tag = getattr(event, "ctag", None)
            if tag is not None and str(tag) not in _PLAIN_TAGS:
                written = str(tag).replace(_CORE, "!!", 1)
                raise self.refuse(
                    event.start_mark, f"the YAML tag {shown(written)} is not used in Principal files; remove it"
                )
            before = self.values
            self.spend(1, event.start_mark)
            node = super().compose_node(parent, index)
            if anchor is not None:
                self.open_anchors.discard(anchor)
                self.sizes[anchor] = self.values - before
            if isinstance(node, ScalarNode) and str(node.tag) in _NUMBER_TAGS:
                problem = number_problem(str(node.value), str(node.tag))
                if problem is not None:
                    raise self.refuse(node.start_mark, problem)
            return node
        finally:
            self.path.pop()


def _part(parent: Any, index: Any, event: Any) -> PathPart:
    if isinstance(parent, SequenceNode) and isinstance(index, int):
        return index
    if isinstance(parent, MappingNode):
        if isinstance(index, ScalarNode):
            return str(index.value)
        if index is None:  # composing a key: name the key itself
            value = getattr(event, "value", None)
            return str(value) if isinstance(value, str) else "(key)"
        return "(key)"
    return "(file)" if parent is None else "?"


class DecimalConstructor(RoundTripConstructor):
    """Round-trip constructor that reads YAML floats as exact decimals and leaves unreadable scalars `Refused`."""

    def construct_yaml_float(self, node: ScalarNode) -> Any:
        text = str(node.value).replace("_", "")
        if text.lower().lstrip("+-") in {".inf", ".nan"}:
            return float(text.replace(".", ""))
        try:
            return Decimal(text)
        except InvalidOperation:
            return _refused(node, f"{shown(text)} is not a number Principal reads; write it as 1234.5")

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if not isinstance(node, ScalarNode):
            return super().construct_object(node, deep)
        try:
            return super().construct_object(node, deep)
        except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
            self.recursive_objects.pop(node, None)
            what = _WHAT.get(str(node.tag), "a value of this kind")
            reason = f" ({exc})" if isinstance(exc, ValueError) and str(exc) else ""
            refused = _refused(node, f"{shown(str(node.value))!r} is not {what}{reason}")
            self.constructed_objects[node] = refused
            return refused


DecimalConstructor.add_constructor(f"{_CORE}float", DecimalConstructor.construct_yaml_float)


def _refused(node: Node, message: str) -> Refused:
    mark = node.start_mark
    return Refused(mark.line + 1, mark.column + 1, message)


def bounded_yaml() -> YAML:
    """A round-trip YAML loader (positions kept) with the bounded composer and the decimal constructor."""
    yaml = YAML(typ="rt")
    yaml.Composer = BoundedComposer
    yaml.Constructor = DecimalConstructor
    yaml.allow_duplicate_keys = False
    return yaml
