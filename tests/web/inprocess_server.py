"""Serve an app with the real server configuration (web/server.py: uvicorn, its timeouts and caps) on a free
loopback port, in a thread of the test process, so a test can add routes to the app and talk to it over sockets."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import uvicorn
from fastapi import FastAPI

from principal.web.server import server_config
from principal.web.settings import WebSettings
from tests.web.live_server import free_port

START_SECONDS = 60.0


@contextmanager
def serving(app: FastAPI, settings: WebSettings) -> Iterator[tuple[str, int]]:
    """Yield (host, port) once the server listens; stop it afterwards."""
    port = free_port()
    server = uvicorn.Server(server_config(app, replace(settings, port=port)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield "127.0.0.1", port
    finally:
        server.should_exit = True
        thread.join(30)


def closed_by_server(sock: socket.socket, *, within: float = 60.0) -> bool:
    """True once the server has closed `sock` (end of stream or reset) without sending a response."""
    sock.settimeout(within)
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
