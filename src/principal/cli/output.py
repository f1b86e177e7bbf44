"""How every command reports: a rich rendering for people, `--json` for machines, one-line errors, exit codes.

Exit codes: 0 ok, 1 the analysis found a failure the command was asked to detect, 2 bad input.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn, ParamSpec, TypeVar

import typer
from pydantic import BaseModel
from rich.console import Console

from principal.loader.problems import InputError, Problem

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")


def to_jsonable(value: Any) -> Any:
    """Plain JSON values; Decimal amounts become strings so no cent is lost to binary floats."""
    if isinstance(value, BaseModel):
        return to_jsonable(value.model_dump(mode="python"))
    if is_dataclass(value) and not isinstance(value, type):
        return to_jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def emit_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(payload), indent=2, ensure_ascii=False) + "\n")


def fail_input(problems: tuple[Problem, ...] | list[Problem], as_json: bool) -> NoReturn:
    if as_json:
        emit_json({"ok": False, "problems": [p.as_dict() for p in problems]})
    else:
        for problem in problems:
            err_console.print(problem.render(), markup=False)
    raise typer.Exit(EXIT_BAD_INPUT)


def reports_input_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn InputError into located one-line messages and exit code 2; nothing else reaches the user raw."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        as_json = bool(kwargs.get("as_json", False))
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            fail_input(exc.problems, as_json)

    return wrapper
