"""Embeds built from the domain's answers and figures (the same parts the console prints)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import discord

from bot.domain.answers import Answer, AnswerItem
from bot.domain.models import Figure, Revision, Source, Vocabulary
from bot.domain.names import figure_names
from bot.domain.render import (
    answer_notes,
    cite,
    item_notes,
    period_phrase,
    quoted,
    revision_changes,
    scope_phrase,
    value_phrase,
)
from bot.exts._text import (
    EMBED_DESCRIPTION,
    EMBED_FIELD_NAME,
    EMBED_FIELD_VALUE,
    EMBED_FIELDS,
    EMBED_FOOTER,
    EMBED_TITLE,
    EMBED_TOTAL,
    clip,
    fit,
    shown,
)

T = TypeVar("T")
ANSWERED = discord.Colour.blue()
PARTIAL = discord.Colour.gold()
NOTHING = discord.Colour.light_grey()
RETRACTED = discord.Colour.red()


MAX_EMBEDS = 10
"""Discord's limit of embeds in one message: a message asking more things gets the first ten answered."""


def answer_embeds(answer: Answer) -> list[discord.Embed]:
    """One embed per part of the question, in order, sharing the 6,000 characters of one message."""
    parts = answer.parts[:MAX_EMBEDS] or (answer,)
    share = EMBED_TOTAL // len(parts)
    return [answer_embed(part, share) for part in parts]


def answer_embed(answer: Answer, total: int = EMBED_TOTAL) -> discord.Embed:
    # What no figure covers comes first; a greeting's or a source's answer is its own lines.
    lead = [shown(line) for line in (*answer.uncovered, *answer.lines)]
    if answer.status != "answered":
        title = {"ambiguous": "Did you mean one of these?", "no_match": "No figure for that"}[answer.status]
        if answer.kind == "chit_chat":
            title = "Tally"
        notes = "\n".join([*lead, *(shown(n) for n in answer.notes)]) or "I have no figure for that."
        embed = discord.Embed(title=title, description=clip(notes, EMBED_DESCRIPTION), colour=NOTHING)
        if answer.suggestions:
            embed.add_field(name="Try", value=clip("\n".join(f"• {shown(s)}" for s in answer.suggestions),
                                                   EMBED_FIELD_VALUE), inline=False)
        return fit(_footer(embed, answer), total)
    exact = all(i.match == "exact" for i in answer.items)
    description = [*lead, *(shown(line) for line in answer_notes(answer))]
    if not answer.items:
        # About a source: its description, and its figures as buttons.
        embed = discord.Embed(title=clip("About " + " and ".join(answer.interpretation.reporters), EMBED_TITLE),
                              description=clip("\n".join(description), EMBED_DESCRIPTION) or None, colour=ANSWERED)
    elif len(answer.items) == 1:
        item = answer.items[0]
        embed = discord.Embed(title=clip(_headline(item), EMBED_TITLE), colour=ANSWERED if exact else PARTIAL)
        embed.description = clip("\n".join([*lead, _body(item, answer), *description[len(lead):]]),
                                 EMBED_DESCRIPTION)
        if item.figure.url:
            embed.url = item.figure.url
    else:
        listing = answer.kind == "list"
        label = answer.interpretation.metric_label or "figures"
        title = "Every current figure" if listing else f"{label[:1].upper()}{label[1:]} — {len(answer.items)} reporters"
        embed = discord.Embed(title=clip(title, EMBED_TITLE),
                              description=clip("\n".join(description), EMBED_DESCRIPTION) or None,
                              colour=ANSWERED if exact else PARTIAL)
        for item in answer.items[:EMBED_FIELDS]:
            name = f"{item.names.metric} — {item.names.reporter}" if listing else item.names.reporter
            embed.add_field(name=clip(shown(name), EMBED_FIELD_NAME),
                            value=clip(f"**{_value(item)}**\n{_body(item, answer)}", EMBED_FIELD_VALUE), inline=True)
    if answer.suggestions:
        embed.add_field(name="See also", value=clip(" · ".join(shown(s) for s in answer.suggestions),
                                                    EMBED_FIELD_VALUE), inline=False)
    return fit(_footer(embed, answer), total)


def _footer(embed: discord.Embed, answer: Answer) -> discord.Embed:
    # The footer is plain text (no markdown), so the question's own words appear as typed.
    return embed.set_footer(text=clip(answer.interpretation.read_as(), EMBED_FOOTER))


def _value(item: AnswerItem) -> str:
    value = value_phrase(item.figure, item.names.unit)
    return shown(value[:1].upper() + value[1:])


def _headline(item: AnswerItem) -> str:
    # Titles are not markdown either: no escaping, just the words.
    value = value_phrase(item.figure, item.names.unit)
    return f"{value[:1].upper()}{value[1:]} — {item.names.reporter}"


def _body(item: AnswerItem, answer: Answer) -> str:
    f = item.figure
    lines = [f"{shown(item.names.actor)} · {shown(item.names.place)} · {shown(period_phrase(f))}"]
    if f.quote:
        lines.append(f"> {quoted(f, lambda text: clip(shown(text), 600))}")
    lines.append(f"— {_citation(f, item.names.reporter)}")
    lines.extend(f"{_MARKS[kind]} {shown(text)}" for kind, text in item_notes(item, answer))
    return "\n".join(lines)


_MARKS = {"difference": "⚠️", "trend": "📈", "age": "🕰️"}


def _citation(f: Figure, reporter: str) -> str:
    return cite(f, reporter, escape=shown, link=lambda url: f"· [link]({url})")


def figure_embed(figure: Figure, vocabulary: Vocabulary) -> discord.Embed:
    names = figure_names(figure, vocabulary)
    colour = RETRACTED if figure.status == "retracted" else ANSWERED
    value = value_phrase(figure, names["unit"])
    embed = discord.Embed(title=clip(f"Figure {figure.id}: {value[:1].upper()}{value[1:]}", EMBED_TITLE),
                          colour=colour, url=figure.url or None)
    if figure.quote:
        embed.description = clip(f"> {quoted(figure, shown)}", EMBED_DESCRIPTION)
    embed.add_field(name="Reporter", value=shown(names["reporter"]))
    embed.add_field(name="Counts", value=shown(names["metric"]))
    embed.add_field(name="Status", value=figure.status + (f" (supersedes #{figure.supersedes})"
                                                          if figure.supersedes else ""))
    embed.add_field(name="Whose strikes", value=shown(names["actor"]))
    embed.add_field(name="Where", value=shown(names["place"]))
    embed.add_field(name="Period", value=shown(period_phrase(figure)))
    embed.add_field(name="Citation", value=clip(_citation(figure, names["reporter"]), EMBED_FIELD_VALUE), inline=False)
    if figure.notes:
        embed.add_field(name="Notes", value=clip(shown(figure.notes), EMBED_FIELD_VALUE), inline=False)
    embed.set_footer(text=f"Figure {figure.id} · version {figure.version} · /figure history id:{figure.id}")
    return fit(embed)


HISTORY_PAGE = 8
FIGURES_PAGE = 10


@dataclass(frozen=True)
class ListPage(Generic[T]):
    """One page of a list: what it shows, its number (from 0) and how many pages and items there are."""

    shown: Sequence[T]
    number: int
    pages: int
    total: int

    @property
    def footer(self) -> str:
        return f"Page {self.number + 1} of {self.pages}"


def list_page(items: Sequence[T], number: int, size: int) -> ListPage[T]:
    """Page `number` of `items`, `size` a page; a number past either end is the nearest page (an empty list
    has one page, empty), so a button of a list that has since shrunk still turns to a page."""
    pages = max(1, -(-len(items) // size))
    number = min(max(number, 0), pages - 1)
    return ListPage(items[number * size:(number + 1) * size], number, pages, len(items))


def history_embed(figure_id: int, revisions: ListPage[Revision]) -> discord.Embed:
    embed = discord.Embed(title=f"History of figure {figure_id}", colour=ANSWERED)
    for r in revisions.shown:
        changes = "\n".join(shown(c) for c in revision_changes(r)) or "no field changed"
        embed.add_field(
            name=clip(f"#{r.id} · {r.action} by {r.editor.name} · {r.at:%Y-%m-%d %H:%M} UTC", EMBED_FIELD_NAME),
            value=clip(f"*{shown(r.reason)}*\n{changes}", EMBED_FIELD_VALUE), inline=False,
        )
    embed.set_footer(text=f"{revisions.footer} · {revisions.total} revisions, oldest first")
    return fit(embed)


def sources_embed(sources: tuple[Source, ...]) -> discord.Embed:
    embed = discord.Embed(title="Who reports the figures", colour=ANSWERED)
    for s in sources[:EMBED_FIELDS]:
        link = f"\n{s.url}" if s.url else ""
        embed.add_field(name=clip(f"{s.name} ({s.kind})", EMBED_FIELD_NAME),
                        value=clip(shown(s.description) + link, EMBED_FIELD_VALUE), inline=False)
    return fit(embed)


def figures_embed(figures: ListPage[Figure], vocabulary: Vocabulary, title: str) -> discord.Embed:
    lines = []
    for f in figures.shown:
        names = figure_names(f, vocabulary)
        scope = scope_phrase(f, vocabulary)
        lines.append(f"`#{f.id}` **{shown(names['reporter'])}**: {shown(value_phrase(f, names['unit']))} · "
                     + (f"{shown(scope)} · " if scope else "") + f"{shown(period_phrase(f))} · {f.published.label()}")
    embed = discord.Embed(title=clip(title, EMBED_TITLE), colour=ANSWERED,
                          description=clip("\n".join(lines) or "No figures match.", EMBED_DESCRIPTION))
    embed.set_footer(text=f"{figures.footer} · {figures.total} figures · /figure show id:N for one")
    return embed


_DONE = {"add": "added", "edit": "edited", "supersede": "superseded", "retract": "retracted",
         "restore": "restored", "import": "imported", "seed": "seeded", "remove": "removed"}


def _origin(origin: str | None) -> str:
    """Where a change came from: a server and channel, or the command line (changes outside Discord)."""
    return f"**From:** {shown(origin)}" if origin else "**From:** outside Discord (the command line)"


def audit_embed(revision: Revision, vocabulary: Vocabulary) -> discord.Embed:
    after = revision.after or revision.before or {}
    what = f"{vocabulary.label('reporter', after.get('reporter'))} {after.get('metric', '')}".strip()
    embed = discord.Embed(
        title=clip(f"Figure {revision.subject.id} {_DONE.get(revision.action, revision.action)} by "
                   f"{revision.editor.name}", EMBED_TITLE),
        description=clip(f"{shown(what)}\n**Why:** {shown(revision.reason)}\n{_origin(revision.editor.where)}",
                         EMBED_DESCRIPTION),
        colour=RETRACTED if revision.action == "retract" else ANSWERED, timestamp=revision.at,
    )
    changes = "\n".join(shown(c) for c in revision_changes(revision))
    if changes:
        embed.add_field(name="Before → after", value=clip(changes, EMBED_FIELD_VALUE), inline=False)
    embed.set_footer(text=f"revision #{revision.id} · /figure history id:{revision.subject.id}")
    return fit(embed)


def import_audit_embed(revisions: list[Revision]) -> discord.Embed:
    """One message for a whole import: what it did, in counts, why and from where; the rows are attached."""
    first = revisions[0]
    counts = Counter("added" if r.before is None else ("superseded" if r.action == "supersede" else
                                                        "retracted" if (r.after or {}).get("status") == "retracted"
                                                        else "updated") for r in revisions)
    summary = ", ".join(f"{n} {what}" for what, n in sorted(counts.items(), key=lambda c: -c[1]))
    embed = discord.Embed(
        title=clip(f"Import by {first.editor.name}: {summary}", EMBED_TITLE),
        description=clip(f"**Why:** {shown(first.reason)}\n{_origin(first.editor.where)}\n"
                         f"{len(revisions)} revisions (#{first.id}–#{revisions[-1].id}); the changed rows are "
                         "attached.", EMBED_DESCRIPTION),
        colour=ANSWERED, timestamp=first.at)
    return fit(embed)


def vocabulary_audit_embed(revision: Revision) -> discord.Embed:
    data = revision.after or revision.before or {}
    if revision.subject.kind == "alias":
        what = f"alias “{data.get('alias')}” for {data.get('kind')} {data.get('key')}"
    else:
        what = f"reporter {data.get('name')} ({revision.subject.key})"
    embed = discord.Embed(
        title=clip(f"{what[:1].upper()}{what[1:]} {_DONE.get(revision.action, revision.action)} by "
                   f"{revision.editor.name}", EMBED_TITLE),
        description=clip(f"**Why:** {shown(revision.reason)}\n{_origin(revision.editor.where)}", EMBED_DESCRIPTION),
        colour=ANSWERED,
        timestamp=revision.at,
    )
    if revision.before and revision.after:
        changed = [f"{k}: {revision.before.get(k)!r} → {v!r}" for k, v in revision.after.items()
                   if revision.before.get(k) != v]
        embed.add_field(name="Before → after", value=clip(shown("\n".join(changed)) or "—", EMBED_FIELD_VALUE))
    return fit(embed)
