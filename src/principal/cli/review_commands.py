"""`principal review`: terms, risk findings, missing protections and a partial deal file from a vendor's draft.

The review engine (and numpy, for the clause detector) is imported when the command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from principal.cli.output import EXIT_BAD_INPUT, EXIT_FINDINGS, command, console, emit_result, err_console

if TYPE_CHECKING:
    from principal.review.result import ReviewResult


def register(app: typer.Typer) -> None:
    app.command("review")(review)


@command("review", file_param="document")
def review(
    document: Path = typer.Argument(
        ..., help="The vendor's order form, MSA or SLA: PDF, DOCX, HTML, Markdown or text."
    ),
    deal_out: Path | None = typer.Option(
        None, "--deal-out", help="Write the partial deal file (YAML, each value citing its source) here."
    ),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Review a contract offline: exit 0 when no risks are found, 1 when there are findings, 2 for unreadable input."""
    from principal.review.deal_out import write_atomically
    from principal.review.review import review_file

    result = review_file(document)
    if deal_out is not None:
        try:
            write_atomically(deal_out, result.deal_yaml)
        except OSError as exc:
            err_console.print(f"{deal_out}: cannot write the deal file ({exc.strerror or exc})", markup=False)
            raise typer.Exit(EXIT_BAD_INPUT) from None
    if as_json:
        emit_result(_payload(result, deal_out))
    else:
        _render(result, deal_out)
    if result.findings:
        raise typer.Exit(EXIT_FINDINGS)


def _payload(result: ReviewResult, deal_out: Path | None) -> dict[str, object]:
    return {
        "source": result.source,
        "format": result.format,
        "pages": result.pages,
        "paragraphs": result.paragraphs,
        "characters": result.characters,
        "sections": result.sections,
        "terms": result.terms,
        "findings": result.findings,
        "missing": result.missing,
        "clauses": result.clauses,
        "deal_out": deal_out,
        "deal_gaps": [p.as_dict() for p in result.deal_gaps],
    }


def _render(result: ReviewResult, deal_out: Path | None) -> None:
    out = console.print
    out(
        f"{result.source}: {result.format.value}, {result.pages} page(s), {result.sections} section(s), "
        f"{len(result.terms)} term(s), {len(result.findings)} finding(s)",
        markup=False,
    )
    out("\nTerms found:", markup=False)
    for term in result.terms:
        out(f"  {term.kind.value}: {term.describe()}  [{term.location.cite()}]", markup=False)
    out("\nRisks (most severe first):", markup=False)
    for f in result.findings:
        where = f.location.cite() if f.location else "not in the document"
        out(f"  [{f.severity.value}] {f.category.value}: {f.title}  ({where})", markup=False)
        if f.quote:
            out(f"      quote:  {f.quote}", markup=False)
        out(f"      why:    {f.reason}", markup=False)
        out(f"      redline: {f.redline}", markup=False)
    if result.missing:
        out("\nMissing protections:", markup=False)
        for title in result.missing:
            out(f"  - {title}", markup=False)
    if result.clauses:
        out("\nClauses found (CUAD categories, by the clause detector):", markup=False)
        for c in result.clauses:
            out(f"  {c.category}  [{c.location.cite()}]: {' '.join(c.quote.split())[:160]}", markup=False)
    if deal_out is not None:
        out(f"\nPartial deal file written to {deal_out}", markup=False)
        for gap in result.deal_gaps:
            out(f"  to fill: {gap.field}: {gap.message}", markup=False)
