"""Slowing down access-token guessing: too many wrong tokens from one client address lock that address out a while,
and too many from all addresses together lock out every token attempt.

Every wrong token (login form, `?token=` link or `Authorization: Bearer` header) counts against the client's address
and against the server's total. Once `max_failures` wrong tokens from one address fall within `window_seconds`,
every further attempt from that address, right or wrong, is refused with 429 and a Retry-After until the oldest of
those failures leaves the window; a right token clears the address's count. Once `max_total_failures` wrong tokens
from any addresses fall within the window, every token attempt from anywhere is refused the same way (so many
addresses, or a proxy's many clients, cannot share out the guesses); browsers that already hold the access cookie
are not asked for the token, so they keep working. A right token does not clear the total. Addresses are tracked in
memory only (at most `max_clients`, oldest dropped first), so a restart forgets them. Behind a reverse proxy every
request shares the proxy's address: one guesser then locks everyone out for the window, which is the safe side to
fail on.
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
        max_total_failures: int = 50,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_failures < 1 or max_total_failures < 1 or window_seconds <= 0 or max_clients < 1:
            raise ValueError("max_failures, max_total_failures, window_seconds and max_clients must be positive")
        self.max_failures = max_failures
        self.max_total_failures = max_total_failures
        self.window_seconds = window_seconds
        self.max_clients = max_clients
        self._clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._total: deque[float] = deque()
        self._lock = threading.Lock()

    def _drop_old(self, times: deque[float], now: float) -> deque[float]:
        while times and now - times[0] >= self.window_seconds:
            times.popleft()
        return times

    def _recent(self, client: str, now: float) -> deque[float]:
        return self._drop_old(self._failures.get(client, deque()), now)

    def _wait(self, times: deque[float], limit: int, now: float) -> int | None:
        """Seconds until fewer than `limit` of `times` are inside the window, or None when already fewer."""
        if len(times) < limit:
            return None
        return max(1, math.ceil(times[-limit] + self.window_seconds - now))

    def check(self, client: str) -> None:
        """Raise TooManyAttempts while `client`, or all clients together, have used up their wrong tokens."""
        with self._lock:
            now = self._clock()
            wait = self._wait(self._recent(client, now), self.max_failures, now)
            if wait is not None:
                raise TooManyAttempts(
                    f"too many wrong access tokens from this address; try again in {wait} s", retry_after=wait
                )
            wait = self._wait(self._drop_old(self._total, now), self.max_total_failures, now)
            if wait is not None:
                raise TooManyAttempts(
                    f"too many wrong access tokens sent to this server; try again in {wait} s", retry_after=wait
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
            self._drop_old(self._total, now).append(now)
            while len(self._total) > self.max_total_failures:
                self._total.popleft()  # only the newest max_total_failures decide how long the lockout lasts

    def succeeded(self, client: str) -> None:
        """A right token: forget `client`'s failures."""
        with self._lock:
            self._failures.pop(client, None)

    def failures(self, client: str) -> int:
        """Wrong tokens from `client` still inside the window."""
        with self._lock:
            return len(self._recent(client, self._clock()))

    def total_failures(self) -> int:
        """Wrong tokens from every client still inside the window (counted up to `max_total_failures`)."""
        with self._lock:
            return len(self._drop_old(self._total, self._clock()))
