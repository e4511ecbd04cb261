"""Buttons. All are stateless (everything they need is in their custom_id), so they keep working after a
restart; a button of a shape this version no longer knows is answered as expired (see TallyBot)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord

from bot.exts._errors import report
from bot.exts._forms import figure_form
from bot.exts._moderators import require_moderator
from bot.exts._text import BUTTON_LABEL, clip

if TYPE_CHECKING:
    from bot.client import TallyBot

ASK_ID = 90
"""Room for a question in a custom_id (100 characters in all)."""


def guarded(run: Callable[[Any, discord.Interaction[TallyBot]], Awaitable[None]]) -> Callable[..., Awaitable[None]]:
    """Route a button's errors to the one error handler (discord.py would only log them)."""
    async def callback(self: Any, interaction: discord.Interaction[TallyBot]) -> None:
        try:
            await run(self, interaction)
        except Exception as error:
            await report(interaction, error)
    return callback


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
        await interaction.followup.send(**bot.answer_message(answer))


class PageButton(discord.ui.DynamicItem[discord.ui.Button],
                 template=r"tally:page:(?P<kind>figs|hist):(?P<page>\d{1,5}):(?P<arg>[\w:-]{0,80})"):
    """Turns a page of a list: /figures (arg: metric:reporter) or /figure history (arg: the figure id)."""

    def __init__(self, kind: str, page: int, arg: str, label: str, disabled: bool = False) -> None:
        super().__init__(discord.ui.Button(label=label, style=discord.ButtonStyle.primary, disabled=disabled,
                                           custom_id=f"tally:page:{kind}:{page}:{arg}"))
        self.kind, self.page, self.arg = kind, page, arg

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[TallyBot], item: discord.ui.Button,
                             match: re.Match[str]) -> PageButton:
        return cls(match["kind"], int(match["page"]), match["arg"], item.label or "")

    @guarded
    async def callback(self, interaction: discord.Interaction[TallyBot]) -> None:
        bot: TallyBot = interaction.client
        embed, view = await bot.page(self.kind, self.page, self.arg)
        await interaction.response.edit_message(embed=embed, view=view)


def confirm_or_cancel(action: str, custom_id: str) -> discord.ui.Button:
    """The Confirm ("ok") or Cancel ("no") button under an import preview."""
    if action == "ok":
        return discord.ui.Button(label="Confirm", style=discord.ButtonStyle.success, custom_id=custom_id)
    return discord.ui.Button(label="Cancel", style=discord.ButtonStyle.secondary, custom_id=custom_id)


class ImportButton(discord.ui.DynamicItem[discord.ui.Button],
                   template=r"tally:import:(?P<action>ok|no):(?P<token>[0-9a-f]{16})"):
    """Confirm or Cancel of an import preview."""

    def __init__(self, action: str, token: str) -> None:
        super().__init__(confirm_or_cancel(action, f"tally:import:{action}:{token}"))
        self.action, self.token = action, token

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[TallyBot], item: discord.ui.Button,
                             match: re.Match[str]) -> ImportButton:
        return cls(match["action"], match["token"])

    @guarded
    async def callback(self, interaction: discord.Interaction[TallyBot]) -> None:
        bot: TallyBot = interaction.client
        editor = require_moderator(interaction)
        await interaction.response.defer()
        pending, plan = await asyncio.to_thread(bot.tally.settle_import, self.token, editor, self.action == "ok")
        if plan is None:
            await interaction.edit_original_response(
                content=f"Import of {pending.filename} cancelled; nothing was written.", embed=None, view=None)
            return
        await interaction.edit_original_response(content=f"Imported {pending.filename}: {plan.summary()}.",
                                                 embed=None, view=None)
        bot.audit_soon()


FIGURE_ACTIONS = {"edit": "Edit", "retract": "Retract", "supersede": "Supersede"}


class FigureButton(discord.ui.DynamicItem[discord.ui.Button],
                   template=r"tally:fig:(?P<action>edit|retract|supersede):(?P<id>\d{1,10}):(?P<version>\d{1,10})"):
    """Edit, Retract or Supersede under /figure show: opens a form, and the change is made to the version shown —
    if someone changed the figure since, it is refused with its new value."""

    def __init__(self, action: str, figure_id: int, version: int) -> None:
        style = discord.ButtonStyle.danger if action == "retract" else discord.ButtonStyle.secondary
        super().__init__(discord.ui.Button(label=FIGURE_ACTIONS[action], style=style,
                                           custom_id=f"tally:fig:{action}:{figure_id}:{version}"))
        self.action, self.figure_id, self.version = action, figure_id, version

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[TallyBot], item: discord.ui.Button,
                             match: re.Match[str]) -> FigureButton:
        return cls(match["action"], int(match["id"]), int(match["version"]))

    @guarded
    async def callback(self, interaction: discord.Interaction[TallyBot]) -> None:
        require_moderator(interaction)
        bot: TallyBot = interaction.client
        figure = await asyncio.to_thread(bot.tally.figure, self.figure_id)
        await interaction.response.send_modal(figure_form(bot, self.action, figure, self.version))


def figure_views(figure_id: int, version: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in FIGURE_ACTIONS:
        view.add_item(FigureButton(action, figure_id, version))
    return view


def suggestions_view(questions: tuple[str, ...]) -> discord.ui.View | None:
    if not questions:
        return None
    view = discord.ui.View(timeout=None)
    for question in questions[:5]:
        view.add_item(AskButton(question))
    return view


def pager_view(kind: str, page: int, pages: int, arg: str) -> discord.ui.View | None:
    if pages <= 1:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(PageButton(kind, max(page - 1, 0), arg, "◀ Previous", disabled=page <= 0))
    view.add_item(PageButton(kind, min(page + 1, pages - 1), arg, "Next ▶", disabled=page >= pages - 1))
    return view


DYNAMIC_ITEMS = (AskButton, PageButton, ImportButton, FigureButton)


def is_ours(custom_id: str, more: tuple[type, ...] = ()) -> bool:
    return any(item.__discord_ui_compiled_template__.fullmatch(custom_id)
               for item in (*DYNAMIC_ITEMS, *more))
