"""`principal validate` and `principal schema`: deal files and their format.

The loader and the model are imported when a command runs, so registering these commands costs nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from principal.cli.output import command, console, emit_result, print_warnings


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
    app.command("schema")(schema)


@command("validate")
def validate(
    file: Path = typer.Argument(..., help="Deal file (YAML or JSON)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Check a deal file and report every problem as FILE:LINE:COL: field: message (exit 2 if any); warnings
    (FILE:LINE:COL: field: warning: message) go to standard error and leave the exit code at 0."""
    from principal.loader import load_deal_with_warnings

    loaded = load_deal_with_warnings(file)
    deal = loaded.deal
    print_warnings(loaded.warnings)
    if as_json:
        emit_result(
            {
                "offers": list(deal.offers),
                "assumptions": [a.model_dump() for a in deal.assumptions],
                "warnings": [w.as_dict() for w in loaded.warnings],
            }
        )
        return
    warned = f"; {len(loaded.warnings)} warning(s)" if loaded.warnings else ""
    console.print(f"{file}: ok{warned}: {len(deal.offers)} offer(s): {', '.join(deal.offers)}", markup=False)
    if deal.assumptions:
        console.print(f"{len(deal.assumptions)} assumption(s) recorded in the file:", markup=False)
        for item in deal.assumptions:
            console.print(f"  - {item.path}: {item.note}", markup=False)


@command("schema", file_param=None)
def schema(
    markdown: bool = typer.Option(False, "--markdown", help="The human reference (docs/deal-file.md) instead."),
    as_json: bool = typer.Option(True, "--json/--no-json", help="JSON Schema (the default output)."),
) -> None:
    """Print the JSON Schema of deal files, or with --markdown the deal-file reference."""
    from principal.model.deal import Deal
    from principal.reports.schema_reference import markdown_reference

    if markdown:
        typer.echo(markdown_reference(), nl=False)
        return
    if as_json:
        emit_result(Deal.model_json_schema())
        return
    typer.echo(json.dumps(Deal.model_json_schema(), indent=2))
