"""No store call on the event loop: a slow or frozen database must never stall every user's interaction."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import discord
import pytest
import simcord

from bot.client import TallyBot
from bot.domain.service import Tally
from bot.store.repository import Repository
from tests.conftest import today


class OffLoopOnly:
    """The real repository, refusing (and noting) every call made on the event loop's thread."""

    def __init__(self, inner: Repository, loop_thread: int) -> None:
        self._inner, self._loop_thread = inner, loop_thread
        self.on_loop: list[str] = []

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if not callable(attribute):
            return attribute

        def guarded(*args: Any, **kwargs: Any) -> Any:
            if threading.get_ident() == self._loop_thread:
                self.on_loop.append(name)
                raise AssertionError(f"store.{name} was called on the event loop")
            return attribute(*args, **kwargs)
        return guarded


@pytest.fixture
def tally(repo: Repository) -> Tally:
    # The tests' event loop runs on this thread, as the bot's does on its main thread.
    return Tally(OffLoopOnly(repo, threading.get_ident()), today)  # type: ignore[arg-type]


@pytest.fixture
def admin(env: simcord.Env, bot: TallyBot, guild: simcord.GuildHandle) -> simcord.MemberActor:
    bot.settings = replace(bot.settings, home_guild_ids=(guild.id,))  # moderators act from the home server
    role = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    return guild.add_member(env.create_user("admin"), roles=[role])


async def test_every_command_reads_the_store_off_the_event_loop(env: simcord.Env, channel, alice, admin,
                                                              tally: Tally) -> None:
    store: OffLoopOnly = tally.store  # type: ignore[assignment]
    calls: list[Callable[[], Any]] = [
        lambda: alice.slash(channel, "ask", question="civilians since Nov 2016"),
        lambda: alice.autocomplete(channel, "ask", "question", "civilian deaths"),
        lambda: alice.autocomplete(channel, "ask", "question", ""),
        lambda: alice.autocomplete(channel, "figures", "metric", "civ"),
        lambda: alice.autocomplete(channel, "figures", "reporter", "air"),
        lambda: alice.autocomplete(channel, "compare", "metric", "civ"),
        lambda: alice.slash(channel, "figures", metric="civilian deaths"),
        lambda: alice.slash(channel, "figures"),
        lambda: alice.slash(channel, "figure show", id=2),
        lambda: alice.slash(channel, "figure history", id=2),
        lambda: alice.slash(channel, "sources"),
        lambda: alice.slash(channel, "compare", metric="civilian deaths"),
        lambda: alice.slash(channel, "export", format="csv"),
        lambda: admin.slash(channel, "mod figure edit", id=2, value="46", keep_quote=True, reason="corrected"),
        lambda: admin.slash(channel, "mod alias add", kind="metric", name="civilian deaths", alias="bodycount",
                            reason="people say it"),
        lambda: admin.slash(channel, "mod source edit", key="airwars", name="AirWars", reason="their spelling"),
    ]
    for call in calls:
        await call()
    assert store.on_loop == []
    assert not env.errors
    assert (await asyncio.to_thread(tally.figure, 2)).value_low == 46


async def test_autocomplete_choices_carry_no_lone_surrogates(env: simcord.Env, channel, alice) -> None:
    for typed in ("civilian \ud800deaths", "\udfff"):
        choices = await alice.autocomplete(channel, "ask", "question", typed)
        for c in choices:
            assert not any("\ud800" <= ch <= "\udfff" for ch in c["name"] + str(c["value"])), c


WRITES = [
    ("mod alias add", {"kind": "metric", "name": "civilian deaths", "alias": "bodycount", "reason": "people say it"}),
    ("mod alias remove",
     {"kind": "metric", "name": "civilian deaths", "alias": "civilian toll", "reason": "too vague"}),
    ("mod source add", {"key": "ibc", "name": "Iraq Body Count", "kind": "monitor", "reason": "a new monitor"}),
    ("mod source edit", {"key": "airwars", "name": "AirWars", "reason": "their spelling"}),
]


@pytest.mark.parametrize("command,options", WRITES, ids=[c for c, _ in WRITES])
async def test_write_commands_acknowledge_before_they_write(env: simcord.Env, channel, admin, command: str,
                                                            options: dict) -> None:
    # A write may wait on a locked database; Discord drops an interaction not acknowledged within 3 s.
    result = await admin.slash(channel, command, **options)
    callbacks = [e.json for e in env.http_requests if e.path.endswith("/callback")]
    assert callbacks[0]["type"] == 5, "deferred first"
    assert result.response.content and not env.errors
