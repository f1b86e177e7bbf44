"""The goals file: the operation's goals (structured or plain language), its planned staffing, an optional contract."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, model_validator

from principal.model.buyer import BusinessHours, Channel, Weekday
from principal.model.common import Name, Record
from principal.strategy.kpis.library import LIBRARY, KpiKind, Unit


class Hours(StrEnum):
    business = "business"
    all = "all"


class Cadence(StrEnum):
    daily = "daily"
    weekly = "weekly"
    monthly = "monthly"
    quarterly = "quarterly"


class Goal(Record):
    """One goal. Plain-language goals are read into this same shape; `text` keeps the words they came from."""

    kpi: KpiKind = Field(description="Which library KPI the goal is about.")
    target: Decimal | None = Field(
        default=None,
        ge=0,
        le=1_000_000,
        description="The number to hold: % for shares and uptime, seconds for ASA and AHT, the score for MOS.",
    )
    threshold_seconds: Decimal | None = Field(
        default=None, gt=0, le=3600, description="Service level: answered within this many seconds."
    )
    channel: Channel | None = Field(default=None, description="voice, chat, email...; empty = every channel.")
    component: Name | None = Field(default=None, description="Uptime: the platform component, e.g. voice_routing.")
    hours: Hours = Field(default=Hours.business, description="business (the operation's hours) or all (24x7).")
    report: str | None = Field(default=None, description="Report delivery: which report.")
    cadence: Cadence | None = Field(default=None, description="Report delivery: how often it is due.")
    due_day: Weekday | None = Field(default=None, description="Weekly reports: the day it is due.")
    due_business_day: int | None = Field(
        default=None, ge=1, le=23, description="Monthly or quarterly reports: due by this business day."
    )
    due_time: dt.time | None = Field(default=None, description="Local time it is due, HH:MM.")
    staffing: tuple[Name, ...] = Field(
        default=(), description="Staffing plans to test this goal against; empty = every plan of the channel."
    )
    text: str | None = Field(default=None, description="The plain-language goal this was read from.")

    @model_validator(mode="after")
    def _fits_its_kpi(self) -> Goal:
        unit = LIBRARY[self.kpi].unit
        if self.target is not None and unit is Unit.percent and self.target > 100:
            raise ValueError(f"a {self.kpi.value} target is a percentage, at most 100 (got {self.target})")
        if self.target is not None and unit is Unit.score and not 1 <= self.target <= 5:
            raise ValueError(f"a MOS target is on the 1-5 scale (got {self.target})")
        if self.kpi is KpiKind.service_level and (self.target is None or self.threshold_seconds is None):
            raise ValueError("a service level goal needs target (%) and threshold_seconds, e.g. 80 and 20")
        if self.kpi is KpiKind.uptime and self.component is None:
            raise ValueError("an uptime goal needs component, e.g. voice_routing")
        if self.kpi is KpiKind.report_delivery and (self.report is None or self.cadence is None):
            raise ValueError("a report delivery goal needs report and cadence (daily, weekly, monthly, quarterly)")
        if self.kpi not in (KpiKind.uptime, KpiKind.report_delivery, KpiKind.service_level) and self.target is None:
            raise ValueError(f"a goal on {self.kpi.value} needs target")
        return self


class StaffingPlan(Record):
    """Planned staffing for one busy interval: what arrives, how long it takes, how many people are scheduled."""

    name: Name
    channel: Channel = Channel.voice
    interval_minutes: int = Field(default=30, ge=1, le=1440, description="Length of the planning interval.")
    contacts: Decimal = Field(gt=0, le=10_000_000, description="Contacts arriving in the interval.")
    aht_seconds: Decimal = Field(gt=0, le=36000, description="Average handle time in seconds.")
    positions: int = Field(ge=1, le=100_000, description="Agents scheduled for the interval (before shrinkage).")
    shrinkage_percent: Decimal = Field(
        default=Decimal(30),
        ge=0,
        lt=100,
        description="Share of scheduled time lost to breaks, training, absence (30 by default: an assumption).",
    )


class ContractLink(Record):
    """Where the remedies come from: a deal file (relative to the goals file) and the offer to read."""

    deal: str = Field(description="Path of the deal file, relative to the goals file.")
    offer: Name | None = Field(default=None, description="Offer whose SLA and reports to cite; default the last.")


class GoalsFile(Record):
    operation: str = Field(description="The operation the goals are for.")
    business_hours: BusinessHours | None = Field(
        default=None, description="The operation's hours; default those of the linked deal, else weekdays 08-18."
    )
    contract: ContractLink | None = None
    staffing: tuple[StaffingPlan, ...] = ()
    goals: tuple[Goal, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _staffing_names(self) -> GoalsFile:
        names = [plan.name for plan in self.staffing]
        if len(set(names)) != len(names):
            raise ValueError("staffing plan names must be unique")
        return self
