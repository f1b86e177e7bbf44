"""Run a parser in a forked child bounded in CPU time and memory, so a hostile file cannot hang or exhaust the
process that asked for it (the CLI or a web worker).

The bounds are the child's own CPU seconds, not wall-clock seconds: a busy machine makes a parse take longer but
never makes a real document look hostile. The child's address space is capped too. A wall-clock backstop, many
times the CPU budget, only ends a child that waits instead of computing.

CPU time is bounded twice: a profiling timer (`ITIMER_PROF`, user + system time, fractions of a second) stops the
parser between two Python steps, and `RLIMIT_CPU` a second or two later lets the kernel end a child stuck in C
code. Memory is `RLIMIT_AS`: the child's address space at the fork plus the budget.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import resource
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from types import FrameType
from typing import Any, TypeVar

from principal.errors import FileRefused, PrincipalError

T = TypeVar("T")

WALL_FACTOR = 10
"""The wall-clock backstop is this many times the CPU budget (or `wall_seconds`, when given)."""
WALL_FLOOR_SECONDS = 30.0
"""...and never less than this, so a tiny CPU budget still leaves a loaded machine time to start the child."""


class OutOfBounds(FileRefused):
    """The parser used up its CPU time or its memory (or, as the backstop, gave no answer for far too long)."""


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


def _cpu_time_up(_signum: int, _frame: FrameType | None) -> None:
    raise _CpuTimeUp


def _bound_child(cpu_seconds: float, memory: int) -> None:
    current = _address_space_now()
    if current:
        limit = current + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # A forked child starts with zero CPU time, so both limits count the parse alone.
    kernel_limit = math.ceil(cpu_seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (kernel_limit, kernel_limit + 1))
    signal.signal(signal.SIGPROF, _cpu_time_up)
    signal.setitimer(signal.ITIMER_PROF, cpu_seconds)


def _child(conn: Connection, func: Callable[..., Any], args: tuple[Any, ...], cpu_seconds: float, memory: int) -> None:
    outcome: tuple[str, Any]
    try:  # the CPU timer fires once; wherever it lands before it is disarmed, it ends here
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
        signal.setitimer(signal.ITIMER_PROF, 0)
    except _CpuTimeUp:
        outcome = ("cpu", "")
    try:
        conn.send(outcome)
    except Exception as exc:  # an answer that cannot be pickled or sent
        conn.send(("error", f"its answer could not be handed back ({type(exc).__name__})"))
    finally:
        conn.close()


def wall_backstop(cpu_seconds: float, wall_seconds: float | None = None) -> float:
    """Seconds of waiting after which a child that has not answered is ended."""
    if wall_seconds is not None:
        return wall_seconds
    return max(WALL_FLOOR_SECONDS, WALL_FACTOR * cpu_seconds)


def _within_bounds(detail: str) -> OutOfBounds:
    return OutOfBounds(f"could not be parsed within bounds ({detail}); the file may be hostile")


def run_bounded(
    func: Callable[..., T],
    args: tuple[Any, ...],
    *,
    cpu_seconds: float,
    memory: int,
    wall_seconds: float | None = None,
) -> T:
    """Return func(*args) computed in a child process with at most `cpu_seconds` of CPU time and `memory` bytes
    of address space beyond what the parent had; raise OutOfBounds when it needs more.

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
    sender.close()
    backstop = wall_backstop(cpu_seconds, wall_seconds)
    try:
        if not receiver.poll(backstop):
            raise _within_bounds(f"no answer after {backstop:g} s of waiting")
        try:
            status, payload = receiver.recv()
        except EOFError:
            process.join(5)
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
