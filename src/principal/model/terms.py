"""Non-price terms an offer states (or leaves out): implementation, reporting, exit and renewal."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from principal.model.common import Money, Percent, Record


class KeyPersonnel(Record):
    roles: tuple[str, ...] = Field(default=(), description="Named roles, e.g. solution architect.")
    approval_before_substitution: bool | None = None


class Implementation(Record):
    """When the service goes live and when the vendor starts billing for it."""

    go_live_month: int | None = Field(default=None, ge=1, le=600, description="Planned go-live contract month.")
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


class Renewal(Record):
    auto_renews: bool | None = None
    renewal_term_months: int | None = Field(default=None, ge=1, le=120)
    notice_days: int | None = Field(default=None, ge=0, le=730, description="Notice needed to stop renewal.")
    uplift_cap_percent: Percent | None = None


class Exit(Record):
    data_export: DataExport | None = None
    transition_assistance: TransitionAssistance | None = None
    termination_for_convenience: bool | None = None
    termination_fee_percent_of_remaining: Percent | None = None
    terminate_affected_modules: bool | None = Field(
        default=None, description="True when the buyer can exit only the services that fail."
    )
    seat_reduction: SeatReduction | None = None
    renewal: Renewal | None = None
    liability_cap_months_of_fees: Decimal | None = Field(default=None, ge=0, le=1200)
