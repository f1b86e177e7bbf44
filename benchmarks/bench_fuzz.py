"""Benchmark: fuzz Principal's own input files and every command that reads one, under CPU and memory budgets.

Mutates the example deal file, its goals file and the sample outage log (byte flips, truncation, duplicated and
swapped lines, duplicate anchors, alias bombs, extreme numbers, odd tags, deep nesting, control characters; see
tests/fuzzing/mutations.py), then runs the CLI in-process through main(), as the console script does:

- deal files: `validate`; on each distinct deal that validates, `cost`, `sla` and `clauses`, and in turn one of the
  valuation-heavy commands `compare`, `align`, `plan` and `export` to a temporary file (HTML, Markdown or workbook
  in turn), so each of them still meets a quarter of the distinct deals (`--all-commands`: every one on every
  deal, about 3.5x the time); every other case with --json;
- goals files (beside the example deal): `kpis`;
- outage logs: `sla --offer final --outages LOG` (every fourth with `--simulate 20`).

Each command runs with a CPU budget (RLIMIT_CPU: a worker that exceeds it is killed by SIGXCPU and the case counted
as a hang; a worker that dies of any other signal is counted as died, with the signal named) and an address-space
budget (RLIMIT_AS). A dead worker's own CPU time is read with wait4, and its case is run again in a fresh worker, so
the report says whether the case fails alone or only after what that worker ran before it.

It reports tracebacks and internal errors, hangs, unlocated error lines, output that is not strict JSON, the slowest
run, the peak memory and thread count of a worker, against the unmutated files' commands measured in the same run.
Exit 1 if anything failed; the failing files are kept in the output folder.

Run: .venv/bin/python benchmarks/bench_fuzz.py [--mutations 10000] [--workers 2] [--seed 19] [--all-commands]
     [--replay ID]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing.mutations import VALID_EXTREMES, Mutation, mutate, random_mutation  # noqa: E402
from tests.fuzzing.outcomes import verdict  # noqa: E402

DEAL = ROOT / "examples" / "ccaas-450" / "deal.yaml"
GOALS = ROOT / "examples" / "ccaas-450" / "goals.yaml"
LOG = ROOT / "tests" / "fixtures" / "outages" / "sample.csv"
FAMILIES = ("deal", "deal-values", "goals", "outages")  # case i is FAMILIES[i % 4]
"""deal: any mutation; deal-values: only numbers replaced by extreme values within the model's bounds, so that many
still validate and reach the engines."""
EXPORTS = (".html", ".md", ".xlsx")
HEAVY = ("compare", "align", "plan", "export")
"""The commands that value every lever on 10,000 draws: each distinct deal runs one of them in turn."""


def plan_cases(count: int, seed: int) -> list[dict[str, Any]]:
    """The mutations, reproducible from the seed: one to three per file."""
    rng = random.Random(seed)
    cases = []
    for i in range(count):
        family = FAMILIES[i % len(FAMILIES)]
        kind = "csv" if family == "outages" else "yaml"
        steps = 1 + (rng.random() < 0.3) + (rng.random() < 0.1)
        if family == "deal-values" or (family == "goals" and i % 8 == 6):
            steps = 1 + rng.randrange(4)
            mutations = [("extreme_valid", rng.randrange(1 << 20), 0, rng.choice(VALID_EXTREMES)) for _ in range(steps)]
        else:
            mutations = [random_mutation(rng, kind) for _ in range(steps)]
        cases.append({"id": i, "family": family, "mutations": mutations})
    return cases


def mutations_of(case: dict[str, Any]) -> list[Mutation]:
    return [(str(m[0]), int(m[1]), int(m[2]), str(m[3])) for m in case["mutations"]]


def source_bytes(family: str) -> bytes:
    return {"deal": DEAL, "deal-values": DEAL, "goals": GOALS, "outages": LOG}[family].read_bytes()


# --- worker: runs cases in-process, one JSON line per case on standard output ------------------------------------


class Worker:
    def __init__(self, workdir: Path, cpu_budget: int, failures: Path, all_commands: bool = False) -> None:
        from tests.clirunner import run

        self.run = run
        self.workdir = workdir
        self.cpu_budget = cpu_budget
        self.failures = failures
        self.seen: set[str] = set()
        self.all_commands = all_commands
        self.distinct = 0
        (workdir / "deal.yaml").write_bytes(DEAL.read_bytes())

    def command(self, case_id: int, args: list[str], files: list[str]) -> dict[str, Any]:
        print(json.dumps({"progress": case_id, "command": args}), flush=True)
        used = resource.getrusage(resource.RUSAGE_SELF)
        before = used.ru_utime + used.ru_stime
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(before) + self.cpu_budget, hard))
        result = self.run(*args)
        used = resource.getrusage(resource.RUSAGE_SELF)
        cpu = used.ru_utime + used.ru_stime - before
        problem = verdict(result.exit_code, result.stdout, result.stderr, files, as_json="--json" in args)
        return {
            "command": args,
            "exit": result.exit_code,
            "cpu": round(cpu, 3),
            "verdict": problem,
            "stderr": result.stderr[:400] if problem else "",
        }

    def case(self, case: dict[str, Any]) -> dict[str, Any]:
        family, case_id = case["family"], case["id"]
        data = mutate(source_bytes(family), mutations_of(case))
        json_flag = ["--json"] if case_id % 2 else []
        runs: list[dict[str, Any]] = []
        valid = distinct = False
        deal = str(self.workdir / "deal.yaml")
        if family in ("deal", "deal-values"):
            path = self.workdir / "case.yaml"
            path.write_bytes(data)
            runs.append(self.command(case_id, ["validate", str(path), *json_flag], [str(path)]))
            valid = runs[-1]["exit"] == 0
            if valid:
                distinct = self.new_deal(path)
            if distinct:
                self.distinct += 1
                out = self.workdir / f"export{EXPORTS[self.distinct // len(HEAVY) % len(EXPORTS)]}"
                heavy = HEAVY if self.all_commands else (HEAVY[self.distinct % len(HEAVY)],)
                for name in ("cost", "sla", "clauses", *heavy):
                    args = [name, str(path), *(["-o", str(out)] if name == "export" else []), *json_flag]
                    runs.append(self.command(case_id, args, [str(path)]))
        elif family == "goals":
            path = self.workdir / "goals.yaml"
            path.write_bytes(data)
            runs.append(self.command(case_id, ["kpis", str(path), *json_flag], [str(path), deal]))
            valid = runs[-1]["exit"] in (0, 1)
        else:
            path = self.workdir / "log.csv"
            path.write_bytes(data)
            simulate = ["--simulate", "20"] if case_id % 4 == 3 else []
            args = ["sla", deal, "--offer", "final", "--outages", str(path), *simulate, *json_flag]
            runs.append(self.command(case_id, args, [str(path), deal]))
            valid = runs[-1]["exit"] in (0, 1)
        if any(r["verdict"] for r in runs):
            keep = self.failures / f"case-{case_id}{path.suffix}"
            keep.write_bytes(data)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        threads = len(os.listdir("/proc/self/task"))
        result = {"id": case_id, "family": family, "valid": valid, "distinct": distinct, "runs": runs}
        return {**result, "rss_mb": rss, "threads": threads}

    def new_deal(self, path: Path) -> bool:
        from principal.loader import load_deal

        key = hashlib.sha256(load_deal(path).model_dump_json().encode()).hexdigest()
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def baseline(self) -> dict[str, float]:
        """CPU seconds of each command on the unmutated files (the same commands the cases run)."""
        deal = str(self.workdir / "deal.yaml")
        goals_dir = self.workdir / "base"
        goals_dir.mkdir(exist_ok=True)
        shutil.copy(DEAL, goals_dir / "deal.yaml")
        shutil.copy(GOALS, goals_dir / "goals.yaml")
        out = str(self.workdir / "base.md")
        figures = {}
        for name, args in (
            ("validate", ["validate", deal]),
            ("deal commands", ["cost", deal]),
            ("kpis", ["kpis", str(goals_dir / "goals.yaml")]),
            ("sla --outages", ["sla", deal, "--offer", "final", "--outages", str(LOG)]),
        ):
            runs = [self.command(-1, args, [deal])]
            if name == "deal commands":
                for more in (["compare"], ["sla"], ["align"], ["plan"], ["clauses"], ["export", "-o", out]):
                    runs.append(self.command(-1, [more[0], deal, *more[1:]], [deal]))
            figures[name] = sum(r["cpu"] for r in runs)
        return figures


def _vm_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * resource.getpagesize()


def worker_main(args: argparse.Namespace) -> None:
    import principal.cli.app  # noqa: F401  (imports first, so the budgets measure the work)

    workdir = Path(tempfile.mkdtemp(prefix="bench-fuzz-"))
    failures = Path(args.out) / "failures"
    failures.mkdir(parents=True, exist_ok=True)
    worker = Worker(workdir, args.cpu_budget, failures, args.all_commands)
    if not args.no_baseline:
        print(json.dumps({"baseline": worker.baseline()}), flush=True)  # warm: every engine imported once
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (_vm_bytes() + args.memory_mb * 1024 * 1024, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a worker killed at its CPU budget leaves no core file
    for line in sys.stdin:
        print(json.dumps(worker.case(json.loads(line))), flush=True)
    shutil.rmtree(workdir, ignore_errors=True)


# --- parent: hands cases to workers, notices the ones that die, adds everything up ------------------------------


@dataclass
class Tally:
    cases: Counter[str] = field(default_factory=Counter)
    valid: Counter[str] = field(default_factory=Counter)
    distinct: int = 0
    runs: int = 0
    exits: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    slowest: tuple[float, str] = (0.0, "")
    cpu_by_command: Counter[str] = field(default_factory=Counter)
    count_by_command: Counter[str] = field(default_factory=Counter)
    peak_rss_mb: int = 0
    peak_threads: int = 0
    baselines: list[dict[str, float]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, result: dict[str, Any]) -> None:
        with self.lock:
            family = result["family"]
            self.cases[family] += 1
            self.valid[family] += bool(result["valid"])
            self.distinct += bool(result["distinct"])
            self.peak_rss_mb = max(self.peak_rss_mb, result.get("rss_mb", 0))
            self.peak_threads = max(self.peak_threads, result.get("threads", 0))
            for run in result["runs"]:
                self.runs += 1
                self.exits[run["exit"]] += 1
                name = run["command"][0]
                self.cpu_by_command[name] += run["cpu"]
                self.count_by_command[name] += 1
                if run["cpu"] > self.slowest[0]:
                    self.slowest = (run["cpu"], f"case {result['id']}: {' '.join(run['command'][:1])}")
                if run["verdict"]:
                    kind = run["verdict"].split(":")[0]
                    self.kinds[kind] += 1
                    where = " ".join(Path(a).name if "/" in a else a for a in run["command"])
                    self.failures.append(f"case {result['id']} ({where}): {run['verdict']}")


def drive(cases: list[dict[str, Any]], args: argparse.Namespace, tally: Tally) -> None:
    """One worker process for these cases, restarted whenever a case kills it."""
    pending = list(cases)

    def start() -> subprocess.Popen[str]:
        command = [sys.executable, __file__, "--worker", "--cpu-budget", str(args.cpu_budget)]
        command += ["--memory-mb", str(args.memory_mb), "--out", args.out]
        command += ["--all-commands"] if args.all_commands else []
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith('{"baseline"'):
                with tally.lock:
                    tally.baselines.append(json.loads(line)["baseline"])
                break
        return process

    process = start()
    while pending:
        case = pending.pop(0)
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps(case) + "\n")
        process.stdin.flush()
        last: dict[str, Any] = {}
        while True:
            line = process.stdout.readline()
            if not line:  # the worker died: killed at its CPU budget (or by the kernel)
                tally.add(died(process, case, last, args))
                process = start()
                break
            try:
                message = json.loads(line)
            except ValueError:
                continue  # something in the worker wrote to its standard output directly
            if not isinstance(message, dict):
                continue
            if "progress" in message:
                last = message
                continue
            tally.add(message)
            break
        done = sum(tally.cases.values())
        if done % 500 == 0:
            print(f"   ... {done:,} cases, {len(tally.failures)} failing run(s)", file=sys.stderr, flush=True)
    assert process.stdin is not None
    process.stdin.close()
    process.wait()


def died(
    process: subprocess.Popen[str], case: dict[str, Any], last: dict[str, Any], args: argparse.Namespace
) -> dict[str, Any]:
    """The tally entry for a case whose worker died, with the worker's CPU time and the case run again alone."""
    _, status, usage = os.wait4(process.pid, 0)
    code = process.returncode = os.waitstatus_to_exitcode(status)
    worker_cpu = usage.ru_utime + usage.ru_stime
    data = mutate(source_bytes(case["family"]), mutations_of(case))
    suffix = ".csv" if case["family"] == "outages" else ".yaml"
    (Path(args.out) / "failures" / f"case-{case['id']}{suffix}").write_bytes(data)
    if code == -signal.SIGXCPU:
        verdict = f"hang: killed by SIGXCPU at its {args.cpu_budget} CPU-s budget"
    else:
        verdict = f"died: {signal.Signals(-code).name if code < 0 else f'exit {code}'}"
    verdict += f" (worker {worker_cpu:.1f} CPU-s in all); {alone(case, args)}"
    run = {"command": last.get("command", ["?"]), "exit": code, "cpu": float(args.cpu_budget), "verdict": verdict}
    dead = {"id": case["id"], "family": case["family"], "valid": False, "distinct": False}
    return {**dead, "runs": [{**run, "stderr": ""}]}


def alone(case: dict[str, Any], args: argparse.Namespace) -> str:
    """Run one case in a fresh worker and say how it went."""
    command = [sys.executable, __file__, "--worker", "--cpu-budget", str(args.cpu_budget), "--no-baseline"]
    command += ["--memory-mb", str(args.memory_mb), "--out", args.out, "--all-commands"]
    process = subprocess.run(command, input=json.dumps(case) + "\n", capture_output=True, text=True, cwd=ROOT)
    for line in reversed(process.stdout.splitlines()):
        if line.startswith('{"id"'):
            runs = json.loads(line)["runs"]
            worst = max(runs, key=lambda r: r["cpu"])
            failing = [r["verdict"] for r in runs if r["verdict"]]
            said = "; ".join(failing) if failing else "no failure"
            return f"alone in a fresh worker: {said}, slowest {' '.join(worst['command'][:1])} {worst['cpu']:.2f} CPU-s"
    return f"alone in a fresh worker: it died too (exit {process.returncode})"


def report(tally: Tally, args: argparse.Namespace, wall: float) -> int:
    base = {k: min(b[k] for b in tally.baselines) for k in tally.baselines[0]} if tally.baselines else {}
    total = sum(tally.cases.values())
    print(f"bench_fuzz: {total:,} mutations, seed {args.seed}, {args.workers} worker(s), {wall:.0f} s wall")
    for family, label in (
        ("deal", "deal files"),
        ("deal-values", "deal values"),
        ("goals", "goals files"),
        ("outages", "outage logs"),
    ):
        print(f"  {label:<12} {tally.cases[family]:>6,} mutated, {tally.valid[family]:>6,} read without error")
    each = "every deal command" if args.all_commands else "cost, sla, clauses and one of compare/align/plan/export"
    print(f"  distinct deals that validated (each run through {each}): {tally.distinct:,}")
    exits = ", ".join(f"exit {code}: {n:,}" for code, n in sorted(tally.exits.items()))
    print(f"  command runs: {tally.runs:,} ({exits})")
    for name in sorted(tally.count_by_command):
        mean = tally.cpu_by_command[name] / tally.count_by_command[name]
        print(f"    {name:<9} {tally.count_by_command[name]:>6,} runs, mean {mean:.3f} CPU-s")
    if base:
        mean_validate = tally.cpu_by_command["validate"] / max(tally.count_by_command["validate"], 1)
        print(
            f"  baseline (unmutated files, same run): validate {base['validate']:.3f} CPU-s, all deal commands "
            f"{base['deal commands']:.2f}, kpis {base['kpis']:.3f}, sla --outages {base['sla --outages']:.3f}; "
            f"mutated validate / baseline = {mean_validate / max(base['validate'], 1e-9):.2f}x"
        )
    print(f"  slowest run: {tally.slowest[0]:.2f} CPU-s ({tally.slowest[1]}); budget {args.cpu_budget} CPU-s")
    print(f"  peak memory of a worker: {tally.peak_rss_mb} MB RSS (budget: {args.memory_mb} MB above its start)")
    print(f"  most threads in a worker after a case: {tally.peak_threads}")
    counts = {
        "tracebacks": tally.kinds["traceback"] + tally.kinds["internal error (exit 70)"],
        "hangs": tally.kinds["hang"],
        "died": tally.kinds["died"],
        "unlocated errors": tally.kinds["unlocated error"],
        "not strict JSON": tally.kinds["not strict JSON"],
        "memory budget exceeded": tally.kinds["memory budget exceeded"],
        "other exit codes": sum(n for k, n in tally.kinds.items() if k.startswith("exit code")),
    }
    print("  " + ", ".join(f"{name}: {n}" for name, n in counts.items()))
    for line in tally.failures[:40]:
        print(f"    {line}")
    if tally.failures:
        print(f"  failing files kept in {Path(args.out) / 'failures'}")
    return 1 if tally.failures else 0


def replay(case_id: int, args: argparse.Namespace) -> int:
    """Run one case in this process and print what each command wrote."""
    case = plan_cases(case_id + 1, args.seed)[case_id]
    print(json.dumps(case["mutations"]))
    workdir = Path(tempfile.mkdtemp(prefix="bench-fuzz-replay-"))
    worker = Worker(workdir, args.cpu_budget, workdir, all_commands=True)
    result = worker.case(case)
    for run in result["runs"]:
        print(run["command"], run["exit"], run["cpu"], run["verdict"] or "ok")
        if run["stderr"]:
            print("   ", run["stderr"])
    print(f"files in {workdir}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutations", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--cpu-budget", type=int, default=20, help="CPU seconds a command may use (a hang beyond)")
    parser.add_argument("--memory-mb", type=int, default=1500, help="address space a worker may add after start")
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "principal-bench-fuzz"))
    parser.add_argument("--all-commands", action="store_true", help="every deal command on every distinct deal")
    parser.add_argument("--replay", type=int, default=None, help="run one case here and show its output")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-baseline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker_main(args)
        return 0
    if args.replay is not None:
        return replay(args.replay, args)
    shutil.rmtree(Path(args.out) / "failures", ignore_errors=True)
    (Path(args.out) / "failures").mkdir(parents=True, exist_ok=True)
    cases = plan_cases(args.mutations, args.seed)
    tally = Tally()
    start = time.perf_counter()
    threads = [
        threading.Thread(target=drive, args=(cases[j :: args.workers], args, tally)) for j in range(args.workers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return report(tally, args, time.perf_counter() - start)


if __name__ == "__main__":
    os.environ.setdefault("COLUMNS", "120")
    sys.exit(main())
