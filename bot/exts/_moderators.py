"""Who may change figures: checked by the bot itself on every moderator action (command, button, import),
whatever Discord's own command permissions say — server admins can change those.

The figures are one dataset shared by every server the bot is in, so only the home servers (HOME_GUILD_IDS)
moderate: a role or Manage Server counts there and nowhere else."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.domain.models import Editor

if TYPE_CHECKING:
    from bot.client import TallyBot

log = logging.getLogger("bot.moderation")

REFUSAL = "Only moderators can change Tally's figures. Nothing was changed."
HISTORY_REFUSAL = ("Every revision of every figure is for moderators to read. `/figure history id:N` shows anyone "
                   "the changes to one figure.")
ELSEWHERE = ("Tally's figures are shared by every server it is in, so they are changed only from its home "
             "server. Nothing was changed.")


def is_home(interaction: discord.Interaction[TallyBot]) -> bool:
    settings = interaction.client.settings
    return interaction.guild_id is not None and interaction.guild_id in settings.home_guild_ids


def is_moderator(interaction: discord.Interaction[TallyBot]) -> bool:
    settings = interaction.client.settings
    member = interaction.user
    if not isinstance(member, discord.Member) or not is_home(interaction):
        return False  # in DMs and other servers nobody moderates: roles and permissions there mean nothing here
    if any(role.id in settings.moderator_role_ids for role in member.roles):
        return True
    return bool(settings.moderators_manage_guild and member.guild_permissions.manage_guild)


def require_moderator(interaction: discord.Interaction[TallyBot], refusal: str = REFUSAL) -> Editor:
    """The acting moderator, or a refusal (logged, explained privately by the error handler)."""
    if not is_moderator(interaction):
        what = interaction.command.qualified_name if interaction.command else (interaction.data or {}).get("custom_id")
        home = is_home(interaction)
        log.warning("refused %s to user %s (%s) in %s: %s", what, interaction.user.id, interaction.user,
                    place_of(interaction) or "a direct message",
                    "not a moderator" if home else "not a home server")
        raise app_commands.CheckFailure(refusal if home else ELSEWHERE)
    return editor_of(interaction)


def place_of(interaction: discord.Interaction[TallyBot]) -> str | None:
    """'Community (123) · #general (456)': the server and channel, by name and id, for logs and the audit feed."""
    guild = interaction.guild
    if guild is None and interaction.guild_id is None:
        return None
    server = f"{guild.name} ({guild.id})" if guild is not None else f"server {interaction.guild_id}"
    channel = interaction.channel
    name = getattr(channel, "name", None)
    room = f"#{name} ({interaction.channel_id})" if name else f"channel {interaction.channel_id}"
    return f"{server} · {room}"


def editor_of(interaction: discord.Interaction[TallyBot]) -> Editor:
    return Editor(str(interaction.user.id), str(interaction.user), place_of(interaction))


def moderator_check(interaction: discord.Interaction[TallyBot]) -> bool:
    require_moderator(interaction)
    return True


moderators_only = app_commands.check(moderator_check)
