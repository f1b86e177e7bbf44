"""A progress bar on standard error for work that takes more than a moment (hidden with --json or no terminal)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from principal.cli.output import err_console


@contextmanager
def progress_bar(label: str, total: int, *, enabled: bool) -> Iterator[Callable[[int], None]]:
    if not enabled or total <= 0:
        yield lambda _n: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,}"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


@contextmanager
def working(label: str, *, enabled: bool) -> Iterator[None]:
    """A spinner on standard error while a step of unknown length runs (only on a terminal, never with --json)."""
    if not enabled or not err_console.is_terminal:
        yield
        return
    with err_console.status(label):
        yield
