"""Slash command option types, each built from the domain's limit (bot/domain/limits.py): Discord refuses what the
domain would, before the command runs. Discord caps a string option at 6,000 characters, above every limit here;
an autocomplete choice's value is capped at 100 (`_text.CHOICE`), so a name longer than that can be typed but never
offered. Forms (modals) are capped at 4,000 characters a field: see `_forms.Input`."""

from __future__ import annotations

from discord import app_commands

from bot.domain import limits

FigureId = app_commands.Range[int, 1, limits.FIGURE_ID]
Version = app_commands.Range[int, 1]

Name = app_commands.Range[str, 1, limits.NAME]
"""A metric, reporter, actor or place, by key, name or alias."""
Alias = app_commands.Range[str, 1, limits.ALIAS]
Key = app_commands.Range[str, 1, limits.KEY]
Description = app_commands.Range[str, 1, limits.DESCRIPTION]

Value = app_commands.Range[str, 1, limits.VALUE]
DateText = app_commands.Range[str, 4, limits.DATE]
Period = app_commands.Range[str, 1, limits.PERIOD]
Qualifier = app_commands.Range[str, 1, limits.QUALIFIER]
Title = app_commands.Range[str, 1, limits.TITLE]
Outlet = app_commands.Range[str, 1, limits.OUTLET]
Url = app_commands.Range[str, 1, limits.URL]
Quote = app_commands.Range[str, 1, limits.QUOTE]
Notes = app_commands.Range[str, 1, limits.NOTES]
Excludes = app_commands.Range[str, 1, limits.EXCLUDES]

Reason = app_commands.Range[str, 3, limits.REASON]
"""At least 3 characters on Discord, where a reason is typed in a box that invites a word; the domain asks only
that there be one (from the command line, a file's import, a form)."""
