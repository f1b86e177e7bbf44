"""The buyer's negotiation settings for a deal: priorities, BATNA and walk-away, and the assumed vendor model.

Every number Principal assumes about the vendor is a field here with a stated default, so a reader can see it and
change it. None of it is needed to cost an offer; the strategy engine reads it to rank asks and build packages.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from principal.model.common import Money, Name, Percent, Probability, Record


class IssueKey(StrEnum):
    """The negotiable issues the strategy engine can price and trade."""

    seat_price = "seat_price"
    uplift = "uplift"
    usage_rates = "usage_rates"
    usage_cap = "usage_cap"
    sla_credits = "sla_credits"
    chronic_exit = "chronic_exit"
    holdback = "holdback"
    exit_terms = "exit_terms"


Weight = Annotated[Decimal, Field(ge=0, le=10, description="Relative importance; 1 = face value, 0 = ignore.")]


class Pressure(StrEnum):
    none = "none"
    low = "low"
    medium = "medium"
    high = "high"


class Batna(Record):
    """What the buyer does if there is no deal (its best alternative). Left out, Principal takes it from the deal:
    the best competing bid (its own cost of switching) or staying with the incumbent, whichever costs less; with
    neither in the deal the alternative is unknown and the brief asks for it (never $0)."""

    description: str | None = Field(
        default=None,
        description="The best alternative to this deal, in words: the alternative's name in the brief when `offer` "
        "or `term_cost` says which alternative it is; otherwise shown beside the alternative costed from the deal "
        "(the words alone cannot say what it costs). Empty = worded from the deal (the bid or the incumbent it is).",
    )
    offer: Name | None = Field(
        default=None,
        description="An offer of this deal that is the alternative (another vendor's bid), costed with its own "
        "cost of switching; empty = the best competing bid, if any.",
    )
    term_cost: Money | None = Field(
        default=None,
        description="The alternative's cost over the same term, as the buyer states it (it then wins over the "
        "deal's bids and incumbent); empty = costed from the deal.",
    )


PRESSURE_BONUS = {
    Pressure.none: Decimal(0),
    Pressure.low: Decimal("0.10"),
    Pressure.medium: Decimal("0.25"),
    Pressure.high: Decimal("0.50"),
}


class VendorModel(Record):
    """Assumptions about the vendor's economics: Principal cannot see them, so each is stated and editable."""

    cost_to_serve_percent: Percent = Field(
        default=Decimal(35),
        description="Share of the vendor's revenue spent serving this account (telephony, hosting, support): the "
        "vendor will not go below this share of its latest offer's revenue whatever the pressure. Assumption: 35.",
    )
    concession_budget_percent: Percent = Field(
        default=Decimal(5),
        description="How far below its latest offer (term revenue, %) the vendor's team can go without escalation; "
        "sets the vendor's estimated walk-away. Assumption: 5.",
    )
    quarter_end_pressure: Pressure = Field(
        default=Pressure.medium,
        description="How much the vendor needs to close this quarter: none, low, medium or high. Pressure widens "
        "the concession budget by 0, 10, 25 or 50%.",
    )
    expected_misses_per_year: Decimal = Field(
        default=Decimal("0.5"),
        ge=0,
        le=12,
        description="SLA misses a year the vendor expects of itself (it prices credits with this). Assumption: 0.5.",
    )
    acceptance_scale_percent: Decimal = Field(
        default=Decimal(1),
        gt=0,
        le=100,
        description="Spread of the acceptance curve as % of the vendor's term revenue: at the walk-away the "
        "chance of a yes is 50%, one spread above it 73%. Assumption: 1.",
    )

    @property
    def room_percent(self) -> Decimal:
        """Concession budget widened by quarter-end pressure, in % of the vendor's latest offer."""
        return self.concession_budget_percent * (1 + PRESSURE_BONUS[self.quarter_end_pressure])


class BuyerRisk(Record):
    """The buyer's own view of the risks the non-price terms cover (used to put a dollar value on them)."""

    expected_misses_per_year: Decimal = Field(
        default=Decimal(2),
        ge=0,
        le=12,
        description="Months a year the buyer expects a component SLA to be missed. Assumption: 2.",
    )
    chronic_failure_probability: Probability = Field(
        default=0.10, description="Chance the service fails chronically during the term. Assumption: 0.10."
    )
    outage_hours_per_miss: Decimal = Field(
        default=Decimal("1.5"), ge=0, le=744, description="Hours down in a missed month. Assumption: 1.5."
    )
    implementation_slip_probability: Probability = Field(
        default=0.30, description="Chance the implementation misses its acceptance. Assumption: 0.30."
    )
    exit_probability: Probability = Field(
        default=0.20, description="Chance the buyer leaves the vendor at or before term end. Assumption: 0.20."
    )
    transition_hours: Decimal = Field(
        default=Decimal(400), ge=0, le=100_000, description="Vendor hours an exit would need. Assumption: 400."
    )
    market_rate_per_hour: Money = Field(
        default=Decimal(250), description="Hourly rate without a pre-agreed one. Assumption: 250."
    )
    data_export_fee: Money = Field(
        default=Decimal(50_000), description="What an export costs when it is not included. Assumption: 50,000."
    )
    high_volume_probability: Probability = Field(
        default=0.25,
        description="Chance usage runs well above plan. Assumption: 0.25. Kept for older files: lever values "
        "simulate the forecasts instead (docs/valuation.md).",
    )
    high_volume_factor: Decimal = Field(
        default=Decimal("1.3"),
        ge=1,
        le=10,
        description="How far above plan, as a factor. Assumption: 1.3. Kept for older files: lever values simulate "
        "the forecasts instead (docs/valuation.md).",
    )


class Negotiation(Record):
    """The buyer's side of the negotiation."""

    target_offer: Name | None = Field(
        default=None,
        description="The offer the buyer aims for (its ask: an offer holding the set of asks); empty = the last "
        "offer, a default the brief labels. `principal plan --target` overrides it.",
    )
    vendor_offer: Name | None = Field(
        default=None,
        description="The vendor's latest offer; empty = the latest offer before the target that is not the "
        "baseline, else the baseline.",
    )
    priorities: dict[IssueKey, Weight] = Field(
        default_factory=dict,
        description="Weight per issue applied to its dollar value (default 1 each).",
    )
    walk_away_tco: Money | None = Field(
        default=None,
        description="Highest term cost of the new contract the buyer will sign; empty = the alternative's cost "
        "less this vendor's switching costs (dual running, early termination), unknown while the alternative is.",
    )
    fallback_margin_percent: Percent = Field(
        default=Decimal(1),
        description="How far inside the walk-away (% of it) every fallback package must stay. Assumption: 1.",
    )
    batna: Batna = Batna()
    buyer_risk: BuyerRisk = BuyerRisk()
    vendor: VendorModel = VendorModel()
    buyer_power: Decimal = Field(
        default=Decimal("0.5"), ge=0, le=1, description="Bargaining weight for the Nash split (0.5 = even)."
    )

    def weight(self, issue: IssueKey) -> Decimal:
        """The buyer's weight on an issue (1 when the deal file gives none)."""
        return self.priorities.get(issue, Decimal(1))
