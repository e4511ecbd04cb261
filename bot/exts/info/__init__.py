"""/sources and /help."""

from bot.exts.info._cog import Info, setup

__all__ = ["Info", "setup"]
