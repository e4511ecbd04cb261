"""Forms (modals) for long text and for the buttons under /figure show, and the one way a figure change is run
and confirmed from Discord."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import discord

from bot.domain import limits
from bot.domain.figure_rows import split_value
from bot.domain.models import Editor, Figure
from bot.exts._embeds import figure_embed
from bot.exts._errors import report
from bot.exts._moderators import require_moderator
from bot.exts._text import FORM_FIELD
from bot.exts.audit import audit_soon

if TYPE_CHECKING:
    from bot.client import TallyBot

Work = Callable[[Editor, dict[str, str]], Figure]
"""A change to make, given the acting moderator and what the form said (empty for a slash command)."""


async def run_change(interaction: discord.Interaction[TallyBot], verb: str, work: Work,
                     typed: dict[str, str] | None = None) -> None:
    """Run a figure change off the event loop and confirm it privately (the audit channel announces changes)."""
    bot: TallyBot = interaction.client
    editor = require_moderator(interaction)
    await interaction.response.defer(thinking=True, ephemeral=True)
    figure = await asyncio.to_thread(work, editor, typed or {})
    await interaction.followup.send(f"{verb} figure {figure.id}.", ephemeral=True,
                                    embed=figure_embed(figure, bot.tally.snapshot().vocabulary))
    audit_soon(bot)


@dataclass(frozen=True)
class Input:
    key: str
    label: str
    default: str | None = None
    long: bool = False
    required: bool = False
    max_length: int = field(kw_only=True)
    """The domain's limit for the field (bot/domain/limits.py); a form field is also held to Discord's cap on one
    (`FORM_FIELD`), above which only files and the command line can give the whole text."""


class FigureForm(discord.ui.Modal):
    """Up to five fields; on submit the moderator check runs again (a form is its own interaction)."""

    def __init__(self, title: str, inputs: list[Input], verb: str, work: Work) -> None:
        super().__init__(title=title[:45], timeout=15 * 60)
        self.verb, self.work = verb, work
        self.inputs: dict[str, discord.ui.TextInput] = {}
        for spec in inputs[:5]:
            longest = min(spec.max_length, FORM_FIELD)
            box: discord.ui.TextInput = discord.ui.TextInput(
                label=spec.label[:45], default=(spec.default or "")[:longest] or None,
                style=discord.TextStyle.paragraph if spec.long else discord.TextStyle.short,
                required=spec.required, max_length=longest, custom_id=spec.key)
            self.inputs[spec.key] = box
            self.add_item(box)

    async def on_submit(self, interaction: discord.Interaction[TallyBot]) -> None:
        await run_change(interaction, self.verb, self.work, {k: f.value for k, f in self.inputs.items()})

    async def on_error(self, interaction: discord.Interaction[TallyBot], error: Exception, /) -> None:
        await report(interaction, error)


def changed_text(typed: dict[str, str], current: dict[str, str | None], keys: tuple[str, ...]) -> dict[str, str]:
    """The long-text fields a form changed: emptied means cleared, unchanged means left alone."""
    return {k: typed[k].strip() for k in keys if k in typed and typed[k].strip() != (current.get(k) or "")}


def value_text(figure: Figure) -> str:
    """A figure's value as a moderator types it: 352, 352+ or 8194-13249."""
    if figure.value_high is None:
        return f"{figure.value_low}+"
    if figure.value_high == figure.value_low:
        return str(figure.value_low)
    return f"{figure.value_low}-{figure.value_high}"


def figure_form(bot: TallyBot, action: str, figure: Figure, version: int) -> FigureForm:
    """The form a button under /figure show opens; its change is made to `version`, the one shown."""
    tally = bot.tally
    reason = Input("reason", "Why (kept in the figure's history)", required=True, max_length=limits.REASON)
    if action == "retract":
        return FigureForm(f"Retract figure {figure.id}", [reason], "Retracted",
                          lambda who, typed: tally.retract_figure(figure.id, who, typed["reason"], version))
    if action == "supersede":
        def supersede(who: Editor, typed: dict[str, str]) -> Figure:
            fields: dict[str, str | None] = {**split_value(typed["value"]), "published": typed["published"]}
            if typed.get("quote", "").strip():
                fields["quote"] = typed["quote"].strip()
            return tally.supersede_figure(figure.id, fields, who, typed["reason"], version)
        return FigureForm(f"A newer report than figure {figure.id}", [
            Input("value", "Its value: 352, 352+ or 8194-13249", required=True, max_length=limits.VALUE),
            Input("published", "Published: YYYY, YYYY-MM or YYYY-MM-DD", required=True, max_length=limits.DATE),
            Input("quote", "The source's own wording", long=True, max_length=limits.QUOTE), reason,
        ], "Added, superseding an older report:", supersede)

    def edit(who: Editor, typed: dict[str, str]) -> Figure:
        changes: dict[str, str | None] = dict(changed_text(typed, {"quote": figure.quote, "notes": figure.notes},
                                                           ("quote", "notes")))
        if typed["value"].strip() != value_text(figure):
            changes.update(split_value(typed["value"]))
        keep = typed.get("keep_quote", "").strip().lower() in ("yes", "y", "true")
        return tally.edit_figure(figure.id, changes, who, typed["reason"], version, keep)
    return FigureForm(f"Edit figure {figure.id}", [
        Input("value", "Value: 352, 352+ or 8194-13249", value_text(figure), required=True, max_length=limits.VALUE),
        Input("quote", "The source's own wording (empty: clear it)", figure.quote, long=True,
              max_length=limits.QUOTE),
        Input("notes", "Notes (empty: clear them)", figure.notes, long=True, max_length=limits.NOTES), reason,
        Input("keep_quote", "Quote stays as the report's wording? yes/no", "no", max_length=3),
    ], "Edited", edit)
