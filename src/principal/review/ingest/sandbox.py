"""Run a parser in a forked child with a time limit and an address-space limit, so a hostile file cannot hang or
exhaust the process that asked for it (the CLI or a web worker)."""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")


class OutOfBounds(Exception):
    """The parser ran out of time or memory."""


class Refused(Exception):
    """A parser's own verdict on the input (encrypted, no text layer, too many pages): the message is for the user."""


class Crashed(Exception):
    """The parser failed on the input; the message names the parser's error."""


def _address_space_now() -> int:
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _child(conn: Connection, func: Callable[..., Any], args: tuple[Any, ...], memory: int) -> None:
    current = _address_space_now()
    if current:
        limit = current + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        conn.send(("ok", func(*args)))
    except MemoryError:
        conn.send(("memory", ""))
    except Refused as exc:
        conn.send(("refused", str(exc)))
    except BaseException as exc:  # the parent turns every failure into one input error
        conn.send(("error", f"{type(exc).__name__}: {exc}"[:300]))
    finally:
        conn.close()


def run_bounded(func: Callable[..., T], args: tuple[Any, ...], *, seconds: float, memory: int) -> T:
    """Return func(*args) computed in a child process; raise OutOfBounds on timeout or memory exhaustion.

    `Refused` raised by func is raised here with its message; any other exception becomes `Crashed`.
    Where fork is unavailable, func runs in this process.
    """
    if sys.platform != "linux":
        try:
            return func(*args)
        except (Refused, MemoryError, RecursionError):
            raise
        except Exception as exc:
            raise Crashed(f"{type(exc).__name__}: {exc}"[:300]) from None
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, func, args, memory), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise OutOfBounds(f"took more than {seconds:g} s")
        try:
            status, payload = receiver.recv()
        except EOFError:
            raise OutOfBounds("the parser process ended without an answer (memory limit)") from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    if status == "memory":
        raise OutOfBounds(f"needed more than {memory // (1024 * 1024)} MB of memory")
    if status == "refused":
        raise Refused(payload)
    if status == "error":
        raise Crashed(payload)
    return payload  # type: ignore[no-any-return]
