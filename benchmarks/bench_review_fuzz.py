"""Benchmark: fuzz the contract review with mutated vendor documents, under CPU and memory budgets.

Mutates the documents of the review corpus (Markdown, HTML, DOCX and PDF): byte flips, truncation, duplicated,
dropped and swapped lines, and hostile insertions (deep nesting, long ordered lists, runs of number words and
digits, repeated seat rows, huge list starts, control characters). Each case is read and reviewed
(`read_document` and `review_documents`, without the clause detector) in the parser sandbox with a CPU budget and
an address-space budget, and counted as reviewed, refused with one located line, refused without its file name
(unlocated), crashed (a traceback in the reader or the review) or out of bounds (a hang or a memory blow-up).
Exit 1 if any case crashed, went out of bounds or was unlocated; those inputs are kept in the output folder.

Run: .venv/bin/python benchmarks/bench_review_fuzz.py [--mutations 10000] [--seed 19] [--cpu-budget 5]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from principal.errors import PrincipalError  # noqa: E402
from principal.review.ingest import read_document  # noqa: E402
from principal.review.ingest.sandbox import Crashed, OutOfBounds, run_bounded  # noqa: E402
from principal.review.review import review_documents  # noqa: E402

CORPUS = ROOT / "corpus" / "review"
SUFFIXES = (".md", ".html", ".docx", ".pdf")
_INSERTIONS = (
    "<div>" * 5_000,
    "<ol start='99999999999999' type='i'>" + "<li>The fee is USD 1 per seat.</li>" * 5_000 + "</ol>",
    "one " * 5_000,
    "1," * 5_000 + "000 seats",
    "| Agent seat, named, voice and digital contact centre suite | USD 95.00 per user per month |\n" * 200,
    "\x00\x01\x02" * 100,
    "Customer may not may not shall not unless except " * 500,
    "99.9% " * 3_000,
    "# 1.1.1.1.1 " * 2_000,
)


def _sources() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in SUFFIXES)


def mutate(data: bytes, suffix: str, rng: random.Random) -> tuple[str, bytes]:
    """One mutation of a document's bytes, with its name."""
    kind = rng.choice(("flip", "truncate", "lines", "insert") if suffix in (".md", ".html") else ("flip", "truncate"))
    buffer = bytearray(data)
    if kind == "flip":
        for _ in range(rng.randint(1, 8)):
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
        return kind, bytes(buffer)
    if kind == "truncate":
        return kind, bytes(buffer[: rng.randrange(1, len(buffer))])
    lines = data.split(b"\n")
    if kind == "lines":
        for _ in range(rng.randint(1, 6)):
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            action = rng.choice(("duplicate", "drop", "swap"))
            if action == "duplicate":
                lines[i:i] = [lines[j]] * rng.randint(1, 50)
            elif action == "drop" and len(lines) > 1:
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
        return kind, b"\n".join(lines)
    at = rng.randrange(len(lines))
    lines.insert(at, rng.choice(_INSERTIONS).encode())
    return kind, b"\n".join(lines)


def _review(data: bytes, name: str) -> int:
    result = review_documents([read_document(data, name)], check_contract=False, clauses=False)
    return len(result.terms) + len(result.findings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--cpu-budget", type=float, default=5.0, help="CPU seconds a case may use")
    parser.add_argument("--memory-mb", type=int, default=500, help="address space a case may add")
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "principal-bench-review-fuzz"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    sources = [(p, p.read_bytes()) for p in _sources()]
    tally: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    slowest = (0.0, "")
    started = time.monotonic()
    for case in range(args.mutations):
        path, data = sources[case % len(sources)]
        kind, mutated = mutate(data, path.suffix, rng)
        kinds[kind] += 1
        name = f"case{case}{path.suffix}"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            run_bounded(_review, (mutated, name), cpu_seconds=args.cpu_budget, memory=args.memory_mb * 1024 * 1024)
            outcome = "reviewed"
        except OutOfBounds:
            outcome = "out_of_bounds"
        except Crashed:
            outcome = "crashed"
        except PrincipalError as exc:
            lines = exc.lines()
            outcome = "refused" if len(lines) == 1 and lines[0].startswith(f"{name}: ") else "unlocated"
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        if cpu > slowest[0]:
            slowest = (cpu, f"{name} ({kind} of {path.relative_to(CORPUS)})")
        tally[outcome] += 1
        if outcome not in ("reviewed", "refused"):
            (out / name).write_bytes(mutated)
    wall = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"review fuzz: {args.mutations} mutations of {len(sources)} corpus documents in {wall:.0f} s ({dict(kinds)})")
    for outcome in ("reviewed", "refused", "unlocated", "crashed", "out_of_bounds"):
        print(f"  {outcome:14} {tally[outcome]}")
    print(f"  slowest case   {slowest[0]:.2f} CPU-s: {slowest[1]}")
    print(f"  peak memory of a case: {peak:.0f} MB resident (budget {args.memory_mb} MB beyond the parent)")
    failed = tally["unlocated"] + tally["crashed"] + tally["out_of_bounds"]
    if failed:
        print(f"  kept {failed} failing input(s) in {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
