from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.errors import NotFound
from bot.domain.models import Actor, Figure
from bot.domain.records import resolve_name, split_value, unknown_name_message
from bot.exts._embeds import figure_embed
from bot.exts._moderators import actor_of, moderators_only
from bot.exts._text import CHOICES, choice

if TYPE_CHECKING:
    from bot.client import TallyBot

FigureId = app_commands.Range[int, 1, 2**31 - 1]
Text = app_commands.Range[str, 1, 100]
LongText = app_commands.Range[str, 1, 1000]
Notes = app_commands.Range[str, 1, 4000]
Reason = app_commands.Range[str, 3, 500]
DateText = app_commands.Range[str, 4, 10]

FIELD_HELP = {
    "value": "352 (exact), 352+ (at least 352) or 8194-13249 (a range)",
    "metric": "what is counted, e.g. civilian deaths",
    "reporter": "who reported it, e.g. CJTF-OIR",
    "published": "when it was published: YYYY, YYYY-MM or YYYY-MM-DD",
    "actor": "whose strikes (default: the Coalition)",
    "place": "where (default: Iraq and Syria)",
    "period_start": "counted from: YYYY, YYYY-MM or YYYY-MM-DD",
    "period_end": "counted until (empty: to the report)",
    "quote": "the source's own wording",
    "qualifier": "the source's qualifying words, e.g. at least",
    "title": "the source document",
    "outlet": "who carried it (several: separate with ;)",
    "url": "a link to it (http or https)",
    "notes": "scope and exclusions, said plainly",
    "excludes": "places or actors it does not cover, e.g. yemen",
    "reason": "why (kept in the figure's history)",
    "version": "the version you read (the change is refused if it changed since)",
}


def _help(*names: str) -> dict[str, str]:
    return {name: FIELD_HELP[name] for name in names}


def _fields(**given: str | None) -> dict[str, str | None]:
    """Options as figure fields: only those given; `value` split into value_low and value_high."""
    fields: dict[str, str | None] = {k: v for k, v in given.items() if v is not None and k != "value"}
    if given.get("value") is not None:
        fields.update(split_value(given["value"] or ""))
    return fields


class Figures(commands.Cog):
    figure = app_commands.Group(name="figure", description="One figure: show, history; moderators: add, edit, …")

    def __init__(self, bot: TallyBot) -> None:
        self.bot = bot

    # -- everyone ------------------------------------------------------------------------------

    @figure.command(name="show", description="One figure with its wording, scope and citation")
    @app_commands.describe(id="the figure's number, as shown in answers and lists")
    async def show(self, interaction: discord.Interaction, id: FigureId) -> None:
        tally = self.bot.tally
        figure, resolver = await self.bot.in_time(interaction,
                                                  asyncio.to_thread(lambda: (tally.figure(id), tally.resolver())))
        await self.bot.reply(interaction, embed=figure_embed(figure, resolver.vocabulary))

    @figure.command(name="history", description="Every change to one figure: who, when, why, before and after")
    @app_commands.describe(id="the figure's number")
    async def history(self, interaction: discord.Interaction, id: FigureId) -> None:
        embed, view = await self.bot.in_time(interaction, self.bot.page("hist", 0, str(id)))
        await self.bot.reply(interaction, embed=embed, **({"view": view} if view else {}))

    @app_commands.command(name="figures", description="The current figures, a page at a time")
    @app_commands.describe(metric="only this kind of figure", reporter="only this reporter's figures")
    async def figures(self, interaction: discord.Interaction, metric: Text | None = None,
                      reporter: Text | None = None) -> None:
        async def first_page() -> tuple[discord.Embed, discord.ui.View | None]:
            lexicon = (await asyncio.to_thread(self.bot.tally.resolver)).lexicon
            keys = []
            for kind, text in (("metric", metric), ("reporter", reporter)):
                key = resolve_name(text, kind, lexicon) if text else ""  # type: ignore[arg-type]
                if key is None:
                    raise NotFound(unknown_name_message(text or "", kind, lexicon))  # type: ignore[arg-type]
                keys.append(key)
            return await self.bot.page("figs", 0, ":".join(keys))

        embed, view = await self.bot.in_time(interaction, first_page())
        await self.bot.reply(interaction, embed=embed, **({"view": view} if view else {}))

    # -- moderators ----------------------------------------------------------------------------

    async def _change(self, interaction: discord.Interaction, verb: str,
                      work: Callable[[Actor], Figure]) -> None:
        # Confirmations are private: the audit channel is where changes are announced.
        actor = actor_of(interaction.user)
        await interaction.response.defer(thinking=True, ephemeral=True)
        tally = self.bot.tally
        figure, resolver = await asyncio.to_thread(lambda: (work(actor), tally.resolver()))
        await interaction.followup.send(f"{verb} figure {figure.id}.", ephemeral=True,
                                        embed=figure_embed(figure, resolver.vocabulary))
        self.bot.audit_soon()

    @figure.command(name="add", description="Moderators: add a reported figure")
    @app_commands.describe(**_help("metric", "value", "reporter", "published", "reason", "actor", "place",
                                   "period_start", "period_end", "quote", "qualifier", "title", "outlet", "url",
                                   "notes", "excludes"))
    @moderators_only
    async def add(self, interaction: discord.Interaction, metric: Text, value: Text, reporter: Text,
                  published: DateText, reason: Reason, actor: Text | None = None, place: Text | None = None,
                  period_start: DateText | None = None, period_end: DateText | None = None,
                  quote: LongText | None = None, qualifier: Text | None = None, title: Text | None = None,
                  outlet: Text | None = None, url: app_commands.Range[str, 1, 500] | None = None,
                  notes: Notes | None = None, excludes: Text | None = None) -> None:
        campaign = self.bot.tally.snapshot().vocabulary.campaign
        fields = _fields(metric=metric, value=value, reporter=reporter, published=published,
                         actor=actor or campaign.actor, place=place or campaign.place, period_start=period_start,
                         period_end=period_end, quote=quote, qualifier=qualifier, title=title, outlet=outlet,
                         url=url, notes=notes, excludes=excludes)
        await self._change(interaction, "Added", lambda who: self.bot.tally.add_figure(fields, who, reason))

    @figure.command(name="edit", description="Moderators: correct a figure (give only the fields that change)")
    @app_commands.describe(id="the figure's number", **FIELD_HELP)
    @moderators_only
    async def edit(self, interaction: discord.Interaction, id: FigureId, reason: Reason,
                   value: Text | None = None, qualifier: Text | None = None, quote: LongText | None = None,
                   published: DateText | None = None, period_start: DateText | None = None,
                   period_end: DateText | None = None, reporter: Text | None = None, metric: Text | None = None,
                   actor: Text | None = None, place: Text | None = None, title: Text | None = None,
                   outlet: Text | None = None, url: app_commands.Range[str, 1, 500] | None = None,
                   notes: Notes | None = None, excludes: Text | None = None,
                   version: app_commands.Range[int, 1] | None = None) -> None:
        fields = _fields(value=value, qualifier=qualifier, quote=quote, published=published,
                         period_start=period_start, period_end=period_end, reporter=reporter, metric=metric,
                         actor=actor, place=place, title=title, outlet=outlet, url=url, notes=notes,
                         excludes=excludes)
        await self._change(interaction, "Edited",
                           lambda who: self.bot.tally.edit_figure(id, fields, who, reason, version))

    @figure.command(name="supersede", description="Moderators: a newer report of the same series replaces a figure")
    @app_commands.describe(id="the figure it replaces", **_help("value", "published", "reason", "quote", "qualifier",
                                                                  "period_end", "title", "outlet", "url", "notes",
                                                                  "version"))
    @moderators_only
    async def supersede(self, interaction: discord.Interaction, id: FigureId, value: Text,
                        published: DateText, reason: Reason, quote: LongText | None = None,
                        qualifier: Text | None = None, period_end: DateText | None = None,
                        title: Text | None = None, outlet: Text | None = None,
                        url: app_commands.Range[str, 1, 500] | None = None, notes: Notes | None = None,
                        version: app_commands.Range[int, 1] | None = None) -> None:
        fields = _fields(value=value, published=published, quote=quote, qualifier=qualifier, period_end=period_end,
                         title=title, outlet=outlet, url=url, notes=notes)
        await self._change(interaction, "Added, superseding an older report:",
                           lambda who: self.bot.tally.supersede_figure(id, fields, who, reason, version))

    @figure.command(name="retract", description="Moderators: withdraw a figure (kept in history, never answered)")
    @app_commands.describe(id="the figure's number", reason=FIELD_HELP["reason"], version=FIELD_HELP["version"])
    @moderators_only
    async def retract(self, interaction: discord.Interaction, id: FigureId, reason: Reason,
                      version: app_commands.Range[int, 1] | None = None) -> None:
        await self._change(interaction, "Retracted",
                           lambda who: self.bot.tally.retract_figure(id, who, reason, version))

    @figure.command(name="restore", description="Moderators: bring back a retracted figure")
    @app_commands.describe(id="the figure's number", reason=FIELD_HELP["reason"], version=FIELD_HELP["version"])
    @moderators_only
    async def restore(self, interaction: discord.Interaction, id: FigureId, reason: Reason,
                      version: app_commands.Range[int, 1] | None = None) -> None:
        await self._change(interaction, "Restored",
                           lambda who: self.bot.tally.restore_figure(id, who, reason, version))

    # -- autocomplete --------------------------------------------------------------------------

    @figures.autocomplete("metric")
    @add.autocomplete("metric")
    @edit.autocomplete("metric")
    async def metric_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return _choices([t.label for t in self.bot.tally.snapshot().vocabulary.of_kind("metric")], current)

    @figures.autocomplete("reporter")
    @add.autocomplete("reporter")
    @edit.autocomplete("reporter")
    async def reporter_choices(self, interaction: discord.Interaction,
                               current: str) -> list[app_commands.Choice[str]]:
        return _choices([s.name for s in self.bot.tally.snapshot().vocabulary.sources], current)

    @add.autocomplete("actor")
    @edit.autocomplete("actor")
    async def actor_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return _choices([t.label for t in self.bot.tally.snapshot().vocabulary.of_kind("actor")], current)

    @add.autocomplete("place")
    @edit.autocomplete("place")
    async def place_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return _choices([t.label for t in self.bot.tally.snapshot().vocabulary.of_kind("place")], current)


def _choices(names: list[str], current: str) -> list[app_commands.Choice[str]]:
    typed = current.lower().strip()
    return [choice(n, n) for n in names if typed in n.lower()][:CHOICES]


async def setup(bot: TallyBot) -> None:
    await bot.add_cog(Figures(bot))
