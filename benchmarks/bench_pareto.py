"""Benchmark: Pareto frontier over 1,000,000 packages (6 issues x 10 levels), target <= 0.5 s.

Prints the vectorised engine's time and the ratio against a plain-Python sort-and-sweep on the same packages,
measured in the same run. Run: .venv/bin/python benchmarks/bench_pareto.py
"""

from __future__ import annotations

import time

import numpy as np

from principal.strategy.negotiation import Issue, IssueSpace, pareto_mask

TARGET_SECONDS = 0.5


def build_space(seed: int = 42) -> IssueSpace:
    rng = np.random.default_rng(seed)
    issues = tuple(
        Issue(
            f"issue{k}",
            tuple(f"level{j}" for j in range(10)),
            tuple(float(x) for x in np.sort(rng.uniform(0, 100, 10))),
            tuple(float(x) for x in np.sort(rng.uniform(0, 100, 10))[::-1]),
        )
        for k in range(6)
    )
    return IssueSpace(issues)


def python_frontier(buyer: list[float], vendor: list[float]) -> set[int]:
    """Baseline: the same sort-and-sweep written in plain Python."""
    order = sorted(range(len(buyer)), key=lambda i: (-buyer[i], -vendor[i]))
    keep: set[int] = set()
    best_before = float("-inf")
    group_value = None
    group_best = float("-inf")
    group_max = float("-inf")
    for i in order:
        if buyer[i] != group_value:
            best_before = max(best_before, group_max)
            group_value, group_best, group_max = buyer[i], vendor[i], vendor[i]
        group_max = max(group_max, vendor[i])
        if vendor[i] > best_before and vendor[i] >= group_best:
            keep.add(i)
    return keep


def main() -> None:
    space = build_space()
    start = time.perf_counter()
    util = space.all_utilities()
    built = time.perf_counter() - start
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        mask = pareto_mask(util.buyer, util.vendor)
        runs.append(time.perf_counter() - start)
    engine = min(runs)
    buyer, vendor = util.buyer.tolist(), util.vendor.tolist()
    start = time.perf_counter()
    reference = python_frontier(buyer, vendor)
    baseline = time.perf_counter() - start
    assert set(np.flatnonzero(mask).tolist()) == reference, "engine and baseline disagree"
    print(f"packages: {space.size:,}; frontier: {int(mask.sum())} packages")
    print(f"utilities of every package: {built:.3f} s")
    print(f"pareto frontier (numpy, best of 5): {engine:.3f} s (target <= {TARGET_SECONDS} s)")
    print(f"plain-Python sort-and-sweep baseline: {baseline:.3f} s; numpy is {baseline / engine:.1f}x faster")
    print("PASS" if engine + built <= TARGET_SECONDS else "SLOWER THAN TARGET")


if __name__ == "__main__":
    main()
