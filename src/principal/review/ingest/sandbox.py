"""Run a parser in a forked child bounded in CPU time and memory, so a hostile file cannot hang or exhaust the
process that asked for it (the CLI or a web worker).

The bounds are the child's own CPU seconds, not wall-clock seconds: a busy machine makes a parse take longer but
never makes a real document look hostile. The child's address space is capped too. The backstop against a child
that waits instead of computing counts only the time it spends asleep or blocked (from /proc/PID/schedstat: elapsed
time less time on a CPU and time waiting for one) and ends it only while it is asleep (its state in /proc/PID/stat
is not R, running or runnable), so even a machine with every core busy cannot trigger it; where those files are
missing, elapsed time stands in.

CPU time is bounded twice: a profiling timer (`ITIMER_PROF`, user + system time, fractions of a second) stops the
parser between two Python steps, and `RLIMIT_CPU` a second or two later lets the kernel end a child stuck in C
code. The timer repeats, and a parse that passed its budget is refused even if it then finishes, because Python
drops an exception raised while it runs a finalizer (`__del__`). Memory is `RLIMIT_AS`: the child's address space
at the fork plus the budget.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from types import FrameType
from typing import Any, TypeVar

from principal.errors import FileRefused, PrincipalError

T = TypeVar("T")

IDLE_FACTOR = 10
"""A child asleep this many times its CPU budget without answering is ended (or after `idle_seconds`, when given)..."""
IDLE_FLOOR_SECONDS = 30.0
"""...and never sooner than this."""
POLL_SECONDS = 0.25
TIMER_REPEAT_SECONDS = 0.05


class OutOfBounds(FileRefused):
    """The parser used up its CPU time or its memory (or, as the backstop, slept too long without answering)."""


class Refused(FileRefused):
    """A parser's own verdict on the input (encrypted, no text layer, too many pages): the reason is for the user."""


class Crashed(FileRefused):
    """The parser failed on the input; the reason names the parser's error."""


class _CpuTimeUp(BaseException):
    """Raised in the child by the CPU timer; a BaseException so a parser's `except Exception` cannot swallow it."""


def _address_space_now() -> int:
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


class _Budget:
    """The child's CPU budget: spent once the timer has fired; `closed` once the parse is over."""

    spent = False
    closed = False


def _cpu_time_up(_signum: int, _frame: FrameType | None) -> None:
    if not _Budget.closed:
        _Budget.spent = True
        raise _CpuTimeUp


def _quiet_unraisable(hook: Any) -> Callable[[Any], None]:
    """An unraisable-exception hook that drops the timer's exception (raised inside a finalizer) silently."""

    def quiet(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, _CpuTimeUp):
            hook(unraisable)

    return quiet


def _bound_child(cpu_seconds: float, memory: int) -> None:
    current = _address_space_now()
    if current:
        limit = current + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # A forked child starts with zero CPU time, so both limits count the parse alone.
    kernel_limit = math.ceil(cpu_seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (kernel_limit, kernel_limit + 1))
    sys.unraisablehook = _quiet_unraisable(sys.unraisablehook)
    signal.signal(signal.SIGPROF, _cpu_time_up)
    signal.setitimer(signal.ITIMER_PROF, cpu_seconds, TIMER_REPEAT_SECONDS)


def _child(conn: Connection, func: Callable[..., Any], args: tuple[Any, ...], cpu_seconds: float, memory: int) -> None:
    outcome: tuple[str, Any]
    try:  # wherever the timer's exception lands before the parse is closed, it ends here
        try:
            _bound_child(cpu_seconds, memory)
            outcome = ("ok", func(*args))
        except _CpuTimeUp:
            raise
        except MemoryError:
            outcome = ("memory", "")
        except PrincipalError as exc:  # a verdict on the input, handed back as it is
            outcome = ("raised", exc)
        except BaseException as exc:  # the parent turns every other failure into one input error
            outcome = ("error", f"{type(exc).__name__}: {exc}"[:300])
        _Budget.closed = True
    except _CpuTimeUp:
        _Budget.closed = True
        outcome = ("cpu", "")
    signal.setitimer(signal.ITIMER_PROF, 0)
    if _Budget.spent:  # the budget ran out during the parse, even if a finalizer dropped the timer's exception
        outcome = ("cpu", "")
    try:
        conn.send(outcome)
    except Exception as exc:  # an answer that cannot be pickled or sent
        conn.send(("error", f"its answer could not be handed back ({type(exc).__name__})"))
    finally:
        conn.close()


def idle_backstop(cpu_seconds: float, idle_seconds: float | None = None) -> float:
    """Seconds asleep (not running, not waiting for a CPU) after which a child that has not answered is ended."""
    if idle_seconds is not None:
        return idle_seconds
    return max(IDLE_FLOOR_SECONDS, IDLE_FACTOR * cpu_seconds)


def asleep_seconds(pid: int, started: float) -> float:
    """Seconds since `started` (time.monotonic) that process `pid` spent neither on a CPU nor waiting for one; 0
    while it is running or waiting to run (the kernel adds a wait for a CPU to its statistics only when it ends)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            if stat.read().rsplit(")", 1)[1].split()[0] == "R":
                return 0.0
        with open(f"/proc/{pid}/schedstat") as schedstat:
            on_cpu, waiting, _slices = schedstat.read().split()
        busy = (int(on_cpu) + int(waiting)) / 1e9
    except (OSError, ValueError, IndexError):
        busy = 0.0  # no scheduler statistics: all elapsed time counts
    return time.monotonic() - started - busy


def _within_bounds(detail: str) -> OutOfBounds:
    return OutOfBounds(f"could not be parsed within bounds ({detail}); the file may be hostile")


def run_bounded(
    func: Callable[..., T],
    args: tuple[Any, ...],
    *,
    cpu_seconds: float,
    memory: int,
    idle_seconds: float | None = None,
) -> T:
    """Return func(*args) computed in a child process with at most `cpu_seconds` of CPU time and `memory` bytes
    of address space beyond what the parent had; raise OutOfBounds when it needs more, or when it has been asleep
    (not computing, not waiting for a CPU) for `idle_seconds` (default: `idle_backstop`) without answering.

    A `PrincipalError` raised by func (a `Refused`, say) is raised here as it was; any other exception becomes
    `Crashed`. The refusals carry no file name: the caller names the file (`exc.for_file(name)`).
    Where fork is unavailable, func runs in this process without bounds.
    """
    if sys.platform != "linux":
        try:
            return func(*args)
        except (PrincipalError, MemoryError, RecursionError):
            raise
        except Exception as exc:
            raise Crashed(f"{type(exc).__name__}: {exc}"[:300]) from None
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, func, args, cpu_seconds, memory), daemon=True)
    process.start()
    started = time.monotonic()
    sender.close()
    backstop = idle_backstop(cpu_seconds, idle_seconds)
    try:
        while not receiver.poll(POLL_SECONDS):  # an answer, or the end of the pipe when the child died
            if process.pid is not None and asleep_seconds(process.pid, started) > backstop:
                raise _within_bounds(f"no answer after {backstop:g} s asleep")
        try:
            status, payload = receiver.recv()
        except EOFError:
            process.join(30)  # the pipe closes as the child exits
            if process.exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
                raise _within_bounds(f"more than {cpu_seconds:g} CPU seconds") from None
            raise _within_bounds(f"the parser ended without an answer, exit code {process.exitcode}") from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    if status == "cpu":
        raise _within_bounds(f"more than {cpu_seconds:g} CPU seconds")
    if status == "memory":
        raise _within_bounds(f"more than {memory // (1024 * 1024)} MB of memory")
    if status == "raised":
        raise payload
    if status == "error":
        raise Crashed(payload)
    return payload  # type: ignore[no-any-return]
