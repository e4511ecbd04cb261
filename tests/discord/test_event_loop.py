"""No store call on the event loop: a slow or frozen database must never stall every user's interaction. The bot
runs over stores that refuse, and note, every call made on the loop's thread, while every command, autocomplete,
button and form is used as people use them."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from typing import Any

import discord
import pytest
import simcord

from bot.client import TallyBot
from bot.domain.incidents.service import Incidents
from bot.domain.models import CLI_EDITOR
from bot.domain.service import Tally
from bot.exts.audit._cog import Audit
from bot.store.incidents import IncidentRepository
from bot.store.repository import Repository
from tests.conftest import today
from tests.discord.conftest import response
from tests.incidents.conftest import INCIDENT_FILE

INCIDENT_ROWS = 120
"""Enough of Airwars' records for every incident command to find something, few enough to import quickly."""


class OffLoopOnly:
    """A real repository, refusing (and noting) every call made on the event loop's thread."""

    def __init__(self, inner: Repository | IncidentRepository, loop_thread: int) -> None:
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


def incident_file(lines: int = INCIDENT_ROWS) -> bytes:
    return "".join(INCIDENT_FILE.read_text(encoding="utf-8").splitlines(keepends=True)[:lines + 1]).encode("utf-8")


@pytest.fixture
def tally(repo: Repository) -> Tally:
    incidents = IncidentRepository(repo)
    # Seeded before the bot starts, past the guard: only what the bot does is watched.
    seeding = Incidents(incidents)
    seeding.import_rows(seeding.read_file(incident_file()), CLI_EDITOR, "seed")
    # The tests' event loop runs on this thread, as the bot's does on its main thread.
    loop_thread = threading.get_ident()
    return Tally(OffLoopOnly(repo, loop_thread), today,  # type: ignore[arg-type]
                 incidents=OffLoopOnly(incidents, loop_thread))  # type: ignore[arg-type]


def calls_on_loop(tally: Tally) -> list[str]:
    """The store methods the bot called on the event loop, figures' and incidents' alike."""
    stores = [tally.store, tally.incidents.store if tally.incidents else None]
    return [name for store in stores if isinstance(store, OffLoopOnly) for name in store.on_loop]


@pytest.fixture
def audit(guild: simcord.GuildHandle) -> simcord.ChannelHandle:
    return guild.create_text_channel("audit")


@pytest.fixture
def admin(env: simcord.Env, bot: TallyBot, guild: simcord.GuildHandle,
          audit: simcord.ChannelHandle) -> simcord.MemberActor:
    # Moderators act from the home server; their changes are posted to its audit channel.
    bot.settings = replace(bot.settings, home_guild_ids=(guild.id,), audit_channel_id=audit.id)
    role = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    return guild.add_member(env.create_user("admin"), roles=[role])


def reply(result: simcord.InteractionResult) -> simcord.ResponseMessage:
    """What the person saw last: the follow-up after a deferral, else the response."""
    return result.followups[-1] if result.followups else response(result)


def title(result: simcord.InteractionResult) -> str:
    return reply(result).embeds[0].title or ""


def footer(result: simcord.InteractionResult) -> str:
    return reply(result).embeds[0].footer.text or ""


async def test_members_commands_autocomplete_and_buttons_read_off_the_loop(env: simcord.Env, channel, alice,
                                                                           bot: TallyBot, tally: Tally) -> None:
    asked = await alice.slash(channel, "ask", question="civilians since Nov 2016")
    assert title(asked) == "45 civilians killed — CJTF-OIR"
    no_match = await alice.slash(channel, "ask", question="civilian deaths in yemen")
    suggested = await alice.click(no_match.response.message, label="civilian deaths")
    assert title(suggested).startswith("Civilian deaths — 2 reporters")
    assert bot.user is not None
    await alice.send(channel, f"<@{bot.user.id}> sorties")
    assert channel.last_message.author.id == bot.user.id and channel.last_message.embeds
    for command, option, typed in [("ask", "question", "civilian deaths"), ("ask", "question", ""),
                                   ("figures", "metric", "civ"), ("figures", "reporter", "air"),
                                   ("compare", "metric", "civ"), ("chart", "metric", "civ")]:
        assert await alice.autocomplete(channel, command, option, typed), (command, option, typed)
    listed = await alice.slash(channel, "figures")
    assert footer(listed).startswith("Page 1 of 1 · 7 figures")
    only = await alice.slash(channel, "figures", metric="civilian deaths", reporter="airwars")
    assert footer(only).startswith("Page 1 of 1 · 1 figures")
    assert title(await alice.slash(channel, "figure show", id=2)).startswith("Figure 2")
    assert title(await alice.slash(channel, "figure history", id=2)) == "History of figure 2"
    sources = await alice.slash(channel, "sources")
    assert [f.name for f in reply(sources).embeds[0].fields] == ["CJTF-OIR (military)", "Airwars (monitor)"]
    assert (await alice.slash(channel, "help")).response.embeds
    compared = await alice.slash(channel, "compare", metric="civilian deaths")
    assert [f.name for f in reply(compared).embeds[0].fields[:2]] == ["CJTF-OIR", "Airwars"]
    charted = await alice.slash(channel, "chart", metric="civilian deaths")
    assert [a.filename for a in reply(charted).attachments] == ["tally-chart.png"]
    exported = await alice.slash(channel, "export", format="csv")
    assert reply(exported).attachments[0].filename == "tally-figures-current.csv"
    assert calls_on_loop(tally) == []
    assert not env.errors


async def test_moderators_commands_forms_imports_and_the_audit_feed_write_off_the_loop(
        env: simcord.Env, channel, admin, audit, bot: TallyBot, tally: Tally) -> None:
    for option, typed in [("metric", "civ"), ("reporter", "air"), ("actor", "us"), ("place", "sy")]:
        assert await admin.autocomplete(channel, "mod figure add", option, typed), option
    added = await admin.slash(channel, "mod figure add", metric="civilian deaths", value="484+", reporter="CJTF-OIR",
                              published="2017-06-02", reason="CENTCOM release", form=True)
    done = await admin.submit_modal(added, {"quote": "at least 484 civilians have been killed", "notes": ""})
    assert reply(done).content == "Added figure 8."
    edited = await admin.slash(channel, "mod figure edit", id=2, value="46", keep_quote=True, reason="corrected")
    assert reply(edited).content == "Edited figure 2."
    shown = await admin.slash(channel, "figure show", id=2)
    form = await admin.click(shown.response.message, label="Edit")
    saved = await admin.submit_modal(form, {"value": "47", "quote": "47 civilians have been killed by airstrikes",
                                            "notes": "", "reason": "shorter", "keep_quote": "no"})
    assert reply(saved).content == "Edited figure 2."
    superseding = await admin.slash(channel, "mod figure supersede", id=7, value="3500", published="2017-06",
                                    reason="update")
    assert reply(superseding).content == "Added, superseding an older report: figure 9."
    retracted = await admin.slash(channel, "mod figure retract", id=9, reason="withdrawn")
    assert reply(retracted).content == "Retracted figure 9."
    restored = await admin.slash(channel, "mod figure restore", id=9, reason="back")
    assert reply(restored).content == "Restored figure 9."
    alias = await admin.slash(channel, "mod alias add", kind="metric", name="civilian deaths", alias="bodycount",
                              reason="people say it")
    assert "bodycount" in reply(alias).content
    unalias = await admin.slash(channel, "mod alias remove", kind="metric", name="civilian deaths",
                                alias="bodycount", reason="too vague")
    assert "bodycount" in reply(unalias).content
    new_source = await admin.slash(channel, "mod source add", key="ibc", name="Iraq Body Count", kind="monitor",
                                   reason="a new monitor")
    assert reply(new_source).content == "Added reporter Iraq Body Count (`ibc`)."
    renamed = await admin.slash(channel, "mod source edit", key="airwars", name="AirWars", reason="their spelling")
    assert reply(renamed).content == "Saved reporter AirWars (`airwars`)."

    header = "reporter,metric,value_low,actor,place,period_start,published,outlet\n"
    places = ["Iraq", "Syria", "Mosul", "Raqqa", "Fallujah", "Ramadi", "Kobani", "Deir ez-Zor"]
    rows = "".join(f"Airwars,strikes,{100 + i},US-led Coalition,{p},2014-08,2018-01-01,Wire\n"
                   for i, p in enumerate(places))
    preview = reply(await admin.slash(channel, "mod import upload", file=("more.csv", (header + rows).encode()),
                                      reason="press timeline"))
    assert preview.embeds[0].title == "Import more.csv: 8 to add"
    waiting = await admin.slash(channel, "mod import pending")
    assert waiting.response.embeds[0].title == "1 import waiting for Confirm"
    confirmed = await admin.click(preview.message, label="Confirm")
    assert confirmed.response.content.startswith("Imported more.csv: 8 to add")
    later = rows.replace("2018-01-01", "2019-01-01")
    cancelled = reply(await admin.slash(channel, "mod import upload", file=("later.csv", (header + later).encode()),
                                        reason="a later release"))
    assert "cancelled" in (await admin.click(cancelled.message, label="Cancel")).response.content
    first = await admin.slash(channel, "figures")
    second = await admin.click(reply(first).message, label="Next ▶")
    assert second.response.embeds[0].footer.text.startswith("Page 2 of 2")
    history = await admin.slash(channel, "export", history=True)
    assert reply(history).attachments[0].filename == "tally-history.json"

    feed = bot.get_cog("Audit")
    assert isinstance(feed, Audit)
    await feed.post_new()
    titles = [m.embeds[0].title for m in audit.history() if m.embeds]
    assert "Figure 9 retracted by admin" in titles and any(t.startswith("Import") for t in titles)
    assert calls_on_loop(tally) == []
    assert not env.errors
    assert (await asyncio.to_thread(tally.figure, 2)).value_low == 47


async def test_incident_commands_and_their_import_read_and_write_off_the_loop(env: simcord.Env, channel, alice,
                                                                              admin, tally: Tally) -> None:
    asked = await alice.slash(channel, "ask", question="how many civilians were killed in Raqqa in 2014")
    assert title(asked).startswith("Raqqa, in 2014:")
    drawn = await alice.slash(channel, "map", place="raqqa")
    assert reply(drawn).attachments[0].filename == "tally-incidents-map.png"
    charted = await alice.slash(channel, "incidents chart", place="raqqa")
    assert reply(charted).attachments[0].filename == "tally-incidents-per-month.png"
    exported = await alice.slash(channel, "incidents export")
    assert reply(exported).attachments[0].filename == "tally-incidents.csv"
    regraded = incident_file().replace(b",Fair,", b",Confirmed,", 1)
    preview = reply(await admin.slash(channel, "incidents import", file=("airwars.csv", regraded),
                                      reason="regraded"))
    assert preview.embeds[0].title == f"Import airwars.csv: 1 to edit, {INCIDENT_ROWS - 1} already held"
    confirmed = await admin.click(preview.message, label="Confirm")
    assert confirmed.response.content.startswith("Imported airwars.csv: 1 to edit")
    retracted = await admin.slash(channel, "incidents retract", code="CS001", reason="duplicate record")
    assert retracted.response.content == "Incident CS001 is now retracted."
    restored = await admin.slash(channel, "incidents restore", code="CS001", reason="not a duplicate")
    assert restored.response.content == "Incident CS001 is now current."
    assert calls_on_loop(tally) == []
    assert not env.errors


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
    first = callbacks[0]
    assert first is not None and first["type"] == 5, "deferred first"
    assert result.response.content and not env.errors
