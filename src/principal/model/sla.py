"""An offer's service-level agreement: components, measurement, exclusions, credits, chronic-failure rights."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, model_validator

from principal.model.common import Money, Name, Percent, Record, Uptime


class Window(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


class DaysBasis(StrEnum):
    calendar = "calendar"
    average = "average"


class Computation(StrEnum):
    per_component = "per_component"
    averaged = "averaged"
    series = "series"


class Component(Record):
    """A part of the service with its own availability promise."""

    name: Name = Field(description="voice_routing, agent_desktop, digital_channels, crm_screen_pop, reporting...")
    target: Uptime = Field(description="Promised availability in % over the measurement window.")
    monthly_fee: Money | None = Field(
        default=None, description="Fees attributable to this component, when credits are a share of them."
    )
    agents_affected_percent: Percent = Field(
        default=Decimal(100), description="Share of agents idled when this component is down."
    )
    contacts_affected_percent: Percent = Field(
        default=Decimal(100), description="Share of contacts that cannot be served when it is down."
    )


class PartialDegradation(StrEnum):
    full = "full"
    weighted = "weighted"
    ignored = "ignored"


class Exclusions(Record):
    """Downtime the vendor does not count. Each flag true = that kind of outage is excluded."""

    planned_maintenance: bool = True
    maintenance_notice_days: int | None = Field(
        default=None, ge=0, le=3650, description="Maintenance is excluded only with at least this many days' notice."
    )
    maintenance_outside_business_hours: bool = Field(
        default=False, description="Maintenance is excluded only when it falls outside business hours."
    )
    carrier: bool = True
    third_party: bool = True
    customer_caused: bool = True
    force_majeure: bool = True
    minimum_outage_minutes: Decimal = Field(
        default=Decimal(0), ge=0, le=44_640, description="Outages shorter than this do not count."
    )
    partial_degradation: PartialDegradation = Field(
        default=PartialDegradation.full,
        description="How a degraded (not down) period counts: full, weighted by impact, or ignored.",
    )


class CreditBasis(StrEnum):
    uptime = "uptime"
    duration = "duration"


class FeeBase(StrEnum):
    component = "component"
    all_monthly = "all_monthly"
    usage = "usage"
    licenses = "licenses"


class CreditTier(Record):
    """One rung of the credit ladder: below an uptime, or for an outage of at least some minutes."""

    below: Uptime | None = Field(default=None, description="Uptime tier: applies when availability is below this.")
    min_minutes: Decimal | None = Field(
        default=None, ge=0, le=527_040, description="Duration tier: applies to an outage at least this long."
    )
    percent: Percent = Field(description="Credit as % of the fee base.")


class Escalation(Record):
    """Credits grow for repeat misses."""

    repeat_within: int = Field(ge=2, le=36, description="A miss within this many windows of the last one repeats.")
    add_percent: Percent = Field(default=Decimal(0), description="Points added to the tier's credit per repeat.")
    multiplier: Decimal = Field(default=Decimal(1), ge=1, le=10, description="Credit multiplied per repeat.")


class Credits(Record):
    basis: CreditBasis = CreditBasis.uptime
    fee_base: FeeBase = FeeBase.all_monthly
    tiers: tuple[CreditTier, ...] = Field(default=(), description="The credit ladder.")
    escalation: Escalation | None = None
    cap_percent: Percent | None = Field(default=None, description="Credits per window never above this % of the base.")
    future_invoice_only: bool = True
    minimum_credit: Money = Field(default=Decimal(0), description="Credits below this amount are not paid.")
    claim_days: int | None = Field(default=None, ge=0, le=3650, description="Days after the window to file a claim.")

    @model_validator(mode="after")
    def _tiers_match_basis(self) -> Credits:
        for tier in self.tiers:
            if self.basis is CreditBasis.uptime and tier.below is None:
                raise ValueError("uptime-based credit tiers need below")
            if self.basis is CreditBasis.duration and tier.min_minutes is None:
                raise ValueError("duration-based credit tiers need min_minutes")
        return self


class ChronicKind(StrEnum):
    misses = "misses"
    max_credits = "max_credits"


class ChronicRemedy(StrEnum):
    terminate_affected = "terminate_affected"
    terminate_all = "terminate_all"
    fee_reduction = "fee_reduction"


class ChronicRule(Record):
    """k misses (or maximum-credit windows) in any rolling n windows gives the buyer a right."""

    kind: ChronicKind = ChronicKind.misses
    count: int = Field(ge=1, le=36, description="k: how many qualifying windows.")
    within: int = Field(ge=1, le=60, description="n: in any rolling run of this many windows.")
    components: tuple[Name, ...] = Field(default=(), description="Components it watches; empty = any.")
    remedy: ChronicRemedy = ChronicRemedy.terminate_affected
    termination_fee: Money = Field(default=Decimal(0), description="What exiting under this rule costs the buyer.")

    @model_validator(mode="after")
    def _count_fits(self) -> ChronicRule:
        if self.count > self.within:
            raise ValueError(f"count {self.count} cannot exceed within {self.within}")
        return self


class Sla(Record):
    """The full SLA of an offer."""

    window: Window = Window.month
    days_basis: DaysBasis = DaysBasis.calendar
    computation: Computation = Field(
        default=Computation.per_component,
        description="per_component: each component against its own target; averaged: the mean availability "
        "against combined_target; series: the product of availabilities against combined_target.",
    )
    combined_target: Uptime | None = Field(
        default=None,
        description="Target of the combined figure when computation is averaged or series; empty = the mean "
        "of the component targets (averaged) or their product (series).",
    )
    components: tuple[Component, ...] = Field(min_length=1)
    exclusions: Exclusions = Exclusions()
    credits: Credits = Credits()
    sole_remedy: bool | None = Field(default=None, description="True when credits are the buyer's only remedy.")
    chronic: tuple[ChronicRule, ...] = ()


class OutageCause(StrEnum):
    """Why a component was down, as an outage log records it; each non-vendor cause may be carved out."""

    vendor = "vendor"
    carrier = "carrier"
    third_party = "third_party"
    customer = "customer"
    force_majeure = "force_majeure"


class Outage(Record):
    """One row of an outage log: a component down (or degraded) from start to end (time-zone aware)."""

    row: int = Field(ge=0, description="Row of the log it came from (header = 1); 0 for a constructed outage.")
    start: dt.datetime
    end: dt.datetime
    component: Name
    cause: OutageCause = OutageCause.vendor
    planned: bool = False
    notice_days: int | None = Field(default=None, ge=0, description="Days of notice the vendor gave.")
    degraded_percent: Percent = Field(
        default=Decimal(100), description="How much of the component was lost: 100 = fully down."
    )

    @model_validator(mode="after")
    def _aware_and_ordered(self) -> Outage:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("outage times must carry a time zone")
        if self.end <= self.start:
            raise ValueError("an outage must end after it starts")
        return self
