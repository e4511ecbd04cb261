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
from tests.conftest import DATA_DIR, INCIDENT_FILE, today, with_incident_records


def load_rows(path: Path = INCIDENT_FILE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def rows() -> list[dict[str, str]]:
    return load_rows()


@pytest.fixture(scope="session")
def with_incidents() -> Iterator[Tally]:
    """Read-only: SQLite in memory with the seed and the incident file imported once."""
    repository = open_store("sqlite://", DATA_DIR, today)
    yield with_incident_records(repository)
    repository.engine.dispose()


def make_tally(url: str) -> Tally:
    repository = open_store(url, DATA_DIR, today)
    return Tally(repository, today, incidents=IncidentRepository(repository))
