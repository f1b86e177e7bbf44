"""`principal review-dir DIR`: review a folder of contracts in parallel (a process pool, or an existing Dask
cluster) and write the portfolio report (CSV, JSON, HTML) of terms, risks and key dates per contract.

A thin entry next to `principal review` (cli/review_commands.py, which reviews one deal's documents); the work is
principal.signed.contracts, which calls the same review engine once per contract.
"""

from __future__ import annotations

from pathlib import Path

import typer

from principal.cli.output import command, console, emit_result
from principal.errors import InputError


def register(app: typer.Typer) -> None:
    app.command("review-dir")(review_dir)


@command("review-dir", file_param="folder")
def review_dir(
    folder: Path = typer.Argument(..., help="Folder of contracts (.txt, .md, .pdf, .docx, .html), searched below."),
    out: Path = typer.Option(..., "-o", "--out", help="Folder to write portfolio.csv, portfolio.json, portfolio.html."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Worker processes (0 = one per CPU)."),
    dask: str | None = typer.Option(None, "--dask", help="Run on this Dask scheduler (tcp://host:8786)."),
    limit: int | None = typer.Option(None, "--limit", help="Review only the first N contracts (by path)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output (every row)."),
) -> None:
    """Review every contract of a folder in parallel and write the portfolio report."""
    from principal.reports.atomic_file import write_atomically
    from principal.reports.signed.contracts_report import contracts_csv, contracts_html, contracts_json
    from principal.signed.contracts import MAX_CONTRACTS, contract_files, default_jobs, review_contracts

    if not folder.is_dir():
        raise InputError.single(str(folder), "not a folder; give the folder of contracts to review")
    if not out.is_dir():
        raise InputError.single(str(out), "the report folder does not exist; create it first", field="-o")
    if jobs < 0 or jobs > 256:
        raise InputError.single(str(folder), f"give 0 to 256 workers (got {jobs})", field="--jobs")
    if dask is not None and "://" not in dask:
        raise InputError.single(dask, "give the scheduler as tcp://HOST:PORT", field="--dask")
    files = contract_files(folder)
    if len(files) > MAX_CONTRACTS:
        raise InputError.single(str(folder), f"more than {MAX_CONTRACTS:,} contracts; review it in parts")
    if limit is not None:
        files = files[: max(0, limit)]
    if not files:
        raise InputError.single(str(folder), "no contracts found (.txt, .md, .pdf, .docx, .html)")
    review = review_contracts(files, folder=str(folder), jobs=jobs or default_jobs(), dask=dask)
    cuad = any("cuad" in part.lower() for part in folder.resolve().parts)
    written = {}
    for name, body in (
        ("portfolio.csv", contracts_csv(review)),
        ("portfolio.json", contracts_json(review)),
        ("portfolio.html", contracts_html(review, credit=cuad)),
    ):
        write_atomically(out / name, body, option="-o")
        written[name] = str(out / name)
    if as_json:
        emit_result({"review": review, "written": written})
        return
    console.print(
        f"Reviewed {len(review.rows)} contract(s) in {review.seconds:.1f} s ({review.runner}, {review.jobs} "
        f"job(s)); {len(review.failed)} could not be read; {sum(r.risks_high for r in review.rows)} high risk(s).",
        markup=False,
    )
    for row in review.failed[:10]:
        console.print(f"  {row.error}", markup=False)
    console.print(f"Report: {', '.join(written.values())}", markup=False)
