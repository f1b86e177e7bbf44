"""One step of the builder: the part of the deal text a form section edits, read into a draft and written back.

The deal form's root is the deal itself (its offers edited elsewhere); an offer form's root is one offer, shown
with what it inherits through `extends` (a changed inherited term is copied into the offer, so the parent stays).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from starlette.datastructures import FormData

from principal.errors import Problem
from principal.store import yaml_edits
from principal.store.yaml_edits import MISSING
from principal.web.builder.drafts import (
    KEY,
    Reading,
    apply_action,
    draft_from_form,
    draft_of_record,
    form_key,
    read_value,
)
from principal.web.builder.layout import Section, sections_of
from principal.web.builder.schema_fields import FieldSpec, record_fields, spec_at
from principal.web.builder.view import draft_at, form_key_for, split_path
from principal.web.recently_made import RecentlyMade

WAS = "__was"
REFERENCES = {"buyer.forecasts": ("usage", "forecast")}
"""Renaming a forecast renames the meters that use it (in every offer)."""


def plain(value: Any) -> Any:
    """Round-trip YAML nodes as plain dicts, lists and scalars."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def parse_plain(text: str) -> dict[str, Any]:
    """A deal text's values as plain data (the round-trip parser, so numbers read as the text writes them)."""
    doc = YAML().load(text)
    return plain(doc) if isinstance(doc, Mapping) else {}


_texts: RecentlyMade[dict[str, Any]] = RecentlyMade(16)


def remember_text(text: str, make: Callable[[], dict[str, Any]]) -> None:
    """Read `text` with `make` (the web app's bounded worker) unless it was read recently: a builder page reads
    the same text several times, and the round-trip parser is slow."""
    _texts.get(text, make)


def _read(text: str) -> dict[str, Any]:
    """A deal text's values, parsed once per text; callers copy before changing them."""
    return _texts.get(text, lambda: parse_plain(text))


def read_plain(text: str) -> dict[str, Any]:
    return copy.deepcopy(_read(text))


@dataclass(frozen=True)
class Scope:
    """The form root (`Deal` or `Offer`), the offer's name for an offer form, and its sections."""

    root: str
    offer: str | None = None

    @property
    def sections(self) -> tuple[tuple[Section, list[str]], ...]:
        return sections_of(self.root)

    def section(self, slug: str) -> tuple[Section, list[str]] | None:
        return next(((s, p) for s, p in self.sections if s.slug == slug), None)

    @property
    def prefix(self) -> tuple[str, ...]:
        return ("offers", self.offer) if self.offer else ()

    def data(self, text: str) -> dict[str, Any]:
        """The root's values in the deal text (an offer's inherited terms included)."""
        doc = read_plain(text)
        if self.offer is None:
            return doc
        offers = doc.get("offers") or {}
        body = offers.get(self.offer) or {}
        if isinstance(body.get("extends"), str):
            for spec in record_fields("Offer"):
                if spec.key not in body:
                    inherited = yaml_edits.resolved_key(offers, self.offer, spec.key)
                    if inherited is not None:
                        body[spec.key] = plain(inherited)
        return dict(body)

    def inherited(self, text: str) -> frozenset[str]:
        """Top-level keys an offer takes from its parent."""
        if self.offer is None:
            return frozenset()
        own = (_read(text).get("offers") or {}).get(self.offer) or {}
        return frozenset(key for key in self.data(text) if key not in own and key != "extends")


def draft_of(scope: Scope, text: str, locale: str | None) -> dict[str, Any]:
    draft = draft_of_record(scope.root, scope.data(text), locale)
    _remember_names(draft, scope.root)
    return draft


def _remember_names(draft: dict[str, Any], record: str) -> None:
    """Each named entry keeps the name it was loaded with (`__was`), so a rename is told from a new entry."""
    for spec in record_fields(record):
        value = draft.get(spec.key)
        if spec.kind == "record" and spec.target and isinstance(value, dict):
            _remember_names(value, spec.target)
        elif spec.kind == "named" and spec.target and isinstance(value, list):
            for entry in value:
                entry[WAS] = entry.get(KEY, "")
                _remember_names(entry, spec.target)


def specs_by_key(root: str, paths: list[str], draft: Mapping[str, Any]) -> dict[str, FieldSpec]:
    """Every list field's form key in a section (what `add:` actions may name)."""
    out: dict[str, FieldSpec] = {}

    def walk(spec: FieldSpec, value: Any, key: str) -> None:
        out[key] = spec
        if spec.target is None:
            return
        if spec.kind == "record" and isinstance(value, Mapping):
            for child in record_fields(spec.target):
                walk(child, value.get(child.key, ""), form_key(key, child.key))
        elif spec.kind in ("records", "named") and isinstance(value, list):
            for i, entry in enumerate(value):
                for child in record_fields(spec.target):
                    walk(child, entry.get(child.key, ""), form_key(form_key(key, i), child.key))

    for path in paths:
        spec = spec_at(tuple(path.split(".")), root)
        if spec is not None:
            walk(spec, draft_at(draft, path), path)
    return out


def draft_from_submission(scope: Scope, paths: list[str], form: FormData, base: dict[str, Any]) -> dict[str, Any]:
    """`base` (the stored draft) with the section's fields as submitted."""
    draft = dict(base)
    for path in paths:
        spec = spec_at(tuple(path.split(".")), scope.root)
        if spec is None:
            continue
        value = draft_from_form(spec, path, form)
        _read_was(spec, value, path, form)
        parts = path.split(".")
        node = draft
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return draft


def _read_was(spec: FieldSpec, value: Any, key: str, form: FormData) -> None:
    if spec.target is None:
        return
    if spec.kind == "named" and isinstance(value, list):
        for i, entry in enumerate(value):
            raw = form.get(form_key(form_key(key, i), WAS))
            entry[WAS] = raw if isinstance(raw, str) else ""
            for child in record_fields(spec.target):
                _read_was(child, entry.get(child.key), form_key(form_key(key, i), child.key), form)
    elif spec.kind == "records" and isinstance(value, list):
        for i, entry in enumerate(value):
            for child in record_fields(spec.target):
                _read_was(child, entry.get(child.key), form_key(form_key(key, i), child.key), form)
    elif spec.kind == "record" and isinstance(value, dict):
        for child in record_fields(spec.target):
            _read_was(child, value.get(child.key), form_key(key, child.key), form)


def act(scope: Scope, paths: list[str], draft: dict[str, Any], action: str) -> bool:
    return apply_action(draft, action, specs_by_key(scope.root, paths, draft))


def read_section(scope: Scope, paths: list[str], draft: Mapping[str, Any], locale: str | None) -> tuple[dict, Reading]:  # type: ignore[type-arg]
    """The section's typed values by path, and what could not be read."""
    reading = Reading()
    values: dict[str, Any] = {}
    for path in paths:
        spec = spec_at(tuple(path.split(".")), scope.root)
        if spec is not None:
            values[path] = read_value(spec, draft_at(draft, path), path, locale, reading)
    return values, reading


def _renames(spec: FieldSpec, draft: Any) -> list[tuple[str, str]]:
    if spec.kind != "named" or not isinstance(draft, list):
        return []
    out = []
    for entry in draft:
        was, now = str(entry.get(WAS, "")).strip(), str(entry.get(KEY, "")).strip()
        if was and now and was != now:
            out.append((was, now))
    return out


def write_section(
    scope: Scope, paths: list[str], text: str, values: Mapping[str, Any], draft: Mapping[str, Any]
) -> tuple[str, list[str]]:
    """The deal text with the section's values written in (comments and order kept), and the paths changed."""
    yaml, doc = yaml_edits.load(text)
    root = doc
    if scope.offer is not None:
        root = doc["offers"][scope.offer]
    inherited = scope.inherited(text)
    blanks = yaml_edits.take_trailing_blank_lines(root)
    changed: list[str] = []
    for path in paths:
        parts = path.split(".")
        spec = spec_at(tuple(parts), scope.root)
        if spec is None:
            continue
        node = root
        for part in parts[:-1]:
            if not isinstance(node.get(part), CommentedMap):
                node[part] = CommentedMap()
            node = node[part]
        new = values.get(path, MISSING)
        if parts[0] in inherited and len(parts) == 1:
            old = scope.data(text).get(parts[0], MISSING)
            if yaml_edits.same(old, new):
                continue
        current = node.get(parts[-1])
        for was, now in _renames(spec, draft_at(draft, path)):
            if isinstance(current, CommentedMap) and was in current and now not in current:
                yaml_edits.rename_key(current, was, now)
                changed.append(f"{path}.{was} renamed {now}")
                _rename_references(doc, path, was, now)
        where = ".".join((*scope.prefix, *parts[:-1]))
        yaml_edits.merge_value(node, parts[-1], new, changed, where)
        for part_index in range(len(parts) - 1, 0, -1):
            parent = root
            for part in parts[: part_index - 1]:
                parent = parent[part]
            if isinstance(parent.get(parts[part_index - 1]), CommentedMap) and not parent[parts[part_index - 1]]:
                del parent[parts[part_index - 1]]
    if blanks is not None:
        yaml_edits.put_trailing_blank_lines(root, blanks)
    return yaml_edits.dump(yaml, doc), changed


def _rename_references(doc: Any, path: str, was: str, now: str) -> None:
    reference = REFERENCES.get(path)
    if reference is None:
        return
    listing, key = reference
    for body in (doc.get("offers") or {}).values():
        for item in (body or {}).get(listing) or []:
            if isinstance(item, CommentedMap) and item.get(key) == was:
                item[key] = now


def problem_keys(
    scope: Scope, draft: Mapping[str, Any], problems: tuple[Problem, ...]
) -> tuple[dict[str, str], list[Problem]]:
    """Problems by the form field they concern, and the ones no field of the form shows."""
    located: dict[str, str] = {}
    others: list[Problem] = []
    for problem in problems:
        key = key_for_path(scope, draft, problem.field)
        if key is None:
            others.append(problem)
        else:
            located.setdefault(key, problem.message)
    return located, others


def key_for_path(scope: Scope, draft: Mapping[str, Any], field: str) -> str | None:
    parts = split_path(field)
    prefix = list(scope.prefix)
    if parts[: len(prefix)] != prefix:
        return None
    return form_key_for(scope.root, draft, parts[len(prefix) :])
