"""Confirm or Cancel of an incident import preview: the same flow as the figures' /import."""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING

import discord

from bot.domain.errors import Forbidden, UsageError
from bot.exts._components import confirm_or_cancel, guarded
from bot.exts._moderators import require_moderator

if TYPE_CHECKING:
    from bot.client import TallyBot


class IncidentImportButton(discord.ui.DynamicItem[discord.ui.Button],
                           template=r"tally:incidents:(?P<action>ok|no):(?P<token>[0-9a-f]{16})"):
    def __init__(self, action: str, token: str) -> None:
        super().__init__(confirm_or_cancel(action, f"tally:incidents:{action}:{token}"))
        self.action, self.token = action, token

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[TallyBot], item: discord.ui.Button,
                             match: re.Match[str]) -> IncidentImportButton:
        return cls(match["action"], match["token"])

    @guarded
    async def callback(self, interaction: discord.Interaction[TallyBot]) -> None:
        bot: TallyBot = interaction.client
        editor = require_moderator(interaction)
        cog = bot.get_cog("IncidentCommands")
        pending = cog.pending.peek(self.token) if cog is not None else None  # type: ignore[attr-defined]
        if pending is None:
            raise UsageError("This import has expired (or the bot restarted); nothing was written.",
                             "Run /incidents import again with the file.")
        if pending.editor.id != editor.id:
            raise Forbidden("Only the moderator who uploaded this file can confirm or cancel it.")
        cog.pending.take(self.token)  # type: ignore[union-attr]
        if self.action == "no":
            await interaction.response.edit_message(content=f"Import of {pending.name} cancelled; nothing was written.",
                                                    embed=None, view=None)
            return
        await interaction.response.defer()
        incidents = bot.tally.incidents
        assert incidents is not None
        plan = await asyncio.to_thread(incidents.import_rows, pending.rows, editor, pending.reason)
        await interaction.edit_original_response(content=f"Imported {pending.name}: {plan.summary()}.",
                                                 embed=None, view=None)
