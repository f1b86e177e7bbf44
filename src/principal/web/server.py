"""How `principal serve` runs the app under uvicorn, with the limits that keep slow or numerous clients from holding
the server: a connection cap, a time limit on each request's line and headers, a short keep-alive, a header size
limit. (The body's time limit is enforced in the app, security.py; CPU-bound work runs in workers.py.)

uvicorn (0.54) times out only idle keep-alive connections: a client that connects and sends nothing, or sends its
headers a byte at a time, would hold its connection for ever. `GuardedH11Protocol` is uvicorn's h11 protocol with
a header deadline: from the moment a connection opens, or a request's first byte arrives after a response, the
request line and headers must be complete within `header_timeout` seconds, or the connection is closed. Beyond
`max_connections` open connections, new ones are closed at once.
"""

from __future__ import annotations

import asyncio
import logging

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from principal.web.settings import WebSettings

log = logging.getLogger("principal.web")


class GuardedH11Protocol(H11Protocol):
    header_timeout: float = 10.0
    max_connections: int = 512
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            log.warning("more than %d connections open: closing a new one", self.max_connections)
            transport.abort()
            return
        self._watch_head()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch_head()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_watching()
        super().connection_lost(exc)

    def _waiting_for_head(self) -> bool:
        return self.conn.their_state is h11.IDLE and not self.transport.is_closing()

    def _watch_head(self) -> None:
        """Start the header deadline while a request's head is awaited (but not during uvicorn's own keep-alive
        wait, which has its own shorter timer), stop it once the head has arrived."""
        if not self._waiting_for_head():
            self._stop_watching()
        elif self._header_timer is None and self.timeout_keep_alive_task is None:
            self._header_timer = self.loop.call_later(self.header_timeout, self._head_too_slow)

    def _stop_watching(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _head_too_slow(self) -> None:
        self._header_timer = None
        if self._waiting_for_head():
            self.transport.close()


def guarded_protocol(settings: WebSettings) -> type[GuardedH11Protocol]:
    class Configured(GuardedH11Protocol):
        header_timeout = settings.header_timeout_seconds
        max_connections = settings.max_connections

    return Configured


def server_config(app: object, settings: WebSettings) -> uvicorn.Config:
    """uvicorn's configuration for the app under `settings`."""
    return uvicorn.Config(
        app,  # type: ignore[arg-type]
        host=settings.host.strip("[]"),
        port=settings.port,
        log_level="warning",
        server_header=False,
        proxy_headers=False,
        http=guarded_protocol(settings),
        ws="none",
        timeout_keep_alive=max(1, round(settings.keep_alive_seconds)),
        limit_concurrency=settings.max_connections + 1,  # the protocol's own cap closes extra connections first
        h11_max_incomplete_event_size=settings.max_header_bytes,
    )
