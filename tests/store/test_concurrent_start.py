"""Bot processes started at the same moment on a fresh store: every one starts (migrate, seed and the audit feed's
cursors), the store is seeded once. Threads with an engine each stand for the processes. On PostgreSQL in CI
(the issue's case), on an SQLite file otherwise."""

from __future__ import annotations

import threading

import pytest

from bot.domain.audit import FIGURES, WORDS
from bot.domain.service import Tally
from bot.store.engine import open_store
from bot.store.repository import Repository
from tests.conftest import DATA_DIR, today

pytestmark = [pytest.mark.store, pytest.mark.slow]
PROCESSES = 4
ROUNDS = 5


def start(url: str, barrier: threading.Barrier, opened: list[Repository], errors: list[BaseException]) -> None:
    """What a bot process does on start, up to connecting to Discord."""
    try:
        barrier.wait()
        repository = open_store(url, DATA_DIR, today)
        opened.append(repository)
        # The advisory lock lines the processes up; then they start their audit feeds at the same moment.
        barrier.wait()
        Tally(repository, today).start_audit()
    except BaseException as error:
        errors.append(error)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_processes_starting_at_once_on_a_fresh_database_all_start(database_url: str, round_: int) -> None:
    barrier = threading.Barrier(PROCESSES)
    opened: list[Repository] = []
    errors: list[BaseException] = []
    threads = [threading.Thread(target=start, args=(database_url, barrier, opened, errors)) for _ in range(PROCESSES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    try:
        assert errors == []
        store = opened[0]
        assert len(store.all_figures()) == 7, "seeded once"
        assert len(store.all_revisions()) == 7
        assert {store.cursor(FIGURES), store.cursor(WORDS)} <= {0, 7} and store.cursor(FIGURES) == 7
    finally:
        for repository in opened:
            repository.close()
