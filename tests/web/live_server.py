"""Run `principal serve` in a subprocess on a free loopback port with its own SQLite file, for browser tests.

The fixtures wait for readiness (the health route answers, or uvicorn says it has started), never for a fixed
number of seconds. `HANG_GUARD_SECONDS` only ends a wait on a server that will never come up: it is far above any
start-up time, even on a machine with every core busy.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

START = "from principal.cli.app import main; main()"
HANG_GUARD_SECONDS = 300.0
POLL_SECONDS = 0.1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until(ready: Callable[[], bool], gone: Callable[[], str | None], what: str) -> None:
    """Poll `ready` until it holds; fail at once when `gone` says the server ended, or after the hang guard."""
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while not ready():
        reason = gone()
        if reason is not None:
            raise RuntimeError(f"{what} ended before it was ready: {reason}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} was not ready after {HANG_GUARD_SECONDS:g} s (hang guard)")
        time.sleep(POLL_SECONDS)


def health_answers(base: str) -> bool:
    try:
        return httpx.get(f"{base}/api/health", timeout=5.0).status_code == 200
    except httpx.TransportError:
        return False


@contextmanager
def live_server(database: Path) -> Iterator[str]:
    """Yield the server's base URL once /api/health answers; stop the server afterwards."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("PRINCIPAL_TOKEN", "PRINCIPAL_DATABASE_URL")}
    command = [sys.executable, "-c", START, "serve", "--port", str(port), "--database-url", f"sqlite:///{database}"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def gone() -> str | None:
        if process.poll() is None:
            return None
        output = process.stdout.read().decode() if process.stdout else ""
        return f"exit code {process.returncode}: {output}"

    try:
        wait_until(lambda: health_answers(base), gone, "principal serve")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def wait_for_uvicorn(server: Any, thread: threading.Thread) -> None:
    """Wait until an in-thread `uvicorn.Server` has started (its `started` flag), or fail if its thread ended."""
    wait_until(
        lambda: bool(server.started), lambda: None if thread.is_alive() else "its thread ended", "uvicorn server"
    )
