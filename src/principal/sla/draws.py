"""Random outages for Monte Carlo: Poisson counts per component and month, lognormal minutes, a cause each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from principal.sla.outage_model import CAUSES, OutageModel

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class DrawnOutages:
    """Outages of `runs` simulated terms of `months` months, one entry per outage (flat arrays).

    slot = run x months + month (0-based); component indexes `names`; cause indexes CAUSES.
    """

    runs: int
    months: int
    names: tuple[str, ...]
    component: IntArray
    slot: IntArray
    minutes: FloatArray
    cause: IntArray
    in_hours: BoolArray


def draw_outages(
    models: Sequence[OutageModel], runs: int, months: int, open_share: float, rng: np.random.Generator
) -> DrawnOutages:
    """Draw every outage at once per component: counts ~ Poisson(rate), minutes ~ lognormal(mu, sigma).

    Each outage falls inside business hours with probability `open_share` (its minutes then idle the operation).
    """
    slots = np.arange(runs * months, dtype=np.int64)
    parts_component, parts_slot, parts_minutes, parts_cause = [], [], [], []
    for index, model in enumerate(models):
        counts = rng.poisson(model.rate_per_month, size=runs * months)
        slot = np.repeat(slots, counts)
        n = slot.size
        shares = np.array([model.cause_shares[c.value] for c in CAUSES], dtype=np.float64)
        cumulative = np.cumsum(shares / shares.sum())
        cause = np.minimum(np.searchsorted(cumulative, rng.random(n), side="right"), len(CAUSES) - 1)
        parts_component.append(np.full(n, index, dtype=np.int64))
        parts_slot.append(slot)
        parts_minutes.append(rng.lognormal(model.mu, model.sigma, size=n))
        parts_cause.append(cause.astype(np.int64))
    component = np.concatenate(parts_component) if parts_component else np.zeros(0, dtype=np.int64)
    in_hours = rng.random(component.size) < open_share
    return DrawnOutages(
        runs=runs,
        months=months,
        names=tuple(m.component for m in models),
        component=component,
        slot=np.concatenate(parts_slot) if parts_slot else np.zeros(0, dtype=np.int64),
        minutes=np.concatenate(parts_minutes) if parts_minutes else np.zeros(0),
        cause=np.concatenate(parts_cause) if parts_cause else np.zeros(0, dtype=np.int64),
        in_hours=in_hours,
    )
