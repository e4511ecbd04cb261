"""An answer from incident records as an embed: the derived sums first, then any reported figure, labelled."""

from __future__ import annotations

import discord

from bot.domain.incidents.answers import IncidentAnswer
from bot.domain.render import value_phrase
from bot.exts._embeds import ANSWERED, NOTHING, PARTIAL
from bot.exts._text import EMBED_DESCRIPTION, EMBED_FIELD_VALUE, EMBED_FOOTER, EMBED_TITLE, clip, fit, shown


def incident_embed(answer: IncidentAnswer) -> discord.Embed:
    if answer.status != "answered":
        embed = discord.Embed(title=clip(answer.title or "Not in the incident records", EMBED_TITLE),
                              description=clip("\n".join(shown(n) for n in answer.notes), EMBED_DESCRIPTION),
                              colour=NOTHING)
    else:
        exact = all(i.match == "exact" for i in answer.incident_items)
        url = next((i.url for i in answer.incident_items if i.url), None) if len(answer.incident_items) == 1 else None
        embed = discord.Embed(title=clip(answer.title, EMBED_TITLE), colour=ANSWERED if exact else PARTIAL, url=url,
                              description=clip("\n".join(shown(line) for line in answer.lines[1:]), EMBED_DESCRIPTION))
        if answer.reported is not None and answer.reported.items:
            lines = [f"• {shown(i.names.reporter)}: {shown(value_phrase(i.figure, i.names.unit))} "
                     f"({shown(i.names.place)}, published {i.figure.published.label()})"
                     for i in answer.reported.items]
            embed.add_field(name="Reported figures (published totals, not Tally's sums)",
                            value=clip("\n".join(lines), EMBED_FIELD_VALUE), inline=False)
    embed.set_footer(text=clip(answer.interpretation.read_as(), EMBED_FOOTER))
    return fit(embed)
