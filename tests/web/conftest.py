"""Fixtures for the store and web tests: databases (SQLite, and PostgreSQL when installed) and app clients."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from principal.store.database import Store, open_store
from principal.web.app import create_app
from principal.web.settings import WebSettings
from tests.conftest import SEED
from tests.web.postgres_cluster import postgres_cluster, why_unavailable

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

LOCAL = "http://127.0.0.1"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def postgres_base_url() -> Iterator[str]:
    reason = why_unavailable()
    if reason is not None:
        pytest.skip(reason)
    with postgres_cluster() as url:
        yield url


def _fresh_postgres_database(base: str) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{base}/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'principal.db'}"
    base: str = request.getfixturevalue("postgres_base_url")
    return _fresh_postgres_database(base)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(database_url)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'principal.db'}")
    yield opened
    opened.close()


class WebClient:
    """An in-process client that behaves like a same-origin web: it keeps cookies and fills the CSRF field."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    @property
    def csrf(self) -> str:
        token = self.client.cookies.get("principal_csrf")
        if token is None:
            self.client.get("/login")
            token = self.client.cookies.get("principal_csrf")
        assert token is not None
        return token

    def post_form(self, url: str, data: dict[str, str], **kwargs: object) -> object:
        return self.client.post(url, data={"csrf_token": self.csrf, **data}, follow_redirects=False, **kwargs)  # type: ignore[arg-type]


def make_client(store: Store, settings: WebSettings | None = None, **kwargs: object) -> TestClient:
    app = create_app(store, settings or WebSettings(default_author="tester"), **kwargs)  # type: ignore[arg-type]
    return TestClient(app, base_url=LOCAL)


@pytest.fixture
def client(sqlite_store: Store) -> TestClient:
    return make_client(sqlite_store)


@pytest.fixture
def web(client: TestClient) -> WebClient:
    return WebClient(client)


@pytest.fixture
def seeded(web: WebClient, seed_text: str) -> WebClient:
    """A client whose database holds the seed deal as deal 1, version 1."""
    response = web.post_form("/deals", {"yaml_text": seed_text, "author": "ana", "message": "Imported"})
    assert response.status_code == 303  # type: ignore[attr-defined]
    return web
