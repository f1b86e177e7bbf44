"""Series for charts of an offer's cost: cumulative spend month by month (offers, the cost of switching to them,
and staying with the incumbent) and the distribution of simulated term cost. The figures come from the schedule,
the switching cost and the simulation; nothing is estimated here beyond summing months and counting draws into
equal-width bins."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from principal.cost.incumbent import incumbent_months
from principal.cost.lines import Schedule
from principal.cost.montecarlo import Simulation
from principal.cost.switching import SwitchingCost
from principal.model.deal import Deal


@dataclass(frozen=True)
class CumulativeCosts:
    """Cumulative cost at the end of each month: per offer over its term, the incumbent over the longest term."""

    months: int
    offers: dict[str, tuple[Decimal, ...]]
    incumbent: tuple[Decimal, ...] | None


def _running(values: list[Decimal] | tuple[Decimal, ...]) -> tuple[Decimal, ...]:
    total = Decimal(0)
    out = []
    for value in values:
        total += value
        out.append(total)
    return tuple(out)


def cumulative_costs(deal: Deal, schedules: Mapping[str, Schedule]) -> CumulativeCosts:
    """Month-end cumulative cost of each schedule and of staying with the incumbent (when the deal prices it)."""
    months = max((s.term_months for s in schedules.values()), default=0)
    inc = incumbent_months(deal, months) if months else None
    return CumulativeCosts(
        months=months,
        offers={name: s.cumulative() for name, s in schedules.items()},
        incumbent=_running(inc) if inc is not None else None,
    )


def cumulative_switching(deal: Deal, moves: Mapping[str, SwitchingCost]) -> CumulativeCosts:
    """Month-end cumulative cost of switching to each offer (new contract + the incumbent's bill while the
    operation moves) and of staying with the incumbent (when the deal prices it)."""
    months = max((m.contract.term_months for m in moves.values()), default=0)
    inc = incumbent_months(deal, months) if months else None
    return CumulativeCosts(
        months=months,
        offers={name: _running(m.month_totals) for name, m in moves.items()},
        incumbent=_running(inc) if inc is not None else None,
    )


@dataclass(frozen=True)
class Histogram:
    """Simulated term costs counted into equal-width bins: `counts[i]` draws fell in [edges[i], edges[i+1])
    (the last bin includes its upper edge)."""

    offer: str
    draws: int
    edges: tuple[float, ...]
    counts: tuple[int, ...]

    @property
    def centres(self) -> tuple[float, ...]:
        return tuple((a + b) / 2 for a, b in zip(self.edges, self.edges[1:], strict=False))


def term_histogram(simulation: Simulation, bins: int = 40, value_range: tuple[float, float] | None = None) -> Histogram:
    """The simulated term cost in `bins` equal-width bins over `value_range` (default: lowest to highest draw)."""
    if bins < 1:
        raise ValueError(f"bins must be at least 1 (got {bins})")
    counts, edges = np.histogram(simulation.term_samples, bins=bins, range=value_range)
    return Histogram(
        offer=simulation.offer,
        draws=simulation.draws,
        edges=tuple(float(e) for e in edges),
        counts=tuple(int(c) for c in counts),
    )


def term_histograms(simulations: Sequence[Simulation], bins: int = 40) -> tuple[Histogram, ...]:
    """Histograms of several offers on the same bins (lowest to highest draw of them all), to draw on one axis."""
    if not simulations:
        return ()
    low = min(float(s.term_samples.min()) for s in simulations)
    high = max(float(s.term_samples.max()) for s in simulations)
    if high <= low:
        high = low + 1.0
    return tuple(term_histogram(s, bins, (low, high)) for s in simulations)
