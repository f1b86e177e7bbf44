"""Keeping CPU-bound work off the event loop, bounded: a fixed number of worker slots, a short queue, and a CPU
budget per request, so no request (a hostile deal file, a huge document, an engine run) can stall the others.

    route (async)  --await off_loop(...)-->  a thread of the server's pool (the event loop stays free)
    thread         --bounded(request, ...)-->  waits for one of `work_slots` slots (at most `work_queue` jobs
                                               wait, each at most `work_wait_seconds`; beyond that 503 server_busy
                                               with Retry-After), then computes the job in a forked child
                                               (child_process.py) within what is left of the request's CPU
                                               budget and the memory budget; over budget is 422 over_budget

Every CPU-bound step goes through `bounded`: reading a deal text (import, save, the first view of a version),
reading and reviewing a document, the engines behind the tabs and the JSON API, the goals behind the KPIs, the
exports. Database work and page rendering run in threads without a slot (they are short). A job answers what its
function returns (it must pickle: the deal model, engine results and exports do); a `PrincipalError` it raises (an
input error with its located problems) is raised again here. A figure too large to compute (an arithmetic error
inside an engine, from a deal whose amounts validated) is a 422; any other failure is a 500 whose traceback goes to
the server's log.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar, cast

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from principal.loader import parse_deal
from principal.model import Deal
from principal.web.child_process import Outcome, Status, run_in_child
from principal.web.errors import OverBudget, ServerBusy, Unprocessable, WebError
from principal.web.recently_made import RecentlyMade
from principal.web.settings import MIB, WebSettings

T = TypeVar("T")
log = logging.getLogger("principal.web")

BUDGET_KEY = "principal_cpu_budget"
LEAST_USEFUL_SECONDS = 0.05


class WorkerPool:
    """`slots` jobs at once; at most `queue` more wait (each up to `wait_seconds`); the rest are told to retry."""

    def __init__(self, slots: int, queue: int, wait_seconds: float, retry_after: int) -> None:
        if slots < 1 or queue < 0 or wait_seconds <= 0:
            raise ValueError("slots must be positive, queue not negative, wait_seconds positive")
        self.slots = slots
        self.queue = queue
        self.wait_seconds = wait_seconds
        self.retry_after = retry_after
        self.running = 0
        self.waiting = 0
        self._changed = threading.Condition()

    def busy(self, reason: str) -> ServerBusy:
        return ServerBusy(f"{reason}; try again in {self.retry_after} s", retry_after=self.retry_after)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one slot while the block runs; raise ServerBusy when none frees up in time or the queue is full."""
        with self._changed:
            if self.running >= self.slots:
                if self.waiting >= self.queue:
                    raise self.busy(f"the server is busy: {self.running} jobs running and {self.waiting} waiting")
                self.waiting += 1
                try:
                    deadline = time.monotonic() + self.wait_seconds
                    while self.running >= self.slots:
                        left = deadline - time.monotonic()
                        if left <= 0:
                            raise self.busy(f"the server stayed busy for {self.wait_seconds:g} s")
                        self._changed.wait(left)
                finally:
                    self.waiting -= 1
            self.running += 1
        try:
            yield
        finally:
            with self._changed:
                self.running -= 1
                self._changed.notify()

    def status(self) -> dict[str, int]:
        with self._changed:
            return {"running": self.running, "waiting": self.waiting, "slots": self.slots, "queue": self.queue}


@dataclass
class RequestBudget:
    """CPU seconds one request may still spend on jobs (several jobs of one request share it)."""

    limit: float
    spent: float = 0.0

    @property
    def left(self) -> float:
        return self.limit - self.spent


@dataclass(frozen=True)
class Work:
    """What the app needs to run jobs: the pool and the per-request bounds."""

    pool: WorkerPool
    cpu_seconds: float
    memory_bytes: int
    isolate: bool = True

    @classmethod
    def from_settings(cls, settings: WebSettings, *, isolate: bool = True) -> Work:
        pool = WorkerPool(
            settings.work_slots, settings.work_queue, settings.work_wait_seconds, settings.retry_after_seconds
        )
        return cls(pool, settings.cpu_seconds_per_request, settings.work_memory_bytes, isolate)


def work_of(request: Request) -> Work:
    work: Work = request.app.state.work
    return work


def budget_of(request: Request, work: Work) -> RequestBudget:
    state: dict[str, Any] = request.scope.setdefault("state", {})
    budget = state.get(BUDGET_KEY)
    if not isinstance(budget, RequestBudget):
        budget = state[BUDGET_KEY] = RequestBudget(work.cpu_seconds)
    return budget


def bounded(request: Request, what: str, func: Callable[..., T], *args: Any, reads_input: bool = False) -> T:
    """func(*args), computed in a worker slot in a child process within the request's budgets (call from a thread,
    never from the event loop). `what` names the work in messages: "reading deal.yaml", "the cost analysis".
    `reads_input`: the job reads what the client sent, so an unexpected failure is the input's 422 (and logged)."""
    work = work_of(request)
    budget = budget_of(request, work)
    if budget.left < LEAST_USEFUL_SECONDS:
        raise _over_cpu(what, work.cpu_seconds)
    with work.pool.slot():
        outcome = run_in_child(
            func, args, cpu_seconds=budget.left, memory_bytes=work.memory_bytes, isolate=work.isolate
        )
    budget.spent += outcome.cpu_seconds
    return cast(T, _answer(outcome, what, work, reads_input))


def _over_cpu(what: str, limit: float) -> OverBudget:
    return OverBudget(
        f"{what} needed more than {limit:g} CPU seconds, the most one request may use; "
        "the input is too large or too complex to process here"
    )


def _answer(outcome: Outcome, what: str, work: Work, reads_input: bool) -> Any:
    match outcome.status:
        case Status.ok:
            return outcome.value
        case Status.raised:
            raise outcome.value
        case Status.cpu:
            raise _over_cpu(what, work.cpu_seconds)
        case Status.memory:
            raise OverBudget(
                f"{what} needed more than {work.memory_bytes // MIB:,} MB of memory, the most one request may "
                "use; the input is too large or too complex to process here"
            )
    crash = outcome.value
    if outcome.status is Status.crashed and crash.arithmetic:
        raise Unprocessable(
            f"{what} failed: a figure is too large or too precise to compute ({crash.kind}); "
            "check the deal's amounts, quantities and rates"
        )
    detail = f"{crash.kind}: {crash.message}\n{crash.traceback}" if outcome.status is Status.crashed else "idle"
    log.error("job failed (%s): %s", what, detail)
    if reads_input and outcome.status is Status.crashed:
        raise Unprocessable(f"{what} failed: the input could not be read ({crash.kind}); check what was sent")
    raise WebError("an unexpected error happened; it was written to the server's log")


_parsing: RecentlyMade[Deal] = RecentlyMade(8)


def deal_parser(request: Request) -> Callable[[str, str], Deal]:
    """A `parse_deal` that reads the text in a worker within the request's budgets (for the store's `parse=`).
    Requests reading the same text at the same moment (many people opening a new version) share one job instead
    of filling the queue with copies of it; a text that does not read is read again by the next request."""

    def parse(text: str, filename: str) -> Deal:
        key = (hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), filename)
        return _parsing.get(
            key, lambda: bounded(request, f"reading {filename}", parse_deal, text, filename, reads_input=True)
        )

    return parse


async def off_loop(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run func(*args, **kwargs) in a thread of the server's pool, so the event loop keeps answering others."""
    return await run_in_threadpool(partial(func, *args, **kwargs))
