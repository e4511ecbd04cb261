"""Settings, built once at start from the environment (and .env), never at import time."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.domain.errors import SettingsError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'var' / 'tally.db'}"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
KNOWN = ("DISCORD_TOKEN", "DATABASE_URL", "TALLY_DATA_DIR", "DEV_GUILD_ID", "MODERATOR_ROLE_IDS",
         "MODERATORS_MANAGE_GUILD", "AUDIT_CHANNEL_ID", "ASK_COOLDOWN_RATE", "ASK_COOLDOWN_SECONDS",
         "STALE_AFTER_MONTHS", "LOG_LEVEL", "SHARD_COUNT", "SHARD_IDS")
"""Every setting's name; an empty value means the setting's default."""


def _digits(text: str) -> bool:
    # str.isdigit() also accepts "²" and other Unicode digits that int() refuses; 20 digits hold any Discord id,
    # and int() refuses strings of thousands of digits.
    return text.isascii() and text.isdigit() and len(text) <= 20


def near_misses(names: Iterable[str], known: Sequence[str] = KNOWN) -> list[str]:
    """Warnings for names that look like a setting but are not one (MODERATOR_ROLE_ID), so a typo is not silent."""
    warnings = []
    for name in names:
        if name in known:
            continue
        close = difflib.get_close_matches(name.upper(), known, n=1, cutoff=0.8)
        if close:
            warnings.append(f"{name} is not a setting; did you mean {close[0]}?")
        elif name.upper().startswith("TALLY"):
            warnings.append(f"{name} is not a setting; the settings are listed in .env.example.")
    return warnings


@dataclass(frozen=True)
class Settings:
    discord_token: str | None = None
    database_url: str = DEFAULT_DATABASE_URL
    data_dir: Path = ROOT / "data"
    dev_guild_id: int | None = None
    moderator_role_ids: tuple[int, ...] = ()
    moderators_manage_guild: bool = True
    home_guild_ids: tuple[int, ...] = ()
    """The servers whose moderators may change the figures (one shared dataset); elsewhere nobody moderates."""
    audit_channel_id: int | None = None
    ask_cooldown_rate: int = 5
    ask_cooldown_seconds: float = 30.0
    stale_after_months: int = 12
    log_level: str = "INFO"
    shard_count: int | None = None
    shard_ids: tuple[int, ...] = field(default=())

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Read every setting; a malformed one is refused with its name and the form it needs."""
        def text(name: str) -> str:
            return env.get(name, "").strip()

        def integer(name: str, default: int | None, low: int = 0) -> int | None:
            raw = text(name)
            if not raw:
                return default
            if not _digits(raw) or int(raw) < low:
                raise SettingsError(f"{name}={raw!r} is not a whole number >= {low}.",
                                    f"Fix {name} in .env: digits 0-9 only, or leave it empty for the default.")
            return int(raw)

        def ids(name: str) -> tuple[int, ...]:
            raw = text(name)
            parts = [p.strip() for p in raw.replace(";", ",").split(",") if p.strip()]
            if any(not _digits(p) for p in parts):
                raise SettingsError(f"{name}={raw!r} must be Discord ids separated by commas.",
                                    "Copy ids with Developer Mode on (right-click → Copy ID).")
            return tuple(int(p) for p in parts)

        def flag(name: str, default: bool) -> bool:
            raw = text(name).lower()
            if not raw:
                return default
            if raw in _TRUE:
                return True
            if raw in _FALSE:
                return False
            raise SettingsError(f"{name}={raw!r} must be true or false.", f"Fix {name} in .env.")

        level = (text("LOG_LEVEL") or "INFO").upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise SettingsError(f"LOG_LEVEL={level!r} is not a log level.", "Use DEBUG, INFO, WARNING or ERROR.")
        data_dir = Path(text("TALLY_DATA_DIR")) if text("TALLY_DATA_DIR") else ROOT / "data"
        if not (data_dir / "figures.csv").is_file():
            raise SettingsError(f"TALLY_DATA_DIR={str(data_dir)!r} has no figures.csv.",
                                "Point it at a folder laid out like the project's data/.")
        shard_ids = ids("SHARD_IDS")
        shard_count = integer("SHARD_COUNT", None, low=1)
        if shard_ids and shard_count is None:
            raise SettingsError("SHARD_IDS is set without SHARD_COUNT.",
                                "Set SHARD_COUNT to the total number of shards.")
        if shard_count is not None and any(i >= shard_count for i in shard_ids):
            raise SettingsError("SHARD_IDS must be below SHARD_COUNT.", "Shard ids count from 0.")
        return cls(
            discord_token=text("DISCORD_TOKEN") or None,
            database_url=text("DATABASE_URL") or DEFAULT_DATABASE_URL,
            data_dir=data_dir,
            dev_guild_id=integer("DEV_GUILD_ID", None, low=1),
            moderator_role_ids=ids("MODERATOR_ROLE_IDS"),
            moderators_manage_guild=flag("MODERATORS_MANAGE_GUILD", True),
            home_guild_ids=ids("HOME_GUILD_IDS"),
            audit_channel_id=integer("AUDIT_CHANNEL_ID", None, low=1),
            ask_cooldown_rate=integer("ASK_COOLDOWN_RATE", 5, low=1) or 5,
            ask_cooldown_seconds=float(integer("ASK_COOLDOWN_SECONDS", 30, low=1) or 30),
            stale_after_months=integer("STALE_AFTER_MONTHS", 12, low=1) or 12,
            log_level=level,
            shard_count=shard_count,
            shard_ids=shard_ids,
        )

    @property
    def moderation_on(self) -> bool:
        """Someone could be a moderator: roles are listed, or Manage Server counts (the default)."""
        return bool(self.moderator_role_ids) or self.moderators_manage_guild

    def check_moderation(self) -> None:
        """Before connecting to Discord: moderation without a home server would let any server's admins
        rewrite the shared figures, so that start is refused."""
        if self.moderation_on and not self.home_guild_ids:
            because = ("MODERATOR_ROLE_IDS is set" if self.moderator_role_ids
                       else "members with Manage Server are moderators (MODERATORS_MANAGE_GUILD is true)")
            raise SettingsError(
                f"HOME_GUILD_IDS is not set, but {because}: without it, the admins of any server the bot is "
                "added to could change the shared figures.",
                "Set HOME_GUILD_IDS to your server's id (right-click the server → Copy Server ID), or turn "
                "moderation off with MODERATORS_MANAGE_GUILD=false and no MODERATOR_ROLE_IDS.")
