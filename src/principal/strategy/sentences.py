"""Longer statements built from parts: plain text, joins and concatenations of `principal.statements.Statement`s.

Clause drafts and the words of the brief assemble sentences piece by piece (a rate card of several bands, the
gaps of an offer joined by semicolons). These helpers keep every figure typed while doing so: text given as plain
text has its braces escaped, and a field name used by two parts is renamed (`rate`, `rate_2`, ...) so no value is
lost. They compose; they never format a figure.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from principal.statements import Statement, Value

_PARSER = string.Formatter()


def _escaped(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def literal(text: str) -> Statement:
    """Text with no figures (user text, a fixed sentence) as a statement, braces and all."""
    return Statement(_escaped(text))


def _renamed(statement: Statement, taken: set[str]) -> Statement:
    """`statement` with each field name that is already in `taken` given a free suffix; `taken` gains the names."""
    names: dict[str, str] = {}
    for name, _ in statement.values:
        new, n = name, 1
        while new in taken:
            n += 1
            new = f"{name}_{n}"
        names[name] = new
        taken.add(new)
    if all(old == new for old, new in names.items()):
        return statement
    parts: list[str] = []
    for text, field, _, _ in _PARSER.parse(statement.template):
        parts.append(_escaped(text))
        if field is not None:
            parts.append("{" + names[field] + "}")
    return Statement("".join(parts), tuple((names[name], value) for name, value in statement.values))


def concat(*parts: Statement | str) -> Statement:
    """The parts one after the other as one statement (plain strings are taken as literal text)."""
    taken: set[str] = set()
    template: list[str] = []
    values: list[tuple[str, Value]] = []
    for part in parts:
        piece = literal(part) if isinstance(part, str) else _renamed(part, taken)
        template.append(piece.template)
        values.extend(piece.values)
    return Statement("".join(template), tuple(values))


def join(separator: str, parts: Iterable[Statement | str]) -> Statement:
    """The parts with `separator` (plain text) between them, as `str.join` does for strings."""
    items: list[Statement | str] = []
    for number, part in enumerate(parts):
        if number:
            items.append(separator)
        items.append(part)
    return concat(*items)
