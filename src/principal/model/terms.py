"""Non-price terms an offer states (or leaves out): implementation, reporting, exit and renewal."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import Field, model_validator

from principal.model.common import Money, Month, Name, Percent, Record


class KeyPersonnel(Record):
    roles: tuple[str, ...] = Field(default=(), description="Named roles, e.g. solution architect.")
    approval_before_substitution: bool | None = None


class Wave(Record):
    """A part of the operation (a site, region or line of business) that goes live on its own date."""

    name: Name = Field(description="Identifier of the wave, e.g. emea or sales.")
    agents: int = Field(ge=1, le=10_000_000, description="Agents that move to the new platform in this wave.")
    go_live_month: Month = Field(description="Contract month in which this wave goes live.")


class Implementation(Record):
    """When the service goes live and when the vendor starts billing for it."""

    go_live_month: int | None = Field(
        default=None,
        ge=1,
        le=600,
        description="Planned go-live contract month (with waves: the first wave's).",
    )
    waves: tuple[Wave, ...] = Field(
        default=(),
        description="Phased roll-out: each wave's agents and go-live month; agents add up to buyer.agents. "
        "Empty = every agent goes live at go_live_month.",
    )
    billing_start_month: int | None = Field(
        default=None, ge=1, le=600, description="Contract month recurring billing starts."
    )
    billing_tied_to_go_live: bool | None = Field(
        default=None, description="True when recurring billing cannot start before go-live."
    )
    success_metrics_defined: bool | None = None
    key_personnel: KeyPersonnel | None = None
    stable_operations_days: int | None = Field(
        default=None, ge=0, le=3650, description="Days of stable running required."
    )


class Reporting(Record):
    deliverables: tuple[str, ...] = Field(default=(), description="Reports the contract lists as deliverables.")
    contractual: bool | None = Field(default=None, description="True when reports are contractual deliverables.")
    channel_specific_metrics: bool | None = None
    buyer_defined_kpis: bool | None = Field(
        default=None, description="True when KPIs are defined from the operation's needs, not the vendor's."
    )


class SeatReductionWhen(StrEnum):
    never = "never"
    renewal = "renewal"
    anniversary = "anniversary"
    anytime = "anytime"


class SeatReduction(Record):
    allowed: bool | None = None
    when: SeatReductionWhen | None = None
    max_percent: Percent | None = Field(default=None, description="Largest reduction allowed at once, in %.")
    after_automation: bool | None = Field(default=None, description="True when automation gains justify it.")


class DataExport(Record):
    included: bool | None = None
    fee: Money | None = None
    days_after_termination: int | None = Field(default=None, ge=0, le=3650)
    formats: tuple[str, ...] = ()


class TransitionAssistance(Record):
    included: bool | None = None
    rate_per_hour: Money | None = Field(default=None, description="Pre-agreed hourly rate.")
    months: int | None = Field(default=None, ge=0, le=120)


class RenewalPrice(StrEnum):
    capped = "capped"
    list = "list"
    contract = "contract"


class Renewal(Record):
    """What happens at the end of the term: whether it renews, when notice is due, at what price."""

    auto_renews: bool | None = Field(default=None, description="True when the contract renews unless stopped.")
    renewal_term_months: int | None = Field(default=None, ge=1, le=120, description="Length of a renewal term.")
    notice_days: int | None = Field(
        default=None, ge=0, le=730, description="Days before the end of the term that notice stops renewal."
    )
    uplift_cap_percent: Percent | None = Field(
        default=None, description="The most prices may rise at renewal, in percent: 5 means 5%."
    )
    price: RenewalPrice | None = Field(
        default=None,
        description="The renewal price: capped (the last year's prices raised by at most uplift_cap_percent), "
        "list (licences at list_price) or contract (the last year's prices). Empty = capped when "
        "uplift_cap_percent is given, otherwise unknown.",
    )

    @model_validator(mode="after")
    def _cap_given(self) -> Renewal:
        if self.price is RenewalPrice.capped and self.uplift_cap_percent is None:
            raise ValueError("a capped renewal price needs uplift_cap_percent")
        return self


class CapCombination(StrEnum):
    greater = "greater"
    lesser = "lesser"


class Exit(Record):
    data_export: DataExport | None = None
    transition_assistance: TransitionAssistance | None = None
    termination_for_convenience: bool | None = Field(
        default=None, description="True when the buyer may end the contract without cause before the term ends."
    )
    termination_fee_percent_of_remaining: Percent | None = Field(
        default=None,
        description="Fee for leaving early, as a percentage of the committed fees left in the term (licences and "
        "recurring fees): 50 means 50%.",
    )
    termination_fee: Money | None = Field(
        default=None, description="A fixed fee for leaving early (added to any percentage fee); 0 = no fee."
    )
    terminate_affected_modules: bool | None = Field(
        default=None, description="True when the buyer can exit only the services that fail."
    )
    seat_reduction: SeatReduction | None = None
    renewal: Renewal | None = None
    liability_cap_months_of_fees: Decimal | None = Field(
        default=None,
        ge=0,
        le=600,
        description="The vendor's liability cap in months of fees: 12 means the fees of the trailing 12 months.",
    )
    liability_cap_amount: Money | None = Field(
        default=None, description="The vendor's liability cap as a fixed amount, in the offer's currency."
    )
    liability_cap_combination: CapCombination | None = Field(
        default=None,
        description="When both a months-of-fees and a fixed cap are given: greater (the greater of the two "
        "applies) or lesser.",
    )
