"""How the web app is configured: where it listens, which database, the access token, and the limits that keep one
request (or one client) from stalling the others (see docs/web.md, "Limits")."""

from __future__ import annotations

import getpass
import ipaddress
import os
import secrets
from dataclasses import dataclass, field

from principal.web.access_token import token_problem

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
MIB = 1024 * 1024


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this machine can reach."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def default_work_slots() -> int:
    """Jobs computed at once: one per core this process may use, 1 to 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))


def default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


@dataclass(frozen=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8450
    token: str | None = None
    max_request_bytes: int = 25 * 1024 * 1024
    default_author: str = field(default_factory=default_author)
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    max_token_failures: int = 10
    max_token_failures_total: int = 50
    token_failure_window_seconds: float = 600.0
    # CPU-bound work (web/workers.py): jobs computed at once, jobs waiting for one of those slots, how long a job may
    # wait, and what each request may spend: CPU seconds (over all its jobs) and memory beyond the server's own.
    work_slots: int = field(default_factory=default_work_slots)
    work_queue: int = 16
    work_wait_seconds: float = 30.0
    cpu_seconds_per_request: float = 60.0
    work_memory_bytes: int = 1024 * MIB
    retry_after_seconds: int = 5
    # Request bodies held in memory at once, over all requests (each also within max_request_bytes).
    max_buffered_bytes: int = 100 * MIB
    # Slow clients (web/server.py): the request line and headers, then the body, must arrive within these times.
    header_timeout_seconds: float = 10.0
    body_timeout_seconds: float = 60.0
    keep_alive_seconds: float = 5.0
    max_connections: int = 512
    max_header_bytes: int = 16 * 1024

    @property
    def local_only(self) -> bool:
        return is_loopback(self.host)

    def bind_problem(self) -> str | None:
        """Why this configuration must not start, as one line, or None when it may."""
        if self.token is not None:
            problem = token_problem(self.token)
            if problem is not None:
                return problem
        if not self.local_only and self.token is None:
            return (
                f"refusing to listen on {self.host}: other machines could reach it; set an access token with "
                "--token or PRINCIPAL_TOKEN, or keep the default 127.0.0.1"
            )
        return None
