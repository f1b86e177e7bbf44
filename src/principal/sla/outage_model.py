"""Outage models for simulation: Poisson arrivals per month and lognormal durations, from presets or a log.

Presets are illustrative profiles, not measured vendor data (docs/sla.md lists them):
    reliable  0.15 outages a month, median 15 min, sigma 0.9
    typical   0.40 outages a month, median 25 min, sigma 1.1
    troubled  1.00 outage a month,  median 40 min, sigma 1.2
each with 15-20% carrier and 5-10% third-party causes. Fitting from a log: for each component with at least
`MIN_FIT_OUTAGES` unplanned outages, mu and sigma are the maximum-likelihood lognormal estimates (mean and
population standard deviation of the log of the durations in minutes), the rate is count / months observed, and
the cause shares are the observed shares. Components with fewer outages keep the preset, and say so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from principal.model.sla import Outage, OutageCause
from principal.sla.business_hours import duration_seconds

MIN_FIT_OUTAGES = 3
CAUSES: tuple[OutageCause, ...] = tuple(OutageCause)


@dataclass(frozen=True)
class Preset:
    rate_per_month: float
    median_minutes: float
    sigma: float
    carrier_share: float
    third_party_share: float


PRESETS: Mapping[str, Preset] = {
    "reliable": Preset(0.15, 15.0, 0.9, 0.15, 0.05),
    "typical": Preset(0.40, 25.0, 1.1, 0.20, 0.10),
    "troubled": Preset(1.00, 40.0, 1.2, 0.20, 0.10),
}


@dataclass(frozen=True)
class OutageModel:
    """How one component fails: rate a month, lognormal (mu, sigma) of minutes, share of each cause."""

    component: str
    rate_per_month: float
    mu: float
    sigma: float
    median_minutes: float
    mean_minutes: float
    expected_minutes_per_month: float
    cause_shares: Mapping[str, float]
    source: str


def make_model(
    component: str, rate: float, mu: float, sigma: float, shares: Mapping[str, float], source: str
) -> OutageModel:
    """E[monthly downtime] = rate x exp(mu + sigma^2 / 2)."""
    mean = math.exp(mu + sigma * sigma / 2)
    full = {cause.value: float(shares.get(cause.value, 0.0)) for cause in CAUSES}
    full[OutageCause.vendor.value] = max(0.0, 1.0 - sum(v for k, v in full.items() if k != OutageCause.vendor.value))
    return OutageModel(component, rate, mu, sigma, math.exp(mu), mean, rate * mean, full, source)


def preset_model(component: str, preset_name: str, note: str = "") -> OutageModel:
    preset = PRESETS[preset_name]
    shares = {OutageCause.carrier.value: preset.carrier_share, OutageCause.third_party.value: preset.third_party_share}
    source = f"preset {preset_name}" + (f" ({note})" if note else "")
    return make_model(component, preset.rate_per_month, math.log(preset.median_minutes), preset.sigma, shares, source)


def fit_models(
    outages: Sequence[Outage], components: Sequence[str], observed_months: int, preset_name: str
) -> tuple[OutageModel, ...]:
    """One model per component, fitted from the unplanned outages of the log where there are enough."""
    out: list[OutageModel] = []
    for component in components:
        rows = [o for o in outages if o.component == component and not o.planned]
        if len(rows) < MIN_FIT_OUTAGES:
            out.append(
                preset_model(component, preset_name, f"{len(rows)} unplanned outage(s) in the log, too few to fit")
            )
            continue
        logs = [math.log(max(float(duration_seconds(o.start, o.end)) / 60.0, 1e-3)) for o in rows]
        mu = sum(logs) / len(logs)
        sigma = math.sqrt(sum((x - mu) ** 2 for x in logs) / len(logs))
        shares = {cause.value: sum(1 for o in rows if o.cause is cause) / len(rows) for cause in CAUSES}
        out.append(
            make_model(
                component,
                len(rows) / observed_months,
                mu,
                sigma,
                shares,
                f"fitted from {len(rows)} unplanned outages over {observed_months} month(s)",
            )
        )
    return tuple(out)
