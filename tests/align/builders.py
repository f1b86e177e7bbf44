"""Small deals for alignment tests: a base offer with every protection, and ways to take each one away."""

from __future__ import annotations

import copy
import json
from typing import Any

from principal.align.context import OfferContext
from principal.loader import parse_deal
from principal.loader.dump import dump_deal
from principal.model import Deal

BASE: dict[str, Any] = {
    "name": "alignment test",
    "start": "2027-01-01",
    "buyer": {
        "agents": 100,
        "business_hours": {"timezone": "America/New_York"},
        "forecasts": {
            "voice": {"unit": "minute", "expected": 1_000_000},
            "bots": {
                "unit": "session",
                "expected": 10_000,
                "events": [{"name": "launch", "probability": 0.5, "from_month": 6, "level": 20_000}],
            },
        },
        "incumbent": {"monthly_cost": 40_000},
        "downtime": {"loaded_cost_per_agent_hour": 40, "contacts_per_hour": 400, "value_per_lost_contact": 50},
    },
    "offers": {
        "good": {
            "term_months": 24,
            "licenses": [{"name": "agent", "quantity": 100, "unit_price": 150}],
            "uplift": {"kind": "fixed", "percent": 3, "from_year": 2},
            "usage": [
                {
                    "name": "voice",
                    "forecast": "voice",
                    "rate_card": {"kind": "graduated", "bands": [{"up_to": 500_000, "rate": 0.012}, {"rate": 0.01}]},
                },
                {
                    "name": "bot_sessions",
                    "forecast": "bots",
                    "opt_in": True,
                    "rate_card": {"kind": "flat", "rate": 0.2},
                },
            ],
            "usage_cap": {"period": "year", "percent_of_forecast": 110},
            "one_time_fees": [
                {
                    "name": "services",
                    "amount": 100_000,
                    "milestones": [
                        {"name": "design", "gate": "design", "percent": 20, "month": 1},
                        {"name": "live", "gate": "go_live", "percent": 50, "month": 3},
                        {"name": "stable", "gate": "stable_operations", "percent": 30, "month": 5, "holdback": True},
                    ],
                }
            ],
            "implementation": {
                "go_live_month": 3,
                "billing_start_month": 3,
                "billing_tied_to_go_live": True,
                "success_metrics_defined": True,
                "key_personnel": {"roles": ["architect"], "approval_before_substitution": True},
            },
            "reporting": {
                "deliverables": ["weekly SLA"],
                "contractual": True,
                "channel_specific_metrics": True,
                "buyer_defined_kpis": True,
            },
            "sla": {
                "computation": "per_component",
                "components": [{"name": "voice_routing", "target": 99.95}, {"name": "digital", "target": 99.9}],
                "exclusions": {"maintenance_notice_days": 7, "maintenance_outside_business_hours": True},
                "credits": {
                    "tiers": [{"below": 99.95, "percent": 10}, {"below": 99.0, "percent": 100}],
                    "escalation": {"repeat_within": 6, "add_percent": 5},
                    "cap_percent": 100,
                },
                "chronic": [{"count": 3, "within": 6, "components": ["voice_routing"]}],
                "sole_remedy": False,
            },
            "exit": {
                "data_export": {"included": True, "fee": 0},
                "terminate_affected_modules": True,
                "transition_assistance": {"included": True, "rate_per_hour": 150},
                "seat_reduction": {"allowed": True, "when": "anniversary", "max_percent": 20},
            },
        }
    },
}


def deal_with(change: dict[str, Any] | None = None, remove: tuple[str, ...] = ()) -> Deal:
    """The base deal with `change` merged into the offer and dotted paths in `remove` deleted from it."""
    data = copy.deepcopy(BASE)
    offer = data["offers"]["good"]
    for key, value in (change or {}).items():
        offer[key] = value
    for path in remove:
        node = offer
        *parents, last = path.split(".")
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        del node[int(last) if isinstance(node, list) else last]
    return parse_deal(json.dumps(data), "test.json")


def ctx(deal: Deal, coverage: Any = None) -> OfferContext:
    return OfferContext.build(deal, "good", coverage)


__all__ = ["BASE", "ctx", "deal_with", "dump_deal"]
