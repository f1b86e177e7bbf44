"""Chart series from the cost engine: cumulative spend and the histogram of simulated term cost."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.cost.charts import cumulative_costs, term_histogram, term_histograms
from principal.cost.montecarlo import simulate
from principal.cost.schedule import schedule
from principal.model import Deal


def test_cumulative_costs_end_at_each_term_total_and_the_incumbent_grows_by_its_monthly_cost(
    seed_deal: Deal,
) -> None:
    schedules = {name: schedule(seed_deal, name) for name in ("original", "final")}
    series = cumulative_costs(seed_deal, schedules)
    assert series.months == 36
    assert series.offers["final"][-1] == schedules["final"].total
    assert series.offers["original"][0] == schedules["original"].month_totals[0]
    assert len(series.offers["final"]) == 36
    assert series.incumbent is not None
    assert series.incumbent[0] == Decimal(162_000)
    assert series.incumbent[-1] == Decimal(162_000) * 36


def test_no_incumbent_series_when_the_deal_prices_none(seed_deal: Deal) -> None:
    buyer = seed_deal.buyer.model_copy(update={"incumbent": None})
    deal = seed_deal.model_copy(update={"buyer": buyer})
    series = cumulative_costs(deal, {"final": schedule(deal, "final")})
    assert series.incumbent is None


def test_histogram_counts_every_draw_between_the_lowest_and_highest(seed_deal: Deal) -> None:
    sim = simulate(seed_deal, "final", 2_000, seed=3)
    hist = term_histogram(sim, bins=25)
    assert sum(hist.counts) == 2_000
    assert len(hist.edges) == 26 and len(hist.centres) == 25
    assert hist.edges[0] == pytest.approx(float(sim.term_samples.min()), abs=0.01)
    assert hist.edges[-1] == pytest.approx(float(sim.term_samples.max()), abs=0.01)
    assert term_histogram(simulate(seed_deal, "final", 2_000, seed=3), bins=25) == hist


def test_histogram_needs_a_bin() -> None:
    from principal.cost.montecarlo import Simulation

    with pytest.raises(ValueError, match="bins must be at least 1"):
        term_histogram(object.__new__(Simulation), bins=0)


def test_histograms_of_several_offers_share_their_bins(seed_deal: Deal) -> None:
    sims = [simulate(seed_deal, name, 1_000, seed=0) for name in ("original", "final")]
    first, second = term_histograms(sims, bins=20)
    assert first.edges == second.edges
    assert sum(first.counts) == sum(second.counts) == 1_000
    assert first.edges[0] == pytest.approx(min(float(s.term_samples.min()) for s in sims), abs=0.01)
    assert first.edges[-1] == pytest.approx(max(float(s.term_samples.max()) for s in sims), abs=0.01)
    assert term_histograms([], bins=5) == ()
