"""Fitting text into Discord's limits, and showing people's text back without it acting as markup."""

from __future__ import annotations

import discord

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
