"""Benchmark: 10,000 simulated contract years x 6 SLA components, with exclusions, credits and chronic rules.

Prints the time of `simulate_designs` (draws + judging + summary) and the ratio against a minimal numpy baseline,
measured in the same run: Poisson counts and lognormal minutes summed per component and month, nothing else.
Target: <= 1 s for the full simulation. Run: .venv/bin/python benchmarks/bench_sla.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from principal.loader import load_deal
from principal.model import Deal
from principal.model.sla import Sla
from principal.sla.fee_base import fee_bases_for_offer
from principal.sla.outage_model import preset_model
from principal.sla.simulation import simulate_designs

ROOT = Path(__file__).resolve().parent.parent
YEARS = 10_000
COMPONENTS = ("voice_routing", "agent_desktop", "digital_channels", "crm_screen_pop", "reporting", "ivr")
REPEATS = 5


def six_component_deal() -> Deal:
    deal = load_deal(ROOT / "examples" / "ccaas-450" / "deal.yaml")
    sla = Sla.model_validate(
        {
            "components": [{"name": n, "target": "99.95" if i < 2 else "99.9"} for i, n in enumerate(COMPONENTS)],
            "exclusions": {"carrier": True, "third_party": True, "minimum_outage_minutes": 2},
            "credits": {
                "tiers": [
                    {"below": "99.95", "percent": 5},
                    {"below": "99.5", "percent": 10},
                    {"below": 99, "percent": 15},
                ],
                "escalation": {"repeat_within": 6, "add_percent": 5},
                "cap_percent": 15,
                "minimum_credit": 100,
            },
            "chronic": [
                {"count": 3, "within": 6, "components": ["voice_routing"]},
                {"kind": "max_credits", "count": 2, "within": 3},
            ],
        }
    )
    offer = deal.offers["final"].model_copy(update={"sla": sla, "term_months": 12})
    return deal.model_copy(update={"offers": {"bench": offer}})


def best_of(func: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def baseline(runs: int, months: int) -> None:
    rng = np.random.default_rng(1)
    cells = runs * months
    for _ in COMPONENTS:
        counts = rng.poisson(0.4, size=cells)
        slot = np.repeat(np.arange(cells), counts)
        minutes = rng.lognormal(np.log(25.0), 1.1, size=slot.size)
        np.bincount(slot, weights=minutes, minlength=cells)


def main() -> None:
    deal = six_component_deal()
    sla = deal.offers["bench"].sla
    assert sla is not None
    fees = {"bench": fee_bases_for_offer(deal, "bench")}
    models = [preset_model(name, "typical") for name in COMPONENTS]

    def full() -> object:
        return simulate_designs(deal, ["bench"], fees, models, runs=YEARS, seed=1, impact_sla=sla)

    result = full()[0]  # type: ignore[index]
    simulated = best_of(full)
    bare = best_of(lambda: baseline(YEARS, 12))
    print(f"SLA simulation: {YEARS:,} years x {len(COMPONENTS)} components, monthly windows, with exclusions,")
    print(f"  escalating capped credits, a minimum credit, 2 chronic rules and impact: {simulated:.3f} s")
    print(f"  (best of {REPEATS} runs)")
    print(f"minimal numpy baseline (Poisson + lognormal + bincount only): {bare:.3f} s")
    print(f"ratio simulation / baseline: {simulated / bare:.1f}x")
    print(f"target <= 1 s: {'met' if simulated <= 1.0 else 'NOT met'}")
    print(
        f"check: mean yearly credits {result.yearly_credits.mean}, "
        f"P(rule 1 fires) {result.chronic[0].probability_within_term}"
    )


if __name__ == "__main__":
    main()
