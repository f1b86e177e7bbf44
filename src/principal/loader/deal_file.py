"""Load a deal file (YAML or JSON) into a validated `Deal`, reporting every problem with its position."""

from __future__ import annotations

import copy
import difflib
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from principal.errors import InputError, Problem
from principal.loader.input_file import read_text
from principal.loader.problems import Path, format_path, shorten
from principal.loader.warnings import announce, unique
from principal.loader.yaml_positions import Located, parse_located
from principal.model.advisories import advise_deal
from principal.model.checks import check_deal
from principal.model.deal import Deal

MAX_DEAL_BYTES = 1024 * 1024
"""A deal file is at most 1 MiB (the example is 12 KB): reading YAML is pure Python, so size is CPU time."""


@dataclass(frozen=True)
class LoadedDeal:
    """A valid deal and the warnings about it (located, in file order)."""

    deal: Deal
    warnings: tuple[Problem, ...]


def load_deal(path: str | FsPath) -> Deal:
    """Read and validate a deal file; raise InputError listing every problem. Warnings go to the listener."""
    loaded = load_deal_with_warnings(path)
    announce(loaded.warnings)
    return loaded.deal


def load_deal_with_warnings(path: str | FsPath) -> LoadedDeal:
    """Read and validate a deal file, returning its warnings with it (none are announced)."""
    return parse_deal_with_warnings(read_text(path, max_bytes=MAX_DEAL_BYTES, what="a deal file"), str(path))


def parse_deal(text: str, filename: str = "<deal>") -> Deal:
    """Validate deal text; raise InputError listing every problem, sorted by position. Warnings go to the
    listener (`principal.loader.warnings`)."""
    loaded = parse_deal_with_warnings(text, filename)
    announce(loaded.warnings)
    return loaded.deal


def parse_deal_with_warnings(text: str, filename: str = "<deal>") -> LoadedDeal:
    """Validate deal text; raise InputError listing every problem; return the deal and its warnings."""
    if len(text.encode("utf-8", "replace")) > MAX_DEAL_BYTES:
        raise InputError.single(filename, f"text is larger than {MAX_DEAL_BYTES:,} bytes")
    located = parse_located(text, filename)
    if located.data is None:
        raise InputError.single(filename, "the file is empty; start from examples/ccaas-450/deal.yaml")
    if not isinstance(located.data, dict):
        raise InputError([_problem(filename, located, (), "the file must hold a mapping (name:, buyer:, offers:)")])
    problems = _resolve_extends(located, filename)
    if problems:
        raise InputError(problems)
    try:
        deal = Deal.model_validate(located.data)
    except ValidationError as exc:
        errors = exc.errors()
        # A list whose only fault is a bad item is not also "too short": report the item alone.
        locs = [tuple(e["loc"]) for e in errors]

        def inner_fault(loc: tuple[Any, ...]) -> bool:
            return any(len(other) > len(loc) and other[: len(loc)] == loc for other in locs)

        errors = [e for e in errors if not (e["type"] == "too_short" and inner_fault(tuple(e["loc"])))]
        raise InputError([_from_pydantic(err, located, filename) for err in errors]) from None
    semantic = [_problem(filename, located, path, message) for path, message in check_deal(deal)]
    if semantic:
        raise InputError(semantic)
    warnings = unique([_problem(filename, located, path, message) for path, message in advise_deal(deal)])
    return LoadedDeal(deal, warnings)


def _problem(filename: str, located: Located, path: Path, message: str, *, at_key: bool = False) -> Problem:
    line, column = located.where_key(path) if at_key else located.where(path)
    return Problem(filename, line, column, format_path(path), message)


def _resolve_extends(located: Located, filename: str) -> list[Problem]:
    """Expand `extends: other` in offers: a deep copy of the other offer with this offer's keys laid over it."""
    offers = located.data.get("offers")
    if not isinstance(offers, dict):
        return []
    problems: list[Problem] = []
    resolved: dict[str, Any] = {}

    def resolve(name: str, chain: tuple[str, ...]) -> Any:
        if name in resolved:
            return resolved[name]
        body = offers[name]
        parent = body.get("extends") if isinstance(body, dict) else None
        if parent is None:
            resolved[name] = body
            return body
        path: Path = ("offers", name, "extends")
        if not isinstance(parent, str) or parent not in offers:
            hint = _did_you_mean(str(parent), [str(n) for n in offers if n != name])
            message = f"no offer named {shorten(repr(parent))} to extend{hint}"
            problems.append(_problem(filename, located, path, message))
            resolved[name] = body
            return body
        if parent in chain:
            problems.append(
                _problem(
                    filename,
                    located,
                    path,
                    f"offers extend each other in a loop: {' -> '.join((*chain, parent))}",
                )
            )
            resolved[name] = body
            return body
        base = resolve(parent, (*chain, parent))
        merged = _overlay(copy.deepcopy(base), body)
        _inherit_positions(located, ("offers", parent), ("offers", name), body)
        resolved[name] = merged
        return merged

    for offer_name in list(offers):
        offers[offer_name] = resolve(offer_name, (offer_name,))
    return problems


def _overlay(base: Any, top: Any) -> Any:
    if isinstance(base, dict) and isinstance(top, dict):
        out = dict(base)
        for key, value in top.items():
            out[key] = _overlay(base[key], value) if key in base else value
        return out
    return top


def _inherit_positions(located: Located, parent: Path, child: Path, body: Any) -> None:
    """Values copied from a parent offer report the parent's lines."""
    for table in (located.positions, located.key_positions):
        for path, pos in list(table.items()):
            if path[: len(parent)] == parent:
                new = child + path[len(parent) :]
                if new not in table and not _given(body, path[len(parent) :]):
                    table[new] = pos


def _given(body: Any, rest: Path) -> bool:
    node = body
    for part in rest:
        if isinstance(part, str) and isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
        else:
            return False
    return True


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names allowed at a location, by walking the model's annotations along the loc."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
            continue
        origin = typing.get_origin(current)
        args = typing.get_args(current)
        if origin in (tuple, list) and args:
            current = args[0]
        elif origin is dict and len(args) == 2:
            current = args[1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation


def _from_pydantic(err: Any, located: Located, filename: str) -> Problem:
    loc: tuple[Any, ...] = tuple(part for part in err["loc"] if part != "[key]")
    kind = err["type"]
    ctx = err.get("ctx") or {}
    got = err.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        hint = _did_you_mean(key, _fields_at(Deal, loc[:-1]))
        allowed = _fields_at(Deal, loc[:-1])
        tail = hint or (f"; allowed keys: {', '.join(allowed)}" if allowed else "")
        return _problem(filename, located, loc, f"unknown key {shorten(repr(key))}{tail}", at_key=True)
    if "[key]" in err["loc"]:
        return _problem(
            filename,
            located,
            loc,
            f"{shorten(repr(got))} is not a valid name: use lower-case letters, digits, '-' and '_'",
            at_key=True,
        )
    if kind == "missing":
        line, column = located.where(loc[:-1])
        return Problem(filename, line, column, format_path(loc), f"required; add {loc[-1]}")
    return _problem(filename, located, loc, describe_error(kind, ctx, got, err["msg"]))


def _shown(value: Any) -> str:
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    if isinstance(value, Decimal):
        return shorten(str(value))
    return shorten(repr(value))


def _limit(value: Any) -> str:
    """A bound as a reader takes it in: 1,000,000,000,000,000 rather than 1000000000000000."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool) and value == int(value):
        number = int(value)
        if abs(number) >= 10_000:
            return f"{number:,}"
    return str(value)


def describe_error(kind: str, ctx: dict[str, Any], got: Any, default: str) -> str:
    shown = _shown(got)
    table = {
        "greater_than": lambda: f"must be > {_limit(ctx.get('gt'))} (got {shown})",
        "greater_than_equal": lambda: f"must be >= {_limit(ctx.get('ge'))} (got {shown})",
        "less_than": lambda: f"must be < {_limit(ctx.get('lt'))} (got {shown})",
        "less_than_equal": lambda: f"must be <= {_limit(ctx.get('le'))} (got {shown})",
        "decimal_parsing": lambda: f"must be a number (got {shown})",
        "decimal_type": lambda: f"must be a number (got {shown})",
        "float_parsing": lambda: f"must be a number (got {shown})",
        "float_type": lambda: f"must be a number (got {shown})",
        "int_parsing": lambda: f"must be a whole number (got {shown})",
        "int_parsing_size": lambda: f"is too long a whole number (got {shown})",
        "int_type": lambda: f"must be a whole number (got {shown})",
        "int_from_float": lambda: f"must be a whole number (got {shown})",
        "bool_parsing": lambda: f"must be true or false (got {shown})",
        "bool_type": lambda: f"must be true or false (got {shown})",
        "string_type": lambda: f"must be text (got {shown})",
        "enum": lambda: f"must be one of {ctx.get('expected', '')} (got {shown})",
        "string_pattern_mismatch": lambda: f"{shown} does not have the expected form ({ctx.get('pattern')})",
        "model_type": lambda: f"must be a mapping of keys (got {shown})",
        "model_attributes_type": lambda: f"must be a mapping of keys (got {shown})",
        "dict_type": lambda: f"must be a mapping (got {shown})",
        "tuple_type": lambda: f"must be a list (got {shown})",
        "list_type": lambda: f"must be a list (got {shown})",
        "too_short": lambda: f"needs at least {ctx.get('min_length')} item(s)",
        "date_from_datetime_parsing": lambda: f"must be a date YYYY-MM-DD (got {shown})",
        "date_from_datetime_inexact": lambda: f"must be a date YYYY-MM-DD without a time of day (got {shown})",
        "date_parsing": lambda: f"must be a date YYYY-MM-DD (got {shown})",
        "date_type": lambda: f"must be a date YYYY-MM-DD (got {shown})",
        "time_parsing": lambda: f"must be a time HH:MM (got {shown})",
        "time_type": lambda: f"must be a time HH:MM (got {shown})",
        "finite_number": lambda: f"must be a finite number (got {shown})",
    }
    if kind in table:
        return table[kind]()
    if kind == "value_error":
        return str(ctx.get("error", default)).removeprefix("Value error, ")
    if kind == "assertion_error":
        return default.removeprefix("Assertion failed, ")
    return default
