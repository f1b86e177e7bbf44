"""`principal export`: the negotiation brief as HTML, PDF or Markdown, or the cost workbook as xlsx.

The engines and renderers are imported when the command runs, so registering it costs nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from principal.cli.output import command, console, emit_result
from principal.errors import InputError

if TYPE_CHECKING:
    from principal.reports.formats import ExportFormat


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def _format_for(fmt: str | None, out: Path) -> ExportFormat:
    from principal.reports.formats import SUFFIXES, ExportFormat, parse_format

    if fmt is not None:
        return parse_format(fmt, str(out))
    guessed = SUFFIXES.get(out.suffix.lower())
    if guessed is None:
        known = ", ".join(f.value for f in ExportFormat)
        raise InputError.single(
            str(out), f"cannot tell the format from {out.name!r}; give --format ({known})", field="--format"
        )
    return guessed


@command("export")
def export(
    file: Path = typer.Argument(..., help="Deal file (YAML or JSON)."),
    fmt: str | None = typer.Option(
        None, "--format", "-f", help="html, pdf, md or xlsx; default from the output file's extension."
    ),
    out: Path = typer.Option(..., "--output", "-o", help="File to write (replaced whole, never half-written)."),
    offer: list[str] = typer.Option([], "--offer", help="Offer to include (repeatable); default all."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable summary of what was written."),
) -> None:
    """Export the negotiation brief (HTML, PDF, Markdown) or the cost workbook with live formulas (xlsx)."""
    from principal.cli.progress import working
    from principal.cli.strategy_commands import check_negotiation_names
    from principal.cost.report import pick_offers
    from principal.loader import load_deal
    from principal.reports.atomic_file import check_target, write_atomically
    from principal.reports.formats import render

    kind = _format_for(fmt, out)
    check_target(out)
    deal = load_deal(file)
    check_negotiation_names(deal, file)
    names = pick_offers(deal, offer, str(file))
    with working(f"writing the {kind.value} export", enabled=not as_json):
        content = render(deal, kind, names if offer else None, source=file.name)
    write_atomically(out, content)
    if as_json:
        emit_result(
            {
                "format": kind.value,
                "media_type": kind.media_type,
                "output": str(out),
                "size_bytes": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
                "offers": names,
            }
        )
        return
    console.print(f"Wrote {out} ({kind.what}, {len(content):,} bytes).", markup=False)
