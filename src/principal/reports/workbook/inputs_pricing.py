"""The Inputs rows of an offer's prices: licences (ramps, price steps, free months, true-ups), recurring fees, usage
meters (rate cards, rounding, allowances, commitments, minimums), the usage cap and one-time fees.

`st` is the offer's styles: amounts in the offer's own currency."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from principal.cost import ratecard
from principal.cost.commitments import DEFAULT_OVERAGE
from principal.cost.volumes import rounding_factor
from principal.model.deal import Deal, Offer
from principal.model.order_form import TrueUpBasis, TrueUpFrequency, TrueUpPrice
from principal.model.pricing import LicenceBilling, License, LicenseKind, Period, RateCardKind, UsageMeter
from principal.reports.workbook.cells import Styles
from principal.reports.workbook.input_refs import (
    BandRefs,
    CapRefs,
    CommitmentRefs,
    FeeRefs,
    ForecastRefs,
    LicenceRefs,
    MeterRefs,
    MilestoneRefs,
    MinimumRefs,
    RecurringRefs,
    Step,
    TrueUpRefs,
)
from principal.reports.workbook.input_rows import Rows


def licences(rows: Rows, st: Styles, offer: Offer, path: str) -> tuple[LicenceRefs, ...]:
    return tuple(_licence(rows, st, lic, f"{path}.licenses[{i}]") for i, lic in enumerate(offer.licenses))


def _licence(rows: Rows, st: Styles, lic: License, p: str) -> LicenceRefs:
    per = "logged-in hour" if lic.kind is LicenseKind.hourly else "seat a month"
    label = f"Licence {lic.name} ({lic.kind.value})"
    if lic.true_up is not None:
        note = "committed seats: billed every month; seats in use above them are billed at each true-up"
    else:
        note = "seats, or logged-in hours a month"
    quantity = rows.value(f"{label}: quantity", lic.quantity, st.input_count, note, f"{p}.quantity")
    price = rows.value(
        f"{label}: price per {per}",
        lic.unit_price,
        st.input_rate,
        "charge a month = quantity x price x the year's uplift factor",
        f"{p}.unit_price",
    )
    list_price = None
    if lic.list_price is not None:
        list_price = rows.value(
            f"{label}: list price per {per}",
            lic.list_price,
            st.input_rate,
            "used by a true-up at list price and a renewal at list price",
            f"{p}.list_price",
        )
    live = lic.billed_on is LicenceBilling.live_seats
    if live:
        rows.text(
            f"{label}: billed on",
            "live seats",
            "quantity x agents live on the new platform / agents, rounded up (fixed by the export)",
            f"{p}.billed_on",
        )
    round_up = None
    if lic.kind is LicenseKind.hourly:
        round_up = rows.value(
            f"{label}: hours rounded up (1/0)", 1 if lic.round_hours_up else 0, st.input_flag, "", f"{p}.round_hours_up"
        )
    in_use = " in use" if lic.true_up is not None else ""
    ramp = tuple(
        Step(
            rows.value(
                f"{label}: step {j + 1} from month", step.from_month, st.input_count, "", f"{p}.ramp[{j}].from_month"
            ),
            rows.value(
                f"{label}: step {j + 1} quantity{in_use}", step.quantity, st.input_count, "", f"{p}.ramp[{j}].quantity"
            ),
        )
        for j, step in enumerate(lic.ramp)
    )
    steps = tuple(
        Step(
            rows.value(
                f"{label}: price step {j + 1} from month",
                step.from_month,
                st.input_count,
                "ramp pricing: the unit price from this month (the uplift still applies)",
                f"{p}.price_steps[{j}].from_month",
            ),
            rows.value(
                f"{label}: price step {j + 1} unit price",
                step.unit_price,
                st.input_rate,
                "",
                f"{p}.price_steps[{j}].unit_price",
            ),
        )
        for j, step in enumerate(lic.price_steps)
    )
    free = None
    if lic.free_months:
        first = rows.row
        for j, month in enumerate(lic.free_months):
            rows.value(
                f"{label}: free month {j + 1}",
                month,
                st.input_count,
                "billed, then credited in full" if j == 0 else "",
                f"{p}.free_months[{j}]",
            )
        last = xl_rowcol_to_cell(rows.row - 1, 1, row_abs=True, col_abs=True)
        free = f"'Inputs'!{xl_rowcol_to_cell(first, 1, row_abs=True, col_abs=True)}:{last}"
    true_up = None
    if lic.true_up is not None:
        up = lic.true_up
        basis = up.basis or TrueUpBasis.peak
        rows.text(
            f"{label}: true-up",
            f"{up.frequency.value}, {up.price.value} price, {basis.value}",
            rows.defaulted(
                f"{p}.true_up.basis",
                "seats in use above the quantity, counted over each period, billed at its end (fixed by the export)",
            ),
            f"{p}.true_up",
        )
        span = 3 if up.frequency is TrueUpFrequency.quarter else 12
        true_up = TrueUpRefs(span, basis is TrueUpBasis.peak, up.price is TrueUpPrice.list)
    return LicenceRefs(lic.name, lic.kind, quantity, price, round_up, ramp, steps, free, list_price, true_up, live)


def recurring(rows: Rows, st: Styles, offer: Offer, path: str) -> tuple[RecurringRefs, ...]:
    out = []
    for i, fee in enumerate(offer.recurring_fees):
        p = f"{path}.recurring_fees[{i}]"
        monthly = rows.value(f"Recurring fee {fee.name}: a month", fee.monthly, st.input_money, "", f"{p}.monthly")
        first = rows.value(
            f"Recurring fee {fee.name}: from month", fee.from_month, st.input_count, "", f"{p}.from_month"
        )
        uplifted = rows.value(
            f"Recurring fee {fee.name}: uplifted (1/0)", 1 if fee.uplifted else 0, st.input_flag, "", f"{p}.uplifted"
        )
        out.append(RecurringRefs(fee.name, monthly, first, uplifted))
    return tuple(out)


def meters(
    rows: Rows, st: Styles, deal: Deal, offer: Offer, path: str, forecasts: dict[str, ForecastRefs]
) -> tuple[MeterRefs, ...]:
    return tuple(_meter(rows, st, deal, m, f"{path}.usage[{i}]", forecasts) for i, m in enumerate(offer.usage))


def _meter(
    rows: Rows, st: Styles, deal: Deal, meter: UsageMeter, p: str, forecasts: dict[str, ForecastRefs]
) -> MeterRefs:
    card = meter.rate_card
    unit = deal.buyer.forecasts[meter.forecast].unit
    label = f"Usage {meter.name}"
    rows.text(
        f"{label}: rate card", ratecard.describe(card), f"volume from forecast {meter.forecast}", f"{p}.rate_card"
    )
    flat = None
    bands: list[BandRefs] = []
    if card.kind is RateCardKind.flat:
        assert card.rate is not None
        flat = rows.value(f"{label}: rate per {unit}", card.rate, st.input_rate, "", f"{p}.rate_card.rate")
    else:
        per = "a month" if card.period is Period.month else "a contract year"
        for j, band in enumerate(card.bands):
            up_to = None
            if band.up_to is not None:
                up_to = rows.value(
                    f"{label}: band {j + 1} up to ({unit}s {per})",
                    band.up_to,
                    st.input_count,
                    "inclusive upper limit of the band",
                    f"{p}.rate_card.bands[{j}].up_to",
                )
            rate = rows.value(
                f"{label}: band {j + 1} rate per {unit}",
                band.rate,
                st.input_rate,
                "open-ended last band" if band.up_to is None else "",
                f"{p}.rate_card.bands[{j}].rate",
            )
            bands.append(BandRefs(up_to, rate))
    factor = _rounding(rows, st, meter, label, p)
    per_seat = fixed = increment = None
    if meter.included is not None:
        per_seat = rows.value(
            f"{label}: included per seat a month",
            meter.included.per_seat,
            st.input_count,
            "units included before the rate card applies",
            f"{p}.included.per_seat",
        )
        fixed = rows.value(
            f"{label}: included a month", meter.included.fixed, st.input_count, "", f"{p}.included.fixed"
        )
    if meter.rounding is not None and meter.rounding.total_increment is not None:
        increment = rows.value(
            f"{label}: billed total rounded up to a multiple of",
            meter.rounding.total_increment,
            st.input_count,
            "",
            f"{p}.rounding.total_increment",
        )
    commitment = _commitment(rows, st, meter, label, p, unit)
    minimum = _minimum(rows, st, meter, label, p)
    return MeterRefs(
        meter, forecasts[meter.forecast], flat, tuple(bands), factor, per_seat, fixed, increment, minimum, commitment
    )


def _commitment(rows: Rows, st: Styles, meter: UsageMeter, label: str, p: str, unit: str) -> CommitmentRefs | None:
    c = meter.commitment
    if c is None:
        return None
    at = f"{p}.commitment"
    period = Period.year if c.period.value == "year" else Period.month
    quantity = rows.value(
        f"{label}: committed {unit}s per {c.period.value}",
        c.quantity,
        st.input_count,
        "units up to it at the card rate; above it at the overage price"
        + ("; x months/12 in a part year" if period is Period.year else ""),
        f"{at}.quantity",
    )
    overage = rows.value(
        f"{label}: overage price (% of the card rate)",
        c.overage_percent if c.overage_percent is not None else DEFAULT_OVERAGE,
        st.input_percent,
        rows.defaulted(f"{at}.overage_percent", "150 means 1.5 times the rate; the line adds the premium above 100%"),
        f"{at}.overage_percent",
    )
    take = rows.value(
        f"{label}: take-or-pay (1/0)",
        0 if c.take_or_pay is False else 1,
        st.input_flag,
        rows.defaulted(f"{at}.take_or_pay", "1: a shortfall below the commitment is billed at the end of the period"),
        f"{at}.take_or_pay",
    )
    first = None
    if c.from_month is not None:
        first = rows.value(f"{label}: commitment from month", c.from_month, st.input_count, "", f"{at}.from_month")
    else:
        rows.text(
            f"{label}: commitment from month", "billing start", rows.defaulted(f"{at}.from_month"), f"{at}.from_month"
        )
    prorate = None
    if period is Period.year:
        prorate = rows.value(
            f"{label}: commitment pro-rated in part years (1/0)",
            0 if c.prorate is False else 1,
            st.input_flag,
            rows.defaulted(f"{at}.prorate"),
            f"{at}.prorate",
        )
    return CommitmentRefs(quantity, period, overage, take, first, prorate)


def _minimum(rows: Rows, st: Styles, meter: UsageMeter, label: str, p: str) -> MinimumRefs | None:
    m = meter.minimum
    if m is None:
        return None
    at = f"{p}.minimum"
    amount = rows.value(
        f"{label}: minimum commitment per {m.period.value}",
        m.amount,
        st.input_money,
        "a shortfall below it is billed at the end of each period",
        f"{at}.amount",
    )
    first = None
    if m.from_month is not None:
        first = rows.value(
            f"{label}: minimum from month",
            m.from_month,
            st.input_count,
            "never before go-live when billing waits for go-live",
            f"{at}.from_month",
        )
    else:
        rows.text(
            f"{label}: minimum from month", "billing start", rows.defaulted(f"{at}.from_month"), f"{at}.from_month"
        )
    ramp = tuple(
        Step(
            rows.value(
                f"{label}: minimum step {j + 1} from month",
                step.from_month,
                st.input_count,
                "",
                f"{at}.ramp[{j}].from_month",
            ),
            rows.value(
                f"{label}: minimum step {j + 1} amount", step.amount, st.input_money, "", f"{at}.ramp[{j}].amount"
            ),
        )
        for j, step in enumerate(m.ramp)
    )
    prorate = None
    if m.period is Period.year:
        prorate = rows.value(
            f"{label}: minimum pro-rated in part years (1/0)",
            0 if m.prorate is False else 1,
            st.input_flag,
            rows.defaulted(
                f"{at}.prorate", "1: a part year owes the sum of the amounts in force / 12; 0: the full amount"
            ),
            f"{at}.prorate",
        )
    return MinimumRefs(amount, m.period, first, ramp, prorate)


def _rounding(rows: Rows, st: Styles, meter: UsageMeter, label: str, p: str) -> str | None:
    r = meter.rounding
    if r is None or r.mean_event_seconds is None or (r.increment_seconds is None and r.minimum_seconds == 0):
        return None
    minimum = rows.value(
        f"{label}: minimum billed per event (seconds)", r.minimum_seconds, st.input_count, "", f"{p}.rounding"
    )
    mean = rows.value(
        f"{label}: average event length (seconds)", r.mean_event_seconds, st.input_count, "", f"{p}.rounding"
    )
    if r.increment_seconds is not None:
        inc = rows.value(
            f"{label}: billing increment (seconds)", r.increment_seconds, st.input_count, "", f"{p}.rounding"
        )
        formula = f"=({minimum}+EXP(-{minimum}/{mean})*{inc}/(1-EXP(-{inc}/{mean})))/{mean}"
        note = "billed per actual unit, event lengths exponential: (m + e^(-m/mean) x i / (1 - e^(-i/mean))) / mean"
    else:
        formula = f"=({minimum}+{mean}*EXP(-{minimum}/{mean}))/{mean}"
        note = "billed per actual unit, event lengths exponential: (m + mean x e^(-m/mean)) / mean"
    return rows.formula(
        f"{label}: per-event rounding factor", formula, rounding_factor(r), st.factor, note, f"{p}.rounding"
    )


def cap(rows: Rows, st: Styles, offer: Offer, path: str) -> CapRefs | None:
    c = offer.usage_cap
    if c is None:
        return None
    covered = ", ".join(c.meters) if c.meters else "all usage meters"
    percent = amount = collar = None
    if c.percent_of_forecast is not None:
        percent = rows.value(
            f"Usage cap per {c.period.value} (% of the forecast charge)",
            c.percent_of_forecast,
            st.input_percent,
            f"covers {covered}; usage above the cap within the {c.period.value} is refused; the forecast charge is at "
            "the buyer's plan (what-if volumes do not move it)",
            f"{path}.usage_cap.percent_of_forecast",
        )
    else:
        assert c.amount is not None
        amount = rows.value(
            f"Usage cap per {c.period.value} (amount)",
            c.amount,
            st.input_money,
            f"covers {covered}; pro rata for a short last year",
            f"{path}.usage_cap.amount",
        )
    if c.collar_percent_of_forecast is not None:
        collar = rows.value(
            "Usage collar (% of the forecast charge)",
            c.collar_percent_of_forecast,
            st.input_percent,
            "the buyer pays at least this share of the charge at the buyer's plan in each period",
            f"{path}.usage_cap.collar_percent_of_forecast",
        )
    return CapRefs(c.meters, c.period, percent, amount, collar)


def fees(rows: Rows, st: Styles, offer: Offer, path: str) -> tuple[FeeRefs, ...]:
    out = []
    for i, fee in enumerate(offer.one_time_fees):
        p = f"{path}.one_time_fees[{i}]"
        amount = rows.value(f"One-time fee {fee.name}: amount", fee.amount, st.input_money, "", f"{p}.amount")
        if not fee.milestones:
            out.append(FeeRefs(fee.name, amount, (MilestoneRefs("due in month 1", None, None),)))
            continue
        milestones = []
        for j, ms in enumerate(fee.milestones):
            share = rows.value(
                f"  milestone {ms.name}: share (%)",
                ms.percent,
                st.input_percent,
                "paid = share x fee" + (" (held back until acceptance)" if ms.holdback else ""),
                f"{p}.milestones[{j}].percent",
            )
            month = rows.value(
                f"  milestone {ms.name}: month", ms.month, st.input_count, "", f"{p}.milestones[{j}].month"
            )
            milestones.append(MilestoneRefs(ms.name, share, month))
        out.append(FeeRefs(fee.name, amount, tuple(milestones)))
    return tuple(out)
