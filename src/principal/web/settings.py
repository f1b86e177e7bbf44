"""How the web app is configured: where it listens, which database, the access token and upload limits."""

from __future__ import annotations

import getpass
import ipaddress
import secrets
from dataclasses import dataclass, field

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
MIN_TOKEN_LENGTH = 16


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this machine can reach."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
    token_failure_window_seconds: float = 600.0

    @property
    def local_only(self) -> bool:
        return is_loopback(self.host)

    def bind_problem(self) -> str | None:
        """Why this configuration must not start, as one line, or None when it may."""
        if self.token is not None and len(self.token) < MIN_TOKEN_LENGTH:
            return (
                f"the access token must be at least {MIN_TOKEN_LENGTH} characters; "
                "generate one with `openssl rand -hex 24`"
            )
        if not self.local_only and self.token is None:
            return (
                f"refusing to listen on {self.host}: other machines could reach it; set an access token with "
                "--token or PRINCIPAL_TOKEN, or keep the default 127.0.0.1"
            )
        return None
