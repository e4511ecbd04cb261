from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts._components import figure_views
from bot.exts._embeds import figure_embed
from bot.exts._moderators import is_moderator
from bot.exts._options import FigureId, Name
from bot.exts._pages import HistoryPage, figures_page, page
from bot.exts._text import matching_choices

if TYPE_CHECKING:
    from bot.client import TallyBot


class Figures(commands.Cog):
    figure = app_commands.Group(name="figure", description="One figure: its wording and citation, or its history")

    def __init__(self, bot: TallyBot) -> None:
        self.bot = bot

    # -- everyone ------------------------------------------------------------------------------

    @figure.command(name="show", description="One figure with its wording, scope and citation")
    @app_commands.describe(id="the figure's number, as shown in answers and lists")
    async def show(self, interaction: discord.Interaction[TallyBot], id: FigureId) -> None:
        tally = self.bot.tally
        figure, resolver = await self.bot.in_time(interaction,
                                                  asyncio.to_thread(lambda: (tally.figure(id), tally.refresh())))
        embed = figure_embed(figure, resolver.vocabulary)
        if is_moderator(interaction):
            # A moderator's view carries Edit, Retract and Supersede for the version shown.
            await self.bot.reply(interaction, embed=embed, view=figure_views(figure.id, figure.version))
            return
        await self.bot.reply(interaction, embed=embed)

    @figure.command(name="history", description="Every change to one figure: who, when, why, before and after")
    @app_commands.describe(id="the figure's number")
    async def history(self, interaction: discord.Interaction[TallyBot], id: FigureId) -> None:
        embed, view = await self.bot.in_time(interaction, page(self.bot.tally, HistoryPage(id), 0))
        await self.bot.reply(interaction, embed=embed, **({"view": view} if view else {}))

    @app_commands.command(name="figures", description="The current figures, a page at a time")
    @app_commands.describe(metric="only this kind of figure", reporter="only this reporter's figures")
    async def figures(self, interaction: discord.Interaction[TallyBot], metric: Name | None = None,
                      reporter: Name | None = None) -> None:
        embed, view = await self.bot.in_time(interaction, figures_page(self.bot.tally, metric, reporter))
        await self.bot.reply(interaction, embed=embed, **({"view": view} if view else {}))

    # -- autocomplete --------------------------------------------------------------------------

    @figures.autocomplete("metric")
    async def metric_choices(self, interaction: discord.Interaction[TallyBot],
                             current: str) -> list[app_commands.Choice[str]]:
        return matching_choices([t.label for t in self.bot.tally.snapshot().vocabulary.of_kind("metric")], current)

    @figures.autocomplete("reporter")
    async def reporter_choices(self, interaction: discord.Interaction[TallyBot],
                               current: str) -> list[app_commands.Choice[str]]:
        return matching_choices([s.name for s in self.bot.tally.snapshot().vocabulary.sources], current)



async def setup(bot: TallyBot) -> None:
    await bot.add_cog(Figures(bot))
