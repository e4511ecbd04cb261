"""/mod (figures, aliases, reporters, imports) and /export: keeping the vocabulary and the figures current."""

from bot.exts.moderation._cog import Moderation, setup

__all__ = ["Moderation", "setup"]
