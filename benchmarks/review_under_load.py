"""The review tests many times in parallel beside a CPU hog on every core: no real document may be refused as hostile.

    .venv/bin/python benchmarks/review_under_load.py [--runs 20] [--tests tests/review]

Not run by run_all.py (it keeps the machine fully busy for minutes). It starts one `python -c 'while 1: pass'` per
core, runs `pytest tests/review` RUNS times at once, then, with the hogs still running, reads the hostile files of
bench_review.py in a fresh process and reports the CPU seconds and peak memory each refusal took. Everything runs
at nice 10, so other work on the machine keeps its priority (and the tests get even less of the CPU).

It prints the runs that passed, the failed tests, and how many failures were refusals "within bounds": the parse
limits are CPU seconds, so that count must be 0 however busy the machine is.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
SUMMARY = re.compile(r"(\d+) (passed|failed|errors?)")
REFUSAL = "could not be parsed within bounds"
FAILURE_HEADER = re.compile(r"^_{3,} .+ _{3,}$", re.M)  # pytest's header above each failed test's report

HOSTILE_PROBE = """
import resource, sys, time
sys.path.insert(0, sys.argv[1])
from bench_review import hostile_inputs
from principal.errors import InputError
from principal.review.ingest import read_document

def cpu():
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

for name, data in hostile_inputs().items():
    before, start = cpu(), time.perf_counter()
    try:
        read_document(data, name)
        verdict = "ACCEPTED (should have been refused)"
    except InputError as exc:
        verdict = exc.problems[0].message[:60]
    print(f"    {name:24s} cpu {cpu() - before:6.2f} s  wall {time.perf_counter() - start:6.2f} s  {verdict}")
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"    peak memory: reading process {own:.0f} MB (inputs included), parser children {kids:.0f} MB")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="pytest runs started at once")
    parser.add_argument("--tests", default="tests/review", help="what each run tests")
    args = parser.parse_args()
    os.nice(10)
    cores = os.cpu_count() or 1
    hogs = [subprocess.Popen([sys.executable, "-c", "while 1: pass"]) for _ in range(cores)]
    work = Path(tempfile.mkdtemp(prefix="principal-under-load-"))
    start = time.perf_counter()
    peak_load = 0.0
    try:
        runs = []
        for i in range(args.runs):
            log = (work / f"run-{i}.log").open("w")
            command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"]
            command += ["--basetemp", str(work / f"tmp-{i}"), args.tests]
            runs.append((subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT), log))
        while any(process.poll() is None for process, _ in runs):
            peak_load = max(peak_load, os.getloadavg()[0])
            time.sleep(2)
        elapsed = time.perf_counter() - start
        passed = failed = refused = green = 0
        for (process, log), i in zip(runs, range(args.runs), strict=True):
            log.close()
            text = (work / f"run-{i}.log").read_text(errors="replace")
            counts = {kind.rstrip("s"): int(n) for n, kind in SUMMARY.findall(text.splitlines()[-1] if text else "")}
            passed += counts.get("passed", 0)
            failed += counts.get("failed", 0) + counts.get("error", 0)
            refused += sum(REFUSAL in section for section in FAILURE_HEADER.split(text)[1:])
            green += process.returncode == 0
        print(
            f"  {args.runs} runs of `pytest {args.tests}` at once beside {cores} CPU hogs: {elapsed:.0f} s wall, "
            f"peak load average {peak_load:.1f} on {cores} cores"
        )
        print(
            f"  runs green: {green}/{args.runs}; tests passed {passed}, failed {failed}; "
            f"refusals 'within bounds' in failures: {refused}"
        )
        if failed:
            print(f"  logs: {work}")
        print("  hostile files read beside the hogs (limits: 8 CPU s and 400 MB for the PDF parser):")
        probe = subprocess.run(
            [sys.executable, "-c", HOSTILE_PROBE, str(HERE)], cwd=ROOT, capture_output=True, text=True
        )
        print(probe.stdout.rstrip() or probe.stderr[-2000:])
        return 0 if failed == 0 and refused == 0 else 1
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


if __name__ == "__main__":
    sys.exit(main())
