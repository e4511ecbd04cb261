"""The real bot process (`python -m bot`) against a fake Discord on 127.0.0.1, as users run it."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.fake_discord import (
    APP_ID,
    BOT_TOKEN,
    CHANNEL_ID,
    GUILD_ID,
    OTHER_ADMINS_ROLE_ID,
    OTHER_GUILD_ID,
    OTHER_MANAGER,
    OTHER_OWNER,
    FakeDiscord,
)

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = pytest.mark.slow


async def start_bot(fake: FakeDiscord, tmp_path: Path, token: str = BOT_TOKEN,
                    **settings: str) -> asyncio.subprocess.Process:
    env = {
        "HOME_GUILD_IDS": GUILD_ID,
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": f"{ROOT / 'tests' / 'fake_discord_site'}:{ROOT}",
        "TALLY_FAKE_DISCORD": fake.url,
        "DISCORD_TOKEN": token,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'tally.db'}",
        "LOG_LEVEL": "INFO",
        **settings,
    }
    log = open(tmp_path / "bot.log", "wb")  # noqa: SIM115 - the process writes to it until it exits
    return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", cwd=ROOT, env=env,
                                                stdout=log, stderr=asyncio.subprocess.STDOUT)


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    yield server
    await server.stop()


async def test_the_bot_process_logs_in_syncs_answers_and_stops_on_sigterm(fake: FakeDiscord, tmp_path: Path) -> None:
    process = await start_bot(fake, tmp_path)
    try:
        await asyncio.wait_for(fake.synced.wait(), 30)
        await asyncio.wait_for(fake.identified.wait(), 30)
        assert {c["name"] for c in fake.commands} >= {"ask", "compare", "figure", "figures", "sources", "help"}
        await asyncio.sleep(0.5)  # let the bot process READY and GUILD_CREATE

        asked = await fake.slash("ask", question="civilians since Nov 2016")
        assert (await fake.callback_for(asked)).body["type"] == 5
        followup = (await fake.followup_for(asked)).body
        assert followup["embeds"][0]["title"] == "45 civilians killed — CJTF-OIR"
        assert followup["allowed_mentions"]["parse"] == []

        typed = await fake.autocomplete("ask", "question", "airwars")
        choices = (await fake.callback_for(typed)).body
        assert choices["type"] == 8 and 0 < len(choices["data"]["choices"]) <= 25

        mention = await fake.mention("how many sorties?")
        reply = await fake.wait_for(lambda r: r.method == "POST" and r.path == f"/channels/{CHANNEL_ID}/messages")
        assert reply.body["embeds"][0]["title"].startswith("20,205 strikes")
        assert str(reply.body["message_reference"]["message_id"]) == mention["id"]
        assert reply.body["allowed_mentions"]["parse"] == []
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 15)
    log = (tmp_path / "bot.log").read_text()
    assert code == 0, log
    assert "stopping on signal" in log and "Traceback" not in log
    assert [r.path for r in fake.requests[:2]] == ["/users/@me", "/oauth2/applications/@me"]


async def test_a_refused_token_is_one_clear_line_and_a_non_zero_exit(fake: FakeDiscord, tmp_path: Path) -> None:
    process = await start_bot(fake, tmp_path, token="revoked-token")
    code = await asyncio.wait_for(process.wait(), 30)
    log = (tmp_path / "bot.log").read_text()
    assert code == 1
    assert "tally: Discord refused the token in DISCORD_TOKEN (invalid or revoked)." in log
    assert "Traceback" not in log


@pytest.mark.parametrize("where", ["http://discord.invalid", "http://127.0.0.1:9"], ids=["no DNS", "refused"])
async def test_discord_out_of_reach_at_start_is_one_line_and_a_non_zero_exit(tmp_path: Path, where: str) -> None:
    process = await start_bot(FakeDiscord(), tmp_path, TALLY_FAKE_DISCORD=where)
    code = await asyncio.wait_for(process.wait(), 60)
    log = (tmp_path / "bot.log").read_text()
    assert code == 1, log
    assert "tally: cannot reach Discord" in log and "Traceback" not in log
    assert len([line for line in log.splitlines() if line.startswith("tally:")]) == 1


async def test_with_a_dev_guild_commands_sync_to_that_server(fake: FakeDiscord, tmp_path: Path) -> None:
    process = await start_bot(fake, tmp_path, DEV_GUILD_ID=GUILD_ID)
    try:
        await asyncio.wait_for(fake.synced.wait(), 30)
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 15)
    syncs = [r.path for r in fake.requests if r.method == "PUT"]
    assert syncs == [f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands"]
    assert code == 0, (tmp_path / "bot.log").read_text()


async def test_only_the_home_server_changes_figures(fake: FakeDiscord, tmp_path: Path) -> None:
    """The second server's owner and its Manage Server member are refused privately; the home server's owner is not."""
    process = await start_bot(fake, tmp_path)
    try:
        await asyncio.wait_for(fake.identified.wait(), 30)
        await asyncio.sleep(0.5)
        for user, roles, command, options in (
                (OTHER_OWNER, (), "retract", {"id": "4", "reason": "mine now"}),
                (OTHER_MANAGER, (OTHER_ADMINS_ROLE_ID,), "edit", {"id": "2", "value": "4500", "reason": "bigger"})):
            attempt = await fake.subcommand(f"mod figure {command}", user=user, guild=OTHER_GUILD_ID, roles=roles,
                                            **options)
            refusal = (await fake.callback_for(attempt)).body
            assert refusal["type"] == 4 and refusal["data"]["flags"] == 64
            assert refusal["data"]["content"].startswith("Tally's figures are shared by every server it is in")

        asked = await fake.slash("ask", question="civilians since Nov 2016")
        assert (await fake.followup_for(asked)).body["embeds"][0]["title"] == "45 civilians killed — CJTF-OIR"
        retracted = await fake.subcommand("mod figure retract", id="4", reason="withdrawn by the home server")
        assert (await fake.followup_for(retracted)).body["content"] == "Retracted figure 4."
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 15)
    log = (tmp_path / "bot.log").read_text()
    assert code == 0, log
    assert log.count("not a home server") == 2 and "Elsewhere" in log and "Traceback" not in log


async def test_moderation_without_a_home_server_refuses_to_start(fake: FakeDiscord, tmp_path: Path) -> None:
    process = await start_bot(fake, tmp_path, HOME_GUILD_IDS="", MODERATOR_ROLE_IDS="123")
    code = await asyncio.wait_for(process.wait(), 30)
    log = (tmp_path / "bot.log").read_text()
    assert code == 1, log
    assert "tally: HOME_GUILD_IDS is not set, but MODERATOR_ROLE_IDS is set" in log and "Traceback" not in log
    assert not fake.requests, "it stops before connecting"
