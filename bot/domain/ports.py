"""What the domain needs from storage, stated as protocols so the domain never imports SQL."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import Protocol

from bot.domain.models import (
    Actor,
    Figure,
    Revision,
    RevisionDraft,
    Source,
    Vocabulary,
    VocabularyRevision,
    VocabularyRevisionDraft,
)


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

    def series_figures(self, series: str) -> list[Figure]:
        """Every figure of one series, any status, oldest first."""
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

    def alias_owner(self, kind: str, text: str) -> list[str]:
        """Keys of `kind` that the alias `text` (normal form) already names."""
        ...

    def add_alias(self, kind: str, key: str, text: str, actor: Actor) -> None: ...

    def remove_alias(self, kind: str, key: str, text: str, actor: Actor) -> bool: ...

    def source(self, key: str) -> Source | None: ...

    def save_source(self, source: Source) -> None: ...

    def log_vocabulary(self, revision: VocabularyRevisionDraft) -> None: ...


class FigureStore(FigureReader, Protocol):
    def transaction(self) -> AbstractContextManager[FigureWriter]: ...

    def figure(self, figure_id: int) -> Figure | None: ...

    def history(self, figure_id: int) -> list[Revision]: ...

    def all_figures(self, statuses: Sequence[str] | None = None) -> list[Figure]: ...

    def close(self) -> None:
        """Release the connections (at shutdown)."""
        ...

    def revisions_after(self, revision_id: int, limit: int = 100) -> list[Revision]: ...

    def all_revisions(self) -> list[Revision]: ...

    def last_revision_ids(self) -> tuple[int, int]: ...

    def vocabulary_revisions_after(self, revision_id: int, limit: int = 100) -> list[VocabularyRevision]: ...

    def cursor(self, name: str) -> int | None: ...

    def set_cursor(self, name: str, value: int) -> None: ...
