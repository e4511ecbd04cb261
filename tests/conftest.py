"""Fixtures: the real store (SQLite in memory, or PostgreSQL when TALLY_TEST_DATABASE_URL names one)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, make_url, text

from bot.domain.models import CLI_EDITOR
from bot.domain.service import Tally
from bot.store.engine import open_store
from bot.store.incidents import IncidentRepository
from bot.store.repository import Repository

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
INCIDENT_FILE = DATA_DIR / "examples" / "airwars-syria-coalition-incidents.csv"
TODAY = date(2026, 11, 23)
PG_URL = os.environ.get("TALLY_TEST_DATABASE_URL", "")


def today() -> date:
    return TODAY


def own_database_url(name: str = "") -> str:
    """A PostgreSQL database this test process owns: the one named, or under pytest-xdist one a worker beside it
    (`test_gw0`, …), so that workers never empty each other's database; with `name`, one more beside that."""
    url = make_url(PG_URL)
    database = "_".join(part for part in (url.database, os.environ.get("PYTEST_XDIST_WORKER"), name) if part)
    return url.set(database=database).render_as_string(hide_password=False)


def session_store_url(name: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Where a store kept for the whole session goes: its own SQLite file, or its own PostgreSQL database."""
    if PG_URL:
        return own_database_url(name)
    return f"sqlite:///{tmp_path_factory.mktemp(name) / 'tally.db'}"


def drop_session_store(url: str) -> None:
    """A session store's SQLite file goes with pytest's temporary folders; a PostgreSQL database is dropped."""
    if PG_URL:
        drop_postgres_database(url)


def copy_postgres_database(template: str, url: str) -> None:
    """Make the database `url` names again, as a copy of the database `template` (`CREATE DATABASE … TEMPLATE`):
    30–300 ms here, where migrating and seeding one takes 300–650 ms. Needs the right to create databases."""
    drop_postgres_database(url)
    with _maintenance(url) as connection:
        connection.execute(text(f'CREATE DATABASE "{make_url(url).database}" TEMPLATE "{template}"'))


def empty_postgres_database(url: str) -> None:
    """Drop every table of the database `url` names, making the database if it is missing (emptying one is
    cheaper than making one: a new database copies the server's catalogs)."""
    with _maintenance(url) as connection:
        name = make_url(url).database
        if connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).first() is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
            return
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def drop_postgres_database(url: str) -> None:
    with _maintenance(url) as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))


@contextmanager
def _maintenance(url: str) -> Iterator[Connection]:
    """A connection to the server's maintenance database, outside a transaction (as CREATE DATABASE must be)."""
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            yield connection
    finally:
        admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def _worker_database() -> Iterator[None]:
    """A worker's own PostgreSQL database goes when the worker is done; the one named is the owner's to keep."""
    yield
    if PG_URL and os.environ.get("PYTEST_XDIST_WORKER"):
        drop_postgres_database(own_database_url())


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """An empty store's URL: a fresh SQLite file, or this process's PostgreSQL database emptied."""
    if PG_URL:
        url = own_database_url()
        empty_postgres_database(url)
        return url
    return f"sqlite:///{tmp_path / 'tally.db'}"


class MadeStore:
    """A store made once a session (as a first start makes it, then `fill`ed), of which each test gets its own
    copy: making one takes longer than most tests. An SQLite file, or a PostgreSQL database used as a template."""

    def __init__(self, name: str, tmp_path_factory: pytest.TempPathFactory, base: MadeStore | None = None,
                 fill: Callable[[Repository], object] = lambda repository: None) -> None:
        self.url = session_store_url(name, tmp_path_factory)
        if base:
            base.copy_to(self.url)
        elif PG_URL:
            empty_postgres_database(self.url)
        repository = open_store(self.url, DATA_DIR, today)
        fill(repository)
        repository.engine.dispose()

    def copy_to(self, database_url: str) -> None:
        if PG_URL:
            copy_postgres_database(make_url(self.url).database or "", database_url)
        else:
            shutil.copyfile(make_url(self.url).database or "", make_url(database_url).database or "")

    def drop(self) -> None:
        drop_session_store(self.url)


def with_incident_records(repository: Repository) -> Tally:
    """A Tally over `repository` with Airwars' incident file imported, as `tally incidents import` writes it."""
    tally = Tally(repository, today, incidents=IncidentRepository(repository))
    assert tally.incidents is not None
    tally.incidents.import_rows(tally.incidents.read_file(INCIDENT_FILE.read_bytes()), CLI_EDITOR, "Airwars archive")
    return tally


@pytest.fixture(scope="session")
def made_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MadeStore]:
    """The store as a first start makes it: migrated and seeded."""
    made = MadeStore("made", tmp_path_factory)
    yield made
    made.drop()


@pytest.fixture(scope="session")
def made_store_with_incidents(made_store: MadeStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MadeStore]:
    """The made store with the incident file imported: importing its 2,190 rows takes longer than the tests that
    read them."""
    made = MadeStore("made_incidents", tmp_path_factory, made_store, with_incident_records)
    yield made
    made.drop()


def open_copy(database_url: str, request: pytest.FixtureRequest, made: str) -> Repository:
    """The test's own store, a copy of the store that the session fixture `made` made once, opened as the bot
    opens a store at each start."""
    request.getfixturevalue(made).copy_to(database_url)
    return open_store(database_url, DATA_DIR, today)


@pytest.fixture
def repo(database_url: str, request: pytest.FixtureRequest) -> Iterator[Repository]:
    repository = open_copy(database_url, request, "made_store")
    yield repository
    repository.engine.dispose()


@pytest.fixture
def incident_tally(database_url: str, request: pytest.FixtureRequest) -> Iterator[Tally]:
    """The test's own store with the incident file imported (by the command line, reason "Airwars archive")."""
    repository = open_copy(database_url, request, "made_store_with_incidents")
    yield Tally(repository, today, incidents=IncidentRepository(repository))
    repository.engine.dispose()


@pytest.fixture
def tally(repo: Repository) -> Tally:
    return Tally(repo, today)


@pytest.fixture(scope="session")
def seeded() -> Iterator[Tally]:
    """A read-only store shared by the many question tests: SQLite in memory, seeded once."""
    repository = open_store("sqlite://", DATA_DIR, today)
    yield Tally(repository, today)
    repository.engine.dispose()
