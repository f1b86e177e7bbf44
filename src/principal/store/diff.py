"""Differences between two versions of a deal: the text line by line, and every field whose value changed.

The field diff compares the deals as the loader reads them (offers that `extend` another are expanded), so a change
to a parent offer shows on each offer that inherits it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, Literal

from principal.errors import InputError
from principal.loader import parse_deal
from principal.loader.problems import Path, format_path
from principal.store.records import StoredVersion

LineKind = Literal["hunk", "context", "added", "removed"]
ChangeKind = Literal["changed", "added", "removed"]


@dataclass(frozen=True)
class DiffLine:
    kind: LineKind
    old_number: int | None
    new_number: int | None
    text: str


@dataclass(frozen=True)
class FieldChange:
    path: str
    kind: ChangeKind
    before: str | None
    after: str | None


@dataclass(frozen=True)
class VersionDiff:
    old_number: int
    new_number: int
    unified: str
    lines: tuple[DiffLine, ...]
    fields: tuple[FieldChange, ...]
    note: str | None


def text_lines(old_text: str, new_text: str, context: int = 3) -> tuple[DiffLine, ...]:
    """Numbered lines of a unified diff, grouped in hunks of `context` lines around each change."""
    old, new = old_text.splitlines(), new_text.splitlines()
    out: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        header = f"@@ -{first[1] + 1},{last[2] - first[1]} +{first[3] + 1},{last[4] - first[3]} @@"
        out.append(DiffLine("hunk", None, None, header))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(DiffLine("context", i + 1, j1 + i - i1 + 1, old[i]) for i in range(i1, i2))
                continue
            if tag in ("replace", "delete"):
                out.extend(DiffLine("removed", i + 1, None, old[i]) for i in range(i1, i2))
            if tag in ("replace", "insert"):
                out.extend(DiffLine("added", None, j + 1, new[j]) for j in range(j1, j2))
    return tuple(out)


def unified_text(old_text: str, new_text: str, old_label: str, new_label: str) -> str:
    return "".join(
        difflib.unified_diff(
            old_text.splitlines(keepends=True), new_text.splitlines(keepends=True), old_label, new_label
        )
    )


def shown(value: Any) -> str:
    """A leaf value as the deal file would write it."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def flatten(value: Any, path: Path = ()) -> dict[str, str]:
    """Every set leaf of a dumped deal by its path, e.g. `offers.final.licenses[0].unit_price` -> `143`."""
    out: dict[str, str] = {}
    if isinstance(value, dict):
        for key, child in value.items():
            out.update(flatten(child, (*path, str(key))))
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            out.update(flatten(child, (*path, index)))
    elif value is not None:
        out[format_path(path)] = shown(value)
    return out


def field_changes(old_text: str, new_text: str) -> tuple[FieldChange, ...]:
    """Fields whose resolved value differs, in the order they appear in the newer deal (then removed ones)."""
    old = flatten(parse_deal(old_text, "old").model_dump(mode="python"))
    new = flatten(parse_deal(new_text, "new").model_dump(mode="python"))
    changes: list[FieldChange] = []
    for path, after in new.items():
        if path not in old:
            changes.append(FieldChange(path, "added", None, after))
        elif old[path] != after:
            changes.append(FieldChange(path, "changed", old[path], after))
    changes.extend(FieldChange(path, "removed", before, None) for path, before in old.items() if path not in new)
    return tuple(changes)


def diff_versions(old: StoredVersion, new: StoredVersion) -> VersionDiff:
    """Line and field differences from `old` to `new` (either order is allowed)."""
    a, b = old.info.number, new.info.number
    lines = text_lines(old.yaml_text, new.yaml_text)
    unified = unified_text(old.yaml_text, new.yaml_text, f"version {a}", f"version {b}")
    note = None
    try:
        fields = field_changes(old.yaml_text, new.yaml_text)
    except InputError as exc:
        fields = ()
        note = f"fields cannot be compared: a version no longer reads as a deal ({exc.problems[0].render()})"
    return VersionDiff(a, b, unified, lines, fields, note)
