from __future__ import annotations

import asyncio
import io
import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands, tasks

from bot.domain.importing import revisions_csv
from bot.exts._embeds import audit_embed, import_audit_embed, vocabulary_audit_embed

if TYPE_CHECKING:
    from bot.client import TallyBot

log = logging.getLogger(__name__)
BATCH = 5000
"""Revisions read per poll: enough for a whole import, which is posted as one message."""


def audit_soon(bot: TallyBot) -> None:
    """Post the latest changes to the audit channel now, not at the next poll."""
    feed = bot.get_cog("Audit")
    if isinstance(feed, Audit):
        feed.poke()


class Audit(commands.Cog):
    """Posts revisions in order, remembering the last one posted in the store.

    Changes made anywhere — this process, another shard, the command line — are found by polling. Only the
    process that can see the audit channel (the one whose shard holds its server) posts, so nothing is posted twice.
    """

    def __init__(self, bot: TallyBot) -> None:
        self.bot = bot
        self._lock = asyncio.Lock()

    async def cog_load(self) -> None:
        await asyncio.to_thread(self.bot.tally.start_audit)
        if self.bot.settings.audit_channel_id:
            self.poll.start()

    async def cog_unload(self) -> None:
        self.poll.cancel()

    def poke(self) -> None:
        if self.bot.settings.audit_channel_id:
            asyncio.get_running_loop().create_task(self.post_new())

    @tasks.loop(seconds=10)
    async def poll(self) -> None:
        await self.post_new()

    @poll.before_loop
    async def before_poll(self) -> None:
        await self.bot.wait_until_ready()

    @poll.error
    async def poll_failed(self, error: BaseException) -> None:
        log.error("the audit feed stopped", exc_info=error)

    async def post_new(self) -> None:
        channel = self.bot.get_channel(self.bot.settings.audit_channel_id or 0)
        if not isinstance(channel, discord.abc.Messageable):
            return
        async with self._lock:
            try:
                await self._post(channel)
            except discord.HTTPException:
                log.warning("could not post to the audit channel %s", self.bot.settings.audit_channel_id)

    async def _post(self, channel: discord.abc.Messageable) -> None:
        tally = self.bot.tally
        backlog = await asyncio.to_thread(tally.audit_backlog, BATCH)
        for batch in backlog.batches:
            if batch[0].action == "import":
                await channel.send(embed=import_audit_embed(batch), file=discord.File(
                    io.BytesIO(revisions_csv(batch).encode("utf-8")), filename=f"import-{batch[0].id}.csv"))
            else:
                await channel.send(embed=audit_embed(batch[0], backlog.vocabulary))
            await asyncio.to_thread(tally.mark_posted, figure_revision=batch[-1].id)
        for word in backlog.vocabulary_revisions:
            await channel.send(embed=vocabulary_audit_embed(word))
            await asyncio.to_thread(tally.mark_posted, vocabulary_revision=word.id)

async def setup(bot: TallyBot) -> None:
    await bot.add_cog(Audit(bot))
