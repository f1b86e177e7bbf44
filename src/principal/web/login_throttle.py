"""Slowing down access-token guessing: too many wrong tokens from one client address lock that address out a while.

Every wrong token (login form, `?token=` link or `Authorization: Bearer` header) counts against the client's address.
Once `max_failures` wrong tokens fall within `window_seconds`, every further attempt from that address, right or
wrong, is refused with 429 and a Retry-After until the oldest of those failures leaves the window; a right token
clears the address's count. Addresses are tracked in memory only (at most `max_clients`, oldest dropped first), so a
restart forgets them. Behind a reverse proxy every request shares the proxy's address: one guesser then locks
everyone out for the window, which is the safe side to fail on.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from principal.web.errors import TooManyAttempts


class LoginThrottle:
    """Counts wrong access tokens per client address within a sliding window."""

    def __init__(
        self,
        max_failures: int = 10,
        window_seconds: float = 600.0,
        *,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_failures < 1 or window_seconds <= 0 or max_clients < 1:
            raise ValueError("max_failures, window_seconds and max_clients must be positive")
        self.max_failures = max_failures
        self.window_seconds = window_seconds
        self.max_clients = max_clients
        self._clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        times = self._failures.get(client, deque())
        while times and now - times[0] >= self.window_seconds:
            times.popleft()
        return times

    def check(self, client: str) -> None:
        """Raise TooManyAttempts while `client` has used up its wrong tokens for the window."""
        with self._lock:
            now = self._clock()
            times = self._recent(client, now)
            if len(times) >= self.max_failures:
                wait = max(1, math.ceil(times[0] + self.window_seconds - now))
                raise TooManyAttempts(
                    f"too many wrong access tokens from this address; try again in {wait} s", retry_after=wait
                )

    def failed(self, client: str) -> None:
        """Record one wrong token from `client`."""
        with self._lock:
            now = self._clock()
            times = self._recent(client, now)
            times.append(now)
            self._failures[client] = times
            self._failures.move_to_end(client)
            while len(self._failures) > self.max_clients:
                self._failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        """A right token: forget `client`'s failures."""
        with self._lock:
            self._failures.pop(client, None)

    def failures(self, client: str) -> int:
        """Wrong tokens from `client` still inside the window."""
        with self._lock:
            return len(self._recent(client, self._clock()))
