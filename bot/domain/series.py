"""Series: the same reporter counting the same thing, for the same actor and place, from the same start.

The newest figure published in a series is current; the older ones are superseded by it. A figure
counted "since the start of the operation" belongs to the operation's series whichever way its start
is written (2014, 2014-08).
"""

from __future__ import annotations

from dataclasses import replace

from bot.domain.dates import PartialDate
from bot.domain.models import Figure, FigureRecord


def series_key(record: FigureRecord, campaign_start: PartialDate) -> str:
    start = record.period_start
    if start is None:
        start_key = "-"
    elif start.agrees(campaign_start):
        start_key = "operation"
    else:
        start_key = str(start)
    return "|".join((record.reporter, record.metric, record.actor, record.place, start_key))


_NEW = 2**62
"""Stands for a figure not yet stored: ids only grow, so it ranks after every stored figure of its date."""


def placed(new: Figure, series: list[Figure]) -> Figure:
    """`new` with the status and `supersedes` link it will have in its series, so adding it needs one revision."""
    if new.status == "retracted":
        return new
    for figure in restack([*series, replace(new, id=_NEW, status="current", supersedes=None)]):
        if figure.id == _NEW:
            return replace(new, status=figure.status, supersedes=figure.supersedes)
    return replace(new, status="current", supersedes=None)


def restack(figures: list[Figure]) -> list[Figure]:
    """The figures of one series with statuses and `supersedes` links set; only the ones that changed."""
    live = sorted((f for f in figures if f.status != "retracted"), key=lambda f: (f.published.last_day, f.id))
    changed: list[Figure] = []
    previous: Figure | None = None
    for i, figure in enumerate(live):
        status = "current" if i == len(live) - 1 else "superseded"
        supersedes = previous.id if previous else None
        if (figure.status, figure.supersedes) != (status, supersedes):
            changed.append(replace(figure, status=status, supersedes=supersedes))
        previous = figure
    return changed
