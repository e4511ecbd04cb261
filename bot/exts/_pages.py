"""What a reply shows: an answer with its suggested questions as buttons, and a list a page at a time with its
page buttons. Both kinds of button are stateless (everything they need is in their custom_id), so a button
posted before a restart still works."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from bot.domain.answers import Answer
from bot.domain.incidents.answers import IncidentAnswer
from bot.domain.models import Figure, Revision, Vocabulary
from bot.exts._components import guarded
from bot.exts._embeds import (
    FIGURES_PAGE,
    HISTORY_PAGE,
    ListPage,
    answer_embeds,
    figures_embed,
    history_embed,
    list_page,
)
from bot.exts._text import BUTTON_LABEL, clip
from bot.exts.incidents._embeds import incident_embed

if TYPE_CHECKING:
    from bot.client import TallyBot
    from bot.domain.service import Tally

ASK_ID = 90
"""Room for a question in a custom_id (100 characters in all)."""


# -- answers -----------------------------------------------------------------------------------


def answer_message(answer: Answer) -> dict[str, Any]:
    """An answer as message arguments: its embed, and its suggestions as buttons."""
    embeds = [incident_embed(answer)] if isinstance(answer, IncidentAnswer) else answer_embeds(answer)
    message: dict[str, Any] = {"embed": embeds[0]} if len(embeds) == 1 else {"embeds": embeds}
    view = suggestions_view(answer.suggestions)
    if view is not None:
        message["view"] = view
    return message


class AskButton(discord.ui.DynamicItem[discord.ui.Button], template=r"tally:ask:(?P<question>.+)"):
    """Asks a suggested question, as if it had been typed."""

    def __init__(self, question: str) -> None:
        question = question[:ASK_ID]
        super().__init__(discord.ui.Button(label=clip(question, BUTTON_LABEL), style=discord.ButtonStyle.secondary,
                                           custom_id=f"tally:ask:{question}"))
        self.question = question

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[TallyBot], item: discord.ui.Button,
                             match: re.Match[str]) -> AskButton:
        return cls(match["question"])

    @guarded
    async def callback(self, interaction: discord.Interaction[TallyBot]) -> None:
        bot: TallyBot = interaction.client
        bot.check_cooldown(interaction.user.id)
        await interaction.response.defer(thinking=True)
        answer = await asyncio.to_thread(bot.tally.ask, self.question)
        await interaction.followup.send(**answer_message(answer))


def suggestions_view(questions: tuple[str, ...]) -> discord.ui.View | None:
    if not questions:
        return None
    view = discord.ui.View(timeout=None)
    for question in questions[:5]:
        view.add_item(AskButton(question))
    return view


# -- lists, a page at a time -------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryPage:
    """The pages of /figure history: one figure's revisions."""

    figure_id: int


@dataclass(frozen=True)
class FiguresPage:
    """The pages of /figures: the current figures, only a metric's and a reporter's when given (keys; "" for
    any)."""

    metric: str = ""
    reporter: str = ""


PageKey = HistoryPage | FiguresPage

PAGE_ID = r"tally:page:(?P<kind>figs|hist):(?P<page>\d{1,5}):(?P<arg>[\w:-]{0,80})"
"""A page button's custom_id. Buttons already posted in Discord carry it: it only ever gains shapes."""


def page_id(key: PageKey, number: int) -> str:
    if isinstance(key, HistoryPage):
        return f"tally:page:hist:{number}:{key.figure_id}"
    return f"tally:page:figs:{number}:{key.metric}:{key.reporter}"


def page_key(match: re.Match[str]) -> tuple[PageKey, int]:
    """The list and page number a page button's custom_id (matched by PAGE_ID) names."""
    arg = match["arg"]
    if match["kind"] == "hist":
        # Not a number: figure 0, which does not exist, and is said so.
        return HistoryPage(int(arg) if arg.isdigit() else 0), int(match["page"])
    metric, _, reporter = arg.partition(":")
    return FiguresPage(metric, reporter), int(match["page"])


async def page(tally: Tally, key: PageKey, number: int) -> tuple[discord.Embed, discord.ui.View | None]:
    """One page of a paginated list, for the first reply and for the page buttons alike."""
    if isinstance(key, HistoryPage):
        revisions: ListPage[Revision] = list_page(await asyncio.to_thread(tally.history, key.figure_id), number,
                                                  HISTORY_PAGE)
        return history_embed(key.figure_id, revisions), pager_view(key, revisions)

    def read() -> tuple[list[Figure], Vocabulary]:
        return tally.figures(metric=key.metric or None, reporter=key.reporter or None), tally.refresh().vocabulary

    chosen, vocabulary = await asyncio.to_thread(read)
    figures = list_page(chosen, number, FIGURES_PAGE)
    title = "Current figures"
    if key.metric:
        title += f" · {vocabulary.label('metric', key.metric)}"
    if key.reporter:
        title += f" · {vocabulary.label('reporter', key.reporter)}"
    return figures_embed(figures, vocabulary, title), pager_view(key, figures)


async def figures_page(tally: Tally, metric: str | None, reporter: str | None) -> tuple[discord.Embed,
                                                                                        discord.ui.View | None]:
    """The first page of /figures, the metric and reporter named as a question names them."""
    def keys() -> FiguresPage:
        metric_key, reporter_key = tally.filter_keys(metric, reporter)
        return FiguresPage(metric_key or "", reporter_key or "")

    return await page(tally, await asyncio.to_thread(keys), 0)


class PageButton(discord.ui.DynamicItem[discord.ui.Button], template=PAGE_ID):
    """Turns a page of a list: /figures or /figure history."""

    def __init__(self, key: PageKey, number: int, label: str, disabled: bool = False) -> None:
        super().__init__(discord.ui.Button(label=label, style=discord.ButtonStyle.primary, disabled=disabled,
                                           custom_id=page_id(key, number)))
        self.key, self.number = key, number

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[TallyBot], item: discord.ui.Button,
                             match: re.Match[str]) -> PageButton:
        return cls(*page_key(match), item.label or "")

    @guarded
    async def callback(self, interaction: discord.Interaction[TallyBot]) -> None:
        bot: TallyBot = interaction.client
        embed, view = await page(bot.tally, self.key, self.number)
        await interaction.response.edit_message(embed=embed, view=view)


def pager_view(key: PageKey, shown: ListPage[Any]) -> discord.ui.View | None:
    if shown.pages <= 1:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(PageButton(key, max(shown.number - 1, 0), "◀ Previous", disabled=shown.number <= 0))
    view.add_item(PageButton(key, min(shown.number + 1, shown.pages - 1), "Next ▶",
                             disabled=shown.number >= shown.pages - 1))
    return view
