"""Human words for the codes of the deal model and the engines' results, so no page shows `terminate_affected`.

One table for the whole web app (the `label` template filter): an entry where plain words differ from the code,
else the code with underscores as spaces and a capital first letter.
"""

from __future__ import annotations

import re
from enum import Enum

CODE_LABELS = {
    # SLA
    "per_component": "Each component against its own target",
    "averaged": "Average of the components",
    "series": "Product of the components (in series)",
    "all_monthly": "All monthly fees",
    "component": "The component's fees",
    "licenses": "Licences",
    "terminate_affected": "End the affected services",
    "terminate_all": "End the whole contract",
    "fee_reduction": "Fee reduction",
    "max_credits": "Maximum-credit windows",
    "misses": "Missed windows",
    "uptime": "Uptime tiers",
    "duration": "Outage-length tiers",
    "third_party": "Third party",
    "force_majeure": "Force majeure",
    "customer_caused": "Caused by the customer",
    "weighted": "Weighted by impact",
    "full": "Counts in full",
    "ignored": "Not counted",
    # pricing
    "named": "Named users",
    "concurrent": "Concurrent users (peak)",
    "hourly": "Logged-in hours",
    "flat": "Flat rate",
    "graduated": "Graduated (each unit at its band's rate)",
    "volume": "Volume (all units at the reached band's rate)",
    "fixed": "Fixed",
    "cpi": "CPI-linked",
    "none": "None",
    "go_live": "Go-live",
    "uat": "User acceptance testing",
    "kickoff": "Kick-off",
    "stable_operations": "Stable operations",
    "live_seats": "Live seats",
    "take_or_pay": "Take or pay",
    # buyer
    "sms": "SMS",
    "lognormal": "Log-normal",
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
    # negotiation
    "seat_price": "Seat price",
    "usage_rates": "Usage rates",
    "usage_cap": "Usage cap",
    "sla_credits": "SLA credits",
    "chronic_exit": "Exit for chronic failure",
    "exit_terms": "Exit terms",
    "holdback": "Holdback",
    # results
    "default_on": "on by default",
    "default_off": "off by default",
    "one_time": "One-time",
    "dual_running": "Dual running",
    "early_termination": "Early termination",
    "true_up": "True-up",
}


def label(code: object) -> str:
    """`terminate_affected` -> `End the affected services`; `agent_desktop` -> `Agent desktop`."""
    if isinstance(code, Enum):
        code = code.value
    text = str(code)
    if text in CODE_LABELS:
        return CODE_LABELS[text]
    words = " ".join(part for part in text.replace("-", "_").split("_") if part)
    return words[:1].upper() + words[1:]


_CODES = re.compile(r"\b(" + "|".join(sorted((c for c in CODE_LABELS if "_" in c), key=len, reverse=True)) + r")\b")


def relabel(text: str) -> str:
    """Text with the model's multi-word codes (`terminate_affected`) put in words, lower case inside a sentence."""
    return _CODES.sub(lambda m: CODE_LABELS[m.group(1)][:1].lower() + CODE_LABELS[m.group(1)][1:], text)
