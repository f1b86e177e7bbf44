"""The portfolio report of a reviewed folder of contracts: CSV (one row a contract), JSON (every field) and a
self-contained HTML page. Computes nothing: every cell is a field of `principal.signed.contracts.ContractRow`."""

from __future__ import annotations

import csv
import html
import io

from principal.json_encoding import dumps
from principal.signed.contracts import HEADLINE_TERMS, ContractsReview

CREDIT = "Contract texts in the benchmark folder: CUAD v1, The Atticus Project, CC BY 4.0."
HEADER = (
    "file",
    "ok",
    "error",
    "kind",
    "pages",
    *HEADLINE_TERMS,
    "risks_high",
    "risks_medium",
    "risks_low",
    "top_risks",
    "missing_protections",
    "clauses_found",
    "key_dates",
)


def _cells(review: ContractsReview) -> list[list[str]]:
    rows = []
    for r in review.rows:
        terms = [r.terms[k].text() if k in r.terms else "" for k in HEADLINE_TERMS]
        rows.append(
            [
                r.file,
                "yes" if r.ok else "no",
                r.error,
                r.kind,
                str(r.pages),
                *terms,
                str(r.risks_high),
                str(r.risks_medium),
                str(r.risks_low),
                "; ".join(r.top_risks),
                "; ".join(r.missing),
                "; ".join(r.clauses),
                "; ".join(r.key_dates),
            ]
        )
    return rows


def contracts_csv(review: ContractsReview) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in _cells(review):
        writer.writerow(["'" + c if c[:1] in ("=", "+", "-", "@") else c for c in row])  # no spreadsheet formulas
    return out.getvalue().encode("utf-8")


def contracts_json(review: ContractsReview) -> bytes:
    return (dumps(review) + "\n").encode("utf-8")


def contracts_html(review: ContractsReview, *, credit: bool = False) -> bytes:
    e = html.escape
    head = "".join(f"<th>{e(h.replace('_', ' '))}</th>" for h in HEADER)
    body = "".join(
        "<tr"
        + ("" if row[1] == "yes" else ' class="failed"')
        + ">"
        + "".join(f"<td>{e(c)}</td>" for c in row)
        + "</tr>"
        for row in _cells(review)
    )
    failed = len(review.failed)
    summary = (
        f"{len(review.rows)} contract(s) from {e(review.folder)}; {failed} could not be reviewed; "
        f"{sum(r.risks_high for r in review.rows)} high risk(s) in all."
    )
    note = f"<p>{e(CREDIT)}</p>" if credit else ""
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contract portfolio review</title>'
        "<style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;font-size:.8rem}"
        "td,th{border:1px solid #ccc;padding:.25rem .4rem;vertical-align:top;text-align:left}"
        "tr.failed td{background:#fee}</style></head><body><h1>Contract portfolio review</h1>"
        f"<p>{summary} Terms not found in a contract are left empty: unknown, not absent.</p>{note}"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>\n"
    )
    return page.encode("utf-8")
