"""Benchmark: review every cuad-dev contract (ingest + segment + extract + rules + partial deal) and compare with a
baseline measured in the same run: reading the same files and running one plain keyword regex over them.

Usage:  .venv/bin/python benchmarks/bench_review.py [--data DIR]
Target: all 305 contracts in <= 30 s on a 2-core machine.

Data: CUAD v1, The Atticus Project, CC BY 4.0 (https://www.atticusprojectai.org/cuad).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from principal.loader.problems import InputError
from principal.review.review import review_file

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "cuad-dev" / "contracts"
_KEYWORDS = re.compile(r"liabilit|terminat|renew|minimum|audit|most favou?red|exclusiv|price|fee", re.I)


def baseline(files: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    hits = 0
    for path in files:
        hits += len(_KEYWORDS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return time.perf_counter() - start, hits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Folder of CUAD contract .txt files.")
    args = parser.parse_args()
    files = sorted(args.data.glob("*.txt"))
    if not files:
        print(f"{args.data}: no .txt contracts found; pass --data", file=sys.stderr)
        return 2
    base_seconds, hits = baseline(files)
    start = time.perf_counter()
    terms = findings = refused = 0
    rules: Counter[str] = Counter()
    for path in files:
        try:
            result = review_file(path)
        except InputError:
            refused += 1
            continue
        terms += len(result.terms)
        findings += len(result.findings)
        rules.update(f.rule for f in result.findings)
    seconds = time.perf_counter() - start
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    print("Contract review benchmark on cuad-dev (CUAD v1, The Atticus Project, CC BY 4.0)")
    print(f"  contracts: {len(files)} ({megabytes:.1f} MB), refused as unreadable: {refused}")
    print(f"  review:    {seconds:.2f} s = {len(files) / seconds:.1f} contracts/s ({megabytes / seconds:.2f} MB/s)")
    print(f"  baseline:  {base_seconds:.2f} s (read + one keyword regex, {hits} hits)")
    print(f"  ratio:     review takes {seconds / base_seconds:.1f}x the baseline")
    print(f"  target:    <= 30 s -> {'met' if seconds <= 30 else 'MISSED'}")
    print(f"  output:    {terms} terms, {findings} findings; most frequent rules: {rules.most_common(5)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
