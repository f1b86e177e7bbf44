"""Slow or greedy clients cannot hold the server: headers must arrive within the header timeout, bodies within the
body timeout, connections beyond the cap are closed, and request bodies held at once are capped (413 for a body
that never fits, 503 with Retry-After for one that does not fit beside the others)."""

from __future__ import annotations

import socket
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from principal.store.database import Store
from principal.web.settings import WebSettings
from tests.web.inprocess_server import closed_by_server, serving
from tests.web.test_error_shape import assert_error_shape
from tests.web.test_workers import PATIENCE, SlowJob, wait_until

FULL_REQUEST = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


def _settings(**limits: Any) -> WebSettings:
    return WebSettings(default_author="tester", **limits)


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=PATIENCE)


def _response(sock: socket.socket) -> bytes:
    sock.settimeout(PATIENCE)
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def test_clients_that_send_their_headers_too_slowly_are_dropped(sqlite_store: Store, tmp_path: Path) -> None:
    settings = _settings(header_timeout_seconds=1.0)
    job = SlowJob(sqlite_store, settings, tmp_path)
    with serving(job.app, settings) as (_host, port):
        silent = _connect(port)
        partial = _connect(port)
        partial.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # the blank line never comes
        assert closed_by_server(silent)
        assert closed_by_server(partial)
        answered = _connect(port)  # a client that sends its request in time is answered
        answered.sendall(FULL_REQUEST)
        assert _response(answered).startswith(b"HTTP/1.1 200")


def test_a_body_that_does_not_arrive_in_time_is_a_408(sqlite_store: Store, tmp_path: Path) -> None:
    settings = _settings(body_timeout_seconds=1.0)
    job = SlowJob(sqlite_store, settings, tmp_path)
    with serving(job.app, settings) as (_host, port):
        sock = _connect(port)
        sock.sendall(
            b"POST /api/deals HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b'Content-Length: 1000\r\n\r\n{"yaml": '
        )
        answer = _response(sock)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408")
    assert b'"code":"request_timeout"' in body
    assert b"the request body did not arrive within 1 s" in body


def test_connections_beyond_the_cap_are_closed(sqlite_store: Store, tmp_path: Path) -> None:
    settings = _settings(max_connections=4, header_timeout_seconds=PATIENCE)
    job = SlowJob(sqlite_store, settings, tmp_path)
    with serving(job.app, settings) as (_host, port):
        held = [_connect(port) for _ in range(4)]
        for sock in held:
            sock.sendall(b"GET / HTTP/1.1\r\n")  # each holds its connection, headers unfinished
        extra = _connect(port)
        assert closed_by_server(extra)
        for sock in held:
            sock.close()
        wait_until(lambda: _answers(port), "a connection once the held ones are closed")


def _answers(port: int) -> bool:
    sock = _connect(port)
    sock.sendall(FULL_REQUEST)
    try:
        return _response(sock).startswith(b"HTTP/1.1 200")
    except (ConnectionResetError, TimeoutError):
        return False


def test_bodies_held_at_once_are_capped(sqlite_store: Store, tmp_path: Path) -> None:
    settings = _settings(max_buffered_bytes=1_000_000, retry_after_seconds=4)
    job = SlowJob(sqlite_store, settings, tmp_path)
    with serving(job.app, settings) as (host, port), ThreadPoolExecutor(1) as background:
        client = httpx.Client(base_url=f"http://{host}:{port}", timeout=PATIENCE)
        client.get("/login")
        csrf = {"X-CSRF-Token": client.cookies["principal_csrf"], "content-type": "application/octet-stream"}
        holding: Future[httpx.Response] = background.submit(
            client.post, "/api/slow-upload", content=b"x" * 600_000, headers=csrf
        )
        job.wait_started()  # its 600,000 bytes stay reserved until it answers
        assert client.get("/health").json()["upload_bytes_held"] == 600_000
        beside = client.post("/api/deals", content=b"y" * 600_000, headers=csrf)
        assert_error_shape(beside, "/api/deals", 503)
        assert (beside.json()["error"]["code"], beside.headers["retry-after"]) == ("server_busy", "4")
        never = client.post("/api/deals", content=b"z" * 1_200_000, headers=csrf)
        assert_error_shape(never, "/api/deals", 413)
        job.release()
        assert holding.result().json() == {"ok": True, "size": 600_000}
        assert client.get("/health").json()["upload_bytes_held"] == 0
        after = client.post("/api/deals", content=b"y" * 600_000, headers=csrf)
        assert after.status_code == 422  # read this time (and refused as JSON that is not a deal)
