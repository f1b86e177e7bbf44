"""Console rendering of the invoice audit and the credits owed (figures from principal.signed, words here)."""

from __future__ import annotations

from rich.table import Table

from principal.cli.output import console
from principal.present import Formatter
from principal.signed.audit import AuditResult
from principal.signed.credits import CreditsOwed
from principal.signed.portfolio import Portfolio
from principal.signed.savings import SavingsRealised

VERDICTS = {
    "overbilled": "over-billed",
    "underbilled": "under-billed",
    "missing_credit": "credit missing",
    "not_in_contract": "not in the contract",
    "not_invoiced": "not invoiced",
}


def render_audit(result: AuditResult, fmt: Formatter) -> None:
    out = console.print
    first, last = result.months[0], result.months[-1]
    out(
        f"Invoice audit of {result.invoice_file} against the signed offer {result.offer!r} "
        f"(contract months {first} to {last})",
        markup=False,
    )
    findings = result.findings
    if findings:
        table = Table(title="Findings (over-billing first)")
        for column in ("#", "month", "row", "charge", "billed", "signed terms", "difference", "finding"):
            table.add_column(column, justify="right" if column in ("billed", "signed terms", "difference") else "left")
        for n, c in enumerate(findings, start=1):
            table.add_row(
                str(n),
                f"{c.month} ({c.period:%Y-%m})",
                ", ".join(map(str, c.rows)) or "-",
                f"{c.kind.value} {c.item}".strip(),
                fmt.money(c.billed),
                fmt.money(c.expected),
                fmt.money(c.difference),
                VERDICTS[c.verdict.value],
            )
        console.print(table)
        for n, c in enumerate(findings, start=1):
            how = c.formula + (f" ({c.hint})" if c.hint else "") + (f" [{', '.join(c.fields)}]" if c.fields else "")
            out(f"  {n}. signed terms: {how}", markup=False)
    else:
        out("Every line matches the signed terms.", markup=False)
    out(
        f"Billed {fmt.money(result.billed)}; the signed terms give {fmt.money(result.expected)}; over-billed "
        f"{fmt.money(result.overbilled)}; under-billed {fmt.money(result.underbilled)}.",
        markup=False,
    )
    usage = Table(title="Usage against the forecast (billable units in the invoiced months)")
    for column in ("meter", "plan", "invoiced", "variance", "charge at plan", "charge invoiced"):
        usage.add_column(column, justify="left" if column == "meter" else "right")
    for u in result.usage:
        usage.add_row(
            u.meter,
            fmt.number(u.plan_units),
            fmt.number(u.invoiced_units),
            fmt.percent(u.variance_percent, 1, blank="-"),
            fmt.money(u.plan_charge),
            fmt.money(u.invoiced_charge),
        )
    console.print(usage)
    for cap in result.caps:
        state = "on course to pass the cap" if cap.over_cap else "within the cap"
        out(
            f"Usage cap, months {cap.months[0]}-{cap.months[-1]}: projected {fmt.money(cap.projected)} against "
            f"{fmt.money(cap.limit)} ({state}; headroom {fmt.money(cap.headroom)}). How: {cap.formula}",
            markup=False,
        )
    for note in result.assumptions:
        out(f"Assumed: {note}.", markup=False)


def render_savings(savings: SavingsRealised, fmt: Formatter) -> None:
    months = f"{savings.months[0]}-{savings.months[-1]}"
    table = Table(title=f"Savings against {savings.baseline!r} in the invoiced months ({months})")
    for column in ("lever", "negotiated (plan volumes)", "realised (invoiced volumes)"):
        table.add_column(column, justify="left" if column == "lever" else "right")
    for lever in savings.levers:
        table.add_row(lever.description, fmt.money(lever.negotiated), fmt.money(lever.realised))
    table.add_row("all levers", fmt.money(savings.negotiated), fmt.money(savings.at_invoiced_volumes))
    console.print(table)
    console.print(
        f"Realised {fmt.money(savings.realised)} = {fmt.money(savings.at_invoiced_volumes)} at invoiced volumes - "
        f"{fmt.money(savings.billing_difference)} billed beyond the signed terms.",
        markup=False,
    )


def render_credits(owed: CreditsOwed, letter: str | None, fmt: Formatter, *, letter_asked: bool = False) -> None:
    out = console.print
    if not owed.owed:
        out(f"The outage log gives no service credit under the signed offer {owed.offer!r}.", markup=False)
    else:
        table = Table(title=f"Service credits owed under {owed.offer!r} (as of {owed.as_of})")
        for column in ("window", "missed", "credit", "claim by", "status", "evidence (log rows)"):
            table.add_column(column)
        for c in owed.owed:
            status = c.status.value + (" (forfeited: no later invoice)" if c.forfeited else "")
            table.add_row(
                f"{c.window.first_day} to {c.window.last_day}",
                ", ".join(f"{j.name} {fmt.percent(j.availability_percent, 3)}" for j in c.missed),
                fmt.money(c.amount),
                str(c.claim_deadline or "not stated"),
                status,
                ", ".join(str(o.row) for o in c.evidence) or "-",
            )
        console.print(table)
    out(
        f"Total {fmt.money(owed.total)}; not yet claimed {fmt.money(owed.unclaimed)}; lapsed unclaimed "
        f"{fmt.money(owed.lapsed)}.",
        markup=False,
    )
    if letter:
        out(f"Claim letter written to {letter}.", markup=False)
    elif letter_asked:
        out("No open credit to claim on that day: no letter written.", markup=False)
    for q in owed.questions:
        out(f"Question ({q.path}): {q.question}", markup=False)


def render_portfolio(result: Portfolio) -> None:
    from principal.present import formatter_for

    out = console.print
    table = Table(title=f"Signed deals as of {result.as_of} (next deadline first)")
    for column in ("deal", "offer", "term", "next deadline", "annual spend", "renewal exposure", "savings"):
        table.add_column(
            column, justify="right" if column in ("annual spend", "renewal exposure", "savings") else "left"
        )
    for d in result.deals:
        fmt = formatter_for(d.currency)
        deadline = f"{d.next_deadline.day}: {fmt.text(d.next_deadline.title)}" if d.next_deadline else "-"
        term = f"{d.effective_date} to {d.term_end}" if d.effective_date else "start unknown"
        spend = f"{fmt.money(d.annual_spend)} (year {d.spend_year})" if d.annual_spend is not None else "unknown"
        table.add_row(
            d.deal, d.offer, term, deadline, spend, fmt.money(d.exposure, blank="-"), fmt.money(d.savings, blank="-")
        )
    console.print(table)
    for label, totals in (("Annual spend", result.spend), ("Savings", result.savings), ("Exposure", result.exposure)):
        if totals:
            out(f"{label}: " + "; ".join(formatter_for(a.currency).money(a) for a in totals), markup=False)
    if result.comparables:
        comps = Table(title="Comparables (each cited)")
        for column in ("metric", "value", "label", "source"):
            comps.add_column(column)
        for c in result.comparables:
            fmt = formatter_for(c.currency)
            value = fmt.rate(c.value) if c.metric.value == "per_minute_rate" else fmt.money(c.value)
            comps.add_row(c.metric.value, value, c.label, c.source)
        console.print(comps)
    for q in result.quartiles:
        fmt = formatter_for(q.currency)
        show = fmt.rate if q.metric.value == "per_minute_rate" else fmt.money
        out(
            f"{q.metric.value} ({q.currency}, {q.count} figures): p25 {show(q.p25)}, median {show(q.median)}, "
            f"p75 {show(q.p75)}",
            markup=False,
        )
