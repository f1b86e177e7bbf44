"""The Inputs rows of an offer's order-form terms: signing credits, surcharges and taxes, billing and payment terms,
renewal, leaving early and the liability cap. `st` is the offer's styles (amounts in the offer's currency)."""

from __future__ import annotations

from principal.cost.payments import SPAN, billing_terms
from principal.model.deal import Offer
from principal.model.order_form import Surcharge
from principal.reports.workbook.cells import Styles
from principal.reports.workbook.input_refs import BillingRefs, CreditRefs, ExitRefs, RenewalRefs, SurchargeRefs
from principal.reports.workbook.input_rows import Rows


def credits(rows: Rows, st: Styles, offer: Offer, path: str) -> tuple[CreditRefs, ...]:
    out = []
    for i, credit in enumerate(offer.credits):
        p = f"{path}.credits[{i}]"
        amount = rows.value(
            f"Credit {credit.name}: amount",
            credit.amount,
            st.input_money,
            "taken off its month's invoice",
            f"{p}.amount",
        )
        month = rows.value(f"Credit {credit.name}: month", credit.month, st.input_count, "", f"{p}.month")
        out.append(CreditRefs(credit.name, amount, month))
    return tuple(out)


def describe_surcharge(charge: Surcharge) -> str:
    if charge.percent is not None:
        bases = ", ".join(b.value.replace("_", "-") for b in charge.applies_to)
        meters = f" (meters {', '.join(charge.meters)})" if charge.meters else ""
        extra = ", and on the other surcharges paid with them" if charge.on_surcharges else ""
        return f"{charge.kind.value}: % of {bases}{meters}{extra}"
    if charge.per_unit is not None:
        unit = charge.per_unit
        target = f"billable unit of {unit.meter}" if unit.meter is not None else f"billed seat of {unit.license}"
        return f"{charge.kind.value}: per {target}"
    return f"{charge.kind.value}: a fixed amount every billed month"


def surcharges(rows: Rows, st: Styles, offer: Offer, path: str) -> tuple[SurchargeRefs, ...]:
    out = []
    for i, charge in enumerate(offer.surcharges):
        p = f"{path}.surcharges[{i}]"
        label = f"{charge.kind.value.capitalize()} {charge.name}"
        rows.text(
            f"{label}: basis", describe_surcharge(charge), "fixed by the export; never compounds unless stated", p
        )
        if charge.percent is not None:
            percent = rows.value(f"{label}: percent", charge.percent, st.input_percent, "", f"{p}.percent")
            out.append(SurchargeRefs(i, percent=percent))
        elif charge.per_unit is not None:
            amount = rows.value(f"{label}: per unit", charge.per_unit.amount, st.input_rate, "", f"{p}.per_unit.amount")
            out.append(SurchargeRefs(i, per_unit=amount))
        else:
            assert charge.monthly is not None
            monthly = rows.value(f"{label}: a month", charge.monthly, st.input_money, "", f"{p}.monthly")
            first = rows.value(
                f"{label}: from month",
                charge.from_month,
                st.input_count,
                "and never before billing starts",
                f"{p}.from_month",
            )
            out.append(SurchargeRefs(i, monthly=monthly, from_month=first))
    return tuple(out)


def billing(rows: Rows, st: Styles, offer_name: str, offer: Offer, path: str) -> BillingRefs:
    terms = billing_terms(offer_name, offer)
    defaults = {d.path: d for d in terms.defaults_used}
    rows.defaults.update(defaults)
    p = f"{path}.billing"
    span = rows.value(
        "Licences and recurring fees: months per invoice",
        SPAN[terms.frequency],
        st.input_count,
        rows.defaulted(f"{p}.frequency", "1 monthly, 3 quarterly, 12 annual (contract quarters and years)"),
        f"{p}.frequency",
    )
    advance = rows.value(
        "Invoiced in advance (1) or in arrears (0)",
        1 if terms.timing.value == "advance" else 0,
        st.input_flag,
        rows.defaulted(f"{p}.timing", "usage is always invoiced monthly in arrears"),
        f"{p}.timing",
    )
    days = rows.value(
        "Payment terms (days from invoice)",
        terms.payment_days,
        st.input_count,
        rows.defaulted(f"{p}.payment_days", "a month of payment terms is 30 days"),
        f"{p}.payment_days",
    )
    return BillingRefs(span, advance, days)


def renewal(rows: Rows, st: Styles, offer: Offer, path: str) -> RenewalRefs | None:
    r = offer.exit.renewal if offer.exit is not None else None
    if r is None:
        return None
    p = f"{path}.exit.renewal"
    cap = None
    if r.uplift_cap_percent is not None:
        cap = rows.value(
            "Renewal: uplift cap (%)",
            r.uplift_cap_percent,
            st.input_percent,
            "the most prices may rise at renewal",
            f"{p}.uplift_cap_percent",
        )
    months = rows.value(
        "Renewal: renewal term (months)",
        r.renewal_term_months or 12,
        st.input_count,
        rows.defaulted(f"{p}.renewal_term_months", "the exposure is the first renewal year: at most 12 months"),
        f"{p}.renewal_term_months",
    )
    notice = None
    if r.notice_days is not None:
        notice = rows.value(
            "Renewal: notice of non-renewal (days)", r.notice_days, st.input_count, "", f"{p}.notice_days"
        )
    return RenewalRefs(cap, months, notice)


def exit_terms(rows: Rows, st: Styles, offer: Offer, path: str) -> ExitRefs | None:
    ex = offer.exit
    if ex is None:
        return None
    p = f"{path}.exit"
    percent = fixed = months = amount = None
    if ex.termination_fee_percent_of_remaining is not None:
        percent = rows.value(
            "Leaving early: fee (% of the committed fees left)",
            ex.termination_fee_percent_of_remaining,
            st.input_percent,
            "licence and recurring-fee charges after the year end",
            f"{p}.termination_fee_percent_of_remaining",
        )
    if ex.termination_fee is not None:
        fixed = rows.value("Leaving early: fixed fee", ex.termination_fee, st.input_money, "", f"{p}.termination_fee")
    if ex.liability_cap_months_of_fees is not None:
        months = rows.value(
            "Liability cap: months of fees",
            ex.liability_cap_months_of_fees,
            st.input_count,
            "x the average monthly fees of the trailing 12 months",
            f"{p}.liability_cap_months_of_fees",
        )
    if ex.liability_cap_amount is not None:
        amount = rows.value(
            "Liability cap: fixed amount", ex.liability_cap_amount, st.input_money, "", f"{p}.liability_cap_amount"
        )
    if all(x is None for x in (percent, fixed, months, amount)):
        return None
    return ExitRefs(percent, fixed, months, amount)
