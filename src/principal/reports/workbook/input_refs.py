"""Where each input of the workbook sits: the addresses the Inputs sheet hands to the cost sheets.

Every address is absolute and sheet-qualified ('Inputs'!$B$7). `None` means the deal file does not give the figure:
the cost sheet then uses the engine's labelled default (shown in the Inputs note) or says the figure is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from principal.model.deal import Offer
from principal.model.pricing import LicenseKind, Period, UsageMeter


@dataclass(frozen=True)
class Step:
    """A step of a ramp: from this month (a cell) the value (a cell) applies."""

    from_month: str
    value: str


@dataclass(frozen=True)
class ForecastRefs:
    expected: str
    growth: str
    unit: str
    what_if: str
    """The what-if volume as a percentage of the buyer's plan (100 = the plan)."""
    schedule: tuple[Step, ...] = ()
    """An explicit schedule of the volume on the new platform (replaces expected x growth x agents live)."""


@dataclass(frozen=True)
class TrueUpRefs:
    span: int
    """Months in a true-up period (3 or 12), fixed by the export."""
    peak: bool
    list_price: bool


@dataclass(frozen=True)
class LicenceRefs:
    name: str
    kind: LicenseKind
    quantity: str
    price: str
    round_up: str | None
    ramp: tuple[Step, ...]
    price_steps: tuple[Step, ...] = ()
    free_months: str | None = None
    """The range of the free months' cells ('Inputs'!$B$40:$B$42)."""
    list_price: str | None = None
    true_up: TrueUpRefs | None = None
    live_seats: bool = False
    """Billed on the seats live on the new platform: quantity x agents live / agents, rounded up."""


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
class MinimumRefs:
    amount: str
    period: Period
    from_month: str | None
    """None: from the billing start (the engine's labelled default)."""
    ramp: tuple[Step, ...]
    prorate: str | None
    """1/0 for an annual minimum; None for a monthly one."""


@dataclass(frozen=True)
class CommitmentRefs:
    quantity: str
    period: Period
    overage_percent: str
    take_or_pay: str
    from_month: str | None
    prorate: str | None


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
    minimum: MinimumRefs | None
    commitment: CommitmentRefs | None = None


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
class CreditRefs:
    name: str
    amount: str
    month: str


@dataclass(frozen=True)
class SurchargeRefs:
    """One surcharge or tax: its percentage, per-unit amount or monthly amount (one of the three)."""

    index: int
    percent: str | None = None
    per_unit: str | None = None
    monthly: str | None = None
    from_month: str | None = None


@dataclass(frozen=True)
class BillingRefs:
    span: str
    """Months per invoice of licences and recurring fees (1, 3 or 12)."""
    advance: str
    payment_days: str


@dataclass(frozen=True)
class RenewalRefs:
    uplift_cap: str | None
    term_months: str
    notice_days: str | None


@dataclass(frozen=True)
class ExitRefs:
    fee_percent: str | None
    fixed_fee: str | None
    cap_months: str | None
    cap_amount: str | None


@dataclass(frozen=True)
class WaveRefs:
    name: str
    agents: str
    go_live: str


@dataclass(frozen=True)
class OfferInputs:
    name: str
    offer: Offer
    currency: str
    fx_rate: str | None
    """Deal currency per unit of the offer's (None: the offer is in the deal's currency)."""
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
    credits: tuple[CreditRefs, ...] = ()
    surcharges: tuple[SurchargeRefs, ...] = ()
    billing: BillingRefs | None = None
    renewal: RenewalRefs | None = None
    exit: ExitRefs | None = None
    waves: tuple[WaveRefs, ...] = ()


@dataclass(frozen=True)
class IncumbentRefs:
    """The incumbent's cost and how it ends (defaults where the deal is silent, labelled on the Inputs sheet)."""

    monthly: str
    growth: str
    notice_months: str
    notice_served: str
    overlap: str
    variable: str
    committed_until: str | None
    early_termination_fee: str | None


@dataclass(frozen=True)
class BuyerRefs:
    agents: str
    discount_rate: str | None
    start: str | None
    """The contract start date (a date cell), when the deal gives it."""
    outage_hour: str | None
    """One hour of a full outage, from buyer.downtime (a formula cell), when the deal gives it."""
    incumbent: IncumbentRefs | None = None
    """None: the deal does not give the incumbent's monthly cost (staying and dual running are unknown)."""


@dataclass(frozen=True)
class DealInputs:
    buyer: BuyerRefs
    forecasts: dict[str, ForecastRefs]
    offers: dict[str, OfferInputs] = field(default_factory=dict)
