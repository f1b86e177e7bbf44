"""Three-way merge of deal texts: your change (made from an older version) onto the latest, field by field.

Both sides are compared with the version your change started from, value by value as written (a field is a path
to a scalar, such as `offers.final.licenses[0].unit_price`). Fields only you changed are applied to the latest text
(its comments and layout kept); fields both changed to different values are conflicts, each settled by choosing
yours or theirs. Nothing is saved here: the merged text goes through the store's validated save like any other.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from principal.loader.problems import Path, format_path
from principal.store import yaml_edits
from principal.store.yaml_edits import MISSING

Side = Literal["mine", "theirs"]


@dataclass(frozen=True)
class Change:
    path: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Conflict:
    path: str
    base: str | None
    mine: str | None
    theirs: str | None


@dataclass(frozen=True)
class MergePlan:
    mine: tuple[Change, ...]
    theirs: tuple[Change, ...]
    conflicts: tuple[Conflict, ...]
    merged_text: str | None
    """The latest text with your changes applied (conflicts settled by `choices`); None when unsettled."""
    note: str | None = None


def _leaves(value: Any, path: Path = ()) -> dict[Path, Any]:
    out: dict[Path, Any] = {}
    if isinstance(value, Mapping) and value:
        for key, child in value.items():
            out.update(_leaves(child, (*path, str(key))))
    elif isinstance(value, list | tuple) and value:
        for index, child in enumerate(value):
            out.update(_leaves(child, (*path, index)))
    elif path:
        out[path] = value
    return out


def _shown(value: Any) -> str | None:
    if value is MISSING:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list | tuple | Mapping):
        return "[]" if isinstance(value, list | tuple) else "{}"
    return str(value)


def _read(text: str) -> Any:
    _, doc = yaml_edits.load(text)
    return doc


def plan_merge(
    base_text: str, mine_text: str, theirs_text: str, choices: Mapping[str, Side] | None = None
) -> MergePlan:
    """What each side changed since `base_text`, the conflicts, and the merged text when every one is settled."""
    choices = choices or {}
    try:
        base, mine, theirs = (_leaves(_read(text)) for text in (base_text, mine_text, theirs_text))
    except YAMLError as exc:
        return MergePlan((), (), (), None, note=f"a text does not read as YAML ({exc.__class__.__name__})")
    paths = list(dict.fromkeys([*mine, *theirs, *base]))
    mine_changes, their_changes, conflicts = [], [], []
    for path in paths:
        b, m, t = base.get(path, MISSING), mine.get(path, MISSING), theirs.get(path, MISSING)
        mine_changed = not yaml_edits.same(b, m) or (b is MISSING) != (m is MISSING)
        theirs_changed = not yaml_edits.same(b, t) or (b is MISSING) != (t is MISSING)
        name = format_path(path)
        if mine_changed:
            mine_changes.append((path, Change(name, _shown(b), _shown(m))))
        if theirs_changed:
            their_changes.append(Change(name, _shown(b), _shown(t)))
        if mine_changed and theirs_changed and not (yaml_edits.same(m, t) and (m is MISSING) == (t is MISSING)):
            conflicts.append(Conflict(name, _shown(b), _shown(m), _shown(t)))
    conflict_names = {c.path for c in conflicts}
    settled = all(c.path in choices for c in conflicts)
    merged = None
    if settled:
        to_apply = [
            (path, mine.get(path, MISSING))
            for path, change in mine_changes
            if change.path not in conflict_names or choices.get(change.path) == "mine"
        ]
        merged = _apply(theirs_text, to_apply)
    return MergePlan(tuple(c for _, c in mine_changes), tuple(their_changes), tuple(conflicts), merged)


def _apply(text: str, leaves: list[tuple[Path, Any]]) -> str:
    yaml, doc = yaml_edits.load(text)
    removals = [path for path, value in leaves if value is MISSING]
    for path, value in leaves:
        if value is not MISSING:
            _set(doc, path, value)
    for path in sorted(removals, key=lambda p: [(-x if isinstance(x, int) else 0) for x in p], reverse=False):
        _remove(doc, path)
    return yaml_edits.dump(yaml, doc)


def _set(doc: Any, path: Path, value: Any) -> None:
    node = doc
    for part, following in itertools.pairwise(path):
        child = _get(node, part)
        if not isinstance(child, CommentedMap | CommentedSeq):
            child = CommentedSeq() if isinstance(following, int) else CommentedMap()
            _put(node, part, child)
        node = child
    _put(node, path[-1], yaml_edits.to_node(value))


def _get(node: Any, part: str | int) -> Any:
    if isinstance(node, CommentedSeq):
        return node[part] if isinstance(part, int) and part < len(node) else None
    return node.get(part) if isinstance(node, CommentedMap) else None


def _put(node: Any, part: str | int, value: Any) -> None:
    if isinstance(node, CommentedSeq) and isinstance(part, int):
        if part < len(node):
            node[part] = value
        else:
            node.append(value)
    else:
        node[part] = value


def _remove(doc: Any, path: Path) -> None:
    trail = [doc]
    node = doc
    for part in path[:-1]:
        node = _get(node, part)
        if node is None:
            return
        trail.append(node)
    last = path[-1]
    if isinstance(node, CommentedSeq) and isinstance(last, int) and last < len(node):
        del node[last]
    elif isinstance(node, CommentedMap) and last in node:
        del node[last]
    for depth in range(len(trail) - 1, 0, -1):
        if len(trail[depth]) == 0:
            parent, key = trail[depth - 1], path[depth - 1]
            del parent[key]
        else:
            break
