"""The Discord bot: built by a factory from its dependencies, started and stopped cleanly.

It holds no presentation: what replies look like and the buttons are the extensions' (bot.exts), loaded by
name. Of them it imports only the error handler's command tree, which imports nothing of this module, so the
extensions may name this module's types without an import cycle."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable
from typing import Any, TypeVar

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.domain.service import Tally
from bot.exts import EXTENSIONS
from bot.exts._errors import TallyTree
from bot.logs import redact

log = logging.getLogger("bot")
T = TypeVar("T")
DEFER_AFTER = 1.5
"""Seconds a read may take before the reply is deferred: Discord drops an interaction not acknowledged in 3 s."""


class TallyBot(commands.AutoShardedBot):
    def __init__(self, settings: Settings, tally: Tally, **options: Any) -> None:
        # Tally has no voice: say nothing at start about voice libraries it does not need.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        intents = discord.Intents.default()
        intents.message_content = False  # mentions of the bot carry their text without the privileged intent
        intents.presences = False
        intents.members = False
        options.setdefault("shard_count", settings.shard_count)
        if settings.shard_ids:
            options.setdefault("shard_ids", list(settings.shard_ids))
        super().__init__(
            command_prefix=commands.when_mentioned, intents=intents, tree_cls=TallyTree, help_command=None,
            allowed_mentions=discord.AllowedMentions.none(), **options,
        )
        self.settings = settings
        self.tally = tally
        self._cooldown = app_commands.Cooldown(settings.ask_cooldown_rate, settings.ask_cooldown_seconds)
        self._cooldowns = commands.CooldownMapping(
            commands.Cooldown(settings.ask_cooldown_rate, settings.ask_cooldown_seconds), lambda user_id: user_id
        )

    async def setup_hook(self) -> None:
        # The first snapshot of the vocabulary, read off the event loop: autocomplete reads only snapshots.
        await asyncio.to_thread(self.tally.refresh)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        guild = discord.Object(self.settings.dev_guild_id) if self.settings.dev_guild_id else None
        if guild:
            self.tree.copy_global_to(guild=guild)
        synced = await self.tree.sync(guild=guild)
        log.info("synced %d commands %s", len(synced), f"to guild {guild.id}" if guild else "globally")

    async def on_ready(self) -> None:
        log.info("ready as %s in %d servers", self.user, len(self.guilds))

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: mentions are answered by the answers extension."""

    async def in_time(self, interaction: discord.Interaction[TallyBot], work: Awaitable[T]) -> T:
        """The result of `work`; when it is slow (a hung database), the reply is deferred first so it still
        arrives. Quick reads answer directly, and a refusal stays private."""
        task = asyncio.ensure_future(work)
        done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
        if not done and not interaction.response.is_done():
            await interaction.response.defer(thinking=True)
        return await task

    @staticmethod
    async def reply(interaction: discord.Interaction[TallyBot], **message: Any) -> None:
        """Send the reply, as the response or as the follow-up of a deferral."""
        if interaction.response.is_done():
            await interaction.followup.send(**message)
        else:
            await interaction.response.send_message(**message)

    def check_cooldown(self, user_id: int) -> None:
        retry_after = self._cooldowns.update_rate_limit(user_id)
        if retry_after:
            raise app_commands.CommandOnCooldown(self._cooldown, retry_after)


def create_bot(settings: Settings, tally: Tally, **options: Any) -> TallyBot:
    return TallyBot(settings, tally, **options)


def run_bot(settings: Settings, tally: Tally) -> int:
    """Run until Discord closes the connection or SIGINT/SIGTERM asks to stop; the database closed after."""
    bot = create_bot(settings, tally)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        async with bot:
            running = asyncio.create_task(bot.start(settings.discord_token or ""))
            stopping = asyncio.create_task(stop.wait())
            done, _ = await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if running in done:
                stopping.cancel()
                running.result()
                return
            log.info("stopping on signal")
            await bot.close()
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)

    try:
        asyncio.run(main())
    except discord.LoginFailure:
        print("tally: Discord refused the token in DISCORD_TOKEN (invalid or revoked).\n"
              "  Reset it in the developer portal (Bot → Reset Token) and put the new one in .env.", flush=True)
        return 1
    except discord.PrivilegedIntentsRequired:
        print("tally: Discord refused an intent the bot asked for; none of Tally's needs approval.", flush=True)
        return 1
    except (aiohttp.ClientConnectionError, OSError, TimeoutError) as e:
        # Only at start: once connected, discord.py reconnects by itself with back-off.
        print(f"tally: cannot reach Discord ({type(e).__name__}: {redact(str(e)) or 'no detail'}). Check this "
              "machine's network, DNS and proxy settings, then start again.", flush=True)
        return 1
    finally:
        tally.close()
    log.info("stopped")
    return 0

