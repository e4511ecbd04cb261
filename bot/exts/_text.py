"""Fitting text into Discord's limits, and showing people's text back without it acting as markup."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.domain.render import clip

__all__ = ["clip"]

EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1024
EMBED_FOOTER = 2048
EMBED_TOTAL = 6000
EMBED_FIELDS = 25
MESSAGE = 2000
CHOICES = 25
CHOICE = 100
BUTTON_LABEL = 80
FORM_FIELD = 4000
"""A form (modal) text field holds at most this: a longer domain limit is kept whole only from files and the CLI."""


def choice(name: str, value: str) -> app_commands.Choice[str]:
    """An autocomplete choice Discord accepts: no lone surrogates (they cannot be encoded), within 100 characters."""
    return app_commands.Choice(name=clip(_no_surrogates(name), CHOICE) or "…", value=_no_surrogates(value)[:CHOICE])


def _no_surrogates(text: str) -> str:
    return text.encode("utf-8", "ignore").decode("utf-8") if any("\ud800" <= c <= "\udfff" for c in text) else text


def shown(text: str | None) -> str:
    """Text someone typed or stored, escaped so it shows as written (no markdown, no pings)."""
    if not text:
        return ""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def fit(embed: discord.Embed, total: int = EMBED_TOTAL) -> discord.Embed:
    """Drop trailing fields (noting it) until the whole embed is within `total` characters (Discord's 6,000
    for a message's embeds together: a message with several embeds gives each its share)."""
    dropped = 0
    while len(embed) > total and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
        dropped += 1
    if dropped:
        note = f"\n({dropped} more not shown)"
        embed.description = clip(embed.description or "", EMBED_DESCRIPTION - len(note)) + note
    if len(embed) > total and embed.description:
        embed.description = clip(embed.description, max(1, len(embed.description) - (len(embed) - total)))
    return embed


def matching_choices(names: list[str], current: str) -> list[app_commands.Choice[str]]:
    """The names that contain what was typed, as autocomplete choices."""
    typed = current.lower().strip()
    return [choice(n, n) for n in names if typed in n.lower()][:CHOICES]
