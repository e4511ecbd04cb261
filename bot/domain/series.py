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
"""Stands for figures not yet stored: ids only grow, so they rank after every stored figure of their date."""


def placed(new: Figure, series: list[Figure]) -> Figure:
    """`new` with the status and `supersedes` link it will have in its series, so adding it needs one revision."""
    if new.status == "retracted":
        return new
    return replace(placed_together([new], series)[0], id=new.id)


def placed_together(news: list[Figure], series: list[Figure]) -> list[Figure]:
    """Figures not yet stored, in the order to store them (by publication), each with the status and
    `supersedes` link it will have once all are stored: each is added with one revision, and never
    superseded again by one of its own batch.

    They carry stand-in ids (`_NEW` + their rank); a `supersedes` link may name the stand-in of one earlier
    in the list, which the caller replaces by the id it was stored under.
    """
    order = sorted(range(len(news)), key=lambda i: (news[i].published.last_day, i))
    batch = [replace(news[i], id=_NEW + rank, supersedes=None,
                     status="retracted" if news[i].status == "retracted" else "current")
             for rank, i in enumerate(order)]
    changed = {f.id: f for f in restack([*series, *batch])}
    return [changed.get(f.id, f) for f in batch]


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
