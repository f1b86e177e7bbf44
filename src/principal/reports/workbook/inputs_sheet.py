"""The Inputs sheet: every figure of the offers the cost sheets read, one per row, with the deal-file field it
came from. Blue cells on pale yellow are inputs; change one and every cost sheet and the comparison follow.

Columns: A what it is, B the value, C how it is used, D the deal-file field. Amounts of an offer priced in another
currency are in that currency (its own number format); the cost sheets convert them at the exchange rate here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from principal.cost.exit_terms import outage_hour_cost
from principal.cost.fx import offer_currency
from principal.cost.timeline import uplift_rate, years_in_term
from principal.model.deal import Deal, Offer
from principal.model.pricing import UpliftKind, UpliftTarget
from principal.reports.workbook import inputs_pricing as pricing
from principal.reports.workbook import inputs_terms as terms
from principal.reports.workbook.cells import Styles
from principal.reports.workbook.input_refs import (
    BuyerRefs,
    DealInputs,
    ForecastRefs,
    IncumbentRefs,
    OfferInputs,
    Step,
    WaveRefs,
)
from principal.reports.workbook.input_rows import SHEET, WHAT_IF, Assumed, Rows

__all__ = ["SHEET", "write_inputs"]


def write_inputs(
    sheet: Worksheet,
    st: Styles,
    deal: Deal,
    offers: list[str],
    styles_for: Callable[[str], Styles],
    defaults: Mapping[str, tuple[Assumed, ...]],
) -> DealInputs:
    """The Inputs sheet; `styles_for(currency)` gives the number formats of an offer's own currency and
    `defaults[offer]` the engine's labelled defaults for it."""
    sheet.set_column(0, 0, 52)
    sheet.set_column(1, 1, 16)
    sheet.set_column(2, 2, 70)
    sheet.set_column(3, 3, 48)
    sheet.write_string(0, 0, f"Inputs: {deal.name}", st.title)
    rows = Rows(sheet, st, {d.path: d for found in defaults.values() for d in found})
    rows.row = 1
    rows.text("How to use", "Change any blue cell; the cost sheets and the comparison recalculate.")
    for col, head in enumerate(("Figure", "Value", "How it is used", "Deal-file field")):
        sheet.write_string(rows.row, col, head, st.header)
    rows.row += 1
    forecasts = _forecasts(rows, deal, offers)
    buyer = _buyer(rows, deal)
    rates = _exchange_rates(rows, deal, offers)
    out = DealInputs(buyer, forecasts)
    for name in offers:
        offer = deal.offers[name]
        rows.defaults = {d.path: d for d in defaults.get(name, ())}
        currency = offer_currency(deal, offer)
        out.offers[name] = _offer(rows, styles_for(currency), deal, name, currency, rates.get(currency), forecasts)
    return out


def _forecasts(rows: Rows, deal: Deal, offers: list[str]) -> dict[str, ForecastRefs]:
    st = rows.st
    used = {m.forecast for name in offers for m in deal.offers[name].usage}
    rows.heading("Forecasts at the buyer's plan (units a month)")
    out = {}
    for name, fc in deal.buyer.forecasts.items():
        if name not in used:
            continue
        path = f"buyer.forecasts.{name}"
        expected = rows.value(
            f"{name}: {fc.unit}s a month", fc.expected, st.input_count, "expected monthly volume", f"{path}.expected"
        )
        growth = rows.value(
            f"{name}: growth a year (%)",
            fc.growth_percent,
            st.input_percent,
            "volume in contract year y = expected x (1 + growth/100)^(y-1)",
            f"{path}.growth_percent",
        )
        what_if = rows.value(
            f"{name}: what-if volume (% of the plan)",
            100,
            st.input_percent,
            "type 130 for 30% above the plan: usage follows, while caps and collars stay measured on the plan "
            "(so an overrun makes a cap bind)",
            WHAT_IF,
        )
        schedule = tuple(
            Step(
                rows.value(
                    f"{name}: schedule step {j + 1} from month",
                    step.from_month,
                    st.input_count,
                    "an explicit volume on the new platform replaces expected x growth x agents live" if j == 0 else "",
                    f"{path}.schedule[{j}].from_month",
                ),
                rows.value(
                    f"{name}: schedule step {j + 1} volume",
                    step.expected,
                    st.input_count,
                    "",
                    f"{path}.schedule[{j}].expected",
                ),
            )
            for j, step in enumerate(fc.schedule)
        )
        out[name] = ForecastRefs(expected, growth, fc.unit, what_if, schedule)
    return out


def _buyer(rows: Rows, deal: Deal) -> BuyerRefs:
    st = rows.st
    buyer = deal.buyer
    rows.heading("The buyer")
    agents = rows.value("Agents", buyer.agents, st.input_count, "the operation's agents", "buyer.agents")
    start = None
    if deal.start is not None:
        start = rows.date("Contract start (month 1)", deal.start, "the renewal notice date counts from it", "start")
    rate = None
    if buyer.discount_rate_percent is not None:
        rate = rows.value(
            "Discount rate a year (%)",
            buyer.discount_rate_percent,
            st.input_percent,
            "net present value of payments: monthly rate (1 + r)^(1/12) - 1",
            "buyer.discount_rate_percent",
        )
    hour = None
    cost = outage_hour_cost(deal)
    down = buyer.downtime
    if cost is not None and down is not None:
        assert down.loaded_cost_per_agent_hour is not None
        assert down.contacts_per_hour is not None and down.value_per_lost_contact is not None
        p = "buyer.downtime"
        loaded = rows.value(
            "Loaded cost of an agent-hour",
            down.loaded_cost_per_agent_hour,
            st.input_money,
            "",
            f"{p}.loaded_cost_per_agent_hour",
        )
        contacts = rows.value("Contacts an hour", down.contacts_per_hour, st.input_count, "", f"{p}.contacts_per_hour")
        share = rows.value(
            "Contacts lost in an outage (%)", down.lost_contact_share, st.input_percent, "", f"{p}.lost_contact_share"
        )
        value = rows.value(
            "Value of a lost contact", down.value_per_lost_contact, st.input_money, "", f"{p}.value_per_lost_contact"
        )
        hour = rows.formula(
            "One hour of a full outage costs",
            f"={agents}*{loaded}+{contacts}*{share}/100*{value}",
            cost,
            st.money,
            "agents x loaded cost + contacts x lost share x value per lost contact",
            p,
        )
    return BuyerRefs(agents, rate, start, hour, _incumbent(rows, deal))


def _incumbent(rows: Rows, deal: Deal) -> IncumbentRefs | None:
    inc = deal.buyer.incumbent
    st = rows.st
    if inc is None or inc.monthly_cost is None:
        return None
    p = "buyer.incumbent"
    rows.heading(
        f"The incumbent{f': {inc.name}' if inc.name else ''} (staying, and running it while the operation moves)"
    )
    monthly = rows.value("Incumbent: cost a month", inc.monthly_cost, st.input_money, "all in", f"{p}.monthly_cost")
    growth = rows.value(
        "Incumbent: growth a year (%)",
        inc.annual_growth_percent,
        st.input_percent,
        "cost in contract year y = monthly x (1 + growth/100)^(y-1)",
        f"{p}.annual_growth_percent",
    )

    def assumed(field: str, label: str, value: int | Decimal, fmt: Format, note: str) -> str:
        return rows.value(label, value, fmt, rows.defaulted(f"{p}.{field}", note), f"{p}.{field}")

    notice = assumed("notice_months", "Incumbent: notice (months)", inc.notice_months or 0, st.input_count, "")
    served = assumed(
        "notice_served_month", "Incumbent: notice served in month", inc.notice_served_month or 1, st.input_count, ""
    )
    overlap = assumed(
        "overlap_months",
        "Incumbent: months kept running after each go-live",
        inc.overlap_months or 0,
        st.input_count,
        "parallel running",
    )
    variable = assumed(
        "variable_percent",
        "Incumbent: share that falls as agents move (%)",
        inc.variable_percent if inc.variable_percent is not None else Decimal(100),
        st.input_percent,
        "per-seat licences; the rest is paid until the incumbent is off",
    )
    committed = fee = None
    if inc.committed_until_month is not None:
        committed = rows.value(
            "Incumbent: committed through month",
            inc.committed_until_month,
            st.input_count,
            "paid in full through this month unless the early-termination fee ends it",
            f"{p}.committed_until_month",
        )
    else:
        rows.text(
            "Incumbent: committed through month",
            "none",
            rows.defaulted(f"{p}.committed_until_month"),
            f"{p}.committed_until_month",
        )
    if inc.early_termination_fee is not None:
        fee = rows.value(
            "Incumbent: early-termination fee",
            inc.early_termination_fee,
            st.input_money,
            "charged once in the end month when it ends the commitment",
            f"{p}.early_termination_fee",
        )
    return IncumbentRefs(monthly, growth, notice, served, overlap, variable, committed, fee)


def _exchange_rates(rows: Rows, deal: Deal, offers: list[str]) -> dict[str, str]:
    used = sorted({offer_currency(deal, deal.offers[n]) for n in offers} - {deal.currency})
    if not used:
        return {}
    rows.heading(f"Exchange rates ({deal.currency} per unit of another currency)")
    return {
        code: rows.value(
            f"{deal.currency} per {code}",
            deal.fx_rates[code],
            rows.st.input_rate,
            f"offers priced in {code} are costed in {code}, then every charge is converted at this rate",
            f"fx_rates.{code}",
        )
        for code in used
    }


def _offer(
    rows: Rows,
    st: Styles,
    deal: Deal,
    name: str,
    currency: str,
    fx_rate: str | None,
    forecasts: dict[str, ForecastRefs],
) -> OfferInputs:
    offer = deal.offers[name]
    path = f"offers.{name}"
    rows.heading(f"Offer {name}" + (f": {offer.label}" if offer.label else ""))
    rows.value(
        "Term (months)",
        offer.term_months,
        st.count,
        "fixed in this workbook: each cost sheet has one row per month; export again for another term",
        f"{path}.term_months",
    )
    if currency != deal.currency:
        rows.text(
            "Currency of this offer",
            currency,
            f"its amounts below are in {currency}; its cost sheet converts them into {deal.currency}",
            f"{path}.currency",
        )
    impl = offer.implementation
    start = rows.value(
        "Billing starts in month",
        impl.billing_start_month if impl and impl.billing_start_month else 1,
        st.input_count,
        "licences and recurring fees are billed from this month",
        f"{path}.implementation.billing_start_month",
    )
    waves = _waves(rows, st, offer, path)
    if waves:
        months = ",".join(w.go_live for w in waves)
        go_live = rows.formula(
            "Go-live month (the first wave's)",
            f"=MIN({months})",
            Decimal(min(w.go_live_month for w in offer.implementation.waves)),  # type: ignore[union-attr]
            st.count,
            "usage is billed from this month",
            f"{path}.implementation.go_live_month",
        )
    else:
        go_live = rows.value(
            "Go-live month",
            impl.go_live_month if impl and impl.go_live_month else 1,
            st.input_count,
            rows.defaulted(f"{path}.implementation.go_live_month", "usage is billed from this month"),
            f"{path}.implementation.go_live_month",
        )
    tied = rows.value(
        "Billing waits for go-live (1 yes, 0 no)",
        1 if impl and impl.billing_tied_to_go_live else 0,
        st.input_flag,
        "when 1, billing starts at the later of the two months above",
        f"{path}.implementation.billing_tied_to_go_live",
    )
    uplift = offer.uplift
    described = _describe_uplift(offer)
    rates = tuple(
        rows.value(
            f"Uplift in contract year {year} (%)",
            uplift_rate(uplift, year) if uplift else Decimal(0),
            st.input_percent,
            f"{described}; price factor of year y = product of (1 + uplift/100) over years 1..y",
            f"{path}.uplift",
        )
        for year in range(1, years_in_term(offer.term_months) + 1)
    )
    targets = uplift.applies_to if uplift else ()
    applies_lic = rows.value(
        "Uplift applies to licences and recurring fees (1/0)",
        1 if UpliftTarget.licenses in targets else 0,
        st.input_flag,
        "",
        f"{path}.uplift.applies_to",
    )
    applies_use = rows.value(
        "Uplift applies to usage rates (1/0)",
        1 if UpliftTarget.usage in targets else 0,
        st.input_flag,
        "",
        f"{path}.uplift.applies_to",
    )
    return OfferInputs(
        name=name,
        offer=offer,
        currency=currency,
        fx_rate=fx_rate,
        billing_start=start,
        go_live=go_live,
        tied=tied,
        uplift_rates=rates,
        applies_licences=applies_lic,
        applies_usage=applies_use,
        licences=pricing.licences(rows, st, offer, path),
        recurring=pricing.recurring(rows, st, offer, path),
        meters=pricing.meters(rows, st, deal, offer, path, forecasts),
        cap=pricing.cap(rows, st, offer, path),
        fees=pricing.fees(rows, st, offer, path),
        credits=terms.credits(rows, st, offer, path),
        surcharges=terms.surcharges(rows, st, offer, path),
        billing=terms.billing(rows, st, name, offer, path),
        renewal=terms.renewal(rows, st, offer, path),
        exit=terms.exit_terms(rows, st, offer, path),
        waves=waves,
    )


def _waves(rows: Rows, st: Styles, offer: Offer, path: str) -> tuple[WaveRefs, ...]:
    impl = offer.implementation
    if impl is None or not impl.waves:
        return ()
    out = []
    for i, wave in enumerate(impl.waves):
        p = f"{path}.implementation.waves[{i}]"
        agents = rows.value(
            f"Wave {wave.name}: agents", wave.agents, st.input_count, "agents moving to the new platform", f"{p}.agents"
        )
        month = rows.value(
            f"Wave {wave.name}: go-live month", wave.go_live_month, st.input_count, "", f"{p}.go_live_month"
        )
        out.append(WaveRefs(wave.name, agents, month))
    return tuple(out)


def _describe_uplift(offer: Offer) -> str:
    u = offer.uplift
    if u is None or u.kind is UpliftKind.none:
        return "the offer states no uplift"
    if u.kind is UpliftKind.fixed:
        return f"fixed {u.percent}% a year from contract year {u.from_year}"
    parts = [f"CPI assumed {', '.join(str(c) for c in u.cpi_assumed)}% plus {u.cpi_plus} points"]
    if u.floor is not None:
        parts.append(f"floor {u.floor}%")
    if u.cap is not None:
        parts.append(f"cap {u.cap}%")
    return "; ".join(parts) + f", from contract year {u.from_year} (the cost engine's rate for each year)"
