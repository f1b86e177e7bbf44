"""A cap on request bodies held in memory at once, over all requests, so many parallel uploads cannot exhaust the
server's memory (each body is also within its own limit, `max_request_bytes`).

A request reserves its declared `Content-Length` before a byte is read (or grows its reservation as chunks arrive
when it declares none) and keeps the reservation until its answer is sent. A body that could never fit is a 413; one
that does not fit beside the bodies being held now is a 503 `server_busy` with Retry-After.
"""

from __future__ import annotations

import threading

from principal.web.errors import PayloadTooLarge, ServerBusy


class UploadBuffer:
    def __init__(self, limit: int, retry_after: int) -> None:
        if limit < 1:
            raise ValueError("limit must be positive")
        self.limit = limit
        self.retry_after = retry_after
        self.held = 0
        self._lock = threading.Lock()

    def reservation(self) -> Reservation:
        return Reservation(self)

    def _take(self, size: int) -> None:
        with self._lock:
            if self.held + size > self.limit:
                raise ServerBusy(
                    f"the server is receiving other uploads ({self.held:,} bytes held); "
                    f"try again in {self.retry_after} s",
                    retry_after=self.retry_after,
                )
            self.held += size

    def _give_back(self, size: int) -> None:
        with self._lock:
            self.held -= size


class Reservation:
    """One request's share of the buffer."""

    def __init__(self, buffer: UploadBuffer) -> None:
        self.buffer = buffer
        self.size = 0

    def cover(self, total: int) -> None:
        """Make the reservation at least `total` bytes, or raise PayloadTooLarge / ServerBusy."""
        if total > self.buffer.limit:
            raise PayloadTooLarge(
                f"the request is over {self.buffer.limit:,} bytes, more than the server holds for all uploads at once"
            )
        if total > self.size:
            self.buffer._take(total - self.size)
            self.size = total

    def release(self) -> None:
        self.buffer._give_back(self.size)
        self.size = 0
