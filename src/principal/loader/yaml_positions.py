"""Parse YAML (or JSON) into plain Python values plus the line and column of every key and value.

Numbers with a fraction become `Decimal` from their source text, so 0.0085 stays exactly 0.0085.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode

from principal.errors import InputError, Problem
from principal.loader.problems import Path

MAX_DEPTH = 64
MAX_NODES = 200_000
"""Values a file may expand to. Aliases re-use a node, so a tiny file can expand to billions ("YAML bombs")."""


class _DecimalConstructor(RoundTripConstructor):
    """Round-trip constructor that reads YAML floats as exact decimals."""

    def construct_yaml_float(self, node: ScalarNode) -> Any:
        text = str(node.value).replace("_", "")
        if text.lower().lstrip("+-") in {".inf", ".nan"}:
            return float(text.replace(".", "").replace("inf", "inf"))
        try:
            return Decimal(text)
        except InvalidOperation:
            return super().construct_yaml_float(node)


_DecimalConstructor.add_constructor("tag:yaml.org,2002:float", _DecimalConstructor.construct_yaml_float)


@dataclass
class Located:
    """Plain data and where each piece of it stands in the source (1-based line and column)."""

    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path) -> tuple[int | None, int | None]:
        """The closest known position for a path: the value, else its key, else the nearest parent."""
        probe = tuple(path)
        while True:
            if probe in self.key_positions and probe not in self.positions:
                return self.key_positions[probe]
            if probe in self.positions:
                return self.positions[probe]
            if not probe:
                return None, None
            probe = probe[:-1]

    def where_key(self, path: Path) -> tuple[int | None, int | None]:
        if tuple(path) in self.key_positions:
            return self.key_positions[tuple(path)]
        return self.where(path)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _DecimalConstructor
    yaml.allow_duplicate_keys = False
    return yaml


def parse_located(text: str, filename: str) -> Located:
    """Parse text; raise InputError with the position of the first syntax problem."""
    try:
        raw = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        reason = (exc.problem or exc.context or "invalid YAML").strip()
        if "found duplicate key" in str(exc):
            reason = "duplicate key: " + reason.split('"')[1] if '"' in reason else reason
        raise InputError([Problem(filename, line, column, "(file)", f"not valid YAML/JSON: {reason}")]) from None
    except (YAMLError, ValueError) as exc:
        raise InputError.single(filename, f"not valid YAML/JSON: {exc}".splitlines()[0]) from None
    except RecursionError:
        raise InputError.single(filename, "not valid YAML/JSON: nested too deeply") from None
    located = Located(None)
    budget = [MAX_NODES]
    located.data = _plain(raw, (), located, 0, filename, budget)
    return located


def _plain(node: Any, path: Path, located: Located, depth: int, filename: str, budget: list[int]) -> Any:
    if depth > MAX_DEPTH:
        raise InputError.single(filename, f"nested more than {MAX_DEPTH} levels deep")
    budget[0] -= 1
    if budget[0] < 0:
        raise InputError.single(
            filename, f"expands to more than {MAX_NODES:,} values (aliases repeated too often); write it out plainly"
        )
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key, value in node.items():
            child = (*path, str(key))
            try:
                kline, kcol = node.lc.key(key)
                located.key_positions[child] = (kline + 1, kcol + 1)
                vline, vcol = node.lc.value(key)
                if not isinstance(value, CommentedMap | CommentedSeq):
                    located.positions[child] = (vline + 1, vcol + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            out[str(key) if not isinstance(key, str) else key] = _plain(
                value, child, located, depth + 1, filename, budget
            )
        if node.lc.line is not None:
            located.positions.setdefault(path, (node.lc.line + 1, node.lc.col + 1))
        return out
    if isinstance(node, CommentedSeq):
        items: list[Any] = []
        for index, value in enumerate(node):
            child = (*path, index)
            try:
                line, col = node.lc.item(index)
                located.positions[child] = (line + 1, col + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            items.append(_plain(value, child, located, depth + 1, filename, budget))
        if node.lc.line is not None:
            located.positions.setdefault(path, (node.lc.line + 1, node.lc.col + 1))
        return items
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    return node
