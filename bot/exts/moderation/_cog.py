from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.errors import UsageError
from bot.domain.models import ALIAS_KINDS, SOURCE_KINDS
from bot.domain.records import MAX_BYTES
from bot.exts._components import ImportButton
from bot.exts._moderators import actor_of, is_moderator, moderators_only, require_moderator
from bot.exts._text import EMBED_DESCRIPTION, clip, shown
from bot.exts.moderation._imports import PendingImport

if TYPE_CHECKING:
    from bot.client import TallyBot
    from bot.domain.service import Tally

Text = app_commands.Range[str, 1, 100]
Reason = app_commands.Range[str, 3, 500]
KIND_CHOICES = [app_commands.Choice(name=k, value=k) for k in ALIAS_KINDS]
SOURCE_KIND_CHOICES = [app_commands.Choice(name=k, value=k) for k in SOURCE_KINDS]
PREVIEW_LINES = 15


class Moderation(commands.Cog):
    alias = app_commands.Group(name="alias", description="Moderators: teach the vocabulary a word, or unteach it")
    source = app_commands.Group(name="source", description="Moderators: add or edit a reporter")

    def __init__(self, bot: TallyBot) -> None:
        self.bot = bot

    @alias.command(name="add", description="Teach a word: it will mean this metric, reporter, place, …")
    @app_commands.describe(kind="what the word names", name="the thing it names (name or key)",
                           alias="the word people type", reason="why")
    @app_commands.choices(kind=KIND_CHOICES)
    @moderators_only
    async def alias_add(self, interaction: discord.Interaction, kind: str, name: Text, alias: Text,
                        reason: Reason) -> None:
        await interaction.response.defer(thinking=True)
        tally, actor = self.bot.tally, actor_of(interaction.user)
        change = tally.add_alias
        label = await asyncio.to_thread(_labelled, tally, kind, lambda: change(kind, name, alias, actor, reason))
        await interaction.followup.send(f"“{shown(alias)}” now means {shown(label)}.")
        self.bot.audit_soon()

    @alias.command(name="remove", description="Unteach a word")
    @app_commands.describe(kind="what the word names", name="the thing it names", alias="the word", reason="why")
    @app_commands.choices(kind=KIND_CHOICES)
    @moderators_only
    async def alias_remove(self, interaction: discord.Interaction, kind: str, name: Text, alias: Text,
                           reason: Reason) -> None:
        await interaction.response.defer(thinking=True)
        tally, actor = self.bot.tally, actor_of(interaction.user)
        change = tally.remove_alias
        label = await asyncio.to_thread(_labelled, tally, kind, lambda: change(kind, name, alias, actor, reason))
        await interaction.followup.send(f"“{shown(alias)}” no longer means {shown(label)}.")
        self.bot.audit_soon()

    @source.command(name="add", description="Add a reporter (a source of figures)")
    @app_commands.describe(key="a short lower-case key, e.g. airwars", name="its name as shown", kind="what it is",
                           description="who they are", url="their site (http or https)", reason="why")
    @app_commands.choices(kind=SOURCE_KIND_CHOICES)
    @moderators_only
    async def source_add(self, interaction: discord.Interaction, key: app_commands.Range[str, 1, 64], name: Text,
                         kind: str, reason: Reason, description: app_commands.Range[str, 1, 2000] | None = None,
                         url: app_commands.Range[str, 1, 500] | None = None) -> None:
        await interaction.response.defer(thinking=True)
        saved = await asyncio.to_thread(self.bot.tally.save_source, key, actor_of(interaction.user), reason,
                                        new=True, name=name, kind=kind, description=description or "", url=url)
        await interaction.followup.send(f"Added reporter {shown(saved.name)} (`{saved.key}`).")
        self.bot.audit_soon()

    @source.command(name="edit", description="Edit a reporter")
    @app_commands.describe(key="the reporter's key", name="new name", kind="what it is", description="who they are",
                           url="their site (http or https)", reason="why")
    @app_commands.choices(kind=SOURCE_KIND_CHOICES)
    @moderators_only
    async def source_edit(self, interaction: discord.Interaction, key: app_commands.Range[str, 1, 64],
                          reason: Reason, name: Text | None = None, kind: str | None = None,
                          description: app_commands.Range[str, 1, 2000] | None = None,
                          url: app_commands.Range[str, 1, 500] | None = None) -> None:
        await interaction.response.defer(thinking=True)
        saved = await asyncio.to_thread(self.bot.tally.save_source, key, actor_of(interaction.user), reason,
                                        new=False, name=name, kind=kind, description=description, url=url)
        await interaction.followup.send(f"Saved reporter {shown(saved.name)} (`{saved.key}`).")
        self.bot.audit_soon()

    @app_commands.command(name="import", description="Moderators: import figures from a CSV or JSON file")
    @app_commands.describe(file="a CSV or JSON file in the format of /export", reason="where the figures come from")
    @moderators_only
    async def import_file(self, interaction: discord.Interaction, file: discord.Attachment, reason: Reason) -> None:
        if file.size > MAX_BYTES:
            raise UsageError(f"{file.filename} is {file.size:,} bytes; the limit is {MAX_BYTES:,}.")
        await interaction.response.defer(thinking=True, ephemeral=True)
        content = await file.read()
        tally = self.bot.tally
        rows = await asyncio.to_thread(tally.read_file, content, file.filename)
        plan = await asyncio.to_thread(tally.preview_import, rows)
        lines = [change.describe() for change in plan.changes if change.kind != "unchanged"][:PREVIEW_LINES]
        more = len([c for c in plan.changes if c.kind != "unchanged"]) - len(lines)
        text = "\n".join(shown(line) for line in lines) + (f"\n… and {more} more" if more > 0 else "")
        embed = discord.Embed(title=f"Import {file.filename}: {plan.summary()}",
                              description=clip(text or "Every row is already held: nothing would change.",
                                               EMBED_DESCRIPTION))
        if not plan.writes:
            await interaction.followup.send(embed=embed, ephemeral=True)
            return
        token = self.bot.pending_imports.add(PendingImport(rows, actor_of(interaction.user), file.filename, reason))
        view = discord.ui.View(timeout=None)
        view.add_item(ImportButton("ok", token))
        view.add_item(ImportButton("no", token))
        embed.set_footer(text="Nothing is written until you confirm; the whole file or nothing.")
        await interaction.followup.send(embed=embed, view=view, ephemeral=True)

    @app_commands.command(name="export", description="The figures as a CSV or JSON file (the import format)")
    @app_commands.describe(format="csv or json", figures="current only, or all (superseded and retracted too)",
                           history="moderators: every revision of every figure instead (JSON)")
    async def export(self, interaction: discord.Interaction, format: Literal["csv", "json"] = "csv",
                     figures: Literal["current", "all"] = "current", history: bool = False) -> None:
        if history and not is_moderator(interaction):
            require_moderator(interaction)
        await interaction.response.defer(thinking=True)
        tally = self.bot.tally
        if history:
            text, name = await asyncio.to_thread(tally.export_history), "tally-history.json"
        else:
            statuses = ("current",) if figures == "current" else None
            text = await asyncio.to_thread(tally.export, format, statuses)
            name = f"tally-figures-{figures}.{format}"
        await interaction.followup.send(f"Tally's figures ({'every revision' if history else figures}).",
                                        file=discord.File(io.BytesIO(text.encode("utf-8")), filename=name))


def _labelled(tally: Tally, kind: str, change: Callable[[], str]) -> str:
    """Make an alias change, then name what it points at from the vocabulary that now holds it."""
    key = change()
    return tally.vocabulary.label(kind, key)  # type: ignore[arg-type]


async def setup(bot: TallyBot) -> None:
    await bot.add_cog(Moderation(bot))
