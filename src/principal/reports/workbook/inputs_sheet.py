"""The Inputs sheet: every figure of the offers the cost sheets read, one per row, with the deal-file field it
came from. Blue cells on pale yellow are inputs; change one and every cost sheet and the comparison follow.

Columns: A what it is, B the value, C how it is used, D the deal-file field.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from principal.cost import ratecard
from principal.cost.timeline import uplift_rate, years_in_term
from principal.cost.volumes import rounding_factor
from principal.model.deal import Deal, Offer
from principal.model.pricing import LicenseKind, Period, RateCardKind, UpliftKind, UpliftTarget, UsageMeter
from principal.reports.workbook.cells import Styles, num, ref

SHEET = "Inputs"


@dataclass(frozen=True)
class ForecastRefs:
    expected: str
    growth: str
    unit: str


@dataclass(frozen=True)
class LicenceRefs:
    name: str
    kind: LicenseKind
    quantity: str
    price: str
    round_up: str | None
    ramp: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class RecurringRefs:
    name: str
    monthly: str
    from_month: str
    uplifted: str


@dataclass(frozen=True)
class BandRefs:
    up_to: str | None
    rate: str


@dataclass(frozen=True)
class MeterRefs:
    meter: UsageMeter
    forecast: ForecastRefs
    flat_rate: str | None
    bands: tuple[BandRefs, ...]
    rounding_factor: str | None
    per_seat: str | None
    fixed: str | None
    total_increment: str | None
    minimum: str | None


@dataclass(frozen=True)
class CapRefs:
    meters: tuple[str, ...]
    period: Period
    percent: str | None
    amount: str | None
    collar: str | None


@dataclass(frozen=True)
class MilestoneRefs:
    name: str
    percent: str | None
    month: str | None


@dataclass(frozen=True)
class FeeRefs:
    name: str
    amount: str
    milestones: tuple[MilestoneRefs, ...]


@dataclass(frozen=True)
class OfferInputs:
    name: str
    offer: Offer
    billing_start: str
    go_live: str
    tied: str
    uplift_rates: tuple[str, ...]
    applies_licences: str
    applies_usage: str
    licences: tuple[LicenceRefs, ...]
    recurring: tuple[RecurringRefs, ...]
    meters: tuple[MeterRefs, ...]
    cap: CapRefs | None
    fees: tuple[FeeRefs, ...]


class _Rows:
    """Appends label / value / note / field rows and returns the value cell's address."""

    def __init__(self, sheet: Worksheet, st: Styles) -> None:
        self.sheet = sheet
        self.st = st
        self.row = 0

    def heading(self, text: str) -> None:
        self.row += 1
        self.sheet.write_string(self.row, 0, text, self.st.heading)
        self.row += 1

    def value(self, label: str, value: Decimal | int | bool, fmt: Format, note: str, field: str) -> str:
        self.sheet.write_string(self.row, 0, label, self.st.text)
        self.sheet.write_number(self.row, 1, num(value), fmt)
        self._tail(note, field)
        return self._take()

    def formula(self, label: str, formula: str, cached: Decimal, fmt: Format, note: str, field: str) -> str:
        self.sheet.write_string(self.row, 0, label, self.st.text)
        self.sheet.write_formula(self.row, 1, formula, fmt, num(cached))
        self._tail(note, field)
        return self._take()

    def text(self, label: str, text: str, note: str = "", field: str = "") -> None:
        self.sheet.write_string(self.row, 0, label, self.st.text)
        self.sheet.write_string(self.row, 1, text, self.st.text)
        self._tail(note, field)
        self.row += 1

    def _tail(self, note: str, field: str) -> None:
        if note:
            self.sheet.write_string(self.row, 2, note, self.st.note)
        if field:
            self.sheet.write_string(self.row, 3, field, self.st.note)

    def _take(self) -> str:
        address = ref(self.row, 1, SHEET)
        self.row += 1
        return address


def write_inputs(sheet: Worksheet, st: Styles, deal: Deal, offers: list[str]) -> dict[str, OfferInputs]:
    sheet.set_column(0, 0, 52)
    sheet.set_column(1, 1, 16)
    sheet.set_column(2, 2, 70)
    sheet.set_column(3, 3, 48)
    sheet.write_string(0, 0, f"Inputs: {deal.name}", st.title)
    rows = _Rows(sheet, st)
    rows.row = 1
    rows.text("How to use", "Change any blue cell; the cost sheets and the comparison recalculate.")
    for col, head in enumerate(("Figure", "Value", "How it is used", "Deal-file field")):
        sheet.write_string(rows.row, col, head, st.header)
    rows.row += 1
    forecasts = _forecasts(rows, deal, offers)
    return {name: _offer(rows, deal, name, forecasts) for name in offers}


def _forecasts(rows: _Rows, deal: Deal, offers: list[str]) -> dict[str, ForecastRefs]:
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
        out[name] = ForecastRefs(expected, growth, fc.unit)
    return out


def _offer(rows: _Rows, deal: Deal, name: str, forecasts: dict[str, ForecastRefs]) -> OfferInputs:
    st = rows.st
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
    impl = offer.implementation
    start = rows.value(
        "Billing starts in month",
        impl.billing_start_month if impl and impl.billing_start_month else 1,
        st.input_count,
        "licences and recurring fees are billed from this month",
        f"{path}.implementation.billing_start_month",
    )
    go_live = rows.value(
        "Go-live month",
        impl.go_live_month if impl and impl.go_live_month else 1,
        st.input_count,
        "usage is billed from this month",
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
        billing_start=start,
        go_live=go_live,
        tied=tied,
        uplift_rates=rates,
        applies_licences=applies_lic,
        applies_usage=applies_use,
        licences=_licences(rows, offer, path),
        recurring=_recurring(rows, offer, path),
        meters=tuple(_meter(rows, deal, m, i, path, forecasts) for i, m in enumerate(offer.usage)),
        cap=_cap(rows, offer, path),
        fees=_fees(rows, offer, path),
    )


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


def _licences(rows: _Rows, offer: Offer, path: str) -> tuple[LicenceRefs, ...]:
    st = rows.st
    out = []
    for i, lic in enumerate(offer.licenses):
        p = f"{path}.licenses[{i}]"
        per = "logged-in hour" if lic.kind is LicenseKind.hourly else "seat a month"
        label = f"Licence {lic.name} ({lic.kind.value})"
        quantity = rows.value(
            f"{label}: quantity", lic.quantity, st.input_count, "seats, or logged-in hours a month", f"{p}.quantity"
        )
        price = rows.value(
            f"{label}: price per {per}",
            lic.unit_price,
            st.input_rate,
            "charge a month = quantity x price x the year's uplift factor",
            f"{p}.unit_price",
        )
        round_up = None
        if lic.kind is LicenseKind.hourly:
            round_up = rows.value(
                f"{label}: hours rounded up (1/0)",
                1 if lic.round_hours_up else 0,
                st.input_flag,
                "",
                f"{p}.round_hours_up",
            )
        ramp = tuple(
            (
                rows.value(
                    f"{label}: step {j + 1} from month",
                    step.from_month,
                    st.input_count,
                    "",
                    f"{p}.ramp[{j}].from_month",
                ),
                rows.value(
                    f"{label}: step {j + 1} quantity", step.quantity, st.input_count, "", f"{p}.ramp[{j}].quantity"
                ),
            )
            for j, step in enumerate(lic.ramp)
        )
        out.append(LicenceRefs(lic.name, lic.kind, quantity, price, round_up, ramp))
    return tuple(out)


def _recurring(rows: _Rows, offer: Offer, path: str) -> tuple[RecurringRefs, ...]:
    st = rows.st
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


def _meter(
    rows: _Rows, deal: Deal, meter: UsageMeter, i: int, path: str, forecasts: dict[str, ForecastRefs]
) -> MeterRefs:
    st = rows.st
    p = f"{path}.usage[{i}]"
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
    factor = _rounding(rows, meter, label, p)
    per_seat = fixed = increment = minimum = None
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
    if meter.minimum is not None:
        minimum = rows.value(
            f"{label}: minimum commitment per {meter.minimum.period.value}",
            meter.minimum.amount,
            st.input_money,
            "a shortfall below it is billed at the end of each period, from its first month (pro rata for part years)",
            f"{p}.minimum.amount",
        )
    return MeterRefs(meter, forecasts[meter.forecast], flat, tuple(bands), factor, per_seat, fixed, increment, minimum)


def _rounding(rows: _Rows, meter: UsageMeter, label: str, p: str) -> str | None:
    r = meter.rounding
    if r is None or r.mean_event_seconds is None or (r.increment_seconds is None and r.minimum_seconds == 0):
        return None
    st = rows.st
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
        f"{label}: per-event rounding factor", formula, rounding_factor(r), rows.st.factor, note, f"{p}.rounding"
    )


def _cap(rows: _Rows, offer: Offer, path: str) -> CapRefs | None:
    cap = offer.usage_cap
    if cap is None:
        return None
    st = rows.st
    covered = ", ".join(cap.meters) if cap.meters else "all usage meters"
    percent = amount = collar = None
    if cap.percent_of_forecast is not None:
        percent = rows.value(
            f"Usage cap per {cap.period.value} (% of the forecast charge)",
            cap.percent_of_forecast,
            st.input_percent,
            f"covers {covered}; usage above the cap within the {cap.period.value} is refused",
            f"{path}.usage_cap.percent_of_forecast",
        )
    else:
        assert cap.amount is not None
        amount = rows.value(
            f"Usage cap per {cap.period.value} (amount)",
            cap.amount,
            st.input_money,
            f"covers {covered}; pro rata for a short last year",
            f"{path}.usage_cap.amount",
        )
    if cap.collar_percent_of_forecast is not None:
        collar = rows.value(
            "Usage collar (% of the forecast charge)",
            cap.collar_percent_of_forecast,
            st.input_percent,
            "the buyer pays at least this share in each period",
            f"{path}.usage_cap.collar_percent_of_forecast",
        )
    return CapRefs(cap.meters, cap.period, percent, amount, collar)


def _fees(rows: _Rows, offer: Offer, path: str) -> tuple[FeeRefs, ...]:
    st = rows.st
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
