"""The current report of every series, kept in memory between data changes: what most questions read.

A store that grows keeps its history: thousands of superseded reports per series. A question with no date
reads only the current ones, and there are as many of those as there are series, not reports. Holding them
in memory, brought up to date with the figures each change touched (see `Tally.refresh`), answers those
questions without a store read; questions about an earlier day ("as of 2018") still go to the store, which
answers them from its index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from bot.domain.dates import PartialDate
from bot.domain.models import Figure
from bot.domain.ports import FigureLookup
from bot.domain.timeline import SeriesExcerpt


class CurrentFigures:
    """A `FigureLookup` that serves current figures from memory and passes every other read to the store."""

    def __init__(self, figures: Iterable[Figure], store: FigureLookup) -> None:
        self._store = store
        self._figures = {f.id: f for f in figures if f.status == "current"}
        self._by_metric: dict[str, list[Figure]] = defaultdict(list)
        metrics: dict[str, set[str]] = defaultdict(set)
        for figure in sorted(self._figures.values(), key=lambda f: f.id):
            self._by_metric[figure.metric].append(figure)
            metrics[figure.reporter].add(figure.metric)
        self.reporter_metrics = {reporter: frozenset(found) for reporter, found in metrics.items()}
        """Which metrics each reporter has current figures for."""

    def updated(self, changed: Iterable[Figure]) -> CurrentFigures:
        """A new index with `changed` (figures as they are now stored, any status) taken into account.

        The work is one pass over the current figures, as many as there are series, not reports; the index
        answering questions meanwhile is left as it was.
        """
        figures = dict(self._figures)
        for figure in changed:
            figures[figure.id] = figure
        return CurrentFigures(figures.values(), self._store)

    def find_figures(self, metric: str, *, places: Sequence[str], actors: Sequence[str],
                     reporters: Sequence[str] | None = None, as_of: date | None = None) -> list[Figure]:
        if as_of is not None:
            return self._store.find_figures(metric, places=places, actors=actors, reporters=reporters, as_of=as_of)
        return [f for f in self._by_metric.get(metric, ())
                if f.place in places and f.actor in actors and (not reporters or f.reporter in reporters)]

    def series_excerpt(self, figure: Figure, since: PartialDate | None = None) -> SeriesExcerpt:
        return self._store.series_excerpt(figure, since)
