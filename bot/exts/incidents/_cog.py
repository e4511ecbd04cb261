"""Slash commands over Airwars' incident records. Translation only: the domain's `Incidents` does the work."""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.incidents.records import MAX_BYTES
from bot.domain.incidents.service import Incidents
from bot.exts._components import import_preview, read_upload
from bot.exts._moderators import editor_of, moderators_only
from bot.exts._options import Key, Name, Reason
from bot.exts._text import EMBED_DESCRIPTION, EMBED_TITLE, clip, shown
from bot.exts.incidents._buttons import IncidentImportButton, desk

if TYPE_CHECKING:
    from bot.client import TallyBot

Year = app_commands.Range[int, 2014, 2030]
GRADINGS = [app_commands.Choice(name=n, value=n) for n in
            ("confirmed", "fair", "weak", "contested", "discounted", "fair or better", "all gradings")]
MAP_NAME = "tally-incidents-map.png"
CHART_NAME = "tally-incidents-per-month.png"


class IncidentCommands(commands.Cog):
    incidents = app_commands.Group(name="incidents", description="Airwars' incident records in Syria")

    def __init__(self, bot: TallyBot) -> None:
        self.bot = bot

    def desk(self) -> Incidents:
        return desk(self.bot)

    @incidents.command(name="import", description="Moderators: import Airwars incident records from a CSV file")
    @app_commands.describe(file="a CSV in the format of /incidents export", reason="where the records come from")
    @moderators_only
    async def import_file(self, interaction: discord.Interaction[TallyBot], file: discord.Attachment,
                          reason: Reason) -> None:
        content = await read_upload(interaction, file, MAX_BYTES)
        plan, token = await asyncio.to_thread(self.desk().stage_import, content, file.filename,
                                              editor_of(interaction), reason)
        changes = [c.describe() for c in plan.changes if c.kind != "unchanged"]
        await interaction.followup.send(**import_preview(
            file.filename, plan.summary(), changes, "Every incident is already held: nothing would change.", token,
            IncidentImportButton, "Nothing is written until you confirm; the whole file or nothing."), ephemeral=True)

    @incidents.command(name="retract", description="Moderators: withdraw one incident (kept, no longer counted)")
    @app_commands.describe(code="its Airwars code, e.g. CS1706", reason="why")
    @moderators_only
    async def retract(self, interaction: discord.Interaction[TallyBot], code: Key, reason: Reason) -> None:
        await self._status(interaction, code, "retracted", reason)

    @incidents.command(name="restore", description="Moderators: count a retracted incident again")
    @app_commands.describe(code="its Airwars code, e.g. CS1706", reason="why")
    @moderators_only
    async def restore(self, interaction: discord.Interaction[TallyBot], code: Key, reason: Reason) -> None:
        await self._status(interaction, code, "current", reason)

    async def _status(self, interaction: discord.Interaction[TallyBot], code: str, status: str, reason: str) -> None:
        incident = await asyncio.to_thread(self.desk().set_status, code, status, editor_of(interaction), reason)
        await interaction.response.send_message(f"Incident {shown(incident.code)} is now {incident.status}.")

    @incidents.command(name="export", description="The incident records as a CSV file (the import format)")
    async def export(self, interaction: discord.Interaction[TallyBot]) -> None:
        await interaction.response.defer(thinking=True)
        text = await asyncio.to_thread(self.desk().export)
        await interaction.followup.send("Airwars' incident records as Tally holds them.",
                                        file=discord.File(io.BytesIO(text.encode("utf-8")),
                                                          filename="tally-incidents.csv"))

    @incidents.command(name="chart", description="Incidents and civilians killed per month, for a place")
    @app_commands.describe(place="a town or governorate, e.g. Raqqa, Manbij, Deir ez-Zor (default: all Syria)",
                           year="only this year", grading="only this grading")
    @app_commands.choices(grading=GRADINGS)
    async def chart(self, interaction: discord.Interaction[TallyBot], place: Name | None = None,
                    year: Year | None = None, grading: str | None = None) -> None:
        from bot.incident_map import render_monthly

        data = await asyncio.to_thread(self.desk().monthly, place, year, grading)
        await interaction.response.defer(thinking=True)
        png = await asyncio.to_thread(render_monthly, data)
        await self._picture(interaction, data.title, data.caption, png, CHART_NAME)

    @app_commands.command(name="map", description="A map of Airwars' incident records: points sized by deaths")
    @app_commands.describe(place="a town or governorate, e.g. Raqqa, Manbij, Deir ez-Zor (default: all Syria)",
                           year="only this year", grading="only this grading")
    @app_commands.choices(grading=GRADINGS)
    async def map(self, interaction: discord.Interaction[TallyBot], place: Name | None = None,
                  year: Year | None = None, grading: str | None = None) -> None:
        from bot.incident_map import render_map

        data = await asyncio.to_thread(self.desk().map_data, place, year, grading)
        await interaction.response.defer(thinking=True)
        png = await asyncio.to_thread(render_map, data)
        await self._picture(interaction, data.title, data.caption, png, MAP_NAME)

    async def _picture(self, interaction: discord.Interaction[TallyBot], title: str, caption: str, png: bytes,
                       name: str) -> None:
        embed = discord.Embed(title=clip(title, EMBED_TITLE), description=clip(shown(caption), EMBED_DESCRIPTION))
        embed.set_image(url=f"attachment://{name}")
        await interaction.followup.send(embed=embed, file=discord.File(io.BytesIO(png), filename=name))


async def setup(bot: TallyBot) -> None:
    await bot.add_cog(IncidentCommands(bot))
