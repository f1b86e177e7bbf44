"""People's view of the order-form terms in `principal cost` and `principal compare`: currency and FX
sensitivity, all-in unit prices, cash and NPV, renewal exposure, leaving early, the liability cap, competing
bids, and the defaults assumed and terms unknown. Everything is formatted by the deal's formatter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from principal.cli.output import console

if TYPE_CHECKING:
    from principal.cost.terms_results import OfferTermsResult, VendorBidResult
    from principal.present import Formatter


def _yes_no(value: bool | None) -> str:
    return "not stated" if value is None else ("yes" if value else "no")


def fx_line(t: OfferTermsResult, fmt: Formatter) -> str | None:
    fx = t.fx
    if fx is None:
        return None
    return (
        f"Priced in {fx.currency}, converted at {fmt.number(fx.rate)} {fmt.currency} per {fx.currency}; "
        f"with the rate 10% lower the term costs {fmt.money(fx.term_cost_rate_down)}, 10% higher "
        f"{fmt.money(fx.term_cost_rate_up)} (±{fmt.money(fx.change)})."
    )


def unit_price_line(t: OfferTermsResult, fmt: Formatter) -> str:
    up = t.unit_prices
    parts = [f"{fmt.money(up.per_agent_month)} per agent per month (the contract alone)"]
    if up.switching_per_agent_month is not None:
        parts.append(f"{fmt.money(up.switching_per_agent_month)} with the cost of switching")
    off = "list price not given" if up.percent_off_list is None else f"{fmt.percent(up.percent_off_list, 1)} below list"
    parts.append(f"licences {off}")
    parts.append(f"fixed {fmt.share(up.fixed_share)}, usage-driven {fmt.share(up.variable_share)}")
    return "All-in: " + "; ".join(parts) + "."


def cash_line(t: OfferTermsResult, fmt: Formatter) -> str:
    cash = t.cash
    terms = f"{cash.frequency} invoices in {cash.timing}, paid {cash.payment_days} days after invoice"
    years = ", ".join(fmt.money(y) for y in cash.by_year)
    if cash.after_term.number:
        years += f" and {fmt.money(cash.after_term)} after the term"
    npv = (
        "NPV not computed (no discount rate)"
        if cash.npv is None or cash.discount_rate_percent is None
        else f"NPV at {fmt.percent(cash.discount_rate_percent)} a year: {fmt.money(cash.npv)}"
    )
    return f"Cash: {terms}; paid by year {years}; {npv}."


def renewal_line(t: OfferTermsResult, fmt: Formatter) -> str:
    r = t.renewal
    notice = ""
    if r.notice_by is not None:
        notice = f", notice by {r.notice_by.isoformat()}"
    elif r.notice_days is not None:
        notice = f", notice {r.notice_days} days before the term ends"
    if r.exposure is None:
        exposure = f"first renewal year unknown (last year's run rate {fmt.money(r.run_rate)})"
    else:
        exposure = f"first renewal year at the {r.price} price {fmt.money(r.exposure)} ({r.months} months)"
    return f"Renewal: automatic {_yes_no(r.auto_renews)}{notice}; {exposure}."


def termination_line(t: OfferTermsResult, fmt: Formatter) -> str | None:
    term = t.termination
    if not term.exits:
        return None
    if term.right is None:
        head = "Leaving early: the right is not stated"
    elif term.right is False:
        head = "Leaving early: no right to, so the committed fees left stay owed"
    else:
        head = "Leaving early (termination for convenience)"
    steps = []
    for e in term.exits:
        if e.cost_to_leave is None or e.fee is None:
            steps.append(f"end of year {e.year}: paid {fmt.money(e.paid_to_date)}, fee unknown")
        else:
            steps.append(
                f"end of year {e.year}: {fmt.money(e.paid_to_date)} paid + {fmt.money(e.fee)} = "
                f"{fmt.money(e.cost_to_leave)}"
            )
    return f"{head}: " + "; ".join(steps) + "."


def liability_line(t: OfferTermsResult, fmt: Formatter) -> str:
    cap = t.liability
    if cap.lowest is None:
        text = "Liability cap: not known"
    else:
        basis = []
        if cap.months_of_fees is not None:
            basis.append(f"{fmt.number(cap.months_of_fees)} months of fees")
        if cap.amount is not None:
            basis.append(fmt.money(cap.amount))
        how = f" ({cap.combination} of)" if cap.combination and len(basis) == 2 else ""
        text = f"Liability cap{how} {' / '.join(basis)}: at least {fmt.money(cap.lowest)} over the term"
    if cap.outage_hour_cost is not None:
        text += f"; a full outage costs you {fmt.money(cap.outage_hour_cost)} an hour"
        if cap.outage_hours_covered is not None:
            text += f", so the cap covers {fmt.number(cap.outage_hours_covered, 1)} hours"
    return text + "."


def render_offer_terms(t: OfferTermsResult, fmt: Formatter) -> None:
    """The order-form lines of one offer in `principal cost`."""
    who = " ".join(x for x in (t.vendor, t.version) if x)
    if who:
        console.print(f"Bid: {who}", markup=False)
    for text in (
        fx_line(t, fmt),
        unit_price_line(t, fmt),
        cash_line(t, fmt),
        renewal_line(t, fmt),
        termination_line(t, fmt),
        liability_line(t, fmt),
    ):
        if text:
            console.print(text, markup=False)
    render_defaults(t)


def render_defaults(t: OfferTermsResult) -> None:
    if t.defaults_used:
        console.print("Assumed where the deal is silent (labelled defaults):", markup=False)
        for d in t.defaults_used:
            console.print(f"  - {d.path}: {d.assumed} ({d.question})", markup=False)
    if t.unknowns:
        console.print("Not known, so not valued (ask):", markup=False)
        for u in t.unknowns:
            console.print(f"  - {u.path}: {u.question}", markup=False)


def render_compare_terms(
    terms: Mapping[str, OfferTermsResult], bids: Sequence[VendorBidResult], fmt: Formatter
) -> None:
    """The all-in unit prices, NPV and renewal exposure side by side, and the bids by vendor."""
    from rich.table import Table

    if not terms:
        return
    console.print()
    table = Table(title="All-in unit prices and order-form terms", show_edge=False, pad_edge=False)
    table.add_column("")
    for name in terms:
        table.add_column(name, justify="right")
    rows: list[tuple[str, list[str]]] = [
        ("per agent per month", [fmt.money(t.unit_prices.per_agent_month) for t in terms.values()]),
        (
            "  with switching",
            [fmt.money(t.unit_prices.switching_per_agent_month, blank="unknown") for t in terms.values()],
        ),
        (
            "below list (licences)",
            [
                "unknown" if t.unit_prices.percent_off_list is None else fmt.percent(t.unit_prices.percent_off_list, 1)
                for t in terms.values()
            ],
        ),
        ("fixed share", [fmt.share(t.unit_prices.fixed_share) for t in terms.values()]),
        ("NPV of payments", [fmt.money(t.cash.npv, blank="no rate") for t in terms.values()]),
        ("first renewal year", [fmt.money(t.renewal.exposure, blank="unknown") for t in terms.values()]),
        ("liability cap (lowest)", [fmt.money(t.liability.lowest, blank="unknown") for t in terms.values()]),
    ]
    if any(t.fx is not None for t in terms.values()):
        rows.append(("priced in", [t.currency for t in terms.values()]))
        rows.append(("FX ±10%", [fmt.money(t.fx.change) if t.fx else "" for t in terms.values()]))
    for label, values in rows:
        table.add_row(label, *values)
    console.print(table)
    vendors = [b for b in bids if b.alternative_offer is not None]
    for b in vendors:
        assert b.alternative_cost is not None and b.gap is not None
        word = "below" if b.gap.number > 0 else "above"
        console.print(
            f"  {b.vendor or 'unnamed vendor'}: best offer {b.best_offer} at {fmt.money(b.best_cost)}, "
            f"{fmt.money(abs(b.gap))} {word} the best other bid ({b.alternative_offer} of "
            f"{b.alternative_vendor or 'unnamed vendor'})",
            markup=False,
        )
