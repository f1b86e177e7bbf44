"""`principal review`: terms, risk findings, missing protections, a partial deal file and tracked-change redlines
from a vendor's documents, reviewed one at a time or as one deal; given a folder, every contract in it reviewed in
parallel into a portfolio report (cli/review_folder.py); `principal eval review` on a labelled corpus."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from principal.cli.output import EXIT_BAD_INPUT, EXIT_FINDINGS, command, console, emit_result, err_console

if TYPE_CHECKING:
    from principal.review.result import ReviewResult


def register(app: typer.Typer) -> None:
    from principal.cli.eval_commands import eval_app

    app.command("review")(review)
    eval_app.command("review")(eval_review)


def _write(path: Path, data: str | bytes, what: str) -> None:
    from principal.review.deal_out import write_atomically

    try:
        write_atomically(path, data)
    except OSError as exc:
        err_console.print(f"{path}: cannot write the {what} ({exc.strerror or exc})", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None


@command("review", file_param="documents")
def review(
    documents: list[Path] = typer.Argument(
        ...,
        help="The vendor's documents for one deal (order form, MSA, SLA, DPA): PDF, DOCX, HTML, Markdown or text. "
        "Several files are reviewed together as one package. Or one folder: every contract below it is reviewed on "
        "its own, in parallel, into a portfolio report (needs -o).",
    ),
    deal_out: Path | None = typer.Option(
        None, "--deal-out", help="Write the partial deal file (YAML, each value citing its source) here."
    ),
    redline_out: Path | None = typer.Option(
        None, "--redline-out", help="Write a DOCX with every redline as a Word tracked change and a comment."
    ),
    out: Path | None = typer.Option(
        None, "-o", "--out", help="With a folder: where to write portfolio.csv, portfolio.json and portfolio.html."
    ),
    jobs: int | None = typer.Option(None, "--jobs", "-j", help="With a folder: worker processes (0 = one per CPU)."),
    dask: str | None = typer.Option(
        None, "--dask", help="With a folder: run on this existing Dask scheduler (tcp://host:8786)."
    ),
    limit: int | None = typer.Option(None, "--limit", help="With a folder: only the first N contracts (by path)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Review contracts offline: exit 0 when no risks are found, 1 when there are findings, 2 for unreadable input
    or a file that is not a contract. With a folder: exit 0 once the portfolio report is written."""
    from principal.cli.review_folder import check_folder_options, review_folder

    folder = check_folder_options(documents, out, jobs, dask, limit, deal_out, redline_out)
    if folder is not None and out is not None:
        review_folder(folder, out, jobs=1 if jobs is None else jobs, dask=dask, limit=limit, as_json=as_json)
        return
    from principal.review.ingest import load_document
    from principal.review.review import review_documents

    read = [load_document(path) for path in documents]
    result = review_documents(read)
    if deal_out is not None:
        _write(deal_out, result.deal_yaml, "deal file")
    if redline_out is not None:
        from principal.review.package import labels_for
        from principal.review.redline_docx import redline_docx

        source = documents[0].read_bytes() if len(read) == 1 and read[0].format.value == "docx" else None
        labelled = [
            d.__class__(**{**d.__dict__, "label": label}) for d, label in zip(read, labels_for(read), strict=True)
        ]
        _write(redline_out, redline_docx(labelled, result.findings, source=source), "redline DOCX")
    if as_json:
        emit_result(_payload(result, deal_out, redline_out))
    else:
        _render(result, deal_out, redline_out)
    if result.findings:
        raise typer.Exit(EXIT_FINDINGS)


def _payload(result: ReviewResult, deal_out: Path | None, redline_out: Path | None) -> dict[str, object]:
    return {
        "source": result.source,
        "format": result.format,
        "documents": result.documents,
        "pages": result.pages,
        "paragraphs": result.paragraphs,
        "characters": result.characters,
        "sections": result.sections,
        "terms": [{**t.__dict__, "check_this": t.check_this} for t in result.terms],
        "findings": [{**f.__dict__, "check_this": f.check_this} for f in result.findings],
        "missing": result.missing,
        "questions": result.questions,
        "clauses": result.clauses,
        "deal_out": deal_out,
        "redline_out": redline_out,
        "deal_gaps": [p.as_dict() for p in result.deal_gaps],
    }


def _render(result: ReviewResult, deal_out: Path | None, redline_out: Path | None) -> None:
    out = console.print
    out(
        f"{result.source}: {result.format.value}, {result.pages} page(s), {result.sections} section(s), "
        f"{len(result.terms)} term(s), {len(result.findings)} finding(s)",
        markup=False,
    )
    if len(result.documents) > 1:
        out("\nDocuments reviewed together:", markup=False)
        for d in result.documents:
            out(f'  {d.label}: {d.kind}, {d.pages} page(s), "{d.title[:80]}"', markup=False)
    out("\nTerms found:", markup=False)
    for term in result.terms:
        check = "  (check this)" if term.check_this else ""
        out(f"  {term.kind.value}: {term.describe()}  [{term.location.cite()}]{check}", markup=False)
    out("\nRisks (most severe first):", markup=False)
    for f in result.findings:
        where = f.location.cite() if f.location else "not in the documents"
        check = "  (check this)" if f.check_this else ""
        out(f"  [{f.severity.value}] {f.category.value}: {f.title}  ({where}){check}", markup=False)
        if f.quote:
            out(f"      quote:  {f.quote}", markup=False)
        out(f"      why:    {f.reason}", markup=False)
        out(f"      redline: {f.redline}", markup=False)
    if not result.findings:
        out("  No risk found by the rules.", markup=False)
    if result.missing:
        out("\nMissing protections:", markup=False)
        for title in result.missing:
            out(f"  - {title}", markup=False)
    if result.questions:
        out("\nNot stated in the documents (unknown, not false or zero); ask the vendor:", markup=False)
        for q in result.questions:
            out(f"  - {q.field}: {q.ask}", markup=False)
    if result.clauses:
        out("\nClauses found (CUAD categories, by the clause detector):", markup=False)
        for c in result.clauses:
            flag = f" (possible, score {c.score:.2f}: check)" if c.possible else ""
            out(f"  {c.category}{flag}  [{c.location.cite()}]: {' '.join(c.quote.split())[:160]}", markup=False)
    if deal_out is not None:
        out(f"\nPartial deal file written to {deal_out}", markup=False)
        for gap in result.deal_gaps:
            out(f"  to fill: {gap.field}: {gap.message}", markup=False)
    if redline_out is not None:
        out(f"\nRedlines written as tracked changes to {redline_out}", markup=False)


@command("eval review", file_param="corpus")
def eval_review(
    corpus: Path = typer.Argument(..., help="A review corpus folder: deals with truth.yaml and NAME.md/pdf/docx/html."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    show_misses: bool = typer.Option(False, "--misses", help="List every missed or extra term and finding."),
) -> None:
    """Per-term exact-match rate, findings precision and recall, inverted readings and agreement across formats,
    reported separately for each part of the corpus (tuning, held out)."""
    from rich.table import Table

    from principal.cli.progress import working
    from principal.review.evaluation import FORMATS, evaluate_review

    with working("reviewing every document of the corpus in four formats", enabled=not as_json):
        evaluation = evaluate_review(corpus)
    if as_json:
        emit_result(
            {part: {fmt: _tally(t) for fmt, t in tallies.items()} for part, tallies in evaluation.parts.items()}
        )
        return
    for part, tallies in evaluation.parts.items():
        table = Table(title=f"Review of {corpus} / {part}: {tallies['all'].deals // len(FORMATS)} deal(s), "
                            f"{tallies['all'].documents // len(FORMATS)} document(s)")  # fmt: skip
        for column in ("format", "terms exact", "extra terms", "findings P", "findings R", "inverted", "agree w/ md"):
            table.add_column(column, justify="left" if column == "format" else "right")
        for fmt in (*FORMATS, "all"):
            t = tallies[fmt]
            agree = "-" if fmt == "md" else f"{t.agreement:.2f}"
            table.add_row(fmt, f"{t.exact_rate:.3f}", str(t.extra), f"{t.precision:.3f}", f"{t.recall:.3f}",
                          str(len(t.inverted)), agree)  # fmt: skip
        console.print(table)
        kinds = Table(title=f"{part}: exact match per term kind (all formats)")
        for column in ("term", "expected", "exact", "rate"):
            kinds.add_column(column, justify="left" if column == "term" else "right")
        total = tallies["all"]
        for kind in sorted(total.expected):
            kinds.add_row(kind, str(total.expected[kind]), str(total.exact[kind]),
                          f"{total.exact[kind] / total.expected[kind]:.3f}")  # fmt: skip
        console.print(kinds)
        for line in total.inverted:
            console.print(f"inverted: {line}", markup=False)
        if show_misses:
            for fmt in FORMATS:
                for line in tallies[fmt].misses:
                    console.print(f"  {line}", markup=False)


def _tally(t: object) -> dict[str, object]:
    from principal.review.evaluation import Tally

    assert isinstance(t, Tally)
    return {
        "terms_expected": sum(t.expected.values()),
        "terms_exact": sum(t.exact.values()),
        "exact_rate": round(t.exact_rate, 4),
        "per_kind": {k: {"expected": t.expected[k], "exact": t.exact[k]} for k in sorted(t.expected)},
        "extra_terms": t.extra,
        "findings_precision": round(t.precision, 4),
        "findings_recall": round(t.recall, 4),
        "inverted": t.inverted,
        "agreement_with_markdown": round(t.agreement, 4),
        "seconds": round(t.seconds, 2),
    }
