"""Start-up time of `principal --help` and `principal validate` on the example, against bare `python -c pass`.

    .venv/bin/python benchmarks/bench_startup.py [--runs 9]

Every run is a fresh process; the figures are medians, in wall-clock seconds and in CPU seconds (user + system of
the child). On a busy machine the wall figures grow with the load and the CPU figures hardly move: the CPU figure
is what the wall figure would be on an idle machine. Targets (idle machine): `--help` <= 0.3 s, `validate` <= 0.6 s.

Two settings of Python's bytecode cache, each with its own empty cache folder (PYTHONPYCACHEPREFIX), so the
figures do not depend on what earlier runs left behind:

- warm: the cache is filled by one run first, as after installing (pip and `uv sync --compile-bytecode` compile
  at install time) or after the first start;
- cold: no cache may be written (PYTHONDONTWRITEBYTECODE=1), so every module is compiled from source on every
  start, as in an environment that sets that variable on a package installed without bytecode.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEAL = ROOT / "examples" / "ccaas-450" / "deal.yaml"
TARGETS = {"--help": 0.3, "validate": 0.6}
START = "from principal.cli.app import run; run()"


def commands() -> dict[str, list[str]]:
    python = sys.executable
    return {
        "python -c pass": [python, "-c", "pass"],
        "--help": [python, "-c", START, "--help"],
        "validate": [python, "-c", START, "validate", str(DEAL)],
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of `command`."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return wall, _children_cpu() - cpu


def environment(cache: Path, *, warm: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PRINCIPAL_DEBUG")}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    if not warm:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def measure(runs: int, *, warm: bool) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds per command, the commands interleaved so load changes hit them alike."""
    cache = Path(tempfile.mkdtemp(prefix="principal-pycache-"))
    try:
        env = environment(cache, warm=warm)
        table = commands()
        if warm:
            for command in table.values():
                timed(command, env)
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in table}
        for _ in range(runs):
            for name, command in table.items():
                samples[name].append(timed(command, env))
        return {
            name: (statistics.median(s[0] for s in got), statistics.median(s[1] for s in got))
            for name, got in samples.items()
        }
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def report(title: str, figures: dict[str, tuple[float, float]]) -> None:
    base_wall, base_cpu = figures["python -c pass"]
    print(f"  {title}")
    for name, (wall, cpu) in figures.items():
        line = f"    {name:16s} wall {wall:6.3f} s  cpu {cpu:6.3f} s"
        if name != "python -c pass":
            line += f"  = {wall / base_wall:5.1f}x bare python (cpu {cpu / max(base_cpu, 1e-3):5.1f}x)"
        if name in TARGETS:
            verdict = "met" if cpu <= TARGETS[name] else "MISSED"
            line += f"  target {TARGETS[name]} s idle: {verdict}"
        print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="Runs per command and setting (the median is shown).")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"  {args.runs} runs each, load average {load:.1f} on {os.cpu_count()} cores")
    report("warm bytecode cache (installed):", measure(args.runs, warm=True))
    report("cold, no bytecode cache (PYTHONDONTWRITEBYTECODE=1):", measure(args.runs, warm=False))
    print("  (the targets are judged on the CPU seconds, which is the wall time of an idle machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
