"""The real bot process with its PostgreSQL frozen (SIGSTOP): every interaction is still acknowledged in time."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.store.engine import open_store
from tests.conftest import DATA_DIR, today
from tests.fake_discord import BOT_TOKEN, GUILD_ID, FakeDiscord
from tests.private_postgres import PrivatePostgres, private_postgres  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.store]


async def test_a_frozen_database_never_delays_an_acknowledgement(tmp_path: Path,
                                                                 private_postgres: PrivatePostgres) -> None:  # noqa: F811
    open_store(private_postgres.url, DATA_DIR, today).close()
    fake = await FakeDiscord().start()
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": f"{ROOT / 'tests' / 'fake_discord_site'}:{ROOT}",
           "TALLY_FAKE_DISCORD": fake.url, "DISCORD_TOKEN": BOT_TOKEN,
           "HOME_GUILD_IDS": GUILD_ID, "DATABASE_URL": private_postgres.url,
           "LOG_LEVEL": "WARNING"}
    with open(tmp_path / "bot.log", "wb") as log:
        process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", cwd=ROOT, env=env, stdout=log,
                                                       stderr=asyncio.subprocess.STDOUT)
    try:
        await asyncio.wait_for(fake.identified.wait(), 60)
        await asyncio.sleep(1)
        with private_postgres.frozen():
            sent = [await fake.slash("figures"), await fake.slash("ask", question="civilians since Nov 2016"),
                    await fake.slash("sources")]
            started = asyncio.get_running_loop().time()
            typed = await fake.autocomplete("ask", "question", "airwars")
            callbacks = [await fake.callback_for(p, timeout=3) for p in [*sent, typed]]
            assert asyncio.get_running_loop().time() - started < 3
            assert [c.body["type"] for c in callbacks] == [5, 5, 5, 8]
        answers = [await fake.followup_for(p, timeout=30) for p in sent]
        assert all(a.body.get("embeds") for a in answers)
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 20)
        await fake.stop()
