"""Confirm or Cancel of an incident import preview: the same flow as the figures' /import."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord

from bot.domain.errors import UsageError
from bot.exts._components import confirm_or_cancel, guarded, settle_import

if TYPE_CHECKING:
    from bot.client import TallyBot
    from bot.domain.incidents.service import Incidents


def desk(bot: TallyBot) -> Incidents:
    """The bot's incident records, or the error of a bot that has none."""
    if bot.tally.incidents is None:
        raise UsageError("This bot has no store for incident records.")
    return bot.tally.incidents


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
        await settle_import(interaction, self.token, self.action == "ok", desk(interaction.client).settle_import)
