from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands, tasks

from bot.exts._embeds import audit_embed, vocabulary_audit_embed

if TYPE_CHECKING:
    from bot.client import TallyBot

log = logging.getLogger(__name__)
FIGURES, WORDS = "audit_figure_revision", "audit_vocabulary_revision"


class Audit(commands.Cog):
    """Posts revisions in order, remembering the last one posted in the store.

    Changes made anywhere — this process, another shard, the command line — are found by polling. Only the
    process that can see the audit channel (the one whose shard holds its server) posts, so nothing is posted twice.
    """

    def __init__(self, bot: TallyBot) -> None:
        self.bot = bot
        self._lock = asyncio.Lock()

    async def cog_load(self) -> None:
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
        store = self.bot.tally.store
        async with self._lock:
            try:
                await self._post(channel, store)
            except discord.HTTPException:
                log.warning("could not post to the audit channel %s", self.bot.settings.audit_channel_id)

    async def _post(self, channel: discord.abc.Messageable, store: object) -> None:
        tally = self.bot.tally
        figures_at, words_at = tally.store.cursor(FIGURES), tally.store.cursor(WORDS)
        if figures_at is None or words_at is None:
            # A feed starts from now: the seed and older history are in /figure history.
            latest_figures, latest_words = await asyncio.to_thread(tally.store.last_revision_ids)
            figures_at = latest_figures if figures_at is None else figures_at
            words_at = latest_words if words_at is None else words_at
            tally.store.set_cursor(FIGURES, figures_at)
            tally.store.set_cursor(WORDS, words_at)
        vocabulary = tally.vocabulary
        for revision in await asyncio.to_thread(tally.store.revisions_after, figures_at):
            await channel.send(embed=audit_embed(revision, vocabulary))
            await asyncio.to_thread(tally.store.set_cursor, FIGURES, revision.id)
        for word in await asyncio.to_thread(tally.store.vocabulary_revisions_after, words_at):
            await channel.send(embed=vocabulary_audit_embed(word))
            await asyncio.to_thread(tally.store.set_cursor, WORDS, word.id)


async def setup(bot: TallyBot) -> None:
    await bot.add_cog(Audit(bot))
