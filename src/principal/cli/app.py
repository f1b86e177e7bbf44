"""The `principal` Typer application and `main()`, the one place where every error becomes a line and an exit code.

Exit codes: 0 ok, 1 the analysis found what the command was asked to detect, 2 bad input or another problem
Principal reports on purpose (a `PrincipalError`: one line naming the file and what to do), 70 an internal error
(a bug: one line; `--debug` or PRINCIPAL_DEBUG=1 shows the traceback), 130 interrupted.

Fast start: `principal NAME ...` imports only the module of command NAME (`COMMAND_MODULES`), and command modules
import their engines inside the command functions, so `principal --help` and `principal validate` start without
loading numpy, scikit-learn or the web stack.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
import traceback

import typer

from principal import __version__
from principal.cli.output import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    current,
    err_console,
    error_payload,
    forget_invocation,
    report,
)
from principal.errors import PrincipalError

HELP = (
    "Principal: what a CCaaS offer really costs, what its SLA allows and where the vendor's incentives differ "
    "from yours."
)

# Each command module of principal.cli and the commands its `register(app)` adds, in the order `--help` lists
# them. tests/cli/test_app.py checks this against what the modules register.
COMMAND_MODULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("deal_commands", ("validate", "schema")),
    ("cost_commands", ("cost", "compare")),
    ("review_commands", ("review",)),
    ("strategy_commands", ("kpis", "clauses", "plan")),
    ("sla_commands", ("sla",)),
    ("align_commands", ("align",)),
    ("web_commands", ("serve",)),
    ("eval_commands", ("eval",)),
    ("export_commands", ("export",)),
    ("rehearse_commands", ("rehearse",)),
    ("signed_commands", ("calendar", "audit", "credits", "portfolio")),
)
ALL_MODULES = tuple(module for module, _ in COMMAND_MODULES)
# Modules that add subcommands to another module's group: `eval review` comes from review_commands.
ALSO_NEEDED: dict[str, tuple[str, ...]] = {"eval": ("review_commands",)}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"principal {__version__}")
        raise typer.Exit()


def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
    debug: bool = typer.Option(
        False, "--debug", help="On an internal error, show its traceback (also PRINCIPAL_DEBUG=1)."
    ),
) -> None:
    """Principal command line."""


@functools.cache
def build_app(modules: tuple[str, ...] = ALL_MODULES) -> typer.Typer:
    """The application with the commands of `modules` (default: every command)."""
    app = typer.Typer(
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        help=HELP,
    )
    app.callback()(_root)
    for module in modules:
        importlib.import_module(f"principal.cli.{module}").register(app)
    return app


def modules_for(args: list[str]) -> tuple[str, ...]:
    """The command modules `principal ARGS` needs: the named command's alone, or all of them (for `--help`)."""
    name = next((arg for arg in args if not arg.startswith("-")), None)
    for module, names in COMMAND_MODULES:
        if name in names:
            return (module, *ALSO_NEEDED.get(name, ()))
    return ALL_MODULES


def __getattr__(name: str) -> typer.Typer:
    """`principal.cli.app.app`: the application with every command (built on first use)."""
    if name == "app":
        return build_app(ALL_MODULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _internal_error(exc: BaseException, debug: bool) -> int:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    place = f" at {os.path.basename(where.filename)}:{where.lineno}" if where else ""
    message = f"internal error: {type(exc).__name__}{place}: {exc}".rstrip(": ")
    invocation = current()
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    if invocation is not None and invocation.as_json:
        import json

        sys.stdout.write(json.dumps(error_payload("internal", message), indent=2) + "\n")
    hint = "" if debug else "; run again with --debug to see the traceback, and please report it"
    err_console.print(f"{message}{hint}", markup=False)
    return EXIT_INTERNAL


def main(argv: list[str] | None = None) -> int:
    """Run the CLI on `argv` (default: the process arguments) and return the exit code.

    0 ok, 1 findings, 2 bad input or another problem Principal reports on purpose, 70 internal error,
    130 interrupted. Nothing but `--debug` ever prints a traceback.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("PRINCIPAL_DEBUG", "") not in ("", "0")
    if "--debug" in args and args.index("--debug") > 0:
        args.remove("--debug")  # accepted after the command name too
    forget_invocation()
    try:
        app = build_app(modules_for(args))
        code = app(args, prog_name="principal", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.TyperException as exc:  # usage errors: Typer shows them the way Click does
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            err_console.print(f"error: {exc.format_message()}", markup=False)
        return int(exc.exit_code)
    except typer.Abort:
        err_console.print("interrupted")
        return 130
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130
    except PrincipalError as exc:  # raised outside a command's own handler (option callbacks, registration)
        invocation = current()
        report(exc, invocation.as_json if invocation else False)
        return EXIT_BAD_INPUT
    except (MemoryError, RecursionError) as exc:
        err_console.print(
            f"error: the input is too large or too deeply nested to process ({type(exc).__name__})", markup=False
        )
        return EXIT_BAD_INPUT
    except Exception as exc:
        return _internal_error(exc, debug)
    return int(code) if isinstance(code, int) else 0


def run() -> None:
    """The console script: `principal`."""
    sys.exit(main())
