"""The stateless buttons, registered with the bot (everything a button needs is in its custom_id, so one posted
before a restart still works), and the answer to a button of a shape this version no longer knows."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.exts._components import FigureButton, ImportButton
from bot.exts._errors import send_private
from bot.exts._pages import AskButton, PageButton
from bot.exts.incidents import DYNAMIC_ITEMS as INCIDENT_BUTTONS

if TYPE_CHECKING:
    from bot.client import TallyBot

BUTTONS = (AskButton, PageButton, ImportButton, FigureButton, *INCIDENT_BUTTONS)
EXPIRED = "This button has expired. Run the command again for a fresh one."


def is_ours(custom_id: str) -> bool:
    return any(item.__discord_ui_compiled_template__.fullmatch(custom_id)
               for item in BUTTONS)


async def expired_buttons(interaction: discord.Interaction[TallyBot]) -> None:
    """discord.py answers only the buttons it knows: any other is said to have expired, never left spinning."""
    if interaction.type == discord.InteractionType.component:
        custom_id = (interaction.data or {}).get("custom_id", "")
        if not is_ours(custom_id):
            await send_private(interaction, EXPIRED)


async def setup(bot: TallyBot) -> None:
    bot.add_dynamic_items(*BUTTONS)
    bot.add_listener(expired_buttons, "on_interaction")
