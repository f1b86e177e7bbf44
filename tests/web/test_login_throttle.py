"""Wrong access tokens are counted per client address; past the limit the address waits, right token or not."""

from __future__ import annotations

from typing import Any

import pytest

from principal.store.database import Store
from principal.web.errors import TooManyAttempts
from principal.web.login_throttle import LoginThrottle
from principal.web.settings import WebSettings
from tests.web.conftest import LOCAL, TestClient, WebClient, make_client

TOKEN = "Vq3xN8rT0-kWm2ZpLc7YhB5sJd9FgA4uEo1iXnRbQyK"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_lockout_lasts_until_the_oldest_failure_leaves_the_window() -> None:
    clock = Clock()
    throttle = LoginThrottle(3, 60.0, clock=clock)
    for step in range(3):
        throttle.check("10.0.0.1")
        throttle.failed("10.0.0.1")
        clock.now += 10.0 if step < 2 else 0.5
    with pytest.raises(TooManyAttempts) as refused:
        throttle.check("10.0.0.1")
    # failures at 1000, 1010, 1020; now 1020.5: the first leaves the window at 1060, 39.5 s away -> 40 s.
    assert refused.value.retry_after == 40
    assert refused.value.message == "too many wrong access tokens from this address; try again in 40 s"
    throttle.check("10.0.0.2")  # another address is not affected
    clock.now = 1060.0
    throttle.check("10.0.0.1")
    assert throttle.failures("10.0.0.1") == 2


def test_a_right_token_clears_the_count_and_old_clients_are_dropped() -> None:
    clock = Clock()
    throttle = LoginThrottle(2, 60.0, max_clients=2, clock=clock)
    throttle.failed("a")
    throttle.succeeded("a")
    throttle.failed("a")
    throttle.check("a")
    throttle.failed("b")
    throttle.failed("c")  # third address: the oldest ("a") is forgotten
    assert (throttle.failures("a"), throttle.failures("b"), throttle.failures("c")) == (0, 1, 1)
    with pytest.raises(ValueError):
        LoginThrottle(0, 60.0)


def _guarded(store: Store) -> Any:
    return make_client(store, WebSettings(host="0.0.0.0", token=TOKEN, max_token_failures=3))


def test_bearer_guessing_is_refused_with_429_and_retry_after(sqlite_store: Store) -> None:
    client = _guarded(sqlite_store)
    for _ in range(3):
        wrong = client.get("/api/deals", headers={"Authorization": "Bearer guess-guess-guess-guess"})
        assert wrong.status_code == 401
    locked = client.get("/api/deals", headers={"Authorization": f"Bearer {TOKEN}"})
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "too_many_attempts"
    assert 590 <= int(locked.headers["retry-after"]) <= 600
    assert locked.headers["x-frame-options"] == "DENY"  # still passes through the security headers


def test_right_token_before_the_limit_resets_the_count(sqlite_store: Store) -> None:
    client = _guarded(sqlite_store)
    for _ in range(2):
        assert client.get("/?token=guess-guess-guess-guess").status_code == 401
    assert client.get("/api/deals", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    for _ in range(2):
        assert client.get("/api/deals", headers={"Authorization": "Bearer nope-nope-nope-nope"}).status_code == 401
    assert client.get("/api/deals", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_login_form_guessing_shows_the_wait_on_the_page(sqlite_store: Store) -> None:
    web = WebClient(_guarded(sqlite_store))
    for _ in range(3):
        wrong: Any = web.post_form("/login", {"token": "nope", "next": "/"})
        assert wrong.status_code == 401
    locked: Any = web.post_form("/login", {"token": TOKEN, "next": "/"})
    assert locked.status_code == 429
    assert "too many wrong access tokens from this address; try again in" in locked.text
    # The link form counts too, and is refused the same way.
    assert web.client.get(f"/?token={TOKEN}").status_code == 429


def test_wrong_tokens_from_many_addresses_count_together() -> None:
    clock = Clock()
    throttle = LoginThrottle(3, 60.0, max_total_failures=5, clock=clock)
    for address in ("10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.2", "10.0.0.3"):
        throttle.check(address)
        throttle.failed(address)
        clock.now += 1.0
    assert throttle.total_failures() == 5
    with pytest.raises(TooManyAttempts) as refused:
        throttle.check("10.0.0.9")  # an address that never guessed waits too
    # failures at 1000..1004, now 1005: the first of the last five leaves the window at 1060 -> 55 s.
    assert refused.value.retry_after == 55
    assert refused.value.message == "too many wrong access tokens sent to this server; try again in 55 s"
    throttle.succeeded("10.0.0.1")  # a right token clears its address's count, not the server's
    with pytest.raises(TooManyAttempts):
        throttle.check("10.0.0.1")
    clock.now = 1060.0
    throttle.check("10.0.0.9")
    assert throttle.total_failures() == 4


def test_guessing_from_sixty_addresses_is_stopped_at_the_total(sqlite_store: Store) -> None:
    settings = WebSettings(host="0.0.0.0", token=TOKEN, max_token_failures=10, max_token_failures_total=25)
    owner = make_client(sqlite_store, settings)
    app = owner.app
    assert owner.get(f"/?token={TOKEN}").status_code == 200  # the owner's browser holds the access cookie now
    answers: list[int] = []
    for n in range(60):
        guesser = TestClient(app, base_url=LOCAL, client=(f"127.0.0.{n + 2}", 40000))
        for _ in range(9):  # under the per-address limit each time
            answers.append(guesser.get("/api/deals", headers={"Authorization": "Bearer guess-guess-guess"}).status_code)
    assert answers.count(401) == 25  # every guess after the 25th was refused unheard
    assert set(answers[25:]) == {429}
    newcomer = TestClient(app, base_url=LOCAL, client=("127.0.1.1", 40000))
    locked = newcomer.get("/api/deals", headers={"Authorization": f"Bearer {TOKEN}"})
    assert locked.status_code == 429 and locked.json()["error"]["code"] == "too_many_attempts"
    assert "sent to this server" in locked.json()["error"]["message"]
    assert owner.get("/api/deals").status_code == 200  # a browser with the access cookie is not asked again
