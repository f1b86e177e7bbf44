"""How an offer charges: seat licences, uplifts, usage rate cards, caps and collars, one-time fees."""

from __future__ import annotations

import itertools
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, model_validator

from principal.model.common import Money, Month, Name, Percent, PositiveMoney, Quantity, Rate, Record
from principal.model.order_form import Commitment, MinimumStep, PriceStep, TrueUp


class LicenseKind(StrEnum):
    named = "named"
    concurrent = "concurrent"
    hourly = "hourly"


class LicenceBilling(StrEnum):
    committed = "committed"
    live_seats = "live_seats"


class RampStep(Record):
    """From a contract month on, a different licence quantity applies."""

    from_month: Month
    quantity: Quantity


class License(Record):
    """A seat licence line: named users, concurrent users (peak), or logged-in hours."""

    name: Name = Field(description="Identifier of the licence line, e.g. agent, supervisor.")
    kind: LicenseKind = LicenseKind.named
    quantity: Quantity = Field(description="Seats (named/concurrent) or logged-in hours a month (hourly).")
    unit_price: Rate = Field(description="Price per seat per month, or per hour for hourly licences.")
    list_price: Rate | None = Field(default=None, description="The vendor's list price, for reference.")
    ramp: tuple[RampStep, ...] = Field(default=(), description="Quantity changes during the term.")
    price_steps: tuple[PriceStep, ...] = Field(
        default=(),
        description="Ramp pricing: from each step's month the unit price is the step's instead of unit_price "
        "(the uplift still applies on top).",
    )
    free_months: tuple[Month, ...] = Field(
        default=(), description="Contract months in which this licence is free: billed, then credited in full."
    )
    true_up: TrueUp | None = Field(
        default=None,
        description="Seats in use above `quantity` (the committed seats) are billed at each true-up instead of "
        "monthly; empty = every seat in use is billed monthly.",
    )
    round_hours_up: bool = Field(
        default=True, description="Hourly licences: logged-in hours summed per month and rounded up."
    )
    committed: bool = Field(default=True, description="True when the quantity is a commitment for the term.")
    billed_on: LicenceBilling = Field(
        default=LicenceBilling.committed,
        description="committed: the whole quantity from billing start; live_seats: the quantity x the share of "
        "agents live on the new platform, rounded up to whole seats.",
    )

    @model_validator(mode="after")
    def _ramp_in_order(self) -> License:
        months = [step.from_month for step in self.ramp]
        if months != sorted(set(months)):
            raise ValueError("ramp steps must have strictly increasing from_month")
        steps = [step.from_month for step in self.price_steps]
        if steps != sorted(set(steps)):
            raise ValueError("price steps must have strictly increasing from_month")
        if len(set(self.free_months)) != len(self.free_months):
            raise ValueError("a free month is listed twice")
        if self.true_up is not None and self.kind is LicenseKind.hourly:
            raise ValueError("true-ups count seats; an hourly licence has none")
        if self.true_up is not None and self.true_up.price.value == "list" and self.list_price is None:
            raise ValueError("a true-up at list price needs list_price")
        return self


class UpliftKind(StrEnum):
    none = "none"
    fixed = "fixed"
    cpi = "cpi"


class UpliftTarget(StrEnum):
    licenses = "licenses"
    usage = "usage"


class Uplift(Record):
    """Annual price increase: a fixed percentage, or CPI-linked within a floor and a cap."""

    kind: UpliftKind = UpliftKind.fixed
    percent: Percent | None = Field(default=None, description="Fixed uplift per contract year, in %.")
    from_year: int = Field(default=2, ge=1, le=50, description="First contract year that carries the uplift.")
    applies_to: tuple[UpliftTarget, ...] = (UpliftTarget.licenses,)
    cpi_assumed: tuple[Percent, ...] = Field(
        default=(), description="CPI assumed for each uplifted year, in %; the last value repeats."
    )
    cpi_plus: Decimal = Field(default=Decimal(0), ge=-20, le=50, description="Margin added to CPI, in points.")
    floor: Percent | None = Field(default=None, description="CPI uplift never below this %.")
    cap: Percent | None = Field(default=None, description="Uplift never above this % in a year.")

    @model_validator(mode="after")
    def _kind_has_its_fields(self) -> Uplift:
        if self.kind is UpliftKind.fixed and self.percent is None:
            raise ValueError("a fixed uplift needs percent")
        if self.kind is UpliftKind.cpi and not self.cpi_assumed:
            raise ValueError("a CPI uplift needs cpi_assumed (the CPI you expect, in %)")
        if self.floor is not None and self.cap is not None and self.floor > self.cap:
            raise ValueError(f"floor {self.floor}% is above cap {self.cap}%")
        return self


class RateCardKind(StrEnum):
    flat = "flat"
    graduated = "graduated"
    volume = "volume"


class Period(StrEnum):
    month = "month"
    year = "year"


class Band(Record):
    """A band of a rate card: units up to `up_to` (inclusive) are priced at `rate`; empty up_to = no limit."""

    up_to: Quantity | None = None
    rate: Rate


class RateCard(Record):
    """Flat, graduated (each unit at its band's rate) or volume (all units at the reached tier's rate)."""

    kind: RateCardKind = RateCardKind.flat
    rate: Rate | None = Field(default=None, description="Price per unit for a flat card.")
    bands: tuple[Band, ...] = Field(default=(), description="Bands for graduated or volume cards, ascending.")
    period: Period = Field(default=Period.month, description="Whether bands count monthly or annual volume.")

    @model_validator(mode="after")
    def _consistent(self) -> RateCard:
        if self.kind is RateCardKind.flat:
            if self.rate is None:
                raise ValueError("a flat rate card needs rate")
            if self.bands:
                raise ValueError("a flat rate card takes rate, not bands")
            return self
        if not self.bands:
            raise ValueError(f"a {self.kind.value} rate card needs bands")
        if self.rate is not None:
            raise ValueError(f"a {self.kind.value} rate card takes bands, not rate")
        limits = [band.up_to for band in self.bands]
        if any(limit is None for limit in limits[:-1]):
            raise ValueError("only the last band may be open-ended (no up_to)")
        if limits[-1] is not None:
            raise ValueError("the last band must be open-ended (leave out up_to)")
        bounded = [limit for limit in limits if limit is not None]
        for lower, upper in itertools.pairwise(bounded):
            if upper <= lower:
                raise ValueError(f"bands overlap or are out of order: up_to {upper} follows up_to {lower}")
        return self


class Rounding(Record):
    """Billing increments: per-event rounding (e.g. per-minute on each call) and rounding of the period total."""

    increment_seconds: int | None = Field(
        default=None, ge=1, le=86_400, description="Each event is billed in whole increments of this many seconds."
    )
    minimum_seconds: int = Field(default=0, ge=0, le=86_400, description="Each event is billed at least this long.")
    mean_event_seconds: Decimal | None = Field(
        default=None, gt=0, le=86_400, description="Average event length, needed to price per-event rounding."
    )
    total_increment: Quantity | None = Field(
        default=None, gt=0, description="The period's billed total is rounded up to a multiple of this."
    )

    @model_validator(mode="after")
    def _needs_mean(self) -> Rounding:
        if (self.increment_seconds or self.minimum_seconds) and self.mean_event_seconds is None:
            raise ValueError("per-event rounding needs mean_event_seconds (the average call or session length)")
        return self


class Allowance(Record):
    """Units included before the rate card applies, per month."""

    per_seat: Quantity = Field(default=Decimal(0), description="Units included per licensed seat per month.")
    fixed: Quantity = Field(default=Decimal(0), description="Units included per month regardless of seats.")


class MeterMinimum(Record):
    """A minimum commitment on one meter: the charge is never below it (shortfall billed)."""

    amount: PositiveMoney = Field(description="The minimum charge per period, in the offer's currency.")
    period: Period = Field(default=Period.month, description="month: a monthly minimum; year: per contract year.")
    from_month: Month | None = Field(
        default=None,
        description="First contract month the minimum applies. Empty = the billing start month; never before "
        "go-live when billing is tied to go-live.",
    )
    ramp: tuple[MinimumStep, ...] = Field(
        default=(), description="A ramped minimum: from each step's month the amount is the step's."
    )
    prorate: bool | None = Field(
        default=None,
        description="For an annual minimum: true when a part contract year (the minimum starts mid-year, or a "
        "short last year) owes amount x months/12; false when it owes the full amount. Empty = true (a labelled "
        "default).",
    )

    @model_validator(mode="after")
    def _ramp_in_order(self) -> MeterMinimum:
        months = [step.from_month for step in self.ramp]
        if months != sorted(set(months)):
            raise ValueError("minimum ramp steps must have strictly increasing from_month")
        if self.from_month is not None and months and months[0] <= self.from_month:
            raise ValueError(f"the first ramp step (month {months[0]}) must come after from_month {self.from_month}")
        return self


class UsageMeter(Record):
    """One billable usage stream and how it is priced."""

    name: Name
    forecast: Name = Field(description="Name of the buyer forecast that drives this meter's volume.")
    description: str | None = None
    rate_card: RateCard
    rounding: Rounding | None = None
    included: Allowance | None = None
    minimum: MeterMinimum | None = None
    commitment: Commitment | None = Field(
        default=None, description="A committed quantity with an overage price above it and take-or-pay below it."
    )
    opt_in: bool | None = Field(
        default=None, description="AI/bot features: true when billable events need the buyer's opt-in."
    )


class UsageCap(Record):
    """A not-to-exceed cap on usage charges, optionally with a collar (a floor the buyer pays at least)."""

    meters: tuple[Name, ...] = Field(default=(), description="Meters the cap covers; empty = all usage meters.")
    period: Period = Period.year
    percent_of_forecast: Decimal | None = Field(
        default=None,
        gt=0,
        le=1000,
        description="Cap as a percentage of the charge at the buyer's expected forecast: 110 means 110% (usage "
        "billed up to 1.1 times the forecast charge); 1.1 would mean a cap at 1.1% of it.",
    )
    amount: PositiveMoney | None = Field(default=None, description="Cap as a fixed amount per period.")
    collar_percent_of_forecast: Percent | None = Field(
        default=None,
        description="Collar: the buyer pays at least this percentage of the forecast charge: 80 means 80%.",
    )
    exceptions: tuple[str, ...] = Field(
        default=(), description="Changes that lift the cap, e.g. new countries or channels."
    )

    @model_validator(mode="after")
    def _one_basis(self) -> UsageCap:
        if (self.percent_of_forecast is None) == (self.amount is None):
            raise ValueError("a usage cap needs exactly one of percent_of_forecast or amount")
        if (
            self.collar_percent_of_forecast is not None
            and self.percent_of_forecast is not None
            and self.collar_percent_of_forecast > self.percent_of_forecast
        ):
            raise ValueError("the collar is above the cap")
        return self


class MilestoneGate(StrEnum):
    signature = "signature"
    kickoff = "kickoff"
    design = "design"
    uat = "uat"
    go_live = "go_live"
    stable_operations = "stable_operations"
    other = "other"


class Milestone(Record):
    """A payment of part of a one-time fee when a milestone is reached."""

    name: str
    gate: MilestoneGate = MilestoneGate.other
    percent: Percent = Field(description="Share of the fee paid at this milestone, in %.")
    month: Month = Field(description="Contract month in which the milestone is expected.")
    wave: Name | None = Field(
        default=None,
        description="The wave whose go-live a go_live or stable_operations milestone waits for; empty = the last.",
    )
    holdback: bool = Field(default=False, description="True when this payment is held back until acceptance.")
    acceptance_criteria: str | None = None


class OneTimeFee(Record):
    """A fixed fee such as implementation or professional services, paid on milestones."""

    name: str
    amount: Money
    kind: str = Field(default="implementation", description="implementation, training, migration, other.")
    milestones: tuple[Milestone, ...] = Field(default=(), description="Payment schedule; empty = all due in month 1.")

    @model_validator(mode="after")
    def _shares_add_up(self) -> OneTimeFee:
        if self.milestones:
            total = sum((m.percent for m in self.milestones), Decimal(0))
            if total != 100:
                raise ValueError(f"milestone percentages add up to {total}%, not 100%")
        return self


class RecurringFee(Record):
    """A fixed monthly platform or add-on fee not tied to seats or usage."""

    name: str
    monthly: Money
    from_month: Month = 1
    uplifted: bool = Field(default=True, description="True when the licence uplift also applies to this fee.")
