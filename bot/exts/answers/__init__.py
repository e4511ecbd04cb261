"""/ask, /compare and mentions: questions in people's own words."""

from bot.exts.answers._cog import Answers, setup

__all__ = ["Answers", "setup"]
