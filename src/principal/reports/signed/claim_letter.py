"""The service-credit claim letter: one letter for every open credit, in Markdown and DOCX, citing the SLA clause
each credit follows from and the outages that caused it. Computes nothing: every figure is from
`principal.signed.credits`."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from principal.present import Formatter
from principal.signed.credits import ClaimStatus, CreditOwed, CreditsOwed, percent_of_base


@dataclass(frozen=True)
class Letter:
    title: str
    paragraphs: tuple[str, ...]
    table_header: tuple[str, ...]
    table: tuple[tuple[str, ...], ...]
    closing: tuple[str, ...]


def claim_letter(
    owed: CreditsOwed, *, buyer: str, vendor: str, fmt: Formatter, cite: Callable[[str], str], today: dt.date
) -> Letter:
    """The letter claiming every open credit (none open: a letter saying so is not written; see `open_credits`)."""
    claims = open_credits(owed)
    total = sum((c.amount for c in claims), owed.total * 0)
    deadline = min((c.claim_deadline for c in claims if c.claim_deadline), default=None)
    paragraphs = [
        f"Date: {today.isoformat()}",
        f"To: {vendor}",
        f"From: {buyer}",
        f"Under the service level terms of the signed agreement (offer {owed.offer!r}), we claim the service credits "
        f"below, {fmt.money(total)} in total, for the measurement windows in which the service missed its "
        "committed availability.",
    ]
    if deadline is not None:
        paragraphs.append(f"This claim is made within the claim period; the earliest claim deadline is {deadline}.")
    paragraphs.append("The terms relied on:")
    paragraphs += [f"- {cite(field)}" for field in owed.fields]
    header = ("window", "missed", "credit", "% of fee base", "claim by", "outages (log row)")
    table = tuple(
        (
            f"{c.window.first_day} to {c.window.last_day}",
            ", ".join(
                f"{j.name} {fmt.percent(j.availability_percent, 3)} < {fmt.percent(j.target, 2)}" for j in c.missed
            ),
            fmt.money(c.amount),
            fmt.percent(percent_of_base(c), 2),
            str(c.claim_deadline or "not stated"),
            ", ".join(f"{o.component} {o.start:%Y-%m-%d %H:%M} (row {o.row})" for o in c.evidence) or "-",
        )
        for c in claims
    )
    closing = (
        "Please confirm the credits and apply them to the next invoice, as the agreement provides.",
        "The outage figures are from our outage log, replayed on the agreement's measurement rules (exclusions and "
        "maintenance windows applied); we will share the log on request.",
    )
    return Letter(f"Service credit claim: {buyer} / {vendor}", tuple(paragraphs), header, table, closing)


def open_credits(owed: CreditsOwed) -> tuple[CreditOwed, ...]:
    return tuple(c for c in owed.owed if c.status is ClaimStatus.open and not c.forfeited)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def letter_markdown(letter: Letter) -> str:
    lines = [f"# {letter.title}", ""]
    for paragraph in letter.paragraphs:
        lines += [paragraph, ""] if not paragraph.startswith("- ") else [paragraph]
    lines += ["", "| " + " | ".join(letter.table_header) + " |", "|" + "---|" * len(letter.table_header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in letter.table]
    lines.append("")
    for paragraph in letter.closing:
        lines += [paragraph, ""]
    return "\n".join(lines)


def letter_docx(letter: Letter) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(letter.title, level=1)
    for paragraph in letter.paragraphs:
        if paragraph.startswith("- "):
            document.add_paragraph(paragraph[2:], style="List Bullet")
        else:
            document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=len(letter.table_header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, letter.table_header, strict=True):
        cell.text = text
    for row in letter.table:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    for paragraph in letter.closing:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
