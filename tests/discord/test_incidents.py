"""/ask over incident records, /map, /incidents chart|export|import through discord.py's real command tree."""

from __future__ import annotations

from dataclasses import replace

import pytest
import simcord

from bot.client import TallyBot
from bot.domain.service import Tally
from tests.discord.conftest import response
from tests.incidents.conftest import INCIDENT_FILE, load_rows
from tests.incidents.expected import select, sums


@pytest.fixture
def tally(incident_tally: Tally) -> Tally:
    # Overrides the shared fixture: this bot's store holds the incident records.
    return incident_tally


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return load_rows()


def reply(result: simcord.InteractionResult) -> simcord.ResponseMessage:
    return result.followups[-1] if result.followups else response(result)


async def test_ask_answers_from_the_records_with_the_filter_said(env: simcord.Env, channel, alice,
                                                                 rows: list[dict[str, str]]) -> None:
    expected = sums(select(rows, group="Raqqa", year=2017))
    result = await alice.slash(channel, "ask", question="how many civilians were killed in Raqqa in 2017")
    [embed] = reply(result).embeds
    low, high = expected.killed
    assert embed.title == f"Raqqa, in 2017: {low:,}–{high:,} civilians killed; {expected.incidents:,} incidents."
    assert embed.description is not None and "civilian harm reported, Discounted left out" in embed.description
    assert embed.footer.text is not None
    assert embed.footer.text.startswith("Read as: Airwars' incident records (totals) · Raqqa")


async def test_a_mention_in_arabic_is_answered_with_the_arabic_place(env: simcord.Env, channel, alice,
                                                                     bot: TallyBot) -> None:
    assert bot.user is not None
    await alice.send(channel, f"<@{bot.user.id}> كم مدني قتل في الرقة")
    answer = channel.last_message
    assert answer.author.id == bot.user.id
    assert answer.embeds[0].title.startswith("الرقة")


async def test_whole_campaign_shows_reported_figures_in_their_own_field(env: simcord.Env, channel, alice) -> None:
    result = await alice.slash(channel, "ask", question="civilian deaths in syria")
    [embed] = reply(result).embeds
    [field] = [f for f in embed.fields if f.name is not None and f.name.startswith("Reported figures")]
    assert field.value is not None and "3,164 civilians killed" in field.value


async def test_map_and_monthly_chart_are_png_attachments(env: simcord.Env, channel, alice) -> None:
    drawn = await alice.slash(channel, "map", place="manbij", year=2016)
    message = reply(drawn)
    assert message.attachments[0].filename == "tally-incidents-map.png"
    [embed] = message.embeds
    assert embed.title == "Incidents — Manbij, in 2016"
    assert embed.description is not None and "Source: Airwars" in embed.description
    chart = await alice.slash(channel, "incidents chart", place="raqqa")
    assert reply(chart).attachments[0].filename == "tally-incidents-per-month.png"


async def test_an_unknown_place_is_a_private_one_line_error(env: simcord.Env, channel, alice) -> None:
    result = await alice.slash(channel, "map", place="Atlantis")
    assert result.ephemeral and "I don't know the place 'Atlantis'" in reply(result).content
    assert len(env.errors) == 1


@pytest.mark.moderation
async def test_import_previews_then_writes_on_confirm_and_members_cannot(env: simcord.Env, guild, channel, alice,
                                                                         bot: TallyBot, tally: Tally) -> None:
    role = guild.create_role("Fact checkers")
    bot.settings = replace(bot.settings, moderator_role_ids=(role.id,), home_guild_ids=(guild.id,))
    mod = guild.add_member(env.create_user("moderator"), roles=[role])
    text = INCIDENT_FILE.read_text(encoding="utf-8")
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("CS1706,"))
    lines[index] = lines[index].replace(",Fair,", ",Confirmed,", 1)
    changed = ("\n".join(lines) + "\n").encode("utf-8")
    refused = await alice.slash(channel, "incidents import", file=("airwars.csv", changed), reason="regraded")
    assert refused.ephemeral and "Only moderators" in reply(refused).content
    assert [type(e).__name__ for e in env.errors] == ["CheckFailure"]
    preview = await mod.slash(channel, "incidents import", file=("airwars.csv", changed), reason="regraded")
    message = reply(preview)
    assert message.ephemeral and message.embeds[0].title == "Import airwars.csv: 1 to edit, 2,189 already held"
    assert tally.incidents is not None
    assert tally.incidents.history("CS1706")[0].grading == "Fair", "nothing is written before Confirm"
    confirmed = await mod.click(message.message, label="Confirm")
    assert confirmed.response.content == "Imported airwars.csv: 1 to edit, 2,189 already held."
    incident, revisions = tally.incidents.history("CS1706")
    assert incident.grading == "Confirmed" and revisions[-1].editor.name == "moderator"
    assert revisions[-1].editor.where == f"Community ({guild.id}) · #general ({channel.id})", "where it was confirmed"
    retracted = await mod.slash(channel, "incidents retract", code="CS1706", reason="duplicate record")
    assert retracted.response.content == "Incident CS1706 is now retracted."
    assert tally.incidents.history("CS1706")[0].status == "retracted"
    exported = await alice.slash(channel, "incidents export")
    assert reply(exported).attachments[0].filename == "tally-incidents.csv"


@pytest.mark.moderation
async def test_a_cancelled_incident_import_writes_nothing(env: simcord.Env, guild, channel, bot: TallyBot,
                                                          tally: Tally) -> None:
    role = guild.create_role("Fact checkers")
    bot.settings = replace(bot.settings, moderator_role_ids=(role.id,), home_guild_ids=(guild.id,))
    uploader = guild.add_member(env.create_user("moderator"), roles=[role])
    changed = INCIDENT_FILE.read_bytes().replace(b",Fair,", b",Confirmed,", 1)
    preview = reply(await uploader.slash(channel, "incidents import", file=("airwars.csv", changed),
                                         reason="regraded"))
    assert preview.components, "Confirm and Cancel under the preview"
    cancelled = await uploader.click(preview.message, label="Cancel")
    assert cancelled.response.content == "Import of airwars.csv cancelled; nothing was written."
    assert not cancelled.response.components, "no Confirm left to press"
    assert tally.incidents is not None and tally.incidents.history("CS001")[0].grading == "Fair"


async def test_compare_over_a_town_answers_from_the_records_without_a_chart(env: simcord.Env, channel, alice) -> None:
    result = await alice.slash(channel, "compare", metric="civilian deaths", period="in raqqa in 2017")
    message = reply(result)
    title = message.embeds[0].title
    assert title is not None and title.startswith("Raqqa, in 2017:")
    assert not message.attachments
    assert not env.errors
