"""The one place where errors become replies: a person's mistake gets a short private explanation, a bug
gets an apology with an error id, and the log gets the traceback under the same id. The bot never goes silent."""

from __future__ import annotations

import logging
import re
import secrets

import discord
from discord import app_commands

from bot.domain.errors import TallyError
from bot.exts._text import MESSAGE, clip

# The client builds its command tree from this module, so the handler names no client of its own: it answers
# an interaction of any (importing bot.client here, even for types, would make an import cycle).
AnyInteraction = discord.Interaction[discord.Client]

log = logging.getLogger("bot.errors")


_IN_DISCORD = (
    # The domain names its commands as typed in the terminal; in Discord the same hint names the slash command.
    (re.compile(r"`figure (show|history) (\d+)`"), r"`/figure \1 id:\2`"),
    (re.compile(r"`figure (edit|supersede|retract|restore) (\d+)`"), r"`/mod figure \1 id:\2`"),
    (re.compile(r"`figure add`"), "`/mod figure add`"),
    (re.compile(r"`figures`"), "`/figures`"),
    (re.compile(r"`alias (add|remove) (\w+)`"), r"`/mod alias \1 kind:\2`"),
    (re.compile(r"`(alias|source) (add|remove|edit)`"), r"`/mod \1 \2`"),
    (re.compile(r"`incidents import`"), "`/incidents import`"),
)


def in_discord(text: str) -> str:
    """A message as Discord users read it: terminal commands named as the slash commands that do the same."""
    for pattern, slash in _IN_DISCORD:
        text = pattern.sub(slash, text)
    return text


def explain(error: BaseException) -> tuple[str, bool]:
    """The reply for an error, and whether it was the person's to fix (else it is logged as a bug)."""
    original = getattr(error, "original", None) or error
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Easy there — you can ask again in {error.retry_after:.0f} s.", True
    if isinstance(original, TallyError):
        return in_discord(f"{original.message}" + (f"\n{original.hint}" if original.hint else "")), True
    if isinstance(error, app_commands.TransformerError):
        return f"{str(error.value)[:100]!r} is not a valid {error.type.name.lower()} here.", True
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "You can't use this command here.", True
    if isinstance(error, app_commands.CommandNotFound):
        return "That command no longer exists; Discord will update its list shortly.", True
    return "", False


async def report(interaction: AnyInteraction, error: BaseException) -> None:
    """Tell the person what went wrong, privately, whatever state the interaction is in."""
    message, theirs = explain(error)
    if not theirs:
        command = (interaction.command.qualified_name if interaction.command
                   else (interaction.data or {}).get("custom_id"))
        message = apology(getattr(error, "original", None) or error, f"in {command} (user {interaction.user.id})")
    else:
        log.info("refused %s for user %s: %s", interaction.command and interaction.command.qualified_name,
                 interaction.user.id, message.splitlines()[0])
    await send_private(interaction, message)


async def send_private(interaction: AnyInteraction, message: str) -> None:
    try:
        if interaction.response.is_done():
            await interaction.followup.send(clip(message, MESSAGE), ephemeral=True)
        else:
            await interaction.response.send_message(clip(message, MESSAGE), ephemeral=True)
    except discord.HTTPException:
        log.warning("could not tell user %s about an error (the interaction may have expired)", interaction.user.id)


async def report_message(message: discord.Message, error: BaseException) -> None:
    """The same for a mention: a reply that pings nobody."""
    text, theirs = explain(error)
    if not theirs:
        text = apology(error, f"answering a mention (user {message.author.id})")
    try:
        await message.reply(clip(text, MESSAGE), mention_author=False)
    except discord.HTTPException:
        log.warning("could not reply to message %s", message.id)


def apology(bug: BaseException, where: str) -> str:
    """Log a bug's traceback under a new error id; the apology that gives the person that id."""
    error_id = secrets.token_hex(4)
    log.error("error %s %s", error_id, where, exc_info=(type(bug), bug, bug.__traceback__))
    return f"Sorry — something went wrong on our side (error `{error_id}`). It has been logged."


class TallyTree(app_commands.CommandTree):
    async def on_error(self, interaction: AnyInteraction, error: app_commands.AppCommandError) -> None:
        await report(interaction, error)
