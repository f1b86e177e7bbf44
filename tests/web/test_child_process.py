"""A job in a child process: its answer or its input error comes back; a job over its CPU or memory budget, or one
that sleeps instead of computing, is ended; the CPU seconds it used (its own processes' included) are reported."""

from __future__ import annotations

import decimal
import os
import time
from typing import Any

from principal.errors import InputError
from principal.web.child_process import Status, run_in_child
from principal.web.errors import Unprocessable

MB = 1024 * 1024


def run(func: Any, *args: Any, cpu: float = 30.0, memory: int = 512 * MB, idle: float = 60.0) -> Any:
    return run_in_child(func, args, cpu_seconds=cpu, memory_bytes=memory, idle_seconds=idle)


def spin_for_ever() -> None:
    while True:
        pass


def spend_cpu(seconds: float) -> int:
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass
    return os.getpid()


def through_a_grandchild(seconds: float) -> str:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        spend_cpu(seconds)
        os.write(write_end, b"x")
        os._exit(0)
    os.close(write_end)
    os.read(read_end, 1)  # this process sleeps while its own child computes
    os.waitpid(pid, 0)
    return "done"


def located_problem() -> None:
    raise InputError.single("deal.yaml", "must be a whole number", field="term_months", line=7)


def web_refusal() -> None:
    raise Unprocessable("the stored review cannot be shown", field="file")


def huge_rounding() -> decimal.Decimal:
    return decimal.Decimal("1e999999").quantize(decimal.Decimal("0.01"))


def broken() -> None:
    raise KeyError("text")


def test_the_answer_comes_back_from_another_process() -> None:
    outcome = run(spend_cpu, 0.2)
    assert outcome.status is Status.ok
    assert outcome.value != os.getpid()
    assert outcome.cpu_seconds >= 0.2


def test_errors_come_back_as_they_were_raised() -> None:
    problem = run(located_problem)
    assert problem.status is Status.raised and isinstance(problem.value, InputError)
    assert problem.value.lines() == ["deal.yaml:7: term_months: must be a whole number"]
    refusal = run(web_refusal)
    assert refusal.status is Status.raised and isinstance(refusal.value, Unprocessable)
    assert (refusal.value.message, refusal.value.field) == ("the stored review cannot be shown", "file")
    arithmetic = run(huge_rounding)
    assert arithmetic.status is Status.crashed and arithmetic.value.arithmetic
    bug = run(broken)
    assert bug.status is Status.crashed and not bug.value.arithmetic
    assert bug.value.kind == "KeyError" and "raise KeyError" in bug.value.traceback


def test_a_job_past_its_cpu_budget_is_ended() -> None:
    outcome = run(spin_for_ever, cpu=0.5)
    assert outcome.status is Status.cpu
    assert outcome.cpu_seconds < 3.0


def test_a_job_past_its_memory_budget_is_ended() -> None:
    outcome = run(lambda: bytearray(1024 * MB), memory=256 * MB)
    assert outcome.status is Status.memory


def test_a_sleeping_job_is_ended_but_one_waiting_for_its_own_child_is_not() -> None:
    asleep = run(time.sleep, 600, idle=0.5)
    assert asleep.status is Status.idle
    waiting = run(through_a_grandchild, 1.0, idle=0.5)
    assert waiting.status is Status.ok and waiting.value == "done"
    assert waiting.cpu_seconds >= 1.0  # the grandchild's CPU time is the job's too
