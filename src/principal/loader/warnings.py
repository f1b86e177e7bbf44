"""Warnings about a deal file that loads: located like errors, printed before a command's output, never fatal.

The loader finds them (`principal.model.advisories`) and hands them out in one way: `load_deal_with_warnings`
returns them with the deal, and `load_deal` / `parse_deal` pass them to the listener the running command installed
with `warnings_to(...)` (the CLI prints each as one line on standard error: FILE:LINE:COL: field: warning: message).
Without a listener (the web app, library use) they are dropped by `load_deal` and kept by `*_with_warnings`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from principal.errors import Problem

Listener = Callable[[Sequence[Problem]], None]

_listener: ContextVar[Listener | None] = ContextVar("principal_warning_listener", default=None)


@contextmanager
def warnings_to(listener: Listener) -> Iterator[None]:
    """Send the warnings of every deal loaded inside the block to `listener`."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def announce(warnings: Sequence[Problem]) -> None:
    listener = _listener.get()
    if listener is not None and warnings:
        listener(warnings)


def render_warning(problem: Problem) -> str:
    """FILE:LINE:COL: field: warning: message."""
    where = problem.file
    if problem.line is not None:
        where += f":{problem.line}"
        if problem.column is not None:
            where += f":{problem.column}"
    return f"{where}: {problem.field}: warning: {problem.message}"


def unique(warnings: Sequence[Problem]) -> tuple[Problem, ...]:
    """In file order, each once (a value inherited through `extends` is warned about at its own line only)."""
    ordered = sorted(warnings, key=lambda p: (p.file, p.line or 0, p.column or 0, p.field))
    seen: set[tuple[object, ...]] = set()
    out = []
    for problem in ordered:
        key = (problem.file, problem.line, problem.column, problem.message)
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return tuple(out)
