"""CPU-bound work runs in bounded worker slots, in child processes: the server keeps answering while it runs, a full
queue is a 503 with Retry-After, a request over its CPU budget is a 422, all in the API's error shape.

The slow jobs here spin on the CPU until the test creates a flag file, so "the page answered before the job ended"
is an ordering the test controls, not a race against the clock.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from starlette.requests import Request

from principal.errors import InputError
from principal.store.database import Store
from principal.web.app import create_app
from principal.web.errors import ServerBusy
from principal.web.settings import WebSettings
from principal.web.workers import WorkerPool, bounded, off_loop
from tests.web.conftest import make_client
from tests.web.form_probe import filled
from tests.web.inprocess_server import serving
from tests.web.test_error_shape import assert_error_shape

PATIENCE = 240.0  # seconds a test waits for something that must happen (the machine may be very busy)


def spin_until(flag: str, started: str) -> str:
    """Busy on the CPU (never sleeping) until `flag` exists."""
    Path(started).touch()
    while not os.path.exists(flag):
        pass
    return "done"


def spin_for_ever() -> None:
    while True:
        pass


def spend_cpu(seconds: float) -> float:
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass
    return seconds


def refuse_input() -> None:
    raise InputError.single("goals.yaml", "must be a mapping", line=3)


def wait_until(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.02)


class SlowJob:
    """An app with /api/slow (a job that spins until released) and /api/slow-upload (the same, after its body)."""

    def __init__(self, store: Store, settings: WebSettings, tmp_path: Path) -> None:
        self.flag = tmp_path / "release"
        self.started = tmp_path / "started"
        self.app: FastAPI = create_app(store, settings)

        async def slow(request: Request) -> dict[str, Any]:
            result = await off_loop(bounded, request, "the slow job", spin_until, str(self.flag), str(self.started))
            return {"ok": True, "result": result}

        async def slow_upload(request: Request) -> dict[str, Any]:
            size = len(await request.body())
            await off_loop(bounded, request, "the slow job", spin_until, str(self.flag), str(self.started))
            return {"ok": True, "size": size}

        self.app.add_api_route("/api/slow", slow, methods=["GET"])
        self.app.add_api_route("/api/slow-upload", slow_upload, methods=["POST"])

    def wait_started(self) -> None:
        wait_until(self.started.exists, "the slow job to start")

    def release(self) -> None:
        self.flag.touch()


def _settings(**limits: Any) -> WebSettings:
    return WebSettings(default_author="tester", **limits)


def _csrf(client: httpx.Client) -> dict[str, str]:
    client.get("/login")
    return {"X-CSRF-Token": client.cookies["principal_csrf"]}


def test_health_and_pages_answer_while_a_cpu_bound_job_runs(
    sqlite_store: Store, tmp_path: Path, seed_text: str
) -> None:
    job = SlowJob(sqlite_store, _settings(work_slots=1), tmp_path)
    with serving(job.app, _settings(work_slots=1)) as (host, port), ThreadPoolExecutor(1) as background:
        client = httpx.Client(base_url=f"http://{host}:{port}", timeout=PATIENCE)
        created = client.post("/api/deals", json={"yaml": seed_text, "author": "ana"}, headers=_csrf(client))
        assert created.status_code == 201
        client.get("/deals/1")  # the version is parsed (in a job) once; later views reuse the model
        slow: Future[httpx.Response] = background.submit(client.get, "/api/slow")
        job.wait_started()
        health = client.get("/health")
        api_health = client.get("/api/health")
        deals = client.get("/")
        workspace = client.get("/deals/1")
        assert not slow.done()  # all four answered while the job was still computing
        assert health.status_code == 200
        assert health.json()["work"] == {"running": 1, "waiting": 0, "slots": 1, "queue": 16}
        assert api_health.json()["ok"] is True
        assert deals.status_code == 200 and "Contact-center platform replacement" in deals.text
        assert workspace.status_code == 200 and "Offers" in workspace.text
        job.release()
        assert slow.result().json() == {"ok": True, "result": "done"}
        assert client.get("/health").json()["work"]["running"] == 0


def test_a_full_queue_is_answered_503_with_retry_after(sqlite_store: Store, tmp_path: Path, seed_text: str) -> None:
    limits = {"work_slots": 1, "work_queue": 1, "retry_after_seconds": 7}
    job = SlowJob(sqlite_store, _settings(**limits), tmp_path)
    with serving(job.app, _settings(**limits)) as (host, port), ThreadPoolExecutor(2) as background:
        client = httpx.Client(base_url=f"http://{host}:{port}", timeout=PATIENCE)
        assert client.post("/api/deals", json={"yaml": seed_text, "author": "ana"}, headers=_csrf(client)).is_success
        client.get("/deals/1")
        running = background.submit(client.get, "/api/slow")
        job.wait_started()
        waiting = background.submit(client.get, "/api/deals/1/versions/1/align")  # needs a job: waits in the queue
        wait_until(lambda: client.get("/health").json()["work"]["waiting"] == 1, "a job to wait for the slot")
        refused = [client.get("/api/deals/1/versions/1/cost"), client.get("/api/slow"), client.get("/deals/1/sla")]
        for response, path in zip(refused, ("/api/cost", "/api/slow", "/deals/1/sla"), strict=True):
            assert_error_shape(response, path, 503)
            assert response.headers["retry-after"] == "7"
        assert refused[0].json()["error"]["code"] == "server_busy"
        assert not running.done() and not waiting.done()
        job.release()
        assert running.result().status_code == 200
        assert waiting.result().status_code == 200  # the queued job ran once the slot was free
        assert client.get("/api/deals/1/versions/1/cost").status_code == 200


def test_a_request_over_its_cpu_budget_is_refused_in_shape(sqlite_store: Store) -> None:
    client = make_client(sqlite_store, _settings(cpu_seconds_per_request=1.0))
    app: Any = client.app

    async def for_ever(request: Request) -> None:
        await off_loop(bounded, request, "the endless job", spin_for_ever)

    async def two_jobs(request: Request) -> dict[str, float]:
        first = await off_loop(bounded, request, "the first job", spend_cpu, 0.7)
        second = await off_loop(bounded, request, "the second job", spend_cpu, 0.7)
        return {"first": first, "second": second}

    async def input_problem(request: Request) -> None:
        await off_loop(bounded, request, "reading goals.yaml", refuse_input)

    app.add_api_route("/api/for-ever", for_ever, methods=["GET"])
    app.add_api_route("/api/two-jobs", two_jobs, methods=["GET"])
    app.add_api_route("/api/input-problem", input_problem, methods=["GET"])
    endless = client.get("/api/for-ever")
    assert_error_shape(endless, "/api/for-ever", 422)
    assert endless.json()["error"]["code"] == "over_budget"
    assert endless.json()["error"]["message"].startswith("the endless job needed more than 1 CPU seconds")
    both = client.get("/api/two-jobs")  # the budget is the request's: 0.7 + 0.7 CPU seconds is over 1
    assert_error_shape(both, "/api/two-jobs", 422)
    assert both.json()["error"]["message"].startswith("the second job needed more than 1 CPU seconds")
    located = client.get("/api/input-problem")  # an input error raised in the worker keeps its located problem
    assert_error_shape(located, "/api/input-problem", 422)
    assert located.json()["error"]["problems"] == [
        {"file": "goals.yaml", "line": 3, "column": None, "field": "(file)", "message": "must be a mapping"}
    ]


def test_the_pool_refuses_jobs_beyond_its_slots_and_queue() -> None:
    pool = WorkerPool(slots=1, queue=1, wait_seconds=0.2, retry_after=3)
    with pool.slot():
        with ThreadPoolExecutor(1) as other:
            waited = other.submit(lambda: pool.slot().__enter__())  # waits in the queue, then gives up
            with pytest.raises(ServerBusy) as gave_up:
                waited.result(timeout=PATIENCE)
        assert gave_up.value.message == "the server stayed busy for 0.2 s; try again in 3 s"
        no_queue = WorkerPool(slots=1, queue=0, wait_seconds=1.0, retry_after=3)
        with no_queue.slot(), pytest.raises(ServerBusy) as refused, no_queue.slot():
            pass
        assert refused.value.headers() == {"retry-after": "3"}
        assert refused.value.message == "the server is busy: 1 jobs running and 0 waiting; try again in 3 s"
    assert pool.status() == {"running": 0, "waiting": 0, "slots": 1, "queue": 1}


def test_workspace_routes_answer_503_with_retry_after_when_the_queue_is_full(
    sqlite_store: Store, tmp_path: Path, seed_text: str
) -> None:
    """The builder's save, a new deal, a new offer, the merge of a conflict and the what-if all need a worker: with
    the one slot busy and the queue full each is told to come back, and nothing is saved meanwhile."""
    limits = {"work_slots": 1, "work_queue": 1, "retry_after_seconds": 7}
    job = SlowJob(sqlite_store, _settings(**limits), tmp_path)
    with serving(job.app, _settings(**limits)) as (host, port), ThreadPoolExecutor(2) as background:
        client = httpx.Client(base_url=f"http://{host}:{port}", timeout=PATIENCE)
        headers = _csrf(client)
        token = headers["X-CSRF-Token"]
        assert client.post("/api/deals", json={"yaml": seed_text, "author": "ana"}, headers=headers).is_success
        step = "/deals/1/build/offers/final/seats"
        page = client.get(step).text
        price = re.findall(r'name="(licenses\.\d+\.unit_price)"', page)[0]
        save = filled(page, step, {price: "139", "author": "ana"}, action="save", csrf_token=token)
        assert client.get("/deals/1/decide").status_code == 200  # the Cost tab's figures are cached from here on
        running = background.submit(client.get, "/api/slow")
        job.wait_started()
        waiting = background.submit(client.get, "/api/deals/1/versions/1/align")
        wait_until(lambda: client.get("/health").json()["work"]["waiting"] == 1, "a job to wait for the slot")
        form = {"csrf_token": token, "author": "ana", "base_version": "1"}
        refused = {
            "what-if": client.get("/deals/1/decide?volume=55", headers={"HX-Request": "true"}),
            "builder save": client.post(step, data=save),
            "new deal": client.post(
                "/deals/start",
                data={
                    **form,
                    "name": "Another",
                    "currency": "EUR",
                    "locale": "de_DE",
                    "agents": "20",
                    "offer": "first",
                    "term_months": "12",
                },
            ),
            "new offer": client.post("/deals/1/offers", data={**form, "name": "copy", "copy_of": "final"}),
            "merge": client.post(
                "/deals/1/merge",
                data={
                    **form,
                    "mine": seed_text.replace("agents: 450", "agents: 460"),
                    "base_number": "1",
                    "latest_number": "1",
                },
            ),
        }
        for name, response in refused.items():
            assert_error_shape(response, f"/deals/1 ({name})", 503)
            assert response.headers["retry-after"] == "7", name
        assert not running.done() and not waiting.done()
        job.release()
        assert running.result().status_code == 200 and waiting.result().status_code == 200
        assert [d["latest_number"] for d in client.get("/api/deals").json()["deals"]] == [1]  # nothing saved
        assert client.post(step, data=save, follow_redirects=False).status_code == 303
        assert "unit_price: 139" in client.get("/api/deals/1/versions/2").json()["version"]["yaml"]


def test_people_opening_one_new_version_at_once_share_its_parse(
    sqlite_store: Store, tmp_path: Path, seed_text: str
) -> None:
    """With one slot and no queue, a second parse of the same text would be refused: six people opening a version
    no one has opened yet all get the page, because they wait for the one parse instead of queueing copies."""
    limits = {"work_slots": 1, "work_queue": 0}
    app = create_app(sqlite_store, _settings(**limits))
    with serving(app, _settings(**limits)) as (host, port), ThreadPoolExecutor(6) as background:
        client = httpx.Client(base_url=f"http://{host}:{port}", timeout=PATIENCE)
        assert client.post("/api/deals", json={"yaml": seed_text, "author": "ana"}, headers=_csrf(client)).is_success
        views = [background.submit(client.get, "/deals/1/comments") for _ in range(6)]
        answers = [view.result() for view in views]
        assert [a.status_code for a in answers] == [200] * 6
        assert all("<title>Comments · Contact-center platform replacement" in a.text for a in answers)
