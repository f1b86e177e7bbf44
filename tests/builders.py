"""The one builder of test deals, shared by every test package: small deals with sensible defaults, any part
overridable, as plain data, as deal-file text or as a loaded `Deal`.

    build_deal()                                        # one 12-month offer "only": 10 seats, 100,000 minutes
    build_deal({"currency": "EUR", "buyer": {"agents": 20}})            # nested keys merge into the defaults
    build_deal({"offers": {"only": None, "a": offer_data(), "b": offer_data({"term_months": 24})}})  # None deletes
    build_deal(remove=["offers.only.usage"])            # dotted paths (list items by index) are taken out
    deal_text({"name": "Pilot"})                        # the same deal as file text (JSON, which is also YAML)

The default deal's term cost is easy to check by hand: 10 seats x 100 x 12 months + 100,000 minutes x 0.01 x 12
months = 12,000 + 12,000 = 24,000.

`deal_with` builds on `FULL_DEAL`, one offer ("good") with every protection the alignment checks look for, and
takes protections away one at a time (see tests/align).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from principal.align.context import OfferContext
from principal.loader import parse_deal
from principal.model import Deal

SMALL_OFFER: dict[str, Any] = {
    "term_months": 12,
    "licenses": [{"name": "agent", "quantity": 10, "unit_price": 100}],
    "usage": [{"name": "voice", "forecast": "voice", "rate_card": {"kind": "flat", "rate": 0.01}}],
}

SMALL_DEAL: dict[str, Any] = {
    "name": "Small test deal",
    "currency": "USD",
    "buyer": {"agents": 10, "forecasts": {"voice": {"unit": "minute", "expected": 100_000}}},
    "offers": {"only": SMALL_OFFER},
}


def _merge(base: dict[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """`base` with `changes` merged in: mappings merge key by key, anything else replaces, None deletes."""
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _remove(data: dict[str, Any], path: str) -> None:
    node: Any = data
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    del node[int(last) if isinstance(node, list) else last]


def offer_data(changes: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The small offer (12 months, 10 seats at 100, voice at 0.01 a minute) with `changes` merged in."""
    return _merge(SMALL_OFFER, changes or {})


def deal_data(
    changes: Mapping[str, Any] | None = None, *, remove: Iterable[str] = (), base: Mapping[str, Any] = SMALL_DEAL
) -> dict[str, Any]:
    """A deal file's contents: `base` (the small deal) with `changes` merged in and the `remove` paths taken out."""
    data = _merge(dict(base), changes or {})
    for path in remove:
        _remove(data, path)
    return data


def deal_text(changes: Mapping[str, Any] | None = None, *, remove: Iterable[str] = ()) -> str:
    """The deal as file text (indented JSON: YAML reads it too, and problems are located on its lines). Decimals
    are written as decimal strings, which the deal model reads exactly."""
    return json.dumps(deal_data(changes, remove=remove), indent=2, default=_exact) + "\n"


def _exact(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError(f"a deal file holds no {type(value).__name__}")


def build_deal(changes: Mapping[str, Any] | None = None, *, remove: Iterable[str] = ()) -> Deal:
    """The deal loaded as the product loads it (validated; a bad override fails with the loader's message)."""
    return parse_deal(deal_text(changes, remove=remove), "test.json")


FULL_DEAL: dict[str, Any] = {
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
"""A deal whose one offer, "good", has every protection the alignment checks look for."""


def deal_with(change: dict[str, Any] | None = None, remove: tuple[str, ...] = ()) -> Deal:
    """`FULL_DEAL` with each key of `change` replacing that key of offer "good" whole, and the dotted paths in
    `remove` (relative to the offer) taken out."""
    data = copy.deepcopy(FULL_DEAL)
    offer = data["offers"]["good"]
    for key, value in (change or {}).items():
        offer[key] = value
    for path in remove:
        _remove(offer, path)
    return parse_deal(json.dumps(data), "test.json")


def offer_context(deal: Deal, coverage: Any = None, offer: str = "good") -> OfferContext:
    """The alignment engine's view of one offer, for check-by-check tests."""
    return OfferContext.build(deal, offer, coverage)


__all__ = [
    "FULL_DEAL",
    "SMALL_DEAL",
    "SMALL_OFFER",
    "build_deal",
    "deal_data",
    "deal_text",
    "deal_with",
    "offer_context",
    "offer_data",
]
