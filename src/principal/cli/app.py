"""The `principal` Typer application: one sub-module per command family registers its commands here."""

from __future__ import annotations

import sys

import typer

from principal import __version__
from principal.cli import (
    align_commands,
    cost_commands,
    deal_commands,
    eval_commands,
    export_commands,
    review_commands,
    sla_commands,
    strategy_commands,
    web_commands,
)
from principal.cli.output import EXIT_BAD_INPUT, err_console

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    help="Principal: what a CCaaS offer really costs, what its SLA allows and where the vendor's incentives differ "
    "from yours.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"principal {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Principal command line."""


deal_commands.register(app)
cost_commands.register(app)
review_commands.register(app)
strategy_commands.register(app)
sla_commands.register(app)
align_commands.register(app)
web_commands.register(app)
eval_commands.register(app)
export_commands.register(app)


def main() -> None:
    """Entry point: any unexpected error still ends as one line, exit code 2 for unreadable input."""
    try:
        app()
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
    except (MemoryError, RecursionError) as exc:
        err_console.print(f"error: the input is too large or too deeply nested to process ({type(exc).__name__})")
        sys.exit(EXIT_BAD_INPUT)
