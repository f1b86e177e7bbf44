"""Assumptions about the vendor's economics used by the alignment analysis, each with a stated default.

The defaults follow the worked example in the project's domain notes (effort worth 3% of the monthly fee,
a miss in 30% of months without effort and 5% with it). Set them in the deal file under `incentives:` when you
know better; every figure that uses them says which values it used.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field, model_validator

from principal.model.common import Money, Percent, Probability, Record


class ReliabilityEffort(Record):
    effort_cost_monthly: Money | None = Field(
        default=None,
        description="What reliability effort (redundancy, staffing, change control) costs the vendor a month; "
        "empty = effort_cost_percent of the monthly fees.",
    )
    effort_cost_percent: Percent = Field(
        default=Decimal(3), description="Effort cost as % of the monthly recurring fees, when no amount is given."
    )
    p_miss_low_effort: Probability = Field(default=0.30, description="Chance of a missed month without the effort.")
    p_miss_high_effort: Probability = Field(default=0.05, description="Chance of a missed month with the effort.")

    @model_validator(mode="after")
    def _effort_helps(self) -> ReliabilityEffort:
        if self.p_miss_high_effort >= self.p_miss_low_effort:
            raise ValueError("p_miss_high_effort must be below p_miss_low_effort (effort must reduce misses)")
        return self


class ImplementationEffort(Record):
    effort_cost: Money | None = Field(
        default=None,
        description="Extra cost to the vendor of staffing the project to deliver on time; "
        "empty = effort_cost_percent of the implementation fees.",
    )
    effort_cost_percent: Percent = Field(
        default=Decimal(5), description="Effort cost as % of the one-time fees, when no amount is given."
    )
    p_on_time_high_effort: Probability = Field(default=0.85, description="Chance of on-time acceptance with effort.")
    p_on_time_low_effort: Probability = Field(default=0.55, description="Chance of on-time acceptance without it.")

    @model_validator(mode="after")
    def _effort_helps(self) -> ImplementationEffort:
        if self.p_on_time_high_effort <= self.p_on_time_low_effort:
            raise ValueError("p_on_time_high_effort must be above p_on_time_low_effort")
        return self


class StressSettings(Record):
    usage_overruns_percent: tuple[Percent, ...] = Field(
        default=(Decimal(10), Decimal(30), Decimal(50)), description="Usage above forecast to test, in %."
    )
    vendor_config_extra_percent: Percent = Field(
        default=Decimal(15),
        description="Extra billable AI events a vendor-recommended configuration adds, in % of forecast.",
    )
    severe_outage_hours: Decimal = Field(
        default=Decimal(4), gt=0, le=744, description="Length of the severe outage month's outage, in hours."
    )
    repeated_misses: int = Field(default=3, ge=1, le=12, description="Missed months in the repeated-miss test.")
    miss_outage_hours: Decimal = Field(
        default=Decimal(2), gt=0, le=744, description="Outage length in each missed month of that test, in hours."
    )
    slip_months: int = Field(default=3, ge=1, le=24, description="Implementation slip tested, in months.")
    unused_seat_percent: Percent = Field(
        default=Decimal(20), description="Seats left unused when supervisors and agents do not adopt the tool."
    )
    automation_seat_reduction_percent: Percent = Field(
        default=Decimal(15), description="Seats no longer needed after automation."
    )
    automation_from_month: int = Field(default=13, ge=1, le=600, description="Month the automation takes effect.")
    transition_hours: Decimal = Field(
        default=Decimal(400), ge=0, le=100_000, description="Transition assistance hours an exit needs."
    )


class Incentives(Record):
    reliability: ReliabilityEffort = ReliabilityEffort()
    implementation: ImplementationEffort = ImplementationEffort()
    stress: StressSettings = StressSettings()
