"""The moderator commands, all under /mod: hidden from members by Discord (Manage Server by default, servers only)
and checked again by the bot on every use, since server admins can change Discord's defaults."""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain import limits
from bot.domain.errors import UsageError
from bot.domain.figure_files import MAX_BYTES
from bot.domain.importing import PENDING_MINUTES
from bot.domain.models import ALIAS_KINDS, SOURCE_KINDS, Editor, Figure
from bot.exts._components import ImportButton, import_preview, read_upload
from bot.exts._forms import FigureForm, Input, changed_text, run_change
from bot.exts._moderators import HISTORY_REFUSAL, editor_of, is_moderator, moderators_only, require_moderator
from bot.exts._options import (
    Alias,
    DateText,
    Description,
    Excludes,
    FigureId,
    Key,
    Name,
    Notes,
    Outlet,
    Qualifier,
    Quote,
    Reason,
    Title,
    Url,
    Value,
    Version,
)
from bot.exts._text import EMBED_DESCRIPTION, clip, matching_choices, shown
from bot.exts.audit import audit_soon
from bot.exts.moderation._fields import CLEAR_CHOICES, FIELD_HELP, field_help, figure_fields

if TYPE_CHECKING:
    from bot.client import TallyBot

KIND_CHOICES = [app_commands.Choice(name=k, value=k) for k in ALIAS_KINDS]
SOURCE_KIND_CHOICES = [app_commands.Choice(name=k, value=k) for k in SOURCE_KINDS]
LONG_TEXT = ("quote", "notes")


class Moderation(commands.Cog):
    mod = app_commands.Group(name="mod", description="Moderators: change figures, words and reporters; import files",
                             default_permissions=discord.Permissions(manage_guild=True), guild_only=True)
    figure = app_commands.Group(name="figure", description="Add, correct, supersede, retract or restore a figure",
                                parent=mod)
    alias = app_commands.Group(name="alias", description="Teach the vocabulary a word, or unteach it", parent=mod)
    source = app_commands.Group(name="source", description="Add or edit a reporter", parent=mod)
    imports = app_commands.Group(name="import", description="Import figures from a file; pending imports", parent=mod)

    def __init__(self, bot: TallyBot) -> None:
        self.bot = bot

    async def _version_now(self, figure_id: int, given: int | None) -> int:
        """Locking by default: a change is made to the version the moderator saw — the one given, else the one
        current when the command started — so two edits made at once never both succeed."""
        if given is not None:
            return given
        return (await asyncio.to_thread(self.bot.tally.figure, figure_id)).version

    # -- figures -------------------------------------------------------------------------------

    @figure.command(name="add", description="Add a reported figure")
    @app_commands.describe(**field_help("metric", "value", "reporter", "published", "reason", "actor", "place",
                                        "period_start", "period_end", "quote", "qualifier", "title", "outlet", "url",
                                        "notes", "excludes", "form"))
    @moderators_only
    async def figure_add(self, interaction: discord.Interaction[TallyBot], metric: Name, value: Value, reporter: Name,
                         published: DateText, reason: Reason, actor: Name | None = None, place: Name | None = None,
                         period_start: DateText | None = None, period_end: DateText | None = None,
                         quote: Quote | None = None, qualifier: Qualifier | None = None, title: Title | None = None,
                         outlet: Outlet | None = None, url: Url | None = None, notes: Notes | None = None,
                         excludes: Excludes | None = None, form: bool = False) -> None:
        fields = figure_fields(metric=metric, value=value, reporter=reporter, published=published,
                               actor=actor, place=place,
                               period_start=period_start, period_end=period_end, quote=quote, qualifier=qualifier,
                               title=title, outlet=outlet, url=url, notes=notes, excludes=excludes)

        def work(who: Editor, typed: dict[str, str]) -> Figure:
            return self.bot.tally.add_figure({**fields, **{k: v for k, v in typed.items() if v.strip()}}, who, reason)

        if form:
            await interaction.response.send_modal(FigureForm("New figure: wording and notes", [
                Input("quote", "The source's own wording", quote, long=True, max_length=limits.QUOTE),
                Input("notes", "Notes: scope and exclusions", notes, long=True, max_length=limits.NOTES),
            ], "Added", work))
            return
        await run_change(interaction, "Added", work)

    @figure.command(name="edit", description="Correct a figure: give only the fields that change")
    @app_commands.describe(id="the figure's number", **FIELD_HELP)
    @app_commands.choices(clear=CLEAR_CHOICES)
    @moderators_only
    async def figure_edit(self, interaction: discord.Interaction[TallyBot], id: FigureId, reason: Reason,
                          value: Value | None = None, qualifier: Qualifier | None = None, quote: Quote | None = None,
                          published: DateText | None = None, period_start: DateText | None = None,
                          period_end: DateText | None = None, reporter: Name | None = None,
                          metric: Name | None = None, actor: Name | None = None, place: Name | None = None,
                          title: Title | None = None, outlet: Outlet | None = None, url: Url | None = None,
                          notes: Notes | None = None, excludes: Excludes | None = None, clear: str | None = None,
                          keep_quote: bool = False, version: Version | None = None, form: bool = False) -> None:
        current = await asyncio.to_thread(self.bot.tally.figure, id)
        seen = version if version is not None else current.version  # locking by default: see _version_now
        fields = figure_fields(value=value, qualifier=qualifier, quote=quote, published=published,
                               period_start=period_start, period_end=period_end, reporter=reporter, metric=metric,
                               actor=actor, place=place, title=title, outlet=outlet, url=url, notes=notes,
                               excludes=excludes)
        if clear:
            if clear in fields:
                raise UsageError(f"{clear} is given a new value and cleared at once.", "Do one or the other.")
            fields[clear] = ""

        def work(who: Editor, typed: dict[str, str]) -> Figure:
            changes = {**fields, **changed_text(typed, {"quote": current.quote, "notes": current.notes}, LONG_TEXT)}
            return self.bot.tally.edit_figure(id, changes, who, reason, seen, keep_quote)

        if form:
            await interaction.response.send_modal(FigureForm(f"Figure {id}: wording and notes", [
                Input("quote", "The source's own wording (empty: clear it)", quote or current.quote, long=True,
                      max_length=limits.QUOTE),
                Input("notes", "Notes (empty: clear them)", notes or current.notes, long=True, max_length=limits.NOTES),
            ], "Edited", work))
            return
        await run_change(interaction, "Edited", work)

    @figure.command(name="supersede", description="A newer report of the same series replaces a figure")
    @app_commands.describe(id="the figure it replaces", **field_help("value", "published", "reason", "quote",
                                                                       "qualifier", "period_end", "title", "outlet",
                                                                       "url", "notes", "version"))
    @moderators_only
    async def figure_supersede(self, interaction: discord.Interaction[TallyBot], id: FigureId, value: Value,
                               published: DateText, reason: Reason, quote: Quote | None = None,
                               qualifier: Qualifier | None = None, period_end: DateText | None = None,
                               title: Title | None = None, outlet: Outlet | None = None, url: Url | None = None,
                               notes: Notes | None = None, version: Version | None = None) -> None:
        seen = await self._version_now(id, version)
        fields = figure_fields(value=value, published=published, quote=quote, qualifier=qualifier,
                               period_end=period_end, title=title, outlet=outlet, url=url, notes=notes)
        await run_change(interaction, "Added, superseding an older report:",
                         lambda who, _: self.bot.tally.supersede_figure(id, fields, who, reason, seen))

    @figure.command(name="retract", description="Withdraw a figure (kept in history, never answered)")
    @app_commands.describe(id="the figure's number", reason=FIELD_HELP["reason"], version=FIELD_HELP["version"])
    @moderators_only
    async def figure_retract(self, interaction: discord.Interaction[TallyBot], id: FigureId, reason: Reason,
                             version: Version | None = None) -> None:
        seen = await self._version_now(id, version)
        await run_change(interaction, "Retracted", lambda who, _: self.bot.tally.retract_figure(id, who, reason, seen))

    @figure.command(name="restore", description="Bring back a retracted figure")
    @app_commands.describe(id="the figure's number", reason=FIELD_HELP["reason"], version=FIELD_HELP["version"])
    @moderators_only
    async def figure_restore(self, interaction: discord.Interaction[TallyBot], id: FigureId, reason: Reason,
                             version: Version | None = None) -> None:
        seen = await self._version_now(id, version)
        await run_change(interaction, "Restored", lambda who, _: self.bot.tally.restore_figure(id, who, reason, seen))

    @figure_add.autocomplete("metric")
    @figure_edit.autocomplete("metric")
    async def metric_choices(self, interaction: discord.Interaction[TallyBot],
                             current: str) -> list[app_commands.Choice[str]]:
        return matching_choices([t.label for t in self.bot.tally.snapshot().vocabulary.of_kind("metric")], current)

    @figure_add.autocomplete("reporter")
    @figure_edit.autocomplete("reporter")
    async def reporter_choices(self, interaction: discord.Interaction[TallyBot],
                               current: str) -> list[app_commands.Choice[str]]:
        return matching_choices([s.name for s in self.bot.tally.snapshot().vocabulary.sources], current)

    @figure_add.autocomplete("actor")
    @figure_edit.autocomplete("actor")
    async def actor_choices(self, interaction: discord.Interaction[TallyBot],
                            current: str) -> list[app_commands.Choice[str]]:
        return matching_choices([t.label for t in self.bot.tally.snapshot().vocabulary.of_kind("actor")], current)

    @figure_add.autocomplete("place")
    @figure_edit.autocomplete("place")
    async def place_choices(self, interaction: discord.Interaction[TallyBot],
                            current: str) -> list[app_commands.Choice[str]]:
        return matching_choices([t.label for t in self.bot.tally.snapshot().vocabulary.of_kind("place")], current)

    # -- vocabulary and reporters --------------------------------------------------------------

    @alias.command(name="add", description="Teach a word: it will mean this metric, reporter, place, …")
    @app_commands.describe(kind="what the word names", name="the thing it names (name or key)",
                           alias="the word people type", reason="why")
    @app_commands.choices(kind=KIND_CHOICES)
    @moderators_only
    async def alias_add(self, interaction: discord.Interaction[TallyBot], kind: str, name: Name, alias: Alias,
                        reason: Reason) -> None:
        await interaction.response.defer(thinking=True)
        label = await asyncio.to_thread(self.bot.tally.add_alias, kind, name, alias, editor_of(interaction), reason)
        await interaction.followup.send(f"“{shown(alias)}” now means {shown(label)}.")
        audit_soon(self.bot)

    @alias.command(name="remove", description="Unteach a word")
    @app_commands.describe(kind="what the word names", name="the thing it names", alias="the word", reason="why")
    @app_commands.choices(kind=KIND_CHOICES)
    @moderators_only
    async def alias_remove(self, interaction: discord.Interaction[TallyBot], kind: str, name: Name, alias: Alias,
                           reason: Reason) -> None:
        await interaction.response.defer(thinking=True)
        label = await asyncio.to_thread(self.bot.tally.remove_alias, kind, name, alias, editor_of(interaction), reason)
        await interaction.followup.send(f"“{shown(alias)}” no longer means {shown(label)}.")
        audit_soon(self.bot)

    @source.command(name="add", description="Add a reporter (a source of figures)")
    @app_commands.describe(key="a short lower-case key, e.g. airwars", name="its name as shown", kind="what it is",
                           description="who they are", url="their site (http or https)", reason="why")
    @app_commands.choices(kind=SOURCE_KIND_CHOICES)
    @moderators_only
    async def source_add(self, interaction: discord.Interaction[TallyBot], key: Key, name: Name,
                         kind: str, reason: Reason, description: Description | None = None,
                         url: Url | None = None) -> None:
        await interaction.response.defer(thinking=True)
        saved = await asyncio.to_thread(self.bot.tally.save_source, key, editor_of(interaction), reason,
                                        new=True, name=name, kind=kind, description=description or "", url=url)
        await interaction.followup.send(f"Added reporter {shown(saved.name)} (`{saved.key}`).")
        audit_soon(self.bot)

    @source.command(name="edit", description="Edit a reporter")
    @app_commands.describe(key="the reporter's key", name="new name", kind="what it is", description="who they are",
                           url="their site (http or https)", reason="why")
    @app_commands.choices(kind=SOURCE_KIND_CHOICES)
    @moderators_only
    async def source_edit(self, interaction: discord.Interaction[TallyBot], key: Key,
                          reason: Reason, name: Name | None = None, kind: str | None = None,
                          description: Description | None = None,
                          url: Url | None = None) -> None:
        await interaction.response.defer(thinking=True)
        saved = await asyncio.to_thread(self.bot.tally.save_source, key, editor_of(interaction), reason,
                                        new=False, name=name, kind=kind, description=description, url=url)
        await interaction.followup.send(f"Saved reporter {shown(saved.name)} (`{saved.key}`).")
        audit_soon(self.bot)

    # -- files ---------------------------------------------------------------------------------

    @imports.command(name="upload", description="Import figures from a CSV or JSON file: a preview, then Confirm")
    @app_commands.describe(file="a CSV or JSON file in the format of /export", reason="where the figures come from")
    @moderators_only
    async def import_upload(self, interaction: discord.Interaction[TallyBot], file: discord.Attachment,
                            reason: Reason) -> None:
        content = await read_upload(interaction, file, MAX_BYTES)
        tally = self.bot.tally
        plan, token = await asyncio.to_thread(tally.stage_import, content, file.filename, editor_of(interaction),
                                              reason)
        vocabulary = tally.snapshot().vocabulary
        changes = [change.describe(vocabulary) for change in plan.changes if change.kind != "unchanged"]
        footer = (f"Nothing is written until you confirm (within {PENDING_MINUTES} minutes; /mod import pending lists "
                  "what waits); the whole file or nothing.")
        await interaction.followup.send(**import_preview(file.filename, plan.summary(), changes, "Every row is "
                                                         "already held: nothing would change.", token, ImportButton,
                                                         footer), ephemeral=True)

    @imports.command(name="pending", description="Imports previewed and waiting for their uploader's Confirm")
    @moderators_only
    async def import_pending(self, interaction: discord.Interaction[TallyBot]) -> None:
        waiting = await asyncio.to_thread(self.bot.tally.pending_imports)
        if not waiting:
            await interaction.response.send_message("No import is waiting for Confirm.", ephemeral=True)
            return
        now = self.bot.tally.now()
        lines = [f"**{shown(p.filename)}** by {shown(p.editor.name)}: {p.summary} — “{shown(p.reason)}”, "
                 f"expires in {max(1, int((p.expires - now).total_seconds() // 60))} min" for p in waiting]
        embed = discord.Embed(title=f"{len(waiting)} import{'s' if len(waiting) > 1 else ''} waiting for Confirm",
                              description=clip("\n".join(lines), EMBED_DESCRIPTION))
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="export", description="The figures as a CSV or JSON file (the import format)")
    @app_commands.describe(format="csv or json", figures="current only, or all (superseded and retracted too)",
                           history="moderators: every revision of every figure instead (JSON)")
    async def export(self, interaction: discord.Interaction[TallyBot], format: Literal["csv", "json"] = "csv",
                     figures: Literal["current", "all"] = "current", history: bool = False) -> None:
        if history and not is_moderator(interaction):
            require_moderator(interaction, HISTORY_REFUSAL)
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



async def setup(bot: TallyBot) -> None:
    await bot.add_cog(Moderation(bot))

