"""Computing one job in a forked child process bounded in CPU seconds and memory, so that a job that would run for
ever, or eat the machine's memory, is ended without touching the server; the server's event loop and its other
threads never wait for the job's Python code (the child has its own interpreter lock).

The child is a fork of the server: it sees the parsed deal and every imported module without copying or pickling
them, and hands back only its answer (pickled through a pipe). Bounds, all in the child's own accounting, so a busy
machine slows a job down but never makes it look too big:

- CPU time: a profiling timer (`ITIMER_PROF`, user and system time) ends the child at its budget between two Python
  steps, and `RLIMIT_CPU` a second later lets the kernel end a child stuck inside C code;
- memory: `RLIMIT_AS`, the address space the child had at the fork plus the budget;
- a child that sleeps instead of computing (it never should) is ended once neither it nor any process it started
  (a document parser's own sandbox, say) has been running or waiting for a CPU for `idle_seconds` in a row
  (process states from /proc).

The CPU seconds the child used are reported, so a caller can charge them to a request's budget. The child sends
its answer after a header (the answer's length and the CPU seconds it and the processes it waited for have used);
once the whole answer has arrived the caller goes on, and the child's exit (unmapping a copy of the server's
memory, some milliseconds) is waited for by a reaper thread. A child that ends without a whole answer is waited
for at once, and its CPU seconds are the kernel's (`wait4`).
Where `fork` is unavailable the job runs in the calling thread, unbounded.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import pickle
import resource
import select
import signal
import struct
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from types import FrameType
from typing import Any

from principal.errors import InputError, PrincipalError, Problem
from principal.web.errors import WebError

POLL_SECONDS = 0.25
EXIT_CPU = 86
"""The child's exit status when its CPU timer fires."""
MAX_ANSWER_BYTES = 512 * 1024 * 1024
HEADER = struct.Struct("<Qd")
"""Before the answer: its length in bytes and the CPU seconds the child used."""
CAN_FORK = sys.platform == "linux"


class Status(Enum):
    ok = "ok"
    raised = "raised"  # the job raised a PrincipalError (an input error, say): `value` is the exception
    crashed = "crashed"  # any other exception: `value` is a Crash
    cpu = "cpu"  # the CPU budget ran out
    memory = "memory"  # the memory budget ran out (or the answer was too large to hand back)
    idle = "idle"  # the child slept too long without answering


@dataclass(frozen=True)
class Crash:
    kind: str
    message: str
    arithmetic: bool
    traceback: str


@dataclass(frozen=True)
class Problems:
    """An InputError's problems, for input errors that do not survive pickling as they are."""

    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Outcome:
    status: Status
    value: Any
    cpu_seconds: float


def _cpu_time_up(_signum: int, _frame: FrameType | None) -> None:
    os._exit(EXIT_CPU)


def address_space_now() -> int:
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _bound_child(cpu_seconds: float, memory_bytes: int) -> None:
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)  # the server's own handlers are not the job's
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    current = address_space_now()
    if current:
        limit = current + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    kernel = math.ceil(cpu_seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (kernel, kernel + 1))
    signal.signal(signal.SIGPROF, _cpu_time_up)
    signal.setitimer(signal.ITIMER_PROF, cpu_seconds, 0.05)


def portable(exc: Exception) -> Exception | Problems | Crash:
    """`exc` as it can cross the pipe: itself when it survives pickling intact, else its problems when it is an
    input error, else a Crash describing it."""
    try:
        copy: object = pickle.loads(pickle.dumps(exc))
    except Exception:  # it does not pickle: it crosses as its problems or as a Crash, below
        copy = None
    if type(copy) is type(exc) and str(copy) == str(exc):
        return exc
    if isinstance(exc, InputError):
        return Problems(exc.problems)
    return Crash(type(exc).__qualname__, str(exc)[:500], False, "")


def _answer(func: Callable[..., Any], args: tuple[Any, ...]) -> bytes:
    outcome: tuple[Status, Any]
    try:
        outcome = (Status.ok, func(*args))
    except MemoryError:
        outcome = (Status.memory, None)
    except (PrincipalError, WebError) as exc:  # a verdict for the user: raised again in the parent
        handed = portable(exc)
        outcome = (Status.crashed, handed) if isinstance(handed, Crash) else (Status.raised, handed)
    except BaseException as exc:  # handed back whole: the parent decides what the user is told
        crash = Crash(type(exc).__qualname__, str(exc)[:500], isinstance(exc, ArithmeticError), traceback.format_exc())
        outcome = (Status.crashed, crash)
    try:
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return pickle.dumps((Status.memory, None))
    except Exception as exc:  # an answer or an exception that cannot be pickled
        reason = f"its answer could not be handed back ({type(exc).__name__}: {exc})"[:500]
        return pickle.dumps((Status.crashed, Crash(type(exc).__qualname__, reason, False, "")))


def _child(write_end: int, func: Callable[..., Any], args: tuple[Any, ...], cpu: float, memory: int) -> None:
    try:
        gc.freeze()  # the server's objects are not the child's garbage: collecting never walks (or copies) them
        _bound_child(cpu, memory)
        answer = _answer(func, args)
        signal.setitimer(signal.ITIMER_PROF, 0)
        data = memoryview(HEADER.pack(len(answer), _cpu_used()) + answer)
        while data:
            data = data[os.write(write_end, data[: 1 << 20]) :]
    finally:
        os._exit(0)


def _cpu_used() -> float:
    """CPU seconds of this process and of the processes it has waited for (user and system)."""
    own, waited = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + waited.ru_utime + waited.ru_stime


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _reap_later(pid: int) -> None:
    """Wait for a child that has answered in a thread of its own (its exit takes a few milliseconds)."""
    reaped, _ = os.waitpid(pid, os.WNOHANG)
    if not reaped:
        threading.Thread(target=_reap, args=(pid,), name=f"reap-{pid}", daemon=True).start()


class _Answer:
    """The bytes of a child's answer as they arrive: complete once the length its header announced is there."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.size = 0
        self.length: int | None = None
        self.cpu = 0.0

    def add(self, chunk: bytes) -> None:
        self.chunks.append(chunk)
        self.size += len(chunk)
        if self.length is None and self.size >= HEADER.size:
            head = b"".join(self.chunks)
            self.chunks = [head]
            self.length, self.cpu = HEADER.unpack_from(head)

    @property
    def whole(self) -> bool:
        return self.length is not None and self.size >= HEADER.size + self.length

    def body(self) -> bytes:
        return b"".join(self.chunks)[HEADER.size : HEADER.size + (self.length or 0)]


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (from /proc/PID/task/TID/children; just `pid` where that is missing)."""
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return tree


def computing(pid: int) -> bool:
    """Whether `pid` or one of its descendants is on a CPU or waiting for one (state R); True when unknown."""
    known = False
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/stat") as stat:
                state = stat.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        known = True
        if state == "R":
            return True
    return not known


def _in_this_thread(func: Callable[..., Any], args: tuple[Any, ...]) -> Outcome:
    started = time.thread_time()
    try:
        value = func(*args)
    except (PrincipalError, WebError) as exc:
        return Outcome(Status.raised, exc, time.thread_time() - started)
    except MemoryError:
        return Outcome(Status.memory, None, time.thread_time() - started)
    except Exception as exc:
        crash = Crash(type(exc).__qualname__, str(exc)[:500], isinstance(exc, ArithmeticError), traceback.format_exc())
        return Outcome(Status.crashed, crash, time.thread_time() - started)
    return Outcome(Status.ok, value, time.thread_time() - started)


def run_in_child(
    func: Callable[..., Any],
    args: tuple[Any, ...] = (),
    *,
    cpu_seconds: float,
    memory_bytes: int,
    idle_seconds: float = 30.0,
    isolate: bool = True,
) -> Outcome:
    """func(*args) computed in a forked child within the bounds; never raises for what the job did."""
    if not (isolate and CAN_FORK):
        return _in_this_thread(func, args)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child leaves through os._exit
        os.close(read_end)
        _child(write_end, func, args, cpu_seconds, memory_bytes)
    os.close(write_end)
    last_busy = time.monotonic()
    answer = _Answer()
    status: Status | None = None
    try:
        while True:
            ready, _, _ = select.select([read_end], [], [], POLL_SECONDS)
            now = time.monotonic()
            if ready:
                last_busy = now
                chunk = os.read(read_end, 1 << 20)
                if not chunk:
                    break
                answer.add(chunk)
                if answer.size > MAX_ANSWER_BYTES + HEADER.size:
                    status = Status.memory
                    break
                if answer.whole:
                    break
            elif computing(pid):
                last_busy = now
            elif now - last_busy > idle_seconds:
                status = Status.idle
                break
    finally:
        os.close(read_end)
        if status is not None:
            for member in reversed(process_tree(pid)):
                with contextlib.suppress(OSError):
                    os.kill(member, signal.SIGKILL)
        if answer.whole and status is None:
            _reap_later(pid)
        else:
            _, wait_status, usage = os.wait4(pid, 0)
    if answer.whole and status is None:
        return _outcome(answer.body(), answer.cpu)
    cpu = usage.ru_utime + usage.ru_stime
    if status is not None:
        return Outcome(status, None, cpu)
    if os.WIFEXITED(wait_status) and os.WEXITSTATUS(wait_status) == EXIT_CPU:
        return Outcome(Status.cpu, None, cpu)
    if os.WIFSIGNALED(wait_status) and os.WTERMSIG(wait_status) in (signal.SIGXCPU, signal.SIGKILL):
        # the kernel's CPU limit, or (with time to spare) the kernel's out-of-memory killer
        return Outcome(Status.cpu if cpu >= 0.9 * cpu_seconds else Status.memory, None, cpu)
    reason = f"the job's process ended without an answer (wait status {wait_status})"
    return Outcome(Status.crashed, Crash("ChildExited", reason, False, ""), cpu)


def _outcome(data: bytes, cpu: float) -> Outcome:
    kind, value = pickle.loads(data)
    if isinstance(value, Problems):
        value = InputError(value.problems)
    return Outcome(kind, value, cpu)
