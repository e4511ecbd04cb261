"""A store already at the newest migration starts without Alembic; the head is found as Alembic finds it."""

from __future__ import annotations

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from bot.store import engine
from bot.store.repository import Repository

pytestmark = pytest.mark.store


def test_the_head_read_from_the_files_is_alembics() -> None:
    config = Config()
    config.set_main_option("script_location", str(engine.MIGRATIONS))
    assert engine._head() == ScriptDirectory.from_config(config).get_current_head()


def test_a_migrated_store_is_recognised_as_current(repo: Repository) -> None:
    with repo.engine.connect() as connection:
        assert engine._applied(connection) == engine._head()
