"""`principal review DIR -o OUT`: every contract of a folder reviewed on its own, in parallel (a process pool, or an
existing Dask cluster), into the portfolio report (CSV, JSON, HTML) of terms, risks and key dates per contract.

Called by `principal review` (cli/review_commands.py) when its one argument is a folder; the work is
principal.signed.contracts, which calls the same review engine once per contract.
"""

from __future__ import annotations

from pathlib import Path

from principal.cli.output import console, emit_result
from principal.errors import InputError


def check_folder_options(
    documents: list[Path],
    out: Path | None,
    jobs: int | None,
    dask: str | None,
    limit: int | None,
    deal_out: Path | None,
    redline_out: Path | None,
) -> Path | None:
    """The folder to review, or None for documents of one deal; the options that belong to the other use refused."""
    folders = [d for d in documents if d.is_dir()]
    if not folders:
        for name, value in (("-o", out), ("--jobs", jobs), ("--dask", dask), ("--limit", limit)):
            if value is not None and not documents[0].exists():
                raise InputError.single(str(documents[0]), "no such folder; give the folder of contracts to review")
            if value is not None:
                raise InputError.single(
                    str(documents[0]), f"{name} is for reviewing a folder; give one folder of contracts", field=name
                )
        return None
    folder = folders[0]
    if len(documents) > 1:
        raise InputError.single(
            str(folder), "give either one folder of contracts or the documents of one deal, not both"
        )
    for name, value in (("--deal-out", deal_out), ("--redline-out", redline_out)):
        if value is not None:
            raise InputError.single(
                str(folder), f"{name} is for the documents of one deal, not a folder of contracts", field=name
            )
    if out is None:
        raise InputError.single(str(folder), "a folder is reviewed into a report: give -o REPORT_FOLDER", field="-o")
    return folder


def review_folder(folder: Path, out: Path, *, jobs: int, dask: str | None, limit: int | None, as_json: bool) -> None:
    """Review every contract of `folder` and write the portfolio report into `out`."""
    from principal.reports.atomic_file import write_atomically
    from principal.reports.signed.contracts_report import contracts_csv, contracts_html, contracts_json
    from principal.signed.contracts import MAX_CONTRACTS, contract_files, default_jobs, review_contracts

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
