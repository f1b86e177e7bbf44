"""The parser sandbox bounds CPU time and memory, not wall-clock time: waiting is not refused, computing too long is."""

from __future__ import annotations

import os
import pickle
import resource
import signal
import subprocess
import sys
import time

import pytest

from principal.errors import InputError
from principal.review.ingest import read_document
from principal.review.ingest.limits import Limits
from principal.review.ingest.sandbox import (
    Crashed,
    OutOfBounds,
    Refused,
    asleep_seconds,
    idle_backstop,
    run_bounded,
)
from tests.review.conftest import FIXTURES

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the sandbox forks only on Linux")

MB = 1024 * 1024


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _burn_forever() -> None:
    while True:
        pass


def _burn_deaf_to_the_timer() -> None:
    """Like C code that never returns to the interpreter: the Python-level CPU timer cannot stop it."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGPROF})
    while True:
        pass


def _sleep_then_answer(seconds: float) -> str:
    time.sleep(seconds)
    return "answer"


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * MB))


def _refuse() -> None:
    raise Refused("is encrypted with a password")


def _fail() -> None:
    raise KeyError("/Root")


def test_waiting_longer_than_the_cpu_budget_is_not_refused() -> None:
    """1.5 s of wall-clock time with a 1 CPU-second budget: time spent not computing is not counted against it."""
    assert run_bounded(_sleep_then_answer, (1.5,), cpu_seconds=1.0, memory=100 * MB) == "answer"


def test_computing_past_the_cpu_budget_is_refused_soon_after_it() -> None:
    before = _children_cpu()
    with pytest.raises(OutOfBounds) as caught:
        run_bounded(_burn_forever, (), cpu_seconds=0.5, memory=100 * MB)
    spent = _children_cpu() - before
    assert caught.value.reason == (
        "could not be parsed within bounds (more than 0.5 CPU seconds); the file may be hostile"
    )
    assert 0.4 <= spent < 1.5, spent  # the timer and the accounting tick at slightly different moments


def test_the_kernel_ends_a_child_the_cpu_timer_cannot_reach() -> None:
    before = _children_cpu()
    with pytest.raises(OutOfBounds, match=r"more than 0\.5 CPU seconds"):
        run_bounded(_burn_deaf_to_the_timer, (), cpu_seconds=0.5, memory=100 * MB)
    assert _children_cpu() - before < 4.0  # RLIMIT_CPU: the budget rounded up, plus one second


def test_a_child_that_only_sleeps_is_ended_by_the_backstop() -> None:
    with pytest.raises(OutOfBounds, match=r"no answer after 1 s asleep"):
        run_bounded(_sleep_then_answer, (60,), cpu_seconds=5, memory=100 * MB, idle_seconds=1)
    assert idle_backstop(8.0) == 80.0
    assert idle_backstop(0.5) == 30.0


def _burn(cpu_seconds: float) -> str:
    end = time.process_time() + cpu_seconds
    while time.process_time() < end:
        pass
    return "done"


def test_waiting_for_a_cpu_is_not_sleeping() -> None:
    """However long a loaded machine keeps the child waiting for a core, the backstop does not count that time."""
    assert run_bounded(_burn, (0.5,), cpu_seconds=5, memory=100 * MB, idle_seconds=1.0) == "done"


def test_memory_past_the_budget_is_refused() -> None:
    with pytest.raises(OutOfBounds, match=r"more than 200 MB of memory"):
        run_bounded(_allocate, (1024,), cpu_seconds=5, memory=200 * MB)
    assert run_bounded(_allocate, (50,), cpu_seconds=5, memory=200 * MB) == 50 * MB


def test_verdicts_come_back_as_raised_and_other_failures_as_crashes() -> None:
    with pytest.raises(Refused) as refused:
        run_bounded(_refuse, (), cpu_seconds=5, memory=100 * MB)
    assert refused.value.for_file("a.pdf").lines() == ["a.pdf: (file): is encrypted with a password"]
    with pytest.raises(Crashed, match=r"KeyError: '/Root'"):
        run_bounded(_fail, (), cpu_seconds=5, memory=100 * MB)


def test_refusals_are_input_errors_that_survive_pickling() -> None:
    refusal = OutOfBounds("could not be parsed within bounds (more than 8 CPU seconds)").for_file("big.pdf")
    again = pickle.loads(pickle.dumps(refusal))
    assert isinstance(again, OutOfBounds) and isinstance(again, InputError)
    assert again.lines() == ["big.pdf: (file): could not be parsed within bounds (more than 8 CPU seconds)"]


def test_the_order_form_reads_within_the_default_budget_and_is_refused_below_it() -> None:
    """The order form needs well under 8 CPU seconds, however long the machine makes it wait for a core."""
    pdf = (FIXTURES / "ccaas-order-form.pdf").read_bytes()
    document = read_document(pdf, "order.pdf", Limits(parse_cpu_seconds=8.0))
    assert document.pages == 4
    with pytest.raises(InputError) as caught:
        read_document(pdf, "order.pdf", Limits(parse_cpu_seconds=0.01))
    assert caught.value.lines() == [
        "order.pdf: (file): could not be parsed within bounds (more than 0.01 CPU seconds); the file may be hostile"
    ]


class _SwallowsInFinalizer:
    def __del__(self) -> None:
        end = time.process_time() + 0.3
        while time.process_time() < end:  # the timer fires in here, where Python drops the exception
            pass


def _finish_after_a_swallowed_timer() -> str:
    _SwallowsInFinalizer()
    return "finished past the budget"


def test_a_budget_spent_inside_a_finalizer_is_still_refused(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(OutOfBounds, match=r"more than 0\.1 CPU seconds"):
        run_bounded(_finish_after_a_swallowed_timer, (), cpu_seconds=0.1, memory=100 * MB)
    assert capfd.readouterr().err == ""  # no "Exception ignored in ..." from the child


def test_asleep_time_counts_sleep_but_not_running() -> None:
    started = time.monotonic()
    assert asleep_seconds(os.getpid(), started - 60) == 0.0  # this process is running as it asks
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        time.sleep(1.5)
        assert asleep_seconds(sleeper.pid, started) > 0.5
    finally:
        sleeper.kill()
        sleeper.wait()
