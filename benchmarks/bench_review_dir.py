"""Benchmark: the cuad-dev contracts reviewed as a folder (`principal review`) with --jobs 1, --jobs 2 and on a
Dask LocalCluster of 2 worker processes on loopback, every figure measured in the same run.

Usage:  .venv/bin/python benchmarks/bench_review_dir.py [--data DIR] [--limit N] [--rounds 3]
Targets (2 cores): --jobs 2 at least 1.8x faster than --jobs 1; Dask (2 workers) within 15% of --jobs 2.
Each run reviews the same files; the rows must be equal (checked). `--jobs 2` and Dask run in pairs, back to back,
`--rounds` times (the order inside a pair alternates), and the target is judged on the median of the pairs' ratios:
one pair's ratio moves by 10% or more with what else the machine is doing, a median of interleaved pairs much less.
The machine's load average is printed with the figures, since other work on the same cores slows the parallel
runs more than the serial one.

Data: CUAD v1, The Atticus Project, CC BY 4.0 (https://www.atticusprojectai.org/cuad).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import time
from pathlib import Path

from principal.signed.contracts import ContractsReview, contract_files, review_contracts, review_row

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "cuad-dev" / "contracts"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="Only the first N contracts (a quick run).")
    parser.add_argument("--rounds", type=int, default=3, help="Pairs of --jobs 2 and Dask runs (median judged).")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # each figure as soon as measured
    if not args.data.is_dir():
        print(f"no contracts at {args.data}", file=sys.stderr)
        return 2
    files = contract_files(args.data)[: args.limit]
    folder = str(args.data)
    print(f"{len(files)} contracts from {args.data}; load average before: {os.getloadavg()[0]:.1f}")
    review_contracts(files[:2], folder=folder)  # warm the engine in this process (the serial run's baseline)

    def rows(review: object) -> list[object]:
        return [(r.file, r.ok, r.terms, r.missing, r.key_dates) for r in review.rows]  # type: ignore[attr-defined]

    serial = review_contracts(files, folder=folder, jobs=1)
    failed = len(serial.failed)
    print(f"--jobs 1: {serial.seconds:7.2f} s ({len(files) / serial.seconds:5.1f} contracts/s); {failed} unreadable")
    for row in serial.failed[:5]:
        print(f"  unreadable: {row.error[:160]}")
    pooled = review_contracts(files, folder=folder, jobs=2)
    print(f"--jobs 2: {pooled.seconds:7.2f} s  speed-up x{serial.seconds / pooled.seconds:.2f} (target >= 1.8)")

    from distributed import Client, LocalCluster

    ratios: list[float] = []
    same = True
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        with Client(cluster) as client:
            # Warm both workers as a team's long-running cluster is warm, and as the local pool's children are
            # (forked from this process after its warm-up review): one review each, before the clock starts.
            client.run(review_row, str(files[0]))
        for round_ in range(args.rounds):
            pair: dict[str, ContractsReview] = {}
            for way in ("jobs", "dask") if round_ % 2 == 0 else ("dask", "jobs"):
                if way == "jobs":
                    pair[way] = review_contracts(files, folder=folder, jobs=2)
                else:
                    started = time.perf_counter()
                    review = review_contracts(files, folder=folder, dask=cluster.scheduler_address)
                    pair[way] = dataclasses.replace(review, seconds=time.perf_counter() - started)
            same = same and rows(serial) == rows(pair["jobs"]) == rows(pair["dask"])
            ratios.append(pair["dask"].seconds / pair["jobs"].seconds)
            print(
                f"pair {round_ + 1}: --jobs 2 {pair['jobs'].seconds:7.2f} s, --dask {pair['dask'].seconds:7.2f} s: "
                f"{100 * (ratios[-1] - 1):+.1f}% (load {os.getloadavg()[0]:.1f})"
            )
    median = statistics.median(ratios)
    print(f"--dask overhead vs --jobs 2, median of {len(ratios)} pairs: {100 * (median - 1):+.1f}% (target <= +15%)")
    print(f"same rows every way: {same}; load average after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
