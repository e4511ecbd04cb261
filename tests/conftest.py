"""Fixtures: the real store (SQLite in memory, or PostgreSQL when TALLY_TEST_DATABASE_URL names one)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

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
if PG_URL and os.environ.get("PYTEST_XDIST_WORKER"):
    raise pytest.UsageError("TALLY_TEST_DATABASE_URL names one database that each test empties: run the tests on "
                            "PostgreSQL in one process (without -n).")


def today() -> date:
    return TODAY


def reset_postgres(url: str) -> None:
    """Drop every table so each test starts from an empty database (the tests own this database)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    if PG_URL:
        reset_postgres(PG_URL)
        return PG_URL
    return f"sqlite:///{tmp_path / 'tally.db'}"


@pytest.fixture(scope="session")
def made_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite store as a first start makes it (migrated and seeded), made once: making one takes longer than
    most tests, so each test's own store is a copy of it."""
    path = tmp_path_factory.mktemp("made") / "tally.db"
    open_store(f"sqlite:///{path}", DATA_DIR, today).engine.dispose()
    return path


def with_incident_records(repository: Repository) -> Tally:
    """A Tally over `repository` with Airwars' incident file imported, as `tally incidents import` writes it."""
    tally = Tally(repository, today, incidents=IncidentRepository(repository))
    assert tally.incidents is not None
    tally.incidents.import_rows(tally.incidents.read_file(INCIDENT_FILE.read_bytes()), CLI_EDITOR, "Airwars archive")
    return tally


@pytest.fixture(scope="session")
def made_store_with_incidents(made_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The made store with the incident file imported, made once: importing its 2,190 rows takes longer than the
    tests that read them."""
    path = tmp_path_factory.mktemp("made-incidents") / "tally.db"
    shutil.copyfile(made_store, path)
    repository = open_store(f"sqlite:///{path}", DATA_DIR, today)
    with_incident_records(repository)
    repository.engine.dispose()
    return path


def open_copy(database_url: str, request: pytest.FixtureRequest, made: str) -> Repository:
    """The test's own store, opened as the bot opens a store at each start: on SQLite a copy of the store that the
    session fixture `made` made once; on PostgreSQL the emptied database (so made anew: see `database_url`)."""
    if not PG_URL:
        shutil.copyfile(request.getfixturevalue(made), make_url(database_url).database or "")
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
    yield with_incident_records(repository) if PG_URL else Tally(repository, today,
                                                                  incidents=IncidentRepository(repository))
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
