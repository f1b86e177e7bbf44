"""The risk assumptions of the lever valuation, each with its basis: stated by the deal, or a labelled default.

The buyer's risk settings live in `negotiation.buyer_risk`; a field the deal file does not set keeps the model's
default and is reported as a default. The outage model is the SLA engine's (`principal.sla.outage_model`): the
"typical" preset for a vendor that works as sold and the "troubled" preset for one that fails chronically, both
labelled defaults. Each assumption carries the low and high values the tornado tries.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from principal.model.deal import Deal
from principal.model.negotiation import BuyerRisk

BASE_PRESET = "typical"
TROUBLED_PRESET = "troubled"
DEFAULT_SLIP_MONTHS = 3


class Basis(StrEnum):
    deal = "deal"
    default = "default"
    unknown = "unknown"


@dataclass(frozen=True)
class Assumption:
    name: str
    title: str
    value: Decimal
    basis: Basis
    path: str
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class RiskAssumptions:
    """Every figure the valuation assumes; `factor` assumptions scale a stated model (1 = as stated)."""

    forecast_spread: Assumption
    outage_rate: Assumption
    chronic_failure_probability: Assumption
    downtime_cost: Assumption
    implementation_slip_probability: Assumption
    slip_months: Assumption
    exit_probability: Assumption
    transition_hours: Assumption
    market_rate_per_hour: Assumption
    data_export_fee: Assumption

    def all(self) -> tuple[Assumption, ...]:
        return tuple(getattr(self, f.name) for f in dataclasses.fields(self))

    def with_value(self, name: str, value: Decimal) -> RiskAssumptions:
        return dataclasses.replace(self, **{name: dataclasses.replace(getattr(self, name), value=value)})

    def value(self, name: str) -> float:
        return float(getattr(self, name).value)


def _risk(deal: Deal) -> tuple[BuyerRisk, set[str]]:
    negotiation = deal.negotiation
    if negotiation is None or "buyer_risk" not in negotiation.model_fields_set:
        return BuyerRisk(), set()
    return negotiation.buyer_risk, set(negotiation.buyer_risk.model_fields_set)


def risk_assumptions(deal: Deal) -> RiskAssumptions:
    """The assumptions for one deal, each labelled with where it comes from."""
    risk, given = _risk(deal)
    path = "negotiation.buyer_risk."

    def stated(name: str, title: str, value: Decimal, low: Decimal, high: Decimal) -> Assumption:
        basis = Basis.deal if name in given else Basis.default
        return Assumption(name, title, value, basis, path + name, low, high)

    def probability(name: str, title: str) -> Assumption:
        value = Decimal(str(getattr(risk, name)))
        return stated(name, title, value, value / 2, min(value * 2, Decimal(1)))

    has_ranges = any(f.low is not None or f.high is not None for f in deal.buyer.forecasts.values())
    downtime_known = deal.buyer.downtime is not None
    return RiskAssumptions(
        forecast_spread=Assumption(
            "forecast_spread",
            "forecast spread (x the low-high range of every forecast)",
            Decimal(1),
            Basis.deal if has_ranges else Basis.unknown,
            "buyer.forecasts",
            Decimal("0.5"),
            Decimal("1.5"),
        ),
        outage_rate=Assumption(
            "outage_rate",
            f"outage rate (x the SLA engine's '{BASE_PRESET}' and '{TROUBLED_PRESET}' presets)",
            Decimal(1),
            Basis.default,
            "sla outage model",
            Decimal("0.5"),
            Decimal(2),
        ),
        chronic_failure_probability=Assumption(
            "chronic_failure_probability",
            f"chance the vendor fails chronically (runs at the '{TROUBLED_PRESET}' preset all term)",
            Decimal(str(risk.chronic_failure_probability)),
            Basis.deal if "chronic_failure_probability" in given else Basis.default,
            path + "chronic_failure_probability",
            Decimal(str(risk.chronic_failure_probability)) / 2,
            min(Decimal(str(risk.chronic_failure_probability)) * 2, Decimal(1)),
        ),
        downtime_cost=Assumption(
            "downtime_cost",
            "downtime cost (x the buyer's cost of an outage hour)",
            Decimal(1),
            Basis.deal if downtime_known else Basis.unknown,
            "buyer.downtime",
            Decimal("0.5"),
            Decimal("1.5"),
        ),
        implementation_slip_probability=probability(
            "implementation_slip_probability", "chance the implementation slips"
        ),
        slip_months=Assumption(
            "slip_months",
            "months a slipped go-live is late",
            Decimal(DEFAULT_SLIP_MONTHS),
            Basis.default,
            "valuation default",
            Decimal(1),
            Decimal(6),
        ),
        exit_probability=probability("exit_probability", "chance the buyer leaves the vendor"),
        transition_hours=stated(
            "transition_hours",
            "vendor hours an exit needs",
            risk.transition_hours,
            risk.transition_hours / 2,
            risk.transition_hours * 2,
        ),
        market_rate_per_hour=stated(
            "market_rate_per_hour",
            "hourly rate without an agreed one",
            risk.market_rate_per_hour,
            risk.market_rate_per_hour * Decimal("0.8"),
            risk.market_rate_per_hour * Decimal("1.2"),
        ),
        data_export_fee=stated(
            "data_export_fee",
            "cost of a data export that is not included",
            risk.data_export_fee,
            risk.data_export_fee / 2,
            risk.data_export_fee * 2,
        ),
    )
