"""The buyer's side of a deal: the operation, its forecasts and what downtime costs it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from principal.model.common import MAX_MONTHS, Money, Month, Name, Percent, Probability, Quantity, Record


class Channel(StrEnum):
    voice = "voice"
    chat = "chat"
    email = "email"
    sms = "sms"
    social = "social"
    callback = "callback"
    video = "video"


class Weekday(StrEnum):
    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"
    sat = "sat"
    sun = "sun"


class BusinessHours(Record):
    """When the operation is staffed; planned maintenance inside these hours is not excusable."""

    timezone: str = Field(default="UTC", description="IANA time zone, e.g. America/New_York.")
    always_open: bool = Field(default=False, description="True for a 24x7 operation.")
    days: tuple[Weekday, ...] = Field(default=(Weekday.mon, Weekday.tue, Weekday.wed, Weekday.thu, Weekday.fri))
    opens: dt.time = Field(default=dt.time(8, 0), description="Local opening time, HH:MM.")
    closes: dt.time = Field(default=dt.time(18, 0), description="Local closing time, HH:MM.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Europe/London") from None
        return value


class Distribution(StrEnum):
    fixed = "fixed"
    uniform = "uniform"
    triangular = "triangular"
    normal = "normal"
    lognormal = "lognormal"


class ForecastEvent(Record):
    """A one-off change in volume that may or may not happen, such as a marketing launch."""

    name: str = Field(description="What the event is.")
    probability: Probability = Field(description="Chance that it happens during the term.")
    from_month: Month = Field(description="First contract month it affects.")
    months: int | None = Field(
        default=None, ge=1, le=MAX_MONTHS, description="How many months it lasts; empty = to the end."
    )
    level: Quantity | None = Field(default=None, description="Monthly volume while it lasts (replaces the forecast).")
    add: Quantity | None = Field(default=None, description="Monthly volume it adds on top of the forecast.")


class VolumeStep(Record):
    """From a contract month on, the monthly volume on the new platform (a step of an explicit schedule)."""

    from_month: Month = Field(description="First contract month of this volume.")
    expected: Quantity = Field(description="Expected monthly volume on the new platform from that month.")


class Forecast(Record):
    """The buyer's monthly volume forecast for one usage meter, with its uncertainty."""

    unit: str = Field(description="What is counted: minute, session, message, GB...")
    expected: Quantity = Field(description="Expected monthly volume in the first contract year (the plan).")
    low: Quantity | None = Field(default=None, description="Low end of the range (P10 for normal/lognormal).")
    high: Quantity | None = Field(default=None, description="High end of the range (P90 for normal/lognormal).")
    distribution: Distribution = Field(
        default=Distribution.fixed,
        description="How the monthly level is drawn in simulation: fixed, uniform(low, high), "
        "triangular(low, expected, high), normal or lognormal with low/high as P10/P90.",
    )
    monthly_noise: Percent = Field(
        default=Decimal(0), description="Month-to-month noise around the level, as a standard deviation in %."
    )
    growth_percent: Decimal = Field(
        default=Decimal(0),
        ge=-100,
        le=1000,
        description="Volume growth per contract year, compounding, in %.",
    )
    vendor_expected: Quantity | None = Field(
        default=None, description="The vendor's own estimate of the monthly volume, where it differs."
    )
    events: tuple[ForecastEvent, ...] = ()
    schedule: tuple[VolumeStep, ...] = Field(
        default=(),
        description="Explicit monthly volume on the new platform, as steps from a month on (replaces expected x "
        "growth x the share of agents live); before the first step, none.",
    )


class DowntimeCost(Record):
    """What an hour without the platform costs the operation."""

    loaded_cost_per_agent_hour: Money | None = Field(
        default=None, description="Idle payroll: fully loaded cost of one agent-hour."
    )
    contacts_per_hour: Quantity | None = Field(default=None, description="Contacts handled per hour at peak.")
    value_per_lost_contact: Money | None = Field(
        default=None, description="Value lost when a contact cannot be served."
    )
    lost_contact_share: Percent = Field(
        default=Decimal(100), description="Share of contacts during an outage that are lost (not retried)."
    )


class Incumbent(Record):
    """What the buyer pays today, the baseline every offer is measured against, and how it can be ended.

    Months are contract months of the new contract (1 = its first month). Left out, a term is unknown: the cost
    engine then assumes a labelled default (listed in its `defaults_used`) and asks the question.
    """

    name: str | None = None
    monthly_cost: Money | None = Field(default=None, description="All-in monthly cost of the current platform.")
    annual_growth_percent: Decimal = Field(
        default=Decimal(0),
        ge=-100,
        le=100,
        description="Growth of the incumbent's monthly cost per contract year, in %.",
    )
    notice_months: int | None = Field(
        default=None, ge=0, le=120, description="Months of notice needed to end the incumbent's contract."
    )
    notice_served_month: Month | None = Field(
        default=None, description="Contract month in which notice is served; empty = at signature (month 1, a default)."
    )
    committed_until_month: Month | None = Field(
        default=None,
        description="The incumbent must be paid in full up to and including this month, unless the "
        "early_termination_fee is paid.",
    )
    early_termination_fee: Money | None = Field(
        default=None, description="One-off fee to end the incumbent's contract before committed_until_month."
    )
    overlap_months: int | None = Field(
        default=None,
        ge=0,
        le=60,
        description="Months the incumbent keeps running after each part of the operation goes live (parallel "
        "running); empty = 0, a default.",
    )
    variable_percent: Percent | None = Field(
        default=None,
        description="Share of the incumbent's monthly cost that falls as agents move (per-seat licences), in %; "
        "the rest is paid until the incumbent is fully off; empty = 100, a default.",
    )


class Budget(Record):
    annual: Money | None = Field(default=None, description="Approved annual budget for the platform.")


class Buyer(Record):
    """The operation that buys: its size, channels, hours, forecasts and cost of failure."""

    organisation: str | None = None
    agents: int = Field(ge=1, le=1_000_000, description="Number of agents (people) in the operation.")
    sites: tuple[str, ...] = ()
    channels: tuple[Channel, ...] = ()
    business_hours: BusinessHours = BusinessHours()
    forecasts: dict[Name, Forecast] = Field(default_factory=dict, description="Usage forecasts by meter name.")
    incumbent: Incumbent | None = None
    budget: Budget | None = None
    downtime: DowntimeCost | None = None
    discount_rate_percent: Decimal | None = Field(
        default=None,
        ge=0,
        le=100,
        description="The buyer's annual discount rate (cost of capital) for the net present value of payments: "
        "8 means 8% a year. Empty = unknown: no NPV is given.",
    )
