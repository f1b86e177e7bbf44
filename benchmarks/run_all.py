"""Run every benchmark in this folder: `.venv/bin/python benchmarks/run_all.py [NAME ...]`.

Each bench_*.py prints its own figures and a ratio against a baseline measured in the same run.
"""

from __future__ import annotations

import runpy
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    wanted = set(sys.argv[1:])
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        print(f"== {name}")
        start = time.perf_counter()
        saved, sys.argv = sys.argv, [str(path)]  # each benchmark sees only its own (default) arguments
        try:
            runpy.run_path(str(path), run_name="__main__")
        finally:
            sys.argv = saved
        print(f"   ({time.perf_counter() - start:.1f} s wall)\n")


if __name__ == "__main__":
    main()
