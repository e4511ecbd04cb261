"""Figures built in memory for the tests of pure modules (no store): the seed's vocabulary and a figure maker."""

from __future__ import annotations

from typing import Any

from bot.domain import vocabulary_files
from bot.domain.dates import PartialDate
from bot.domain.models import Figure
from tests.conftest import DATA_DIR

VOCABULARY = vocabulary_files.load(DATA_DIR)
UNSET: Any = object()


def figure(figure_id: int = 1, low: int = 100, published: str = "2017-04-30", *, high: int | None = UNSET,
           start: str | None = "2014-08", end: str | None = None, **fields: Any) -> Figure:
    """A CJTF-OIR count of civilian deaths by the Coalition in Iraq and Syria (exact unless `high` says otherwise);
    `fields` sets any other field of a Figure."""
    return Figure(**{
        "reporter": "cjtf-oir", "metric": "civilian_deaths", "value_low": low,
        "value_high": low if high is UNSET else high, "actor": "coalition", "place": "iraq_and_syria",
        "period_start": PartialDate.parse(start) if start else None, "published": PartialDate.parse(published),
        "period_end": PartialDate.parse(end) if end else None, "id": figure_id, "series": "s", **fields})
