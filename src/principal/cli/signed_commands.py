"""After signature: `principal calendar` (key dates as iCalendar), `principal audit` (invoices against the signed
terms) and `principal credits` (service credits owed from an outage log, with the claim letter).

Each reads a deal file with a `signed:` block; the engines (principal.signed) are imported inside the commands.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from principal.cli.output import EXIT_FINDINGS, command, console, emit_result, use_formatter
from principal.errors import InputError

if TYPE_CHECKING:
    from principal.model.deal import Deal
    from principal.signed import SignedView


def register(app: typer.Typer) -> None:
    app.command("calendar")(calendar)
    app.command("audit")(audit)
    app.command("credits")(credits)
    app.command("portfolio")(portfolio)


def signed_deal(file: Path) -> tuple[Deal, SignedView]:
    """The deal and its signed view, or a located error saying what to add."""
    from principal.loader import load_deal
    from principal.present import formatter_for
    from principal.signed import signed_view

    deal = load_deal(file)
    use_formatter(formatter_for(deal.currency, deal.locale))
    if deal.signed is None:
        raise InputError.single(
            str(file),
            "no signed offer; add `signed: {offer: NAME, signature_date: YYYY-MM-DD, effective_date: YYYY-MM-DD}`",
            field="signed",
        )
    return deal, signed_view(deal)


def _days(text: str) -> tuple[int, ...]:
    try:
        days = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        days = (-1,)
    if not days or any(not 0 <= d <= 366 for d in days):
        raise InputError.single("--remind", f"{text!r}: give days before each deadline, e.g. 30,7 (0 to 366)")
    return days


def _today(text: str | None, option: str = "--as-of") -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError.single(option, f"{text!r} is not a date YYYY-MM-DD") from None


@command("calendar", file_param="files")
def calendar(
    files: list[Path] = typer.Argument(..., help="Deal files with a signed: block (one calendar for all)."),
    out: Path = typer.Option(..., "-o", "--out", help="The iCalendar file to write (dates.ics)."),
    remind: str = typer.Option("30,7", "--remind", help="Reminders this many days before each deadline."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output with every date."),
) -> None:
    """Key dates of signed contracts (notice deadlines, renewals, price increases, milestones, SLA claim windows)
    as an iCalendar file, each event citing the clause it comes from."""
    from principal.loader.citations import deal_citations
    from principal.present import formatter_for
    from principal.reports.atomic_file import check_target, write_atomically
    from principal.reports.signed.calendar_ics import DealDates, calendar_ics
    from principal.signed import key_dates

    days = _days(remind)
    check_target(out)
    deals, results = [], []
    for file in files:
        deal, view = signed_deal(file)
        dates = key_dates(view)
        citations = deal_citations(file, deal.signed.documents if deal.signed else ())
        fmt = formatter_for(deal.currency, deal.locale)
        deals.append(DealDates(deal.name, str(file), dates.dates, citations.cite_text, fmt))
        results.append((str(file), deal.name, dates))
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    write_atomically(out, calendar_ics(deals, remind_days=days, stamp=stamp))
    if as_json:
        listed = [{"file": f, "deal": name, "key_dates": dates} for f, name, dates in results]
        emit_result({"calendar": str(out), "remind_days": days, "deals": listed})
        return
    table = Table(title=f"Key dates written to {out} (reminders {', '.join(map(str, days))} days before deadlines)")
    several = len(deals) > 1
    for column in ("date", "deal", "what", "clause") if several else ("date", "what", "clause"):
        table.add_column(column)
    for deal_dates in deals:
        for d in deal_dates.dates:
            if d.kind.value == "sla_claim_deadline":
                continue
            cells = (str(d.day), deal_dates.formatter.text(d.title), ", ".join(d.fields))
            table.add_row(*((cells[0], deal_dates.deal_name, *cells[1:]) if several else cells))
    console.print(table)
    claims = sum(1 for dd in deals for d in dd.dates if d.kind.value == "sla_claim_deadline")
    console.print(f"Also {claims} SLA claim deadlines (one per window) in the file.", markup=False)
    for where, _, dates in results:
        for q in dates.questions:
            console.print(f"Question ({where}: {q.path}): {q.question}", markup=False)


@command("audit")
def audit(
    file: Path = typer.Argument(..., help="Deal file with a signed: block."),
    invoices: Path = typer.Argument(..., help="Invoice or usage lines (CSV; see docs/after-signature.md)."),
    columns: str | None = typer.Option(
        None, "--columns", help="Column mapping for another layout: field=Header,field=Header."
    ),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output with every line checked."),
) -> None:
    """Check every invoice line against the signed rate card, bands, minimums, cap, surcharges and uplifts.
    Exit 1 when over-billing is found."""
    from principal.loader.invoices import load_invoices, parse_columns
    from principal.present import formatter_for
    from principal.signed.audit import audit_invoices
    from principal.signed.savings import realised_savings

    mapping = parse_columns(columns) if columns is not None else None
    deal, view = signed_deal(file)
    if view.effective_date is None:
        raise InputError.single(
            str(file), "the signed effective date is unknown; add it", field="signed.effective_date"
        )
    term = view.offer.term_months
    lines = load_invoices(invoices, effective_date=view.effective_date, term_months=term, mapping=mapping)
    result = audit_invoices(view, lines.lines, str(invoices))
    savings = realised_savings(view, lines.lines, result)
    if as_json:
        emit_result({"currency": deal.currency, "audit": result, "findings": result.findings, "savings": savings})
    else:
        from principal.cli.signed_render import render_audit, render_savings

        fmt = formatter_for(deal.currency, deal.locale)
        render_audit(result, fmt)
        if savings is not None:
            render_savings(savings, fmt)
    if result.overbilling:
        raise typer.Exit(EXIT_FINDINGS)


@command("credits")
def credits(
    file: Path = typer.Argument(..., help="Deal file with a signed: block."),
    outages: Path = typer.Option(..., "--outages", help="Outage log (CSV) to replay on the signed SLA."),
    as_of: str | None = typer.Option(None, "--as-of", help="Judge claim deadlines on this day (default today)."),
    letter: Path | None = typer.Option(None, "--letter", help="Write the claim letter here (.md or .docx)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Service credits the signed SLA owes for an outage log, each with its claim deadline; open ones listed, and
    a claim letter citing the clause."""
    from principal.cli.sla_commands import _named_zone
    from principal.loader.citations import deal_citations
    from principal.loader.outage_log import load_outage_log
    from principal.present import formatter_for
    from principal.reports.atomic_file import check_target, write_atomically
    from principal.reports.signed.claim_letter import claim_letter, letter_docx, letter_markdown, open_credits
    from principal.signed import credits_owed

    today = _today(as_of)
    if letter is not None:
        if letter.suffix.lower() not in (".md", ".docx"):
            raise InputError.single(str(letter), "the letter is written as .md or .docx", field="--letter")
        check_target(letter, option="--letter")
    deal, view = signed_deal(file)
    if view.offer.sla is None:
        raise InputError.single(str(file), f"the signed offer {view.offer_name!r} has no sla block", field="signed")
    known = [c.name for c in view.offer.sla.components]
    log = load_outage_log(outages, components=known, timezone=_named_zone(deal))
    owed = credits_owed(view, log.outages, as_of=today)
    fmt = formatter_for(deal.currency, deal.locale)
    written = None
    if letter is not None and open_credits(owed):
        citations = deal_citations(file, deal.signed.documents if deal.signed else ())
        buyer = deal.buyer.organisation or "the buyer"
        vendor = deal.vendor or "the vendor"
        made = claim_letter(owed, buyer=buyer, vendor=vendor, fmt=fmt, cite=citations.cite_text, today=today)
        body = letter_docx(made) if letter.suffix.lower() == ".docx" else letter_markdown(made).encode()
        write_atomically(letter, body, option="--letter")
        written = str(letter)
    if as_json:
        emit_result({"currency": deal.currency, "credits": owed, "letter": written})
        return
    from principal.cli.signed_render import render_credits

    render_credits(owed, written, fmt, letter_asked=letter is not None)


@command("portfolio", file_param="files")
def portfolio(
    files: list[Path] = typer.Argument(..., help="Deal files with a signed: block."),
    comparables: list[Path] = typer.Option([], "--comparables", help="Comparables CSV (metric,value,currency,...)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Judge what is ahead from this day (default today)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """All signed deals in one view: deadlines and renewals ahead, annual spend, renewal exposure, savings, and
    comparables (p25 / median / p75) from the deals themselves and imported files, each cited."""
    from principal.loader.comparables import load_comparables
    from principal.signed.portfolio import portfolio as build

    today = _today(as_of)
    imported = [c for path in comparables for c in load_comparables(path)]
    deals = []
    for file in files:
        deal, _ = signed_deal(file)
        deals.append((deal, str(file)))
    result = build(deals, as_of=today, imported=imported)
    if as_json:
        emit_result({"portfolio": result})
        return
    from principal.cli.signed_render import render_portfolio

    render_portfolio(result)
