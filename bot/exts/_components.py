"""Buttons of moderators' changes, and what every button shares. All are stateless (everything they need is in
their custom_id), so they keep working after a restart; a button of a shape this version no longer knows is
answered as expired (see bot.exts.buttons). The buttons under answers and lists are in bot.exts._pages."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol

import discord

from bot.domain.errors import UsageError
from bot.exts._errors import report
from bot.exts._forms import figure_form
from bot.exts._moderators import require_moderator
from bot.exts._text import EMBED_DESCRIPTION, EMBED_TITLE, clip, shown
from bot.exts.audit import audit_soon

if TYPE_CHECKING:
    from bot.client import TallyBot
    from bot.domain.models import Editor, PendingImport


def guarded(run: Callable[[Any, discord.Interaction[TallyBot]], Awaitable[None]]) -> Callable[..., Awaitable[None]]:
    """Route a button's errors to the one error handler (discord.py would only log them)."""
    async def callback(self: Any, interaction: discord.Interaction[TallyBot]) -> None:
        try:
            await run(self, interaction)
        except Exception as error:
            await report(interaction, error)
    return callback


PREVIEW_LINES = 15
"""Changes listed in an import preview; the rest are counted."""


async def read_upload(interaction: discord.Interaction[TallyBot], file: discord.Attachment, limit: int) -> bytes:
    """An uploaded file, refused before it is downloaded when it is larger than `limit`; the reply is deferred
    (privately) first, because reading and planning a large file takes longer than Discord waits."""
    if file.size > limit:
        raise UsageError(f"{file.filename} is {file.size:,} bytes; the limit is {limit:,}.")
    await interaction.response.defer(thinking=True, ephemeral=True)
    return await file.read()


def import_preview(filename: str, summary: str, changes: list[str], nothing: str, token: str | None,
                   button: Callable[[str, str], discord.ui.Item[Any]], footer: str) -> dict[str, Any]:
    """An import's preview as message arguments: counts first, the changes it would make, and Confirm/Cancel
    (`button(action, token)`) when it would change anything."""
    lines = changes[:PREVIEW_LINES]
    more = len(changes) - len(lines)
    text = "\n".join(shown(line) for line in lines) + (f"\n… and {more:,} more" if more > 0 else "")
    embed = discord.Embed(title=clip(f"Import {filename}: {summary}", EMBED_TITLE),
                          description=clip(text or nothing, EMBED_DESCRIPTION))
    if token is None:
        return {"embed": embed}
    view = discord.ui.View(timeout=None)
    view.add_item(button("ok", token))
    view.add_item(button("no", token))
    embed.set_footer(text=footer)
    return {"embed": embed, "view": view}


def confirm_or_cancel(action: str, custom_id: str) -> discord.ui.Button:
    """The Confirm ("ok") or Cancel ("no") button under an import preview."""
    if action == "ok":
        return discord.ui.Button(label="Confirm", style=discord.ButtonStyle.success, custom_id=custom_id)
    return discord.ui.Button(label="Cancel", style=discord.ButtonStyle.secondary, custom_id=custom_id)


class _Plan(Protocol):
    def summary(self) -> str: ...


async def settle_import(interaction: discord.Interaction[TallyBot], token: str, confirm: bool,
                        settle: Callable[[str, Editor, bool], tuple[PendingImport, _Plan | None]]) -> bool:
    """Confirm or Cancel under an import preview (the figures' or the incidents'): `settle` is the service's, which
    decides who may and whether it is still pending. The preview is replaced by what was done; whether it wrote."""
    editor = require_moderator(interaction)
    await interaction.response.defer()
    pending, plan = await asyncio.to_thread(settle, token, editor, confirm)
    if plan is None:
        await interaction.edit_original_response(
            content=f"Import of {pending.filename} cancelled; nothing was written.", embed=None, view=None)
        return False
    await interaction.edit_original_response(content=f"Imported {pending.filename}: {plan.summary()}.",
                                             embed=None, view=None)
    return True


class ImportButton(discord.ui.DynamicItem[discord.ui.Button],
                   template=r"tally:import:(?P<action>ok|no):(?P<token>[0-9a-f]{16})"):
    """Confirm or Cancel of an import preview."""

    def __init__(self, action: str, token: str) -> None:
        super().__init__(confirm_or_cancel(action, f"tally:import:{action}:{token}"))
        self.action, self.token = action, token

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[TallyBot], item: discord.ui.Button,
                             match: re.Match[str]) -> ImportButton:
        return cls(match["action"], match["token"])

    @guarded
    async def callback(self, interaction: discord.Interaction[TallyBot]) -> None:
        bot: TallyBot = interaction.client
        if await settle_import(interaction, self.token, self.action == "ok", bot.tally.settle_import):
            audit_soon(bot)


FIGURE_ACTIONS = {"edit": "Edit", "retract": "Retract", "supersede": "Supersede"}


class FigureButton(discord.ui.DynamicItem[discord.ui.Button],
                   template=r"tally:fig:(?P<action>edit|retract|supersede):(?P<id>\d{1,10}):(?P<version>\d{1,10})"):
    """Edit, Retract or Supersede under /figure show: opens a form, and the change is made to the version shown —
    if someone changed the figure since, it is refused with its new value."""

    def __init__(self, action: str, figure_id: int, version: int) -> None:
        style = discord.ButtonStyle.danger if action == "retract" else discord.ButtonStyle.secondary
        super().__init__(discord.ui.Button(label=FIGURE_ACTIONS[action], style=style,
                                           custom_id=f"tally:fig:{action}:{figure_id}:{version}"))
        self.action, self.figure_id, self.version = action, figure_id, version

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[TallyBot], item: discord.ui.Button,
                             match: re.Match[str]) -> FigureButton:
        return cls(match["action"], int(match["id"]), int(match["version"]))

    @guarded
    async def callback(self, interaction: discord.Interaction[TallyBot]) -> None:
        require_moderator(interaction)
        bot: TallyBot = interaction.client
        figure = await asyncio.to_thread(bot.tally.figure, self.figure_id)
        await interaction.response.send_modal(figure_form(bot, self.action, figure, self.version))


def figure_views(figure_id: int, version: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in FIGURE_ACTIONS:
        view.add_item(FigureButton(action, figure_id, version))
    return view
