"""Benchmark: CPU seconds of each deal command on the two bundled examples, against bare `validate` in the same run.

Each command runs in-process through main() (as tests/clirunner.py does), from cold: the engines' memoised results
(principal.cost.content_memo) are cleared before every run, so a command is never timed on another's results.
Prints the median CPU seconds of each command over the repeats and its ratio to `validate` of the same file.

Run: .venv/bin/python benchmarks/bench_commands.py [--repeats 3] [--only compare,plan]
To time another checkout with this script: PYTHONPATH=/path/to/checkout/src .venv/bin/python benchmarks/...
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.clirunner import run  # noqa: E402

EXAMPLES = ("ccaas-450", "multi-region")
COMMANDS: dict[str, tuple[str, ...]] = {
    "validate": ("validate",),
    "cost": ("cost",),
    "compare": ("compare",),
    "sla": ("sla",),
    "align": ("align",),
    "plan": ("plan",),
    "export html": ("export", "-o", "{out}/brief.html"),
}


def _clear() -> Callable[[], None]:
    try:
        from principal.cost.content_memo import clear_all
    except ImportError:  # a checkout from before the memos: nothing to clear
        return lambda: None
    return clear_all


def cpu_seconds(args: list[str], clear: Callable[[], None]) -> float:
    clear()
    start = time.process_time()
    result = run(*args)
    spent = time.process_time() - start
    if result.exit_code != 0:
        raise SystemExit(f"{' '.join(args)} exited {result.exit_code}: {result.output[:300]}")
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated command names (validate always runs)")
    options = parser.parse_args()
    wanted = {"validate", *(n.strip() for n in options.only.split(",") if n.strip())} if options.only else None
    import principal

    print(f"principal from {Path(principal.__file__).parent}")
    clear = _clear()
    with tempfile.TemporaryDirectory() as out:
        for example in EXAMPLES:
            deal = str(ROOT / "examples" / example / "deal.yaml")
            run("validate", deal)  # warm imports before timing anything
            baseline = 0.0
            print(f"{example}: median CPU s of {options.repeats} runs, caches cleared before each")
            for name, command in COMMANDS.items():
                if wanted is not None and name not in wanted:
                    continue
                args = [command[0], deal, *(part.format(out=out) for part in command[1:])]
                run(*args)  # first run imports the command's engines
                spent = statistics.median(cpu_seconds(args, clear) for _ in range(options.repeats))
                if name == "validate":
                    baseline = spent
                ratio = f"{spent / baseline:6.1f}x validate" if baseline else ""
                print(f"  {name:12s} {spent:6.3f} s  {ratio}")


if __name__ == "__main__":
    main()
