"""A store with Airwars' incident records imported (from data/examples), and the file itself, read with `csv`
so that expected values are computed here from the data, never typed by hand."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.domain.models import CLI_EDITOR
from bot.domain.service import Tally
from bot.store.engine import open_store
from bot.store.incidents import IncidentRepository
from tests.conftest import DATA_DIR, today

INCIDENT_FILE = DATA_DIR / "examples" / "airwars-syria-coalition-incidents.csv"


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
    tally = Tally(repository, today, incidents=IncidentRepository(repository))
    assert tally.incidents is not None
    tally.incidents.import_rows(tally.incidents.read_file(INCIDENT_FILE.read_bytes()), CLI_EDITOR, "test import")
    yield tally
    repository.engine.dispose()


def make_tally(url: str) -> Tally:
    repository = open_store(url, DATA_DIR, today)
    return Tally(repository, today, incidents=IncidentRepository(repository))
