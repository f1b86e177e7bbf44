"""How every command reports: a rich rendering for people, `--json` for machines, one-line errors, exit codes.

Exit codes: 0 ok, 1 the analysis found a failure the command was asked to detect, 2 bad input (or any other
problem Principal reports on purpose), 70 an internal error (a bug: `--debug` shows its traceback), 130 interrupted.

Warnings about an input that loads (`principal.loader.warnings`) are printed on standard error, one line each
(FILE:LINE:COL: field: warning: message), before the command's output, in every command; they never change the
exit code.

Every `--json` output is one envelope:

    {"ok": true, "command": "cost", "file": "deal.yaml", "version": "0.1.0", "result": {...}}
    {"ok": false, "command": "cost", "file": "deal.yaml", "version": "0.1.0",
     "error": {"kind": "input", "message": "...", "problems": [{"file", "line", "column", "field", "message"}]}}

`kind` is input, shipped_data, store, web, error (another deliberate error) or internal (a bug).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, NoReturn, ParamSpec, TypeVar

import typer
from rich.console import Console

from principal import __version__
from principal.errors import InputError, PrincipalError, Problem
from principal.json_encoding import dumps
from principal.present import Formatter

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70

# User text (deal names, quotes from documents) is printed as it is: no emoji codes, no markup, no highlighting.
console = Console(highlight=False, soft_wrap=True, emoji=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class Invocation:
    """The command being run, so every output and every error can name it and its file."""

    command: str
    file: str | None
    as_json: bool
    formatter: Formatter | None = None
    warned: set[str] = field(default_factory=set)
    """Warning lines already printed, so a deal loaded twice is warned about once."""


_current: ContextVar[Invocation | None] = ContextVar("principal_invocation", default=None)


def current() -> Invocation | None:
    return _current.get()


def forget_invocation() -> None:
    """Start a run with no command recorded (main() calls it first)."""
    _current.set(None)


def _file_argument(kwargs: dict[str, Any], name: str | None) -> str | None:
    if name is None:
        return None
    value = kwargs.get(name)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or None
    return None if value is None else str(value)


def command(name: str, *, file_param: str | None = "file") -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a CLI command: its name and input file go into every JSON envelope and error it produces.

    A `PrincipalError` raised inside becomes its one-line messages (or the JSON error envelope) and exit 2.
    """

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            invocation = Invocation(name, _file_argument(kwargs, file_param), bool(kwargs.get("as_json", False)))
            _current.set(invocation)  # left set after an unexpected exception, so main() can still name it
            from principal.loader.warnings import warnings_to  # here: `principal --help` loads no loader

            try:
                with warnings_to(print_warnings):
                    return func(*args, **kwargs)
            except PrincipalError as exc:
                fail(exc)

        return wrapper

    return decorate


def print_warnings(warnings: Sequence[Problem]) -> None:
    """Each warning about an input as one line on standard error, before the command's output (exit code kept)."""
    from principal.loader.warnings import render_warning

    invocation = current()
    for problem in warnings:
        line = render_warning(problem)
        if invocation is not None:
            if line in invocation.warned:
                continue
            invocation.warned.add(line)
        err_console.print(line, markup=False)


def use_formatter(formatter: Formatter) -> Formatter:
    """Record the deal's formatter so statements in the JSON output are written in its currency and locale."""
    invocation = current()
    if invocation is not None:
        invocation.formatter = formatter
    return formatter


def _envelope(ok: bool) -> dict[str, Any]:
    invocation = current()
    return {
        "ok": ok,
        "command": invocation.command if invocation else None,
        "file": invocation.file if invocation else None,
        "version": __version__,
    }


def _text_of() -> Callable[[Any], str] | None:
    invocation = current()
    return invocation.formatter.text if invocation and invocation.formatter else None


def emit_result(result: Any, *, ok: bool = True) -> None:
    """The command's result in the JSON envelope on standard output."""
    payload = {**_envelope(ok), "result": result}
    sys.stdout.write(dumps(payload, _text_of()) + "\n")


def error_payload(kind: str, message: str, problems: tuple[Problem, ...] = ()) -> dict[str, Any]:
    error: dict[str, Any] = {"kind": kind, "message": message}
    if problems:
        error["problems"] = [p.as_dict() for p in problems]
    return {**_envelope(False), "error": error}


def _kind(exc: PrincipalError) -> str:
    """The error envelope's `kind`: input, shipped_data, store, web or error (any other deliberate error)."""
    from principal.errors import ShippedDataError

    if isinstance(exc, InputError):
        return "input"
    if isinstance(exc, ShippedDataError):
        return "shipped_data"
    module = type(exc).__module__
    if module.startswith("principal.store"):
        return "store"
    if module.startswith("principal.web"):
        return "web"
    return "error"


def report(exc: PrincipalError, as_json: bool) -> None:
    """Print an error the user can act on: its lines on standard error, or the JSON error envelope."""
    lines = exc.lines()
    if as_json:
        problems = exc.problems if isinstance(exc, InputError) else ()
        sys.stdout.write(dumps(error_payload(_kind(exc), lines[0] if lines else str(exc), problems)) + "\n")
        return
    for line in lines:
        err_console.print(line, markup=False)


def fail(exc: PrincipalError) -> NoReturn:
    invocation = current()
    report(exc, invocation.as_json if invocation else False)
    raise typer.Exit(EXIT_BAD_INPUT)


def fail_input(problems: tuple[Problem, ...] | list[Problem]) -> NoReturn:
    fail(InputError(list(problems)))
