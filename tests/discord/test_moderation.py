"""Moderator actions through the real command tree: as a moderator, and as a member whose attempt changes nothing."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import discord
import pytest
import simcord

from bot.client import TallyBot, create_bot
from bot.domain.models import Editor
from bot.domain.service import Tally
from bot.exts.audit._cog import Audit
from tests.conftest import DATA_DIR
from tests.discord.conftest import response, text_channel

pytestmark = pytest.mark.moderation
FIGURE = {"metric": "civilian deaths", "value": "484+", "reporter": "CJTF-OIR", "published": "2017-06-02",
          "period_start": "2014-08", "qualifier": "at least", "outlet": "CENTCOM", "reason": "CENTCOM release"}


@pytest.fixture
def mod_role(guild: simcord.GuildHandle) -> simcord.RoleHandle:
    return guild.create_role("Fact checkers")


@pytest.fixture
def audit(guild: simcord.GuildHandle) -> simcord.ChannelHandle:
    return guild.create_text_channel("audit")


@pytest.fixture(autouse=True)
def configured(env: simcord.Env, bot: TallyBot, guild: simcord.GuildHandle, mod_role: simcord.RoleHandle,
               audit: simcord.ChannelHandle) -> None:
    # Discord assigns the ids, so the settings naming them are made once they exist.
    bot.settings = replace(bot.settings, home_guild_ids=(guild.id,), moderator_role_ids=(mod_role.id,),
                           audit_channel_id=audit.id)
    # As a server's admins do for a moderator role without Manage Server: open /mod to it (Integrations settings).
    guild.set_command_permissions(mod_command_id(env), {mod_role: True})


def mod_command(env: simcord.Env) -> dict[str, Any]:
    """/mod as the bot registered it with Discord."""
    command = env.backend.find_command("mod", None)
    assert command is not None, "/mod is registered"
    return command


def mod_command_id(env: simcord.Env) -> int:
    return int(mod_command(env)["id"])


@pytest.fixture
def mod(env: simcord.Env, guild: simcord.GuildHandle, mod_role: simcord.RoleHandle) -> simcord.MemberActor:
    return guild.add_member(env.create_user("moderator"), roles=[mod_role])


@pytest.fixture
def admin(env: simcord.Env, guild: simcord.GuildHandle) -> simcord.MemberActor:
    role = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    return guild.add_member(env.create_user("admin"), roles=[role])


def reply(result: simcord.InteractionResult) -> simcord.ResponseMessage:
    """What the person saw last: the follow-up after a deferral, else the response."""
    return result.followups[-1] if result.followups else response(result)


def button(message: discord.Message, label: str) -> discord.Button:
    """The button with this label under a message."""
    return next(c for row in message.components if isinstance(row, discord.ActionRow)
                for c in row.children if isinstance(c, discord.Button) and c.label == label)


def state(tally: Tally) -> tuple:
    figures = tally.figures(None)
    return tuple(figures), sum(len(tally.history(f.id)) for f in figures), tally.store.vocabulary_revisions_after(0)


MEMBER_ATTEMPTS = [
    ("mod figure add", FIGURE),
    ("mod figure edit", {"id": 2, "value": "46", "reason": "xyz"}),
    ("mod figure supersede", {"id": 1, "value": "484+", "published": "2017-06-02", "reason": "xyz"}),
    ("mod figure retract", {"id": 7, "reason": "xyz"}),
    ("mod figure restore", {"id": 7, "reason": "xyz"}),
    ("mod alias add", {"kind": "metric", "name": "civilian deaths", "alias": "bodycount", "reason": "xyz"}),
    ("mod alias remove", {"kind": "metric", "name": "civilian deaths", "alias": "death toll", "reason": "xyz"}),
    ("mod source add", {"key": "ibc", "name": "Iraq Body Count", "kind": "monitor", "reason": "xyz"}),
    ("mod source edit", {"key": "airwars", "name": "AirWars", "reason": "xyz"}),
    ("mod import upload", {"file": ("new.csv", b"reporter,metric,value_low,actor,place,published\n"
                                    b"Airwars,civilian_deaths,1,US-led Coalition,Iraq and Syria,2018-01-01\n"),
                "reason": "xyz"}),
]


async def test_moderator_commands_are_hidden_from_members(env: simcord.Env, channel, alice, admin, mod) -> None:
    command = mod_command(env)
    assert int(command["default_member_permissions"]) == discord.Permissions(manage_guild=True).value
    assert command["dm_permission"] is False, "servers only: not in DMs"

    def visible(who: simcord.MemberActor) -> set[str]:
        return {c["name"] for c in env.backend.visible_commands(user_id=who.id, channel_id=channel.id)}

    assert "mod" not in visible(alice) and {"ask", "figure", "figures", "export", "help"} <= visible(alice)
    assert "mod" in visible(admin) and "mod" in visible(mod)


@pytest.mark.parametrize("command,options", MEMBER_ATTEMPTS, ids=[c for c, _ in MEMBER_ATTEMPTS])
async def test_a_member_is_refused_and_nothing_changes(env: simcord.Env, channel, alice, audit, tally: Tally,
                                                       caplog: pytest.LogCaptureFixture, command: str,
                                                       options: dict) -> None:
    # Server admins can change Discord's command permissions; the bot's own check must hold whatever they say.
    channel.guild.set_command_permissions(mod_command_id(env), {alice: True})
    before = state(tally)
    with caplog.at_level(logging.WARNING, logger="bot.moderation"):
        result = await alice.slash(channel, command, **options)
    assert result.ephemeral and result.response.content.startswith("Only moderators can change")
    assert state(tally) == before
    assert f"refused {command}" in caplog.text
    assert [type(e).__name__ for e in env.errors] == ["CheckFailure"]


async def test_a_moderator_adds_edits_retracts_restores_and_every_change_is_audited(
        env: simcord.Env, channel, audit, mod, tally: Tally, bot: TallyBot) -> None:
    added = await mod.slash(channel, "mod figure add", **FIGURE)
    assert reply(added).content == "Added figure 8."
    assert tally.figure(8).supersedes == 1 and tally.figure(1).status == "superseded"
    edited = await mod.slash(channel, "mod figure edit", id=8, outlet="CENTCOM press release", reason="fuller",
                             version=1)
    assert reply(edited).content == "Edited figure 8."
    await mod.slash(channel, "mod figure retract", id=8, reason="wrong date")
    assert tally.figure(1).status == "current"
    await mod.slash(channel, "mod figure restore", id=8, reason="date was right")
    await env.settle()
    posts = [m for m in audit.history() if m.embeds]
    titles = [m.embeds[0].title for m in posts]
    assert "Figure 8 added by moderator" in titles and "Figure 8 edited by moderator" in titles
    assert "Figure 8 retracted by moderator" in titles and "Figure 8 restored by moderator" in titles
    assert "Figure 1 superseded by moderator" in titles
    edit_post = next(m for m in posts if m.embeds[0].title == "Figure 8 edited by moderator")
    assert "**Why:** fuller" in edit_post.embeds[0].description
    assert f"**From:** Community ({channel.guild.id}) · #general ({channel.id})" in edit_post.embeds[0].description
    assert "outlet: 'CENTCOM' → 'CENTCOM press release'" in edit_post.embeds[0].fields[0].value
    history = await mod.slash(channel, "figure history", id=8)
    assert [f.name.split(" · ")[1] for f in history.response.embeds[0].fields] == [
        "add by moderator", "edit by moderator", "retract by moderator", "restore by moderator"]


async def test_a_stale_version_is_refused_with_the_new_value(env: simcord.Env, channel, mod, admin,
                                                             tally: Tally) -> None:
    await mod.slash(channel, "mod figure edit", id=2, value="46", reason="typo", version=1, keep_quote=True)
    late = await admin.slash(channel, "mod figure edit", id=2, value="47", reason="other typo", version=1,
                             keep_quote=True)
    assert late.ephemeral
    assert late.response.content == (
        "Figure 2 was changed by someone else meanwhile: it is now 46 civilians killed, current (version 2).\n"
        "Check it with `/figure show id:2` and make your change again if it is still needed.")
    assert tally.figure(2).value_low == 46
    assert [type(getattr(e, "original", e)).__name__ for e in env.errors] == ["Conflict"]


async def test_manage_server_counts_only_when_the_setting_says_so(env: simcord.Env, channel, admin, bot: TallyBot,
                                                                  tally: Tally) -> None:
    bot.settings = replace(bot.settings, moderators_manage_guild=False)
    result = await admin.slash(channel, "mod figure retract", id=7, reason="xyz")
    assert result.ephemeral and "Only moderators" in result.response.content
    assert tally.figure(7).status == "current"
    assert len(env.errors) == 1


async def test_manage_server_is_a_moderator_by_default(env: simcord.Env, channel, admin, tally: Tally) -> None:
    await admin.slash(channel, "mod figure retract", id=7, reason="withdrawn")
    assert tally.figure(7).status == "retracted"


async def test_bad_options_are_explained_and_nothing_is_written(env: simcord.Env, channel, mod, tally: Tally) -> None:
    before = state(tally)
    result = await mod.slash(channel, "mod figure add", **{**FIGURE, "value": "lots", "url": "ftp://x"})
    assert result.ephemeral and "'lots' is not a number; write 352 (exact), 352+ (at least 352) or 8194-13249" in \
        reply(result).content
    wrong = await mod.slash(channel, "mod figure add", **{**FIGURE, "metric": "civlian deaths", "url": "ftp://x"})
    text = reply(wrong).content
    assert "did you mean 'civilian deaths'" in text and "not an http(s) link" in text
    assert state(tally) == before
    assert len(env.errors) == 2


async def test_a_moderator_teaches_a_word_that_answers_at_once(env: simcord.Env, channel, mod, alice) -> None:
    taught = await mod.slash(channel, "mod alias add", kind="metric", name="civilian deaths", alias="bodycount",
                             reason="people say it")
    assert taught.response.content == "“bodycount” now means civilian deaths."
    answer = await alice.slash(channel, "ask", question="bodycount")
    assert answer.response.embeds[0].title.startswith("Civilian deaths — 2 reporters")


async def test_import_previews_then_writes_on_confirm(env: simcord.Env, channel, mod, audit, tally: Tally,
                                                      bot: TallyBot) -> None:
    csv = (b"reporter,metric,value_low,value_high,qualifier,actor,place,period_start,published,outlet\n"
           b"Airwars,civilian_deaths,5961,,at least,US-led Coalition,Iraq and Syria,2014-08,2017-11,The Guardian\n"
           b"CJTF-OIR,civilian_deaths,352,,at least (more likely than not),US-led Coalition,Iraq and Syria,2014,"
           b"2017-04-30,RT News; The Hill\n")
    preview = await mod.slash(channel, "mod import upload", file=("timeline.csv", csv), reason="press timeline")
    message = reply(preview)
    assert message.ephemeral and message.embeds[0].title == "Import timeline.csv: 1 to add, 1 already held"
    assert message.embeds[0].description == ("line 2: add Airwars · civilian deaths · at least 5,961 · published "
                                              "Nov 2017 — supersedes figure 7")
    assert len(tally.figures(None)) == 7, "nothing is written before Confirm"
    # The bot restarts (or another process takes over): the pending import is in the store, not in memory.
    await env.restart_bot(create_bot(bot.settings, tally, shard_count=1))
    listed = await mod.slash(channel, "mod import pending")
    assert listed.ephemeral and listed.response.embeds[0].title == "1 import waiting for Confirm"
    assert listed.response.embeds[0].description.startswith(
        "**timeline.csv** by moderator: 1 to add, 1 already held — “press timeline”, expires in ")
    confirmed = await mod.click(message.message, label="Confirm")
    assert reply(confirmed).content == "Imported timeline.csv: 1 to add, 1 already held."
    assert len(tally.figures(None)) == 8 and tally.figure(7).status == "superseded"
    await env.settle()
    posts = [m for m in audit.history() if m.embeds]
    assert [m.embeds[0].title for m in posts] == ["Import by moderator: 1 added, 1 superseded"], \
        "one message for the whole import"
    assert "**Why:** press timeline" in posts[0].embeds[0].description
    assert posts[0].attachments[0].filename.endswith(".csv")
    empty = await mod.slash(channel, "mod import pending")
    assert empty.response.content == "No import is waiting for Confirm."
    bad = await mod.slash(channel, "mod import upload", file=("bad.csv", csv.replace(b"5961", b"many")), reason="xyz")
    text = reply(bad).content
    assert "line 2, value_low: 'many' is not a whole number >= 0" in text and "Nothing was written" in text
    assert len(tally.figures(None)) == 8
    assert [type(getattr(e, "original", e)).__name__ for e in env.errors] == ["ValidationError"]


async def test_export_for_everyone_history_for_moderators(env: simcord.Env, channel, alice, mod) -> None:
    exported = await alice.slash(channel, "export", format="json")
    message = reply(exported)
    assert message.attachments[0].filename == "tally-figures-current.json"
    refused = await alice.slash(channel, "export", history=True)
    assert refused.ephemeral and refused.response.content == (
        "Every revision of every figure is for moderators to read. `/figure history id:N` shows anyone the changes "
        "to one figure.")
    history = await mod.slash(channel, "export", history=True)
    message = reply(history)
    assert message.attachments[0].filename == "tally-history.json"
    assert len(env.errors) == 1


async def test_changes_made_elsewhere_reach_the_audit_channel(env: simcord.Env, audit, bot: TallyBot,
                                                              tally: Tally) -> None:
    """A change from the command line (or another shard) is found by the feed's poll and posted once."""
    tally.add_alias("metric", "civilian deaths", "@everyone bodycount", Editor("cli", "cli"), "from the terminal")
    tally.retract_figure(7, Editor("cli", "cli"), "withdrawn")
    feed = bot.get_cog("Audit")
    assert isinstance(feed, Audit)
    await feed.post_new()
    await feed.post_new()
    titles = [m.embeds[0].title for m in audit.history() if m.embeds]
    assert titles.count("Figure 7 retracted by cli") == 1
    assert titles.count("Alias “everyone bodycount” for metric civilian_deaths added by cli") == 1
    assert_pings_nobody_in(env)


def assert_pings_nobody_in(env: simcord.Env) -> None:
    posts = [e.json for e in env.http_requests if e.method == "POST" and e.path.startswith("/channels/")
             and isinstance(e.json, dict) and "embeds" in e.json]
    assert posts and all(p["allowed_mentions"]["parse"] == [] for p in posts)


# -- other servers: the figures are shared, so only the home server moderates ---------------------------------

@pytest.fixture
def their_owner(env: simcord.Env) -> simcord.UserHandle:
    return env.create_user("their-owner")


@pytest.fixture
def elsewhere(env: simcord.Env, their_owner: simcord.UserHandle) -> simcord.GuildHandle:
    return env.create_guild("Elsewhere", owner=their_owner)


@pytest.fixture
def elsewhere_channel(elsewhere: simcord.GuildHandle) -> simcord.ChannelHandle:
    return elsewhere.create_text_channel("lobby")


@pytest.fixture
def strangers(env: simcord.Env, elsewhere: simcord.GuildHandle, their_owner: simcord.UserHandle,
              mod: simcord.MemberActor) -> dict[str, simcord.MemberActor]:
    """The other server's owner, a member with Manage Server there, and our own moderator, who is an admin there."""
    admins = elsewhere.create_role("Their admins", permissions=discord.Permissions(manage_guild=True))
    return {
        "owner": elsewhere.add_member(their_owner),
        "manager": elsewhere.add_member(env.create_user("their-manager"), roles=[admins]),
        "our moderator": elsewhere.add_member(mod.user, roles=[admins]),
    }


OTHER_SERVER_ATTEMPTS = [
    ("mod figure retract", {"id": 4, "reason": "mine now"}),
    ("mod figure edit", {"id": 2, "value": "4500", "reason": "bigger"}),
    *[(c, o) for c, o in MEMBER_ATTEMPTS if c not in ("mod figure retract", "mod figure edit")],
    ("export", {"history": True}),
]


# Every command from another server, by our own moderator in `make test-fast` (the one whose role would count at
# home); by its owner and a manager too in `make test`.
@pytest.mark.parametrize("who", [pytest.param("owner", marks=pytest.mark.slow),
                                 pytest.param("manager", marks=pytest.mark.slow), "our moderator"])
@pytest.mark.parametrize("command,options", OTHER_SERVER_ATTEMPTS, ids=[c for c, _ in OTHER_SERVER_ATTEMPTS])
async def test_no_one_in_another_server_can_change_anything(env: simcord.Env, elsewhere_channel, strangers,
                                                            tally: Tally, caplog: pytest.LogCaptureFixture,
                                                            who: str, command: str, options: dict) -> None:
    before = state(tally)
    with caplog.at_level(logging.WARNING, logger="bot.moderation"):
        result = await strangers[who].slash(elsewhere_channel, command, **options)
    assert result.ephemeral
    assert result.response.content.startswith("Tally's figures are shared by every server it is in, so they are "
                                              "changed only from its home server. Nothing was changed.")
    assert state(tally) == before
    assert f"refused {command}" in caplog.text and "Elsewhere" in caplog.text and "not a home server" in caplog.text
    assert [type(e).__name__ for e in env.errors] == ["CheckFailure"]


async def test_the_owner_of_another_server_is_not_a_moderator_here(env: simcord.Env, elsewhere_channel, strangers,
                                                                   channel, alice, tally: Tally) -> None:
    """The issue's case: without HOME_GUILD_IDS a second server's owner retracted figure 4 and an admin there
    turned 45 into 4,500, which the home server then answered."""
    await strangers["owner"].slash(elsewhere_channel, "mod figure retract", id=4, reason="mine now")
    await strangers["manager"].slash(elsewhere_channel, "mod figure edit", id=2, value="4500", reason="bigger")
    assert tally.figure(4).status == "current" and tally.figure(2).value_low == 45
    answer = await alice.slash(channel, "ask", question="civilians since Nov 2016")
    assert answer.response.embeds[0].title == "45 civilians killed — CJTF-OIR"
    assert [type(e).__name__ for e in env.errors] == ["CheckFailure", "CheckFailure"]


async def test_buttons_pressed_in_another_server_are_refused(env: simcord.Env, channel, mod, strangers,
                                                                      elsewhere_channel, bot: TallyBot,
                                                                      tally: Tally) -> None:
    csv = (b"reporter,metric,value_low,actor,place,period_start,published\n"
           b"Airwars,civilian_deaths,9000,US-led Coalition,Iraq and Syria,2014-08,2018-01-01\n")
    preview = reply(await mod.slash(channel, "mod import upload", file=("new.csv", csv), reason="press"))
    confirm = button(preview.message, "Confirm")
    # The same button, shown in the other server (custom ids can be replayed from anywhere).
    view = discord.ui.View()
    view.add_item(discord.ui.Button(label="Confirm", custom_id=confirm.custom_id))
    await text_channel(bot, elsewhere_channel).send("replayed", view=view)
    await env.settle()
    replayed = elsewhere_channel.last_message
    for who in ("owner", "our moderator"):
        pressed = await strangers[who].click(replayed, label="Confirm")
        assert pressed.ephemeral and "changed only from its home server" in pressed.response.content
    assert len(tally.figures(None)) == 7
    shown = await mod.slash(channel, "figure show", id=4)
    retract = button(shown.response.message, "Retract")
    view = discord.ui.View()
    view.add_item(discord.ui.Button(label="Retract", custom_id=retract.custom_id))
    await text_channel(bot, elsewhere_channel).send("replayed", view=view)
    await env.settle()
    pressed = await strangers["manager"].click(elsewhere_channel.last_message, label="Retract")
    assert pressed.ephemeral and "changed only from its home server" in pressed.response.content
    assert tally.figure(4).status == "current"
    confirmed = await mod.click(preview.message, label="Confirm")
    assert confirmed.response.content.startswith("Imported new.csv")
    assert len(tally.figures(None)) == 8
    assert [type(e).__name__ for e in env.errors] == []


# -- figures with no period start, and only the required options ------------------------------------------------

async def test_a_plain_figure_add_with_only_the_required_options_works(env: simcord.Env, channel, mod,
                                                                       tally: Tally) -> None:
    plain = await mod.slash(channel, "mod figure add", metric="civilian deaths", value="484+", reporter="CJTF-OIR",
                            published="2017-06-02", reason="CENTCOM release")
    assert reply(plain).content == "Added figure 8."
    assessed = await mod.slash(channel, "mod figure add", **{**FIGURE, "metric": "incidents still being assessed",
                                                         "value": "40"})
    assert reply(assessed).content == "Added figure 9."
    assert tally.figure(8).period_start is None and str(tally.figure(9).period_start) == "2014-08"
    assert env.errors == []


async def test_importing_the_projects_own_figures_file_changes_nothing(env: simcord.Env, channel, mod,
                                                                       tally: Tally) -> None:
    content = (DATA_DIR / "figures.csv").read_bytes()
    preview = await mod.slash(channel, "mod import upload", file=("figures.csv", content), reason="the seed again")
    message = reply(preview)
    title = message.embeds[0].title
    assert title is not None and title.startswith("Import figures.csv") and "7 already held" in title
    assert len(tally.figures(None)) == 7
    assert env.errors == []


# -- what moderator teams expect --------------------------------------------------------------------------------

async def test_an_edit_is_checked_against_the_version_current_when_its_command_started(
        env: simcord.Env, channel, mod, admin, tally: Tally) -> None:
    """Without version:, the edit is made to the version current when the command started: here the moderator
    opens the form, another moderator edits the figure meanwhile, and the form's edit is refused, not applied."""
    started = await mod.slash(channel, "mod figure edit", id=3, reason="fuller wording", form=True)
    meanwhile = await admin.slash(channel, "mod figure edit", id=3, outlet="The Hill", reason="who carried it")
    assert reply(meanwhile).content == "Edited figure 3."
    late = await mod.submit_modal(started, {"quote": "has carried out a total of 20,205 sorties", "notes": "x"})
    assert reply(late).content.startswith("Figure 3 was changed by someone else meanwhile")
    assert tally.figure(3).version == 2 and tally.figure(3).notes != "x"
    assert [type(getattr(e, "original", e)).__name__ for e in env.errors] == ["Conflict"]


async def test_a_field_is_cleared_explicitly(env: simcord.Env, channel, mod, tally: Tally) -> None:
    cleared = await mod.slash(channel, "mod figure edit", id=2, clear="notes", reason="notes belonged to figure 1")
    assert reply(cleared).content == "Edited figure 2." and tally.figure(2).notes is None
    both = await mod.slash(channel, "mod figure edit", id=2, clear="outlet", outlet="x", reason="both at once")
    assert "outlet is given a new value and cleared at once" in reply(both).content
    assert [type(getattr(e, "original", e)).__name__ for e in env.errors] == ["UsageError"]


async def test_quote_and_notes_are_written_in_a_form(env: simcord.Env, channel, mod, tally: Tally) -> None:
    shown = await mod.slash(channel, "mod figure edit", id=2, reason="the full wording", form=True)
    saved = await mod.submit_modal(shown, {"quote": "45 civilians have been killed\nby airstrikes since November 2016",
                                           "notes": ""})
    assert reply(saved).content == "Edited figure 2."
    assert tally.figure(2).quote == "45 civilians have been killed\nby airstrikes since November 2016"
    assert tally.figure(2).notes is None, "emptied in the form: cleared"
    added = await mod.slash(channel, "mod figure add", metric="civilian deaths", value="484+", reporter="CJTF-OIR",
                            published="2017-06-02", reason="CENTCOM release", form=True)
    done = await mod.submit_modal(added, {"quote": "at least 484 civilians\nhave been killed", "notes": "two\nlines"})
    assert reply(done).content == "Added figure 8." and tally.figure(8).notes == "two\nlines"


async def test_a_new_value_under_the_old_quote_needs_keep_quote(env: simcord.Env, channel, mod, alice,
                                                                tally: Tally) -> None:
    refused = await mod.slash(channel, "mod figure edit", id=2, value="46", reason="typo")
    assert "The quote still says 45 civilians killed, but the value becomes 46" in reply(refused).content
    assert tally.figure(2).value_low == 45
    kept = await mod.slash(channel, "mod figure edit", id=2, value="46", keep_quote=True, reason="release corrected")
    assert reply(kept).content == "Edited figure 2."
    answer = await alice.slash(channel, "ask", question="civilians since Nov 2016")
    text = answer.response.embeds[0].description
    assert "The report's wording: “45 civilians have been killed by airstrikes since November 2016”" in text
    assert "value corrected from 45 civilians killed to 46 civilians killed (release corrected)" in text
    assert [type(getattr(e, "original", e)).__name__ for e in env.errors] == ["UsageError"]


async def test_hints_name_slash_commands(env: simcord.Env, channel, mod) -> None:
    twin = await mod.slash(channel, "mod figure add", metric="civilian deaths", value="45", reporter="CJTF-OIR",
                           published="2017-04-30", period_start="2016-11", reason="again")
    assert reply(twin).content == ("That figure is already held as figure 2.\n"
                                   "Use `/mod figure edit id:2` to correct it.")
    far = await mod.slash(channel, "mod figure add", **{**FIGURE, "metric": "fighter deaths"})
    assert "'fighter deaths' is not a known metric (or teach a new word with `/mod alias add kind:metric`)" in \
        reply(far).content
    assert len(env.errors) == 2


async def test_buttons_under_figure_show_change_the_version_shown(env: simcord.Env, channel, mod, admin, alice,
                                                                  tally: Tally) -> None:
    plain = await alice.slash(channel, "figure show", id=2)
    assert not plain.response.message.components, "members see no moderator buttons"
    shown = await mod.slash(channel, "figure show", id=2)
    labels = [c.label for row in shown.response.message.components for c in row.children]
    assert labels == ["Edit", "Retract", "Supersede"]
    form = await mod.click(shown.response.message, label="Edit")
    edited = await mod.submit_modal(form, {"value": "45", "quote": "45 civilians have been killed by airstrikes",
                                           "notes": "", "reason": "shorter", "keep_quote": "no"})
    assert reply(edited).content == "Edited figure 2." and tally.figure(2).version == 2
    stale = await admin.click(shown.response.message, label="Retract")  # the message still shows version 1
    refused = await admin.submit_modal(stale, {"reason": "withdrawn"})
    assert reply(refused).content.startswith("Figure 2 was changed by someone else meanwhile")
    assert tally.figure(2).status == "current"
    fresh = await mod.slash(channel, "figure show", id=7)
    newer = await mod.click(fresh.response.message, label="Supersede")
    done = await mod.submit_modal(newer, {"value": "3500", "published": "2017-06", "quote": "", "reason": "update"})
    assert reply(done).content == "Added, superseding an older report: figure 8."
    assert tally.figure(7).status == "superseded" and tally.figure(8).value_low == 3500
    member_click = await alice.click(fresh.response.message, label="Retract")
    assert member_click.ephemeral and "Only moderators" in member_click.response.content
    assert [type(getattr(e, "original", e)).__name__ for e in env.errors] == ["Conflict"]
