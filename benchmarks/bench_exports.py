"""Export speed for the seed deal: each format's time, against the engine work it lays out, measured in the same run.

    .venv/bin/python benchmarks/bench_exports.py

Baselines: the engines behind the brief (`gather`: cost, comparison with Shapley levers, SLA, alignment, strategy)
for html, md and pdf; the cost comparison for xlsx. The ratio says how much the rendering adds on top.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from principal.cost.compare import compare
from principal.loader import load_deal
from principal.reports.brief.content import gather
from principal.reports.formats import ExportFormat, render

SEED = Path(__file__).resolve().parents[1] / "examples" / "ccaas-450" / "deal.yaml"


def median_seconds(work: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    deal = load_deal(SEED)
    render(deal, ExportFormat.pdf)  # warm up: WeasyPrint loads pango and fonts once
    engines = median_seconds(lambda: gather(deal))
    costs = median_seconds(lambda: compare(deal))
    print(f"baseline: engines behind the brief {engines:.2f} s; cost comparison {costs:.2f} s")
    for fmt in ExportFormat:
        seconds = median_seconds(lambda fmt=fmt: render(deal, fmt))
        base = costs if fmt is ExportFormat.xlsx else engines
        size = len(render(deal, fmt))
        print(f"{fmt.value:>4}: {seconds:.2f} s ({seconds / base:.1f}x its baseline), {size:,} bytes")


if __name__ == "__main__":
    main()
