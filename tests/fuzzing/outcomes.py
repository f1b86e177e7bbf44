"""What a run of the CLI on a hostile file may end in, and a CPU and memory budget for running it in-process.

A run is fine when it exits 0 or 1 (findings), or exits 2 with every line of standard error located:
`FILE:LINE(:COL)?: field: message`, or `FILE: (file): message` for a problem of the whole file (missing, too
large, empty, not a regular file...), or `FILE: --option: message` for a command-line option. Exit 70, any other
code, a traceback, an unlocated line or JSON output with `Infinity`/`NaN` in it is a failure.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import resource
import signal
from collections.abc import Iterator, Sequence
from types import FrameType

WHOLE_FILE_PROBLEMS = (
    "file not found",
    "is a directory",
    "is not a regular file",
    "cannot read the file",
    "may be at most",
    "is larger than",
    "the file is empty",
    "not a CSV file",
    "is not CSV",
    "no header row",
    "bytes; split the log",
)
_LOCATED = re.compile(r"^(\d+)(:\d+)?: \S.*?: \S.*$")
_WHOLE = re.compile(r"^ \(file\): (?P<message>\S.*)$")
_OPTION = re.compile(r"^ --[a-z][a-z-]*: \S.*$")  # a problem with a command-line option, not with a line


def unlocated(stderr: str, files: Sequence[str]) -> list[str]:
    """The lines of an exit-2 error output that are not in the located shape (all of them when there are none)."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    if not lines:
        return ["(no error line at all)"]
    bad = []
    for line in lines:
        name = next((f for f in sorted(files, key=len, reverse=True) if line.startswith(f + ":")), None)
        rest = line[len(name) + 1 :] if name is not None else ""
        whole = _WHOLE.match(rest)
        if name is None:
            bad.append(line)
        elif _LOCATED.match(rest) or _OPTION.match(rest):
            continue
        elif whole is None or not any(p in whole["message"] for p in WHOLE_FILE_PROBLEMS):
            bad.append(line)
    return bad


def strict_json(text: str) -> str | None:
    """Why `text` is not one strict JSON document (no NaN or Infinity), or None when it is."""

    def refuse(constant: str) -> object:
        raise ValueError(f"{constant} is not JSON")

    try:
        json.loads(text, parse_constant=refuse)
    except ValueError as exc:
        return str(exc).splitlines()[0]
    return None


def verdict(exit_code: int, stdout: str, stderr: str, files: Sequence[str], *, as_json: bool = False) -> str | None:
    """None when the run ended as it may; else what went wrong, in one line."""
    if "Traceback" in stdout + stderr:
        return "traceback"
    if exit_code == 70 or "internal error" in stderr:
        return "internal error (exit 70)"
    if exit_code not in (0, 1, 2):
        return f"exit code {exit_code}"
    if "too large or too deeply nested to process" in stderr:
        return "memory budget exceeded"
    if exit_code == 2 and not as_json:
        bad = unlocated(stderr, files)
        if bad:
            return f"unlocated error: {bad[0][:200]}"
    if as_json:
        problem = strict_json(stdout)
        if problem is not None:
            return f"not strict JSON: {problem}"
    return None


class BudgetExceeded(BaseException):
    """The CPU budget of a run ran out (a BaseException, so no `except Exception` in the code under test eats it)."""


def _vm_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * resource.getpagesize()


@contextlib.contextmanager
def budget(cpu_seconds: float, memory_bytes: int) -> Iterator[None]:
    """Run the block with at most `cpu_seconds` of process CPU time and `memory_bytes` more address space.

    The CPU limit is a profiling timer whose signal raises BudgetExceeded between bytecodes; a single long C call
    cannot be interrupted that way, so RLIMIT_CPU a few seconds further on is the backstop (the kernel then ends the
    test process: a crashed test, never a hung one). The memory limit is RLIMIT_AS above the current size, so an
    allocation past it raises MemoryError.
    """

    def expire(signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded(f"more than {cpu_seconds} CPU seconds")

    previous = signal.signal(signal.SIGPROF, expire)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _vm_bytes() + memory_bytes
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    cpu_soft, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
    used = resource.getrusage(resource.RUSAGE_SELF)
    backstop = math.ceil(used.ru_utime + used.ru_stime + cpu_seconds + 5)
    if cpu_hard == resource.RLIM_INFINITY or backstop < cpu_hard:
        resource.setrlimit(resource.RLIMIT_CPU, (backstop, cpu_hard))
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    signal.setitimer(signal.ITIMER_PROF, cpu_seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_soft, cpu_hard))
