"""The typed deal model: immutable pydantic records validated on construction."""

from principal.model.buyer import BusinessHours, Buyer, Channel, Distribution, Forecast, ForecastEvent
from principal.model.deal import SCHEMA_VERSION, Assumption, Deal, Offer
from principal.model.pricing import (
    Band,
    License,
    LicenseKind,
    Milestone,
    MilestoneGate,
    OneTimeFee,
    Period,
    RateCard,
    RateCardKind,
    RecurringFee,
    Uplift,
    UpliftKind,
    UsageCap,
    UsageMeter,
)
from principal.model.sla import Sla

__all__ = [
    "SCHEMA_VERSION",
    "Assumption",
    "Band",
    "BusinessHours",
    "Buyer",
    "Channel",
    "Deal",
    "Distribution",
    "Forecast",
    "ForecastEvent",
    "License",
    "LicenseKind",
    "Milestone",
    "MilestoneGate",
    "Offer",
    "OneTimeFee",
    "Period",
    "RateCard",
    "RateCardKind",
    "RecurringFee",
    "Sla",
    "Uplift",
    "UpliftKind",
    "UsageCap",
    "UsageMeter",
]
