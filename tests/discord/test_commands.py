"""Every command through discord.py's real command tree (simcord), offline."""

from __future__ import annotations

import logging

import discord
import pytest
import simcord

from bot.client import TallyBot
from bot.domain.models import CLI_EDITOR
from bot.domain.service import Tally
from tests.conftest import ROOT
from tests.discord.conftest import response, text_channel, with_settings
from tests.figure_filters import CASES, REFUSAL, REFUSED, listed


def sent_bodies(env: simcord.Env) -> list[dict]:
    """Every message body the bot sent to Discord (callbacks, follow-ups, edits, channel messages)."""
    bodies = []
    for entry in env.http_requests:
        body = entry.json
        if entry.method in ("POST", "PATCH") and isinstance(body, dict):
            data = body.get("data", body)
            if isinstance(data, dict) and ("embeds" in data or "content" in data):
                bodies.append(data)
    return bodies


def handled_errors(env: simcord.Env) -> list[str]:
    """The errors the tree's error handler answered (reading them tells simcord they were expected)."""
    return [type(getattr(e, "original", e)).__name__ for e in env.errors]


def assert_pings_nobody(env: simcord.Env) -> None:
    bodies = sent_bodies(env)
    assert bodies
    for body in bodies:
        mentions = body.get("allowed_mentions")
        assert mentions is not None and mentions["parse"] == [], body
        assert not mentions.get("users") and not mentions.get("roles") and not mentions.get("replied_user", False)


async def test_ask_answers_with_an_embed_after_deferring(env: simcord.Env, channel, alice) -> None:
    result = await alice.slash(channel, "ask", question="civilians since Nov 2016")
    callbacks = [e.json for e in env.http_requests if e.path.endswith("/callback")]
    last = callbacks[-1]
    assert last is not None and last["type"] == 5, "slow work defers first"
    [embed] = result.response.embeds
    assert embed.title == "45 civilians killed — CJTF-OIR"
    assert "“45 civilians have been killed by airstrikes since November 2016”" in embed.description
    assert "CJTF-OIR press release, 30 Apr 2017 (reported by RT News, The Hill)" in embed.description
    assert embed.footer.text == "Read as: civilian deaths · any reporter · since Nov 2016"
    assert_pings_nobody(env)


async def test_reporters_side_by_side_with_the_ratio(env: simcord.Env, channel, alice) -> None:
    result = await alice.slash(channel, "compare", metric="civilian deaths")
    [embed] = result.response.embeds
    assert [f.name for f in embed.fields[:2]] == ["CJTF-OIR", "Airwars"]
    assert "**At least 352 civilians killed (more likely than not)**" in embed.fields[0].value
    assert "**3,164 civilians killed**" in embed.fields[1].value
    assert "Airwars' count is 9.0× CJTF-OIR's, 2,812 more." in embed.description
    # The staleness note once per reply, not once per figure.
    assert embed.description.count("newer figures may exist") == 1
    assert not any("newer figures may exist" in f.value for f in embed.fields)


async def test_no_match_offers_suggestions_as_buttons_that_ask(env: simcord.Env, channel, alice) -> None:
    result = await alice.slash(channel, "ask", question="civilian deaths in yemen")
    [embed] = result.response.embeds
    assert embed.title == "No figure for that"
    assert "American airstrikes in Yemen" in embed.description
    buttons = [c for row in result.response.components for c in row["components"]]
    assert buttons and all(b["custom_id"].startswith("tally:ask:") for b in buttons)
    clicked = await alice.click(result.response.message, label="civilian deaths")
    [answer] = clicked.response.embeds
    assert answer.title.startswith("Civilian deaths — 2 reporters")


async def test_ambiguous_questions_offer_their_readings(env: simcord.Env, channel, alice) -> None:
    result = await alice.slash(channel, "ask", question="incidents")
    assert result.response.embeds[0].title == "Did you mean one of these?"
    labels = {c["label"] for row in result.response.components for c in row["components"]}
    assert labels == {"incidents with civilian casualties", "incidents still being assessed"}
    clicked = await alice.click(result.response.message, label="incidents still being assessed")
    assert clicked.response.embeds[0].title.startswith("42 incidents")


async def test_autocomplete_offers_figures_within_discords_limits(env: simcord.Env, channel, alice) -> None:
    for typed in ("", "civilian deaths", "x" * 100, "🙏" * 50, "incidents"):
        choices = await alice.autocomplete(channel, "ask", "question", typed)
        assert 0 < len(choices) <= 25, typed
        assert all(0 < len(c["name"]) <= 100 and 0 < len(str(c["value"])) <= 100 for c in choices), choices
    choices = await alice.autocomplete(channel, "ask", "question", "civilian deaths")
    names = [c["name"] for c in choices]
    assert "CJTF-OIR: at least 352 civilians killed (more likely than not)" in names
    assert "Airwars: 3,164 civilians killed" in names


async def test_autocomplete_never_raises(env: simcord.Env, channel, alice, bot: TallyBot, monkeypatch,
                                         caplog: pytest.LogCaptureFixture) -> None:
    def broken(text: str) -> list:
        raise RuntimeError("store went away")

    monkeypatch.setattr(bot.tally, "autocomplete", broken)
    with caplog.at_level(logging.ERROR):
        assert await alice.autocomplete(channel, "ask", "question", "civ") == []
    assert "autocomplete failed" in caplog.text


async def test_a_mention_is_answered_like_ask(env: simcord.Env, channel, alice, bot: TallyBot) -> None:
    assert bot.user is not None
    await alice.send(channel, f"{bot.user.mention} how many sorties?")
    reply = channel.last_message
    assert reply.author.id == bot.user.id
    assert reply.embeds[0].title.startswith("20,205 strikes")
    assert reply.reference is not None
    await alice.send(channel, f"<@!{bot.user.id}>")
    assert "Ask me about a figure" in channel.last_message.content
    assert_pings_nobody(env)


async def test_messages_without_a_mention_are_left_alone(env: simcord.Env, channel, alice, bot: TallyBot) -> None:
    await alice.send(channel, "how many sorties?")
    assert channel.last_message.author.id == alice.id


async def test_mentions_inside_questions_and_notes_ping_nobody(env: simcord.Env, channel, alice,
                                                                bot: TallyBot, tally: Tally) -> None:
    note = "Announced to @everyone and <@&123456789> by <@42>. " + "Long note. " * 360
    assert len(note) > 4000 - 100
    rows = tally.read_file(
        "reporter,metric,value_low,actor,place,period_start,published,quote,notes\n"
        f'Airwars,civilian_deaths,5961,US-led Coalition,Iraq and Syria,2014-08,2017-11,"@here at least 5,961",'
        f'"{note[:4000]}"\n', "x.csv")
    tally.import_rows(rows, CLI_EDITOR, "test")
    shown = await alice.slash(channel, "figure show", id=8)
    embed = shown.response.embeds[0]
    assert len(embed) <= 6000 and all(len(f.value) <= 1024 for f in embed.fields)
    assert "@\u200beveryone" in embed.fields[-1].value and embed.fields[-1].value.endswith("…")
    await alice.slash(channel, "ask", question="@everyone <@&123456789> airwars estimate")
    assert bot.user is not None
    await alice.send(channel, f"{bot.user.mention} @everyone how many civilians died per airwars?")
    assert "@here" not in channel.last_message.embeds[0].description.replace("@\u200bhere", "")
    assert_pings_nobody(env)


@pytest.mark.parametrize("settings", [with_settings(ask_cooldown_rate=2)])
async def test_cooldown_on_ask_and_mentions(channel, alice, env: simcord.Env, bot: TallyBot) -> None:
    await alice.slash(channel, "ask", question="sorties")
    await alice.slash(channel, "ask", question="sorties")
    third = await alice.slash(channel, "ask", question="sorties")
    assert third.ephemeral and "you can ask again in" in third.response.content
    assert bot.user is not None
    await alice.send(channel, f"{bot.user.mention} sorties")
    assert "you can ask again in" in channel.last_message.content
    assert handled_errors(env) == ["CommandOnCooldown"]


async def test_figure_show_and_history(env: simcord.Env, channel, alice) -> None:
    shown = await alice.slash(channel, "figure show", id=1)
    embed = shown.response.embeds[0]
    assert embed.title == "Figure 1: At least 352 civilians killed (more likely than not)"
    assert {f.name for f in embed.fields} >= {"Reporter", "Citation", "Notes", "Period"}
    history = await alice.slash(channel, "figure history", id=1)
    assert "seed by seed data" in history.response.embeds[0].fields[0].name


async def test_an_unknown_figure_id_is_a_short_private_explanation(env: simcord.Env, channel, alice) -> None:
    result = await alice.slash(channel, "figure show", id=999)
    assert result.ephemeral and result.response.content.startswith("There is no figure 999.")
    history = await alice.slash(channel, "figure history", id=999)
    assert history.ephemeral and "There is no figure 999" in history.response.content
    assert handled_errors(env) == ["NotFound", "NotFound"]


async def test_figures_paginate_with_buttons(env: simcord.Env, channel, alice, tally: Tally) -> None:
    header = "reporter,metric,value_low,actor,place,period_start,published,outlet\n"
    places = ["Iraq", "Syria", "Mosul", "Raqqa", "Fallujah", "Ramadi", "Kobani", "Deir ez-Zor"]
    lines = "".join(f"Airwars,strikes,{100 + i},US-led Coalition,{p},2014-08,2018-01-01,Wire\n"
                    for i, p in enumerate(places))
    tally.import_rows(tally.read_file(header + lines, "x.csv"), CLI_EDITOR, "more figures")
    first = await alice.slash(channel, "figures")
    embed = first.response.embeds[0]
    assert embed.footer.text.startswith("Page 1 of 2 · 15 figures")
    second = await alice.click(first.response.message, label="Next ▶")
    assert second.response.embeds[0].footer.text.startswith("Page 2 of 2")
    only = await alice.slash(channel, "figures", metric="civilian deaths", reporter="airwars")
    assert only.response.embeds[0].footer.text.startswith("Page 1 of 1 · 1 figures")
    wrong = await alice.slash(channel, "figures", metric="incidents with")
    assert wrong.ephemeral and "did you mean 'incidents with civilian casualties'" in wrong.response.content
    assert handled_errors(env) == ["NotFound"]


async def test_figures_name_metrics_and_reporters_as_the_console_and_command_line_do(env: simcord.Env, channel,
                                                                                   alice) -> None:
    for metric, reporter, ids in CASES:
        options = {name: value for name, value in (("metric", metric), ("reporter", reporter)) if value}
        result = await alice.slash(channel, "figures", **options)
        assert listed(result.response.embeds[0].description) == ids, options
    for metric in REFUSED:
        refused = await alice.slash(channel, "figures", metric=metric)
        assert refused.ephemeral and REFUSAL in refused.response.content, metric
    assert handled_errors(env) == ["NotFound"] * len(REFUSED)
    typo = await alice.slash(channel, "figures", metric="civlian deths")
    assert typo.response.embeds[0].title == "Current figures · civilian deaths", "the title says how it was read"


async def test_page_buttons_posted_by_the_previous_version_still_turn_pages(env: simcord.Env, channel, alice,
                                                                             bot: TallyBot) -> None:
    async def click(custom_id: str) -> simcord.InteractionResult:
        # Each as its own message: a page turn replaces the buttons of the message it is under.
        view = discord.ui.View(timeout=None)
        view.add_item(discord.ui.Button(label="Next ▶", custom_id=custom_id))
        message = await text_channel(bot, channel).send("yesterday's list", view=view)
        return await alice.click(message, custom_id=custom_id)

    deaths = await click("tally:page:figs:0:civilian_deaths:")
    [deaths_embed] = response(deaths).embeds
    assert deaths_embed.description is not None and listed(deaths_embed.description) == [1, 2, 7]
    assert deaths_embed.title == "Current figures · civilian deaths"
    past_the_end = await click("tally:page:figs:3::")
    footer = response(past_the_end).embeds[0].footer.text
    assert footer is not None and footer.startswith("Page 1 of 1 · 7 figures")
    history = await click("tally:page:hist:0:1")
    assert response(history).embeds[0].title == "History of figure 1"
    broken = await click("tally:page:hist:0:abc")
    assert broken.ephemeral and response(broken).content.startswith("There is no figure 0.")


async def test_sources_and_help(env: simcord.Env, channel, alice) -> None:
    sources = await alice.slash(channel, "sources")
    assert [f.name for f in sources.response.embeds[0].fields] == ["CJTF-OIR (military)", "Airwars (monitor)"]
    helped = await alice.slash(channel, "help")
    assert helped.ephemeral and "/ask question:" in helped.response.embeds[0].description


async def test_a_bug_gets_an_apology_with_an_error_id_and_a_logged_traceback(
        env: simcord.Env, channel, alice, bot: TallyBot, monkeypatch, caplog: pytest.LogCaptureFixture) -> None:
    def broken(question: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(bot.tally, "ask", broken)
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        result = await alice.slash(channel, "ask", question="sorties")
    message = result.followups[-1].content if result.followups else result.response.content
    assert message.startswith("Sorry — something went wrong on our side (error `")
    error_id = message.split("`")[1]
    assert error_id in caplog.text and "RuntimeError: boom" in caplog.text
    assert handled_errors(env) == ["RuntimeError"]


async def test_a_button_from_an_older_version_is_answered_as_expired(env: simcord.Env, channel, alice,
                                                                     bot: TallyBot) -> None:
    view = discord.ui.View(timeout=None)
    view.add_item(discord.ui.Button(label="Old", custom_id="legacy:page:3"))
    message = await text_channel(bot, channel).send("an old answer", view=view)
    result = await alice.click(message, custom_id="legacy:page:3")
    assert result.ephemeral and "This button has expired" in result.response.content


async def test_a_question_longer_than_the_option_allows_is_refused_by_discord(env: simcord.Env, channel,
                                                                                 alice) -> None:
    with pytest.raises(simcord.OptionError):
        await alice.slash(channel, "ask", question="civilians " * 401)


async def test_a_long_post_with_a_question_in_it_is_answered_from_ask_and_a_mention(
        env: simcord.Env, channel, alice, bot: TallyBot) -> None:
    rant = "People argue about these numbers in every thread and nobody quotes a source, it is exhausting. " * 12
    post = f"{rant}Anyway: how many incidents is the coalition still looking into? {rant}"
    assert 2000 < len(post) < 4000
    result = await alice.slash(channel, "ask", question=post)
    [embed] = result.response.embeds
    assert embed.title.startswith("42 incidents")
    # A message is at most 2,000 characters here (4,000 with Nitro): the same post, shorter.
    short = f"{rant[:900]}Anyway: how many incidents is the coalition still looking into? {rant[:900]}"
    assert bot.user is not None
    await alice.send(channel, f"{bot.user.mention} {short}")
    assert channel.last_message.embeds[0].title.startswith("42 incidents")


async def test_several_questions_in_one_message_get_an_embed_each(env: simcord.Env, channel, alice,
                                                                   bot: TallyBot) -> None:
    question = "how many sorties and how many incidents are still being assessed"
    result = await alice.slash(channel, "ask", question=question)
    titles = [e.title for e in result.response.embeds]
    assert len(titles) == 2 and titles[0].startswith("20,205 strikes") and titles[1].startswith("42 incidents")
    assert bot.user is not None
    await alice.send(channel, f"{bot.user.mention} sorties? civilian deaths since nov 2016?")
    assert [e.title[:2] for e in channel.last_message.embeds] == ["20", "45"]
    assert_pings_nobody(env)


async def test_chart_posts_a_png_and_compare_adds_it_once_there_is_a_series(env: simcord.Env, channel, alice,
                                                                            tally: Tally) -> None:
    seed_only = await alice.slash(channel, "compare", metric="civilian deaths")
    assert not seed_only.response.attachments, "two single reports make no line to draw"
    example = (ROOT / "data" / "examples" / "press-timeline.csv").read_bytes()
    tally.import_rows(tally.read_file(example, "press-timeline.csv"), CLI_EDITOR, "timeline")
    chart = await alice.slash(channel, "chart", metric="civilian deaths")
    [file] = chart.response.attachments
    assert file.filename == "tally-chart.png" and file.content_type in (None, "image/png")
    assert chart.response.embeds[0].image.url == "attachment://tally-chart.png"
    assert chart.response.embeds[0].title == "Civilian deaths since Aug 2014, as reported over time"
    compared = await alice.slash(channel, "compare", metric="civilian deaths")
    assert [a.filename for a in compared.response.attachments] == ["tally-chart.png"]
    unknown = await alice.slash(channel, "chart", metric="pizza")
    assert unknown.ephemeral and "'pizza' is not a known metric" in unknown.response.content
    assert [type(getattr(e, "original", e)).__name__ for e in env.errors] == ["NotFound"]


async def test_answers_over_time_show_the_trend_and_the_derived_change(env: simcord.Env, channel, alice,
                                                                       tally: Tally) -> None:
    example = (ROOT / "data" / "examples" / "press-timeline.csv").read_bytes()
    tally.import_rows(tally.read_file(example, "press-timeline.csv"), CLI_EDITOR, "timeline")
    result = await alice.slash(channel, "ask", question="how did the coalition's count change since 2017")
    [embed] = result.response.embeds
    assert embed.title == "At least 1,370 civilians killed — CJTF-OIR"
    assert "📈 Up from 1,335 (26 Sep 2019); the series began at 352 (30 Apr 2017), 10 reports." in embed.description
    assert "Derived by Tally from two CJTF-OIR reports" in embed.description
    assert "🕰️ Published Jan 2020, more than 6 years ago" in embed.description


async def test_a_source_a_greeting_and_a_word_tally_cannot_read_in_embeds(env: simcord.Env, channel, alice) -> None:
    about = (await alice.slash(channel, "ask", question="who are airwars")).response.embeds[0]
    assert about.title == "About Airwars" and "London-based monitoring group" in about.description
    hello = (await alice.slash(channel, "ask", question="thanks!")).response.embeds[0]
    assert hello.title == "Tally" and hello.description.startswith("You're welcome.")
    french = (await alice.slash(channel, "ask", question="civilians killed by the french air force")).response.embeds[0]
    assert french.description.startswith("No figure counts French strikes alone")
    assert all("No figure counts French" not in f.value for f in french.fields), "said once, first"
    assert "not understood: 'french', 'air force'" in french.footer.text
