"""Benchmark: Monte Carlo cost of 100,000 scenarios x 36 months x 4 meters with bands and an annual cap.

Target (issue 2): <= 0.5 s on a 2-core machine, and within 3x of a minimal hand-written numpy kernel of the
same arithmetic run in the same process. Prints both timings and the ratio.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from principal.cost.montecarlo import simulate_usage
from principal.loader import parse_deal
from principal.model import Deal

DRAWS = 100_000
TERM = 36
METERS = [
    # name, low, mode, high, band limits, band rates
    ("inbound", 3_750_000.0, 4_000_000.0, 4_250_000.0, (2_000_000.0,), (0.012, 0.0099)),
    ("outbound", 1_040_000.0, 1_120_000.0, 1_200_000.0, (520_000.0,), (0.0125, 0.0095)),
    ("bots", 100_000.0, 120_000.0, 140_000.0, (150_000.0,), (0.25, 0.18)),
    ("summaries", 220_000.0, 250_000.0, 300_000.0, (200_000.0, 260_000.0), (0.03, 0.025, 0.02)),
]
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
        meters.append(
            f"      - {{name: {name}, forecast: {name}, rate_card: {{kind: graduated, bands: [{', '.join(bands)}]}}}}"
        )
    text = f"""
name: benchmark
buyer:
  agents: 450
  forecasts:
{forecasts}
offers:
  a:
    term_months: {TERM}
    usage:
{chr(10).join(meters)}
    usage_cap: {{period: year, percent_of_forecast: {CAP_PERCENT}}}
"""
    return parse_deal(text)


def graduated(volume: np.ndarray, limits: tuple[float, ...], rates: tuple[float, ...]) -> np.ndarray:
    out = np.zeros_like(volume)
    lower = 0.0
    for limit, rate in zip((*limits, np.inf), rates, strict=True):
        out += np.clip(volume - lower, 0.0, limit - lower) * rate
        lower = limit
    return out


def minimal_kernel(seed: int) -> np.ndarray:
    """The same arithmetic written directly: triangular levels, graduated bands, annual cap."""
    rng = np.random.default_rng(seed)
    covered = np.zeros((DRAWS, TERM))
    plan_year = 0.0
    for _name, low, mode, high, limits, rates in METERS:
        level = rng.triangular(low, mode, high, DRAWS)
        volume = np.repeat(level[:, None], TERM, axis=1)
        covered += graduated(volume, limits, rates)
        plan_year += float(graduated(np.array([mode]), limits, rates)[0]) * 12
    limit = plan_year * CAP_PERCENT / 100
    out = np.empty_like(covered)
    for start in range(0, TERM, 12):
        running = np.minimum(np.cumsum(covered[:, start : start + 12], axis=1), limit)
        out[:, start : start + 12] = np.diff(running, axis=1, prepend=0.0)
    return out


def best_of(fn, repeats: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)  # type: ignore[return-value]


def main() -> None:
    deal = bench_deal()
    offer = deal.offers["a"]
    engine_result = simulate_usage(deal, offer, DRAWS, 1)
    kernel_result = minimal_kernel(1)
    # Same arithmetic: annual usage totals agree in distribution (different random streams).
    assert abs(engine_result.sum(axis=1).mean() / kernel_result.sum(axis=1).mean() - 1) < 0.01
    engine_best, engine_median = best_of(lambda s: simulate_usage(deal, offer, DRAWS, s))
    kernel_best, kernel_median = best_of(minimal_kernel)
    ratio = engine_best / kernel_best
    print(f"cost Monte Carlo: {DRAWS:,} scenarios x {TERM} months x {len(METERS)} meters, graduated bands, annual cap")
    print(f"  principal engine: best {engine_best:.3f} s, median {engine_median:.3f} s  (target <= 0.5 s)")
    print(f"  minimal kernel:   best {kernel_best:.3f} s, median {kernel_median:.3f} s")
    print(f"  ratio engine/kernel: {ratio:.2f}x  (target <= 3x)")
    print(f"  verdict: {'PASS' if engine_best <= 0.5 and ratio <= 3 else 'MISS'}")


if __name__ == "__main__":
    main()
