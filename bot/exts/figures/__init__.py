"""/figure show, /figure history and /figures: one figure, its revisions, the list."""

from bot.exts.figures._cog import Figures, setup

__all__ = ["Figures", "setup"]
