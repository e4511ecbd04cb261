"""A store with Airwars' incident records imported (from data/examples), and the file itself, read with `csv`
so that expected values are computed here from the data, never typed by hand."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.domain.service import Tally
from bot.store.engine import open_store
from bot.store.incidents import IncidentRepository
from tests.conftest import DATA_DIR, INCIDENT_FILE, MadeStore, drop_session_store, session_store_url, today


def load_rows(path: Path = INCIDENT_FILE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def rows() -> list[dict[str, str]]:
    return load_rows()


@pytest.fixture(scope="session")
def with_incidents(made_store_with_incidents: MadeStore,
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tally]:
    """Read-only, shared: a copy of the made store with the incident file imported."""
    url = session_store_url("with_incidents", tmp_path_factory)
    made_store_with_incidents.copy_to(url)
    repository = open_store(url, DATA_DIR, today)
    yield Tally(repository, today, incidents=IncidentRepository(repository))
    repository.engine.dispose()
    drop_session_store(url)


def make_tally(url: str) -> Tally:
    repository = open_store(url, DATA_DIR, today)
    return Tally(repository, today, incidents=IncidentRepository(repository))
