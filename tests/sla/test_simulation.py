"""Monte Carlo: the lognormal-Poisson mean, determinism, agreement with the replay, fitting, chronic odds."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np

from principal.model import Deal
from principal.model.sla import OutageCause
from principal.sla.draws import DrawnOutages, draw_outages
from principal.sla.fee_base import fee_bases_for_offer
from principal.sla.outage_model import CAUSES, fit_models, make_model, preset_model
from principal.sla.replay import replay_outages
from principal.sla.simulation import evaluate_design, month_minutes, simulate_designs
from tests.sla.conftest import ny, outage, usd

D = Decimal


def test_mean_monthly_downtime_matches_rate_times_lognormal_mean() -> None:
    rate, mu, sigma = 0.5, 3.0, 1.0
    model = make_model("voice_routing", rate, mu, sigma, {}, "test")
    drawn = draw_outages([model], runs=100_000, months=1, open_share=1.0, rng=np.random.default_rng(11))
    simulated = drawn.minutes.sum() / 100_000
    expected = rate * math.exp(mu + sigma**2 / 2)
    assert model.expected_minutes_per_month == expected
    assert abs(simulated / expected - 1) < 0.02
    # P(no outage in a month) = exp(-rate)
    quiet = 1 - np.unique(drawn.slot).size / 100_000
    assert abs(quiet - math.exp(-rate)) < 0.01


def test_same_seed_same_figures(seed_deal: Deal) -> None:
    fees = {o: fee_bases_for_offer(seed_deal, o) for o in ("final", "original")}
    sla = seed_deal.offers["final"].sla
    assert sla is not None
    models = [preset_model(c.name, "typical") for c in sla.components]
    first = simulate_designs(seed_deal, ["final", "original"], fees, models, runs=300, seed=5, impact_sla=sla)
    again = simulate_designs(seed_deal, ["final", "original"], fees, models, runs=300, seed=5, impact_sla=sla)
    other = simulate_designs(seed_deal, ["final", "original"], fees, models, runs=300, seed=6, impact_sla=sla)
    assert first == again
    assert first[0].yearly_credits != other[0].yearly_credits
    # both designs face the same outages, so the same impact
    assert first[0].yearly_impact == first[1].yearly_impact


def test_simulation_judges_like_the_replay(seed_deal: Deal) -> None:
    """Outages placed by hand in the simulation's arrays earn what the replay says they earn."""
    sla = seed_deal.offers["final"].sla
    assert sla is not None
    fees = fee_bases_for_offer(seed_deal, "final")
    plan = [  # (month index, component index, minutes, cause)
        (0, 0, 35.0, OutageCause.vendor),
        (1, 0, 40.0, OutageCause.carrier),
        (2, 0, 30.0, OutageCause.vendor),
        (3, 0, 25.0, OutageCause.vendor),
        (3, 2, 120.0, OutageCause.vendor),
        (5, 0, 500.0, OutageCause.vendor),
    ]
    drawn = DrawnOutages(
        runs=1,
        months=36,
        names=tuple(c.name for c in sla.components),
        component=np.array([p[1] for p in plan]),
        slot=np.array([p[0] for p in plan]),
        minutes=np.array([p[2] for p in plan]),
        cause=np.array([CAUSES.index(p[3]) for p in plan]),
        in_hours=np.ones(len(plan), dtype=bool),
    )
    arrays = evaluate_design(sla, drawn, month_minutes(seed_deal, 36), fees, 36)
    outs = [
        outage(ny(2027, m + 1, 9, 10), minutes, sla.components[c].name, cause=cause) for m, c, minutes, cause in plan
    ]
    replay = replay_outages(seed_deal, "final", outs, fees)
    assert [usd(repr(float(x))).rounded() for x in arrays.credits[0, :6]] == [w.credit_paid for w in replay.windows]
    assert int(arrays.chronic_first[0][0]) + 1 == replay.chronic[0].fires_in_window == 4


def test_fitting_recovers_the_maximum_likelihood_estimates(seed_deal: Deal) -> None:
    durations = [10, 20, 40, 80]
    outs = [outage(ny(2027, i + 1, 5, 10), d) for i, d in enumerate(durations)]
    outs.append(outage(ny(2027, 5, 6, 10), 30, cause=OutageCause.carrier))
    outs.append(outage(ny(2027, 5, 8, 23), 300, planned=True, notice_days=9))  # planned: not fitted
    models = fit_models(outs, ["voice_routing", "digital_channels"], observed_months=10, preset_name="typical")
    voice, digital = models
    logs = [math.log(d) for d in [*durations, 30]]
    mean = sum(logs) / 5
    assert math.isclose(voice.mu, mean)
    assert math.isclose(voice.sigma, math.sqrt(sum((x - mean) ** 2 for x in logs) / 5))
    assert voice.rate_per_month == 0.5
    assert voice.cause_shares["carrier"] == 0.2 and voice.cause_shares["vendor"] == 0.8
    assert digital.source.startswith("preset typical")


def test_chronic_odds_are_certain_or_impossible_at_the_extremes(seed_deal: Deal) -> None:
    sla = seed_deal.offers["final"].sla
    assert sla is not None
    fees = {"final": fee_bases_for_offer(seed_deal, "final")}
    always = [make_model(c.name, 3.0, math.log(60), 0.1, {}, "test") for c in sla.components]
    never = [make_model(c.name, 0.0, 0.0, 0.1, {}, "test") for c in sla.components]
    hot = simulate_designs(seed_deal, ["final"], fees, always, runs=200, seed=1, impact_sla=sla)[0]
    cold = simulate_designs(seed_deal, ["final"], fees, never, runs=200, seed=1, impact_sla=sla)[0]
    assert hot.chronic[0].probability_within_term == 1
    assert hot.chronic[0].median_window_when_fired == 3
    assert hot.yearly_credits.p10 == usd("284130.00")  # every month at the 15% cap
    assert cold.chronic[0].probability_within_term == 0
    assert cold.yearly_credits.mean == usd(0) and cold.coverage_ratio is None


def test_carrier_outages_are_carved_out_in_simulation(seed_deal: Deal) -> None:
    sla = seed_deal.offers["final"].sla
    assert sla is not None
    fees = {"final": fee_bases_for_offer(seed_deal, "final")}
    carrier = [make_model(c.name, 3.0, math.log(60), 0.1, {"carrier": 1.0}, "test") for c in sla.components]
    result = simulate_designs(seed_deal, ["final"], fees, carrier, runs=100, seed=2, impact_sla=sla)[0]
    assert result.yearly_credits.mean == usd(0)
    assert result.yearly_impact.mean > usd(0)
