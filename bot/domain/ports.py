"""What the domain needs from storage, stated as protocols so the domain never imports SQL."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import Protocol

from bot.domain.models import Figure, Revision, RevisionDraft, Vocabulary


class FigureReader(Protocol):
    def find_figures(
        self,
        metric: str,
        *,
        places: Sequence[str],
        actors: Sequence[str],
        reporters: Sequence[str] | None = None,
        as_of: date | None = None,
    ) -> list[Figure]:
        """Figures of `metric` at one of `places` by one of `actors`.

        With `as_of`, every figure not retracted and published by that day (the caller picks the newest
        of each series); without, the current figures only.
        """
        ...

    def reporter_metrics(self) -> dict[str, frozenset[str]]:
        """Which metrics each reporter has current figures for."""
        ...

    def vocabulary(self) -> Vocabulary: ...

    def data_version(self) -> int:
        """A number that changes whenever figures or vocabulary change, in any process."""
        ...


class FigureWriter(Protocol):
    """Reads and writes inside one transaction: everything done through it is written together or not at all."""

    def get(self, figure_id: int) -> Figure | None: ...

    def get_many(self, ids: Sequence[int]) -> dict[int, Figure]: ...

    def same_scope(self, reporter: str, metric: str, actor: str, place: str) -> list[Figure]:
        """Every figure (any status) with these four keys: where a restated report is recognised."""
        ...

    def in_series(self, series: str) -> list[Figure]: ...

    def add(self, figure: Figure) -> Figure:
        """Store a new figure (its id is assigned); returns it as stored."""
        ...

    def save(self, figure: Figure, expected_version: int) -> Figure:
        """Write `figure` over the stored one if that is still at `expected_version` (raises Conflict if not)."""
        ...

    def log(self, revision: RevisionDraft) -> None: ...

    def changed(self) -> None:
        """Mark the data as changed, so every process refreshes what it caches."""
        ...


class FigureStore(FigureReader, Protocol):
    def transaction(self) -> AbstractContextManager[FigureWriter]: ...

    def figure(self, figure_id: int) -> Figure | None: ...

    def history(self, figure_id: int) -> list[Revision]: ...

    def all_figures(self, statuses: Sequence[str] | None = None) -> list[Figure]: ...

    def close(self) -> None:
        """Release the connections (at shutdown)."""
        ...
