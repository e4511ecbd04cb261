"""Moderator options as figure fields: their help, and how they become the domain's fields (their types, built from
the domain's limits, are in `bot.exts._options`)."""

from __future__ import annotations

from discord import app_commands

from bot.domain.figure_rows import VALUE_FORMS, split_value

FIELD_HELP = {
    "value": VALUE_FORMS,
    "metric": "what is counted, e.g. civilian deaths",
    "reporter": "who reported it, e.g. CJTF-OIR",
    "published": "when it was published: YYYY, YYYY-MM or YYYY-MM-DD",
    "actor": "whose strikes (default: the Coalition)",
    "place": "where (default: Iraq and Syria)",
    "period_start": "counted from: YYYY, YYYY-MM or YYYY-MM-DD",
    "period_end": "counted until (empty: to the report)",
    "quote": "the source's own wording",
    "qualifier": "the source's qualifying words, e.g. at least",
    "title": "the source document",
    "outlet": "who carried it (several: separate with ;)",
    "url": "a link to it (http or https)",
    "notes": "scope and exclusions, said plainly",
    "excludes": "places or actors it does not cover, e.g. yemen",
    "reason": "why (kept in the figure's history)",
    "version": "the version you read (default: the one current when you ran the command)",
    "form": "write the quote and notes in a form (several lines)",
    "clear": "empty this field (e.g. a wrong quote or link)",
    "keep_quote": "the value changes but the quote stays: it is the report's wording",
}

CLEARABLE = ("quote", "notes", "qualifier", "title", "outlet", "url", "period_start", "period_end", "excludes")
CLEAR_CHOICES = [app_commands.Choice(name=name.replace("_", " "), value=name) for name in CLEARABLE]


def field_help(*names: str) -> dict[str, str]:
    return {name: FIELD_HELP[name] for name in names}


def figure_fields(**given: str | None) -> dict[str, str | None]:
    """Options as figure fields: only those given; `value` split into value_low and value_high."""
    fields: dict[str, str | None] = {k: v for k, v in given.items() if v is not None and k != "value"}
    if given.get("value") is not None:
        fields.update(split_value(given["value"] or ""))
    return fields
