"""/incidents import|export|chart and /map: Airwars' incident records on Discord."""

from bot.exts.incidents._buttons import IncidentImportButton
from bot.exts.incidents._cog import IncidentCommands, setup

DYNAMIC_ITEMS = (IncidentImportButton,)

__all__ = ["DYNAMIC_ITEMS", "IncidentCommands", "setup"]
