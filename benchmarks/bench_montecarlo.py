"""Benchmark: the cost Monte Carlo with waves, a usage minimum, a surcharge and the annual cap.

100,000 scenarios x 36 months x 4 meters (graduated bands), two roll-out waves (250 agents live from month 4, 200
more from month 7), an annual minimum on the bot meter, a 4% regulatory surcharge on usage and a 110% annual cap.
Target (issue 12): `principal.cost.simulate` <= 0.5 s and within 3x of a bare numpy kernel of the same arithmetic
measured in the same run. Prints both timings and the ratio; runs each three times and keeps the best.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from principal.cost.montecarlo import simulate
from principal.loader import parse_deal
from principal.model import Deal

DRAWS = 100_000
TERM = 36
AGENTS = 450
WAVES = ((250, 4), (200, 7))  # agents, go-live month
METERS = [
    # name, low, mode, high, band limits, band rates
    ("inbound", 3_750_000.0, 4_000_000.0, 4_250_000.0, (2_000_000.0,), (0.012, 0.0099)),
    ("outbound", 1_040_000.0, 1_120_000.0, 1_200_000.0, (520_000.0,), (0.0125, 0.0095)),
    ("bots", 100_000.0, 120_000.0, 140_000.0, (150_000.0,), (0.25, 0.18)),
    ("summaries", 220_000.0, 250_000.0, 300_000.0, (200_000.0, 260_000.0), (0.03, 0.025, 0.02)),
]
MINIMUM = ("bots", 400_000.0)  # a year, prorated from go-live
SURCHARGE_PERCENT = 4.0
CAP_PERCENT = 110.0


def bench_deal() -> Deal:
    forecasts = "\n".join(
        f"    {n}: {{unit: unit, expected: {m}, low: {lo}, high: {hi}, distribution: triangular}}"
        for n, lo, m, hi, _, _ in METERS
    )
    meters = []
    for name, *_rest, limits, rates in METERS:
        bands = [f"{{up_to: {lim}, rate: {r}}}" for lim, r in zip(limits, rates, strict=False)]
        bands.append(f"{{rate: {rates[-1]}}}")
        minimum = f", minimum: {{amount: {MINIMUM[1]}, period: year}}" if name == MINIMUM[0] else ""
        meters.append(
            f"      - {{name: {name}, forecast: {name}, rate_card: {{kind: graduated, bands: [{', '.join(bands)}]}}"
            f"{minimum}}}"
        )
    waves = ", ".join(f"{{name: w{i}, agents: {a}, go_live_month: {m}}}" for i, (a, m) in enumerate(WAVES))
    text = f"""
name: benchmark
buyer:
  agents: {AGENTS}
  forecasts:
{forecasts}
offers:
  a:
    term_months: {TERM}
    implementation: {{go_live_month: {WAVES[0][1]}, billing_tied_to_go_live: true, waves: [{waves}]}}
    usage:
{chr(10).join(meters)}
    usage_cap: {{period: year, percent_of_forecast: {CAP_PERCENT}}}
    surcharges:
      - {{name: regulatory fee, kind: surcharge, percent: {SURCHARGE_PERCENT}, applies_to: [usage]}}
"""
    return parse_deal(text)


def graduated(volume: np.ndarray, limits: tuple[float, ...], rates: tuple[float, ...]) -> np.ndarray:
    out = np.zeros_like(volume)
    lower = 0.0
    for limit, rate in zip((*limits, np.inf), rates, strict=True):
        out += np.clip(volume - lower, 0.0, limit - lower) * rate
        lower = limit
    return out


def live_share() -> np.ndarray:
    months = np.arange(1, TERM + 1)
    return sum((a * (months >= m) for a, m in WAVES), np.zeros(TERM)) / AGENTS


def minimal_kernel(seed: int) -> np.ndarray:
    """The same arithmetic written directly: term cost per draw."""
    rng = np.random.default_rng(seed)
    live = live_share()
    start = WAVES[0][1]
    covered = np.zeros((DRAWS, TERM))
    plan = np.zeros(TERM)
    for name, low, mode, high, limits, rates in METERS:
        volume = rng.triangular(low, mode, high, DRAWS)[:, None] * live[None, :]
        charges = graduated(volume, limits, rates)
        plan_charges = graduated(mode * live, limits, rates)
        if name == MINIMUM[0]:
            for s in range(0, TERM, 12):
                active = max(0, min(12, s + 12 - (start - 1)))
                floor = MINIMUM[1] * active / 12
                shortfall = np.maximum(floor - charges[:, s : s + 12].sum(axis=1), 0.0)
                charges[:, s + 11] += shortfall
                plan_charges[s + 11] += max(floor - plan_charges[s : s + 12].sum(), 0.0)
        covered += charges
        plan += plan_charges
    out = np.empty_like(covered)
    for s in range(0, TERM, 12):
        limit = plan[s : s + 12].sum() * CAP_PERCENT / 100
        running = np.minimum(np.cumsum(covered[:, s : s + 12], axis=1), limit)
        out[:, s : s + 12] = np.diff(running, axis=1, prepend=0.0)
    return (out * (1 + SURCHARGE_PERCENT / 100)).sum(axis=1)


def best_of(fn: Callable[[int], object], repeats: int = 3) -> float:
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    deal = bench_deal()
    engine = simulate(deal, "a", DRAWS, 1)
    kernel = minimal_kernel(1)
    # Same arithmetic: the mean term cost agrees (different random streams).
    assert abs(engine.term.mean / kernel.mean() - 1) < 0.01, (engine.term.mean, kernel.mean())
    engine_best = best_of(lambda s: simulate(deal, "a", DRAWS, s))
    kernel_best = best_of(minimal_kernel)
    ratio = engine_best / kernel_best
    print(
        f"cost Monte Carlo: {DRAWS:,} scenarios x {TERM} months x {len(METERS)} meters, graduated bands, 2 waves, "
        f"an annual minimum, a {SURCHARGE_PERCENT:g}% surcharge, a {CAP_PERCENT:g}% annual cap"
    )
    print(f"  principal.cost.simulate: best {engine_best:.3f} s  (target <= 0.5 s)")
    print(f"  bare numpy kernel:       best {kernel_best:.3f} s")
    print(f"  ratio engine/kernel: {ratio:.2f}x  (target <= 3x)")
    print(f"  verdict: {'PASS' if engine_best <= 0.5 and ratio <= 3 else 'MISS'}")


if __name__ == "__main__":
    main()
