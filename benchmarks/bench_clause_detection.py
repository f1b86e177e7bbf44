"""Clause detection speed over a CUAD-shaped folder: contracts per second, against a keyword-search baseline.

    .venv/bin/python benchmarks/bench_clause_detection.py [DIR]   (default ../shared/datasets/cuad-dev)

The baseline, measured in the same run on the same texts, is a plain lower-case substring search for one keyword
per category; the ratio says how many times slower full detection is than that.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from principal.review.clauses import CATEGORIES, classify_clauses
from principal.review.clauses.model_file import shipped_clause_model
from principal.review.cuad_data import read_corpus

KEYWORDS = (
    "liability",
    "unlimited",
    "convenience",
    "renew",
    "non-renewal",
    "minimum",
    "termination",
    "price",
    "exceed",
    "liquidated",
    "audit",
    "favored",
)


def main() -> None:
    folder = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/datasets/cuad-dev"
    )
    texts = [c.read_text() for c in read_corpus(folder, CATEGORIES).contracts]
    shipped_clause_model()  # load once, outside the timing

    started = time.perf_counter()
    for text in texts:
        lowered = text.lower()
        [k in lowered for k in KEYWORDS]
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    units = sum(classify_clauses(text).units for text in texts)
    elapsed = time.perf_counter() - started
    print(f"{len(texts)} contracts, {units} units in {elapsed:.2f} s: {len(texts) / elapsed:.1f} contracts/s")
    print(f"keyword baseline {baseline:.3f} s; detection is {elapsed / baseline:.0f}x the baseline")


if __name__ == "__main__":
    main()
