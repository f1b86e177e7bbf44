"""Benchmark: the cuad-dev contracts reviewed as a folder (`principal review`) with --jobs 1, --jobs 2 and on a
Dask LocalCluster of 2 worker processes on loopback, every figure measured in the same run.

Usage:  .venv/bin/python benchmarks/bench_review_dir.py [--data DIR] [--limit N]
Targets (2 cores): --jobs 2 at least 1.8x faster than --jobs 1; Dask (2 workers) within 15% of --jobs 2.
Each run reviews the same files; the rows must be equal (checked). The machine's load average is printed with the
figures, since other work on the same cores slows the parallel runs more than the serial one.

Data: CUAD v1, The Atticus Project, CC BY 4.0 (https://www.atticusprojectai.org/cuad).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from principal.signed.contracts import contract_files, review_contracts, review_row

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "cuad-dev" / "contracts"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="Only the first N contracts (a quick run).")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # each figure as soon as measured
    if not args.data.is_dir():
        print(f"no contracts at {args.data}", file=sys.stderr)
        return 2
    files = contract_files(args.data)[: args.limit]
    folder = str(args.data)
    print(f"{len(files)} contracts from {args.data}; load average before: {os.getloadavg()[0]:.1f}")
    review_contracts(files[:2], folder=folder)  # warm the engine in this process (the serial run's baseline)

    serial = review_contracts(files, folder=folder, jobs=1)
    failed = len(serial.failed)
    print(f"--jobs 1: {serial.seconds:7.2f} s ({len(files) / serial.seconds:5.1f} contracts/s); {failed} unreadable")
    for row in serial.failed[:5]:
        print(f"  unreadable: {row.error[:160]}")
    pooled = review_contracts(files, folder=folder, jobs=2)
    print(f"--jobs 2: {pooled.seconds:7.2f} s  speed-up x{serial.seconds / pooled.seconds:.2f} (target >= 1.8)")

    from distributed import Client, LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        with Client(cluster) as client:
            # Warm both workers as a team's long-running cluster is warm, and as the local pool's children are
            # (forked from this process after its warm-up review): one review each, before the clock starts.
            client.run(review_row, str(files[0]))
        started = time.perf_counter()
        on_dask = review_contracts(files, folder=folder, dask=cluster.scheduler_address)
        dask_seconds = time.perf_counter() - started

    def rows(review: object) -> list[object]:
        return [(r.file, r.ok, r.terms, r.missing, r.key_dates) for r in review.rows]  # type: ignore[attr-defined]

    same = rows(serial) == rows(pooled) == rows(on_dask)
    print(
        f"--dask  : {dask_seconds:7.2f} s  overhead vs --jobs 2 {100 * (dask_seconds / pooled.seconds - 1):+.1f}% "
        "(target <= +15%)"
    )
    print(f"same rows every way: {same}; load average after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
