"""What a promise permits: allowed downtime per component and window, and what the carve-outs add on top."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.model.buyer import BusinessHours
from principal.model.sla import Computation, DaysBasis, PartialDegradation, Sla, Window
from principal.sla.business_hours import open_share_of_week
from principal.sla.rounding import shown
from principal.sla.windows import MINUTES_PER_DAY, average_days, basis_minutes

HUNDRED = Decimal(100)
_CALENDAR_DAYS = {Window.month: (28, 29, 30, 31), Window.quarter: (90, 91, 92), Window.year: (365, 366)}
_AVERAGE_LABEL = {Window.month: "365/12-day average month", Window.quarter: "365/4-day average quarter"}
REFERENCE_DAYS = {Window.month: 30, Window.quarter: 91, Window.year: 365}


def allowed_minutes(target: Decimal, minutes: Decimal) -> Decimal:
    """(1 - availability) x period: 99.9% of a 43,200-minute month allows 43.2 minutes."""
    return (HUNDRED - target) / HUNDRED * minutes


def availability_percent(down_minutes: Decimal, minutes: Decimal) -> Decimal:
    """(period - down) / period, in %: 45 minutes down in 43,200 is 99.8958...%."""
    return (minutes - down_minutes) / minutes * HUNDRED


def series_availability(targets: list[Decimal]) -> Decimal:
    """Components in series multiply: 99.9 x 99.95 x 99.99 -> 99.840...%."""
    product = Decimal(1)
    for target in targets:
        product *= target / HUNDRED
    return product * HUNDRED


def combined_target(sla: Sla) -> Decimal:
    """Target of the combined figure: stated, else the mean (averaged) or product (series) of the targets."""
    if sla.combined_target is not None:
        return sla.combined_target
    targets = [c.target for c in sla.components]
    if sla.computation is Computation.series:
        return series_availability(targets)
    return sum(targets, Decimal(0)) / len(targets)


@dataclass(frozen=True)
class PeriodAllowance:
    """Allowed downtime in one kind of window, labelled with the days it assumes."""

    label: str
    days: Decimal
    minutes_in_period: Decimal
    allowed_minutes: Decimal
    allowed_hours: Decimal


@dataclass(frozen=True)
class ComponentAllowance:
    component: str
    target: Decimal
    periods: tuple[PeriodAllowance, ...]
    per_365_day_year_minutes: Decimal
    measured_basis: str


@dataclass(frozen=True)
class Carveout:
    """An exclusion: whether it applies and how many minutes a window it can take out of the count."""

    rule: str
    applies: bool
    excludable_minutes: Decimal | None
    note: str


@dataclass(frozen=True)
class AllowedDowntime:
    window: Window
    days_basis: DaysBasis
    computation: Computation
    components: tuple[ComponentAllowance, ...]
    combined_target: Decimal | None
    combined_note: str
    reference_days: int
    carveouts: tuple[Carveout, ...]


def _periods(window: Window, target: Decimal) -> tuple[PeriodAllowance, ...]:
    rows = [(f"{days}-day {window.value}", Decimal(days)) for days in _CALENDAR_DAYS[window]]
    if window in _AVERAGE_LABEL:
        rows.append((_AVERAGE_LABEL[window], average_days(window)))
    out = []
    for label, days in rows:
        minutes = days * MINUTES_PER_DAY
        allowed = allowed_minutes(target, minutes)
        out.append(PeriodAllowance(label, shown(days), shown(minutes), shown(allowed), shown(allowed / 60)))
    return tuple(out)


def _carveouts(sla: Sla, hours: BusinessHours, reference_minutes: Decimal) -> tuple[Carveout, ...]:
    ex = sla.exclusions
    out: list[Carveout] = []
    if not ex.planned_maintenance:
        out.append(Carveout("planned_maintenance", False, Decimal(0), "planned maintenance counts as downtime"))
    else:
        notice = (
            f"only with at least {ex.maintenance_notice_days} days' notice"
            if ex.maintenance_notice_days is not None
            else "with no notice requirement"
        )
        if ex.maintenance_outside_business_hours and not hours.always_open:
            closed = shown((Decimal(1) - open_share_of_week(hours)) * reference_minutes, Decimal("0.01"))
            out.append(
                Carveout(
                    "planned_maintenance",
                    True,
                    closed,
                    f"excluded {notice} and only outside business hours ({hours.opens:%H:%M}-{hours.closes:%H:%M} "
                    f"{hours.timezone}); the closed hours of the window are the most it can take",
                )
            )
        elif ex.maintenance_outside_business_hours:
            out.append(
                Carveout("planned_maintenance", True, Decimal(0), "the operation is always open, so maintenance counts")
            )
        else:
            out.append(Carveout("planned_maintenance", True, None, f"excluded {notice}, at any hour, with no limit"))
    for rule, flag, what in (
        ("carrier", ex.carrier, "carrier (telephony network) outages"),
        ("third_party", ex.third_party, "third-party provider outages"),
        ("customer_caused", ex.customer_caused, "outages the buyer caused"),
        ("force_majeure", ex.force_majeure, "force majeure events"),
    ):
        if flag:
            out.append(Carveout(rule, True, None, f"{what} are excluded with no limit"))
        else:
            out.append(Carveout(rule, False, Decimal(0), f"{what} count as downtime"))
    if ex.minimum_outage_minutes > 0:
        out.append(
            Carveout(
                "below_minimum_length",
                True,
                None,
                f"any outage shorter than {ex.minimum_outage_minutes} minutes never counts, however many there are",
            )
        )
    if ex.partial_degradation is not PartialDegradation.full:
        note = (
            "a degraded period counts only in proportion to the share lost"
            if ex.partial_degradation is PartialDegradation.weighted
            else "a degraded (not fully down) period never counts"
        )
        out.append(Carveout("partial_degradation", True, None, note))
    return tuple(out)


def allowed_downtime(sla: Sla, hours: BusinessHours) -> AllowedDowntime:
    """Allowed downtime of every component in each kind of window, and the carve-outs on top."""
    basis = "calendar days of each window" if sla.days_basis is DaysBasis.calendar else "the average window"
    components = tuple(
        ComponentAllowance(
            component=c.name,
            target=c.target,
            periods=_periods(sla.window, c.target),
            per_365_day_year_minutes=shown(allowed_minutes(c.target, Decimal(365) * MINUTES_PER_DAY)),
            measured_basis=basis,
        )
        for c in sla.components
    )
    ref_days = REFERENCE_DAYS[sla.window]
    ref_minutes = basis_minutes(sla.window, sla.days_basis, ref_days)
    targets = [c.target for c in sla.components]
    combined: Decimal | None = None
    if sla.computation is Computation.per_component:
        worst = sum((allowed_minutes(t, ref_minutes) for t in targets), Decimal(0))
        note = (
            f"each component is judged on its own; if their outages do not overlap, agents can lose up to "
            f"{worst:.2f} minutes in a {ref_days}-day {sla.window.value} without any miss; in series the targets "
            f"multiply to {series_availability(targets):.5f}%"
        )
    elif sla.computation is Computation.averaged:
        combined = combined_target(sla)
        alone = allowed_minutes(combined, ref_minutes) * len(targets)
        note = (
            f"the mean of {len(targets)} component(s) is judged against {combined}%; one component alone may be down "
            f"{alone:.2f} minutes in a {ref_days}-day {sla.window.value} while the others are up"
        )
    else:
        combined = combined_target(sla)
        note = (
            f"availabilities multiply and the product is judged against {combined:.5f}%; "
            f"{allowed_minutes(combined, ref_minutes):.2f} minutes in a {ref_days}-day {sla.window.value} "
            "spread over the components"
        )
    return AllowedDowntime(
        window=sla.window,
        days_basis=sla.days_basis,
        computation=sla.computation,
        components=components,
        combined_target=combined,
        combined_note=note,
        reference_days=ref_days,
        carveouts=_carveouts(sla, hours, ref_minutes),
    )
