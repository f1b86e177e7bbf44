"""Run `principal serve` in a subprocess on a free loopback port with its own SQLite file, for browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

START = "from principal.cli.app import main; main()"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def live_server(database: Path, *, timeout: float = 30.0) -> Iterator[str]:
    """Yield the server's base URL once /api/health answers; stop the server afterwards."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("PRINCIPAL_TOKEN", "PRINCIPAL_DATABASE_URL")}
    command = [sys.executable, "-c", START, "serve", "--port", str(port), "--database-url", f"sqlite:///{database}"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(f"principal serve exited with {process.returncode}: {output}")
            try:
                if httpx.get(f"{base}/api/health", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"principal serve did not answer within {timeout} s")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
