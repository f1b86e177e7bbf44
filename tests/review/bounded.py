"""Run one call in a forked child and measure what it cost: its CPU seconds (with any sandboxed parser it forked)
and how far its resident memory grew beyond the parent's at the fork. A CPU rlimit ends a call that would hang."""

from __future__ import annotations

import os
import pickle
import resource
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

HANG_GUARD_SECONDS = 30
"""A call still computing after this many CPU seconds is ended by the kernel (SIGXCPU) and reported as a hang."""
CPU_BOUND_SECONDS = 2.0
MEMORY_BOUND_MB = 500.0


@dataclass(frozen=True)
class Cost:
    value: Any
    """What the call returned, or the exception it raised (pickled back from the child)."""
    cpu_seconds: float
    peak_growth_mb: float
    hung: bool

    def within_bounds(self) -> bool:
        return not self.hung and self.cpu_seconds <= CPU_BOUND_SECONDS and self.peak_growth_mb <= MEMORY_BOUND_MB


def _resident_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(func: Callable[..., Any], *args: Any) -> Cost:
    """func(*args) in a forked child: what it returned or raised, its CPU time and its memory growth."""
    baseline = _resident_mb()
    sys.stdout.flush()
    sys.stderr.flush()
    with tempfile.TemporaryFile() as answer:
        pid = os.fork()
        if pid == 0:  # the child: compute, hand back the outcome, leave without running the parent's clean-up
            try:
                _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
                resource.setrlimit(resource.RLIMIT_CPU, (HANG_GUARD_SECONDS, hard))
                try:
                    outcome: Any = func(*args)
                except BaseException as exc:  # handed back to the test as the outcome
                    outcome = exc
                pickle.dump(outcome, answer)
                answer.flush()
            finally:
                os._exit(0)
        _pid, status, usage = os.wait4(pid, 0)
        answer.seek(0)
        data = answer.read()
    hung = os.WIFSIGNALED(status)
    value = pickle.loads(data) if data and not hung else None
    return Cost(value, usage.ru_utime + usage.ru_stime, max(usage.ru_maxrss / 1024 - baseline, 0.0), hung)
