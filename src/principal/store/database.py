"""Opening the database: SQLite in the user's data directory by default, PostgreSQL for a team; migrated on open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from principal.store.errors import DatabaseUnavailable

__all__ = ["DatabaseUnavailable", "Store", "default_database_url", "display_url", "open_store"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SUPPORTED_DRIVERS = ("sqlite", "postgresql+psycopg")


def default_database_url() -> str:
    """SQLite file in the platform's per-user data directory, e.g. ~/.local/share/principal/principal.db."""
    folder = Path(platformdirs.user_data_dir("principal", appauthor=False))
    return f"sqlite:///{folder / 'principal.db'}"


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unreadable database URL)"


class Store:
    """The database behind the web app: one engine, sessions for reading and transactions for writing."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction: everything inside commits together, or nothing does."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Connect, bring the schema up to date and return the store; DatabaseUnavailable names what went wrong."""
    url = url or default_database_url()
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnavailable(
            "cannot read the database URL; use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"
        ) from None
    driver = parsed.drivername
    if driver not in SUPPORTED_DRIVERS:
        raise DatabaseUnavailable(
            f"unsupported database {driver!r}; use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"
        )
    options: dict[str, Any] = {}
    if driver == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailable(f"cannot create the folder for {database}: {exc.strerror}") from None
        options["connect_args"] = {"timeout": 15}
    else:
        options["pool_pre_ping"] = True
        options["connect_args"] = {"connect_timeout": 10}
    try:
        engine = create_engine(url, **options)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise DatabaseUnavailable(f"cannot use {display_url(url)}: {exc}".splitlines()[0]) from None
    if driver == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine)
    if migrate:
        try:
            migrate_to_latest(engine)
        except OperationalError as exc:
            engine.dispose()
            reason = str(exc.orig).splitlines()[0] if exc.orig is not None else str(exc).splitlines()[0]
            raise DatabaseUnavailable(f"cannot open {display_url(url)}: {reason}") from None
    return store


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate_to_latest(engine: Engine) -> None:
    """Apply every migration shipped with the package that the database has not seen yet."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
