"""Parse YAML (or JSON) into plain Python values plus the line and column of every key and value.

Numbers with a fraction become `Decimal` from their source text, so 0.0085 stays exactly 0.0085. The reading itself
is bounded (principal.loader.bounded_yaml): values counted while composing, numbers capped before they are built,
and every refusal reported with its line, column and field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from principal.errors import InputError, Problem
from principal.loader.bounded_yaml import MAX_DEPTH, MAX_LINES, MAX_NODES, Refusal, Refused, bounded_yaml
from principal.loader.problems import Path, format_path

__all__ = ["MAX_DEPTH", "MAX_LINES", "MAX_NODES", "Located", "parse_located"]

_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def parse_located(text: str, filename: str) -> Located:
    """Parse text; raise InputError with the position of the first problem that stops the reading."""
    if text.count("\n", 0, len(text) - 1) >= MAX_LINES:
        message = f"more than {MAX_LINES:,} lines; a file Principal reads holds at most {MAX_LINES:,}"
        raise InputError([Problem(filename, MAX_LINES + 1, None, "(file)", message)])
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        line, column = _line_and_column(text, bad.start())
        message = f"control character U+{ord(bad.group()):04X} is not allowed in YAML/JSON; remove it"
        raise InputError([Problem(filename, line, column, "(file)", message)])
    yaml = bounded_yaml()
    try:
        raw = yaml.load(text)
    except Refusal as exc:
        path = exc.path[1:]
        shown = format_path(path) if len(path) <= 8 else f"{format_path(path[:4])}...{format_path(path[-1:])}"
        raise InputError([Problem(filename, exc.line, exc.column, shown, exc.message)]) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = (mark.line + 1, mark.column + 1) if mark is not None else (1, None)
        reason = (exc.problem or exc.context or "invalid YAML").strip()
        if "found duplicate key" in str(exc):
            reason = "duplicate key: " + reason.split('"')[1] if '"' in reason else reason
        raise InputError([Problem(filename, at[0], at[1], "(file)", f"not valid YAML/JSON: {reason}")]) from None
    except (YAMLError, ValueError) as exc:  # not expected after the checks above; still one line, at line 1
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError.single(filename, f"not valid YAML/JSON: {reason}", line=1) from None
    except RecursionError:
        raise InputError.single(filename, "not valid YAML/JSON: nested too deeply", line=1) from None
    located = Located(None)
    root = yaml.composer.root if yaml.composer is not None else None
    if root is not None:
        located.positions[()] = (root.start_mark.line + 1, root.start_mark.column + 1)
    problems: list[Problem] = []
    located.data = _plain(raw, (), located, filename, problems)
    if problems:
        raise InputError(problems)
    return located


def _refusal(filename: str, path: Path, refused: Refused) -> Problem:
    return Problem(filename, refused.line, refused.column, format_path(path), refused.message)


def _plain(node: Any, path: Path, located: Located, filename: str, problems: list[Problem]) -> Any:
    """Plain dicts, lists and scalars (the composer has bounded the size and depth), positions recorded."""
    if isinstance(node, Refused):
        problems.append(_refusal(filename, path, node))
        return None
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key, value in node.items():
            if isinstance(key, Refused):
                problems.append(_refusal(filename, path, key))
                continue
            child = (*path, str(key))
            try:
                kline, kcol = node.lc.key(key)
                located.key_positions[child] = (kline + 1, kcol + 1)
                vline, vcol = node.lc.value(key)
                if not isinstance(value, CommentedMap | CommentedSeq):
                    located.positions[child] = (vline + 1, vcol + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            out[str(key) if not isinstance(key, str) else key] = _plain(value, child, located, filename, problems)
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
            items.append(_plain(value, child, located, filename, problems))
        if node.lc.line is not None:
            located.positions.setdefault(path, (node.lc.line + 1, node.lc.col + 1))
        return items
    if isinstance(node, TaggedScalar):  # `!!str 12` or `! 12`: the text as written
        return str(node.value)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    return node
