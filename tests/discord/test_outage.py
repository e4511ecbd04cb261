"""Through the command tree while the database is down: a plain answer, no apology with an error id."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import simcord

from bot.domain.service import Tally
from bot.store.engine import UNAVAILABLE, open_store
from tests.conftest import DATA_DIR, today
from tests.private_postgres import PrivatePostgres, private_postgres  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.store, pytest.mark.slow]


@pytest.fixture
def tally(private_postgres: PrivatePostgres) -> Iterator[Tally]:  # noqa: F811
    repository = open_store(private_postgres.url, DATA_DIR, today)
    yield Tally(repository, today)
    repository.close()


async def test_during_an_outage_ask_says_the_store_is_unavailable(env: simcord.Env, channel, alice,
                                                                  private_postgres: PrivatePostgres) -> None:  # noqa: F811
    with private_postgres.stopped():
        result = await alice.slash(channel, "ask", question="civilians since Nov 2016")
        assert result.response.content == UNAVAILABLE
        assert "error `" not in result.response.content
        assert await alice.autocomplete(channel, "ask", "question", "civilian deaths") == []
        assert [type(getattr(e, "original", e)).__name__ for e in env.errors] == ["StoreUnavailable"]
    again = await alice.slash(channel, "ask", question="civilians since Nov 2016")
    assert again.response.embeds[0].title == "45 civilians killed — CJTF-OIR"
