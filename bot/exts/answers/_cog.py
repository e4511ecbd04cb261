from __future__ import annotations

import asyncio
import io
import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.charts import render
from bot.domain.charts import ChartData
from bot.domain.errors import TallyError
from bot.domain.text import MAX_QUESTION_CHARS
from bot.exts._errors import report_message
from bot.exts._options import Name, Period
from bot.exts._pages import answer_message
from bot.exts._text import CHOICES, EMBED_DESCRIPTION, EMBED_TITLE, choice, clip, shown

if TYPE_CHECKING:
    from bot.client import TallyBot

log = logging.getLogger(__name__)
_MENTION = re.compile(r"<@!?(\d+)>")
HOW_TO_ASK = ('Ask me about a figure in your own words, e.g. "civilians since Nov 2016", "how many sorties?", '
              'or "airwars vs cjtf-oir". /help lists everything I can do.')


CHART_NAME = "tally-chart.png"
CHOICES_WITHIN = 2.5


def chart_file(data: ChartData) -> discord.File:
    _, png = render(data)
    return discord.File(io.BytesIO(png), filename=CHART_NAME)


def _ask_cooldown(interaction: discord.Interaction[TallyBot]) -> bool:
    interaction.client.check_cooldown(interaction.user.id)
    return True


class Answers(commands.Cog):
    def __init__(self, bot: TallyBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask", description="Ask about a reported figure, in your own words")
    @app_commands.describe(question='e.g. "civilians since Nov 2016" or "airwars vs cjtf-oir"')
    @app_commands.check(_ask_cooldown)
    async def ask(self, interaction: discord.Interaction[TallyBot],
                  question: app_commands.Range[str, 1, MAX_QUESTION_CHARS]) -> None:
        await interaction.response.defer(thinking=True)
        answer = await asyncio.to_thread(self.bot.tally.ask, question)
        await interaction.followup.send(**answer_message(answer))

    @ask.autocomplete("question")
    async def ask_autocomplete(self, interaction: discord.Interaction[TallyBot],
                               current: str) -> list[app_commands.Choice[str]]:
        try:
            # Discord ignores choices sent after 3 s: with a slow store, none in time beats late ones.
            choices = await asyncio.wait_for(asyncio.to_thread(self.bot.tally.autocomplete, current), CHOICES_WITHIN)
        except (TallyError, TimeoutError):
            return []  # the store is away: said once in the log by the store, not at every keystroke
        except Exception:
            log.exception("autocomplete failed for %r", current[:100])
            return []
        return [choice(name, value) for name, value in choices]

    @app_commands.command(name="compare", description="Every reporter's figure side by side, with the ratios")
    @app_commands.describe(metric="what is counted, e.g. civilian deaths", period='optional, e.g. "since 2014"')
    @app_commands.check(_ask_cooldown)
    async def compare(self, interaction: discord.Interaction[TallyBot], metric: Name,
                      period: Period | None = None) -> None:
        await interaction.response.defer(thinking=True)
        answer = await asyncio.to_thread(self.bot.tally.ask, f"{metric} {period or ''}".strip())
        message = answer_message(answer)
        if answer.status == "answered" and answer.interpretation.metric and "embed" in message:
            # With a series of reports behind the figures, the chart shows how they moved.
            data = await asyncio.to_thread(self.bot.tally.chart, answer.interpretation.metric)
            if any(len(line.points) > 1 for line in data.lines):
                message["file"] = await asyncio.to_thread(chart_file, data)
                message["embed"].set_image(url=f"attachment://{CHART_NAME}")
        await interaction.followup.send(**message)

    @app_commands.command(name="chart", description="A metric over time, as a picture: one line per reporter")
    @app_commands.describe(metric="what is counted, e.g. civilian deaths", reporter="only this reporter's line")
    @app_commands.check(_ask_cooldown)
    async def chart(self, interaction: discord.Interaction[TallyBot], metric: Name,
                    reporter: Name | None = None) -> None:
        # Reading the series is quick and may be refused (an unknown metric): before deferring, so a refusal
        # stays private. Drawing is the slow part.
        data = await asyncio.to_thread(self.bot.tally.chart, metric, reporter)
        await interaction.response.defer(thinking=True)
        file = await asyncio.to_thread(chart_file, data)
        embed = discord.Embed(title=clip(data.title, EMBED_TITLE), description=clip(shown(data.caption),
                                                                                   EMBED_DESCRIPTION))
        embed.set_image(url=f"attachment://{CHART_NAME}")
        await interaction.followup.send(embed=embed, file=file)

    @chart.autocomplete("metric")
    @compare.autocomplete("metric")
    async def metric_autocomplete(self, interaction: discord.Interaction[TallyBot],
                                  current: str) -> list[app_commands.Choice[str]]:
        try:
            labels = [t.label for t in self.bot.tally.snapshot().vocabulary.of_kind("metric")]
        except TallyError:
            return []
        typed = current.lower().strip()
        return [choice(label, label) for label in labels if typed in label.lower()][:CHOICES]

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if message.author.bot or me is None or me.id not in {int(m) for m in _MENTION.findall(message.content)}:
            return
        question = " ".join(_MENTION.sub(" ", message.content).split())
        try:
            if not question:
                await message.reply(HOW_TO_ASK, mention_author=False)
                return
            self.bot.check_cooldown(message.author.id)
            async with message.channel.typing():
                answer = await asyncio.to_thread(self.bot.tally.ask, question[:MAX_QUESTION_CHARS])
            await message.reply(**answer_message(answer), mention_author=False)
        except Exception as error:
            await report_message(message, error)


async def setup(bot: TallyBot) -> None:
    await bot.add_cog(Answers(bot))
