from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts._embeds import ANSWERED, sources_embed

if TYPE_CHECKING:
    from bot.client import TallyBot

HELP = """Ask in your own words — Tally answers with the number, who reported it, when, and how they put it.
Where sources disagree you see them side by side.

**Ask**
`/ask question:` — e.g. *civilians since Nov 2016*, *how many sorties*, *airwars vs cjtf-oir*,
*incidents still under assessment*, *civilian deaths in 2016*, *is the 352 exact?*, *who are airwars*,
*show me every figure*. Several questions in one message are each answered. French, Spanish, German and
Arabic work too. Or mention me: @Tally how many sorties?
`/compare metric: [period:]` — every reporter's figure side by side, with the ratio
`/figures [metric:] [reporter:]` — the current figures, a page at a time
`/figure show id:` · `/figure history id:` — one figure with its citation; every change made to it
`/sources` — who reports the figures
`/map [place:] [year:] [grading:]` · `/incidents chart [place:]` — Airwars' incident records in Syria, as a map
and per month; ask about them too: *civilians killed in Raqqa in 2017*, *كم مدني قتل في الرقة*, *CS1706*

**How answers read**
*exact* — a figure that counts exactly what you asked: every word of your question was read. A yellow
answer is the nearest there is, and says first what no figure covers (a word Tally could not read, such as
a nationality, a weapon or a source it does not have). "Read as" shows how your question was understood.
When nothing fits, Tally says so rather than guess."""


class Info(commands.Cog):
    def __init__(self, bot: TallyBot) -> None:
        self.bot = bot

    @app_commands.command(name="sources", description="Who reports the figures, with descriptions and links")
    async def sources(self, interaction: discord.Interaction[TallyBot]) -> None:
        sources = await self.bot.in_time(interaction, asyncio.to_thread(self.bot.tally.sources))
        await self.bot.reply(interaction, embed=sources_embed(sources))

    @app_commands.command(name="help", description="How to ask, and every command")
    async def help(self, interaction: discord.Interaction[TallyBot]) -> None:
        await interaction.response.send_message(embed=discord.Embed(title="Tally", description=HELP, colour=ANSWERED),
                                                ephemeral=True)


async def setup(bot: TallyBot) -> None:
    await bot.add_cog(Info(bot))
