"""Who may change figures: checked by the bot itself on every moderator action (command, button, import),
whatever Discord's own command permissions say — server admins can change those."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.domain.models import Actor

log = logging.getLogger("bot.moderation")

REFUSAL = "Only moderators can change Tally's figures. Nothing was changed."


def is_moderator(interaction: discord.Interaction) -> bool:
    settings = interaction.client.settings  # type: ignore[attr-defined]
    member = interaction.user
    if not isinstance(member, discord.Member):
        return False  # in DMs nobody moderates: there is no server to hold a role in
    if any(role.id in settings.moderator_role_ids for role in member.roles):
        return True
    return bool(settings.moderators_manage_guild and member.guild_permissions.manage_guild)


def require_moderator(interaction: discord.Interaction) -> Actor:
    """The acting moderator, or a refusal (logged, explained privately by the error handler)."""
    if not is_moderator(interaction):
        what = interaction.command.qualified_name if interaction.command else (interaction.data or {}).get("custom_id")
        log.warning("refused %s to user %s (%s): not a moderator", what, interaction.user.id, interaction.user)
        raise app_commands.CheckFailure(REFUSAL)
    return actor_of(interaction.user)


def actor_of(user: discord.abc.User) -> Actor:
    return Actor(str(user.id), str(user))


def moderator_check(interaction: discord.Interaction) -> bool:
    require_moderator(interaction)
    return True


moderators_only = app_commands.check(moderator_check)
