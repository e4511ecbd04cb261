from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.errors import NotFound
from bot.domain.records import resolve_name, unknown_name_message
from bot.exts._components import figure_views
from bot.exts._embeds import figure_embed
from bot.exts._moderators import is_moderator
from bot.exts.moderation._fields import FigureId, Text

if TYPE_CHECKING:
    from bot.client import TallyBot



class Figures(commands.Cog):
    figure = app_commands.Group(name="figure", description="One figure: its wording and citation, or its history")

    def __init__(self, bot: TallyBot) -> None:
        self.bot = bot

    # -- everyone ------------------------------------------------------------------------------

    @figure.command(name="show", description="One figure with its wording, scope and citation")
    @app_commands.describe(id="the figure's number, as shown in answers and lists")
    async def show(self, interaction: discord.Interaction, id: FigureId) -> None:
        figure = await asyncio.to_thread(self.bot.tally.figure, id)
        embed = figure_embed(figure, self.bot.tally.vocabulary)
        if is_moderator(interaction):
            # A moderator's view carries Edit, Retract and Supersede for the version shown.
            await interaction.response.send_message(embed=embed, view=figure_views(figure.id, figure.version))
            return
        await interaction.response.send_message(embed=embed)

    @figure.command(name="history", description="Every change to one figure: who, when, why, before and after")
    @app_commands.describe(id="the figure's number")
    async def history(self, interaction: discord.Interaction, id: FigureId) -> None:
        embed, view = await self.bot.page("hist", 0, str(id))
        await interaction.response.send_message(embed=embed, **({"view": view} if view else {}))

    @app_commands.command(name="figures", description="The current figures, a page at a time")
    @app_commands.describe(metric="only this kind of figure", reporter="only this reporter's figures")
    async def figures(self, interaction: discord.Interaction, metric: Text | None = None,
                      reporter: Text | None = None) -> None:
        lexicon = self.bot.tally.resolver().lexicon
        keys = []
        for kind, text in (("metric", metric), ("reporter", reporter)):
            key = resolve_name(text, kind, lexicon) if text else ""  # type: ignore[arg-type]
            if key is None:
                raise NotFound(unknown_name_message(text or "", kind, lexicon))  # type: ignore[arg-type]
            keys.append(key)
        embed, view = await self.bot.page("figs", 0, ":".join(keys))
        await interaction.response.send_message(embed=embed, **({"view": view} if view else {}))

    # -- autocomplete --------------------------------------------------------------------------

    @figures.autocomplete("metric")
    async def metric_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return _choices([t.label for t in self.bot.tally.vocabulary.of_kind("metric")], current)

    @figures.autocomplete("reporter")
    async def reporter_choices(self, interaction: discord.Interaction,
                               current: str) -> list[app_commands.Choice[str]]:
        return _choices([s.name for s in self.bot.tally.vocabulary.sources], current)


def _choices(names: list[str], current: str) -> list[app_commands.Choice[str]]:
    typed = current.lower().strip()
    return [app_commands.Choice(name=n[:100], value=n[:100]) for n in names if typed in n.lower()][:25]


async def setup(bot: TallyBot) -> None:
    await bot.add_cog(Figures(bot))
