"""The `principal` Typer application and `main()`, the one place where every error becomes a line and an exit code.

Command modules import their engines inside the command functions, so `principal --help` and `principal
validate` start without loading numpy, scikit-learn or the web stack.
"""

from __future__ import annotations

import os
import sys
import traceback

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

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
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
    debug: bool = typer.Option(
        False, "--debug", help="On an internal error, show its traceback (also PRINCIPAL_DEBUG=1)."
    ),
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
