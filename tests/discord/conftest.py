"""The real bot, built by its factory, run by simcord through discord.py's real gateway parsers and command tree."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import discord
import pytest
import pytest_asyncio
import simcord

from bot.client import TallyBot, create_bot
from bot.config import Settings
from bot.domain.service import Tally
from tests.conftest import DATA_DIR

SETTINGS = Settings(data_dir=DATA_DIR, ask_cooldown_rate=50, ask_cooldown_seconds=60)


@pytest.fixture
def settings() -> Settings:
    return SETTINGS


@pytest_asyncio.fixture
async def env(tally: Tally, settings: Settings) -> AsyncIterator[simcord.Env]:
    # As simcord's own pytest fixture does: start and stop in the fixture, clocks selected per test.
    environment = simcord.Env(create_bot(settings, tally, shard_count=1))
    await environment.start()
    try:
        yield environment
    finally:
        await environment.shutdown()
        environment._raise_errors_since(environment._errors_acknowledged)


@pytest.fixture
def bot(env: simcord.Env) -> TallyBot:
    assert isinstance(env.bot, TallyBot)
    return env.bot


@pytest.fixture
def guild(env: simcord.Env) -> simcord.GuildHandle:
    return env.create_guild("Community")


@pytest.fixture
def channel(guild: simcord.GuildHandle) -> simcord.ChannelHandle:
    return guild.create_text_channel("general")


@pytest.fixture
def alice(env: simcord.Env, guild: simcord.GuildHandle) -> simcord.MemberActor:
    return guild.add_member(env.create_user("alice"))


def with_settings(**changes: object) -> Settings:
    return replace(SETTINGS, **changes)


def response(result: simcord.InteractionResult) -> simcord.ResponseMessage:
    """The message the bot answered an interaction with; a test reading it fails here if there was none."""
    assert result.response is not None, "the interaction was answered with no message"
    return result.response


def text_channel(bot: TallyBot, channel: simcord.ChannelHandle) -> discord.TextChannel:
    """discord.py's own object for a text channel the test made (get_channel may give None or another kind)."""
    found = bot.get_channel(channel.id)
    assert isinstance(found, discord.TextChannel), found
    return found
