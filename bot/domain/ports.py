"""What the domain needs from storage, stated as protocols so the domain never imports SQL."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Protocol

from bot.domain.dates import PartialDate
from bot.domain.models import (
    Editor,
    Figure,
    PendingImport,
    Revision,
    RevisionDraft,
    Source,
    Vocabulary,
)
from bot.domain.timeline import SeriesExcerpt


class FigureLookup(Protocol):
    """What the resolver reads: figures of a scope, and the few earlier reports of a series an answer shows."""

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

        With `as_of`, the figure of each series that was current on that day (the newest not retracted
        and known to be published by then); without, the current figures only.
        """
        ...

    def series_excerpt(self, figure: Figure, since: PartialDate | None = None) -> SeriesExcerpt:
        """What an answer about `figure` shows of its series' earlier reports (`timeline.excerpt`'s result)."""
        ...


class FigureReader(FigureLookup, Protocol):
    def reports(self, metric: str, *, places: Sequence[str], actors: Sequence[str],
                reporters: Sequence[str] | None = None) -> list[Figure]:
        """Every report of `metric` at one of `places` by one of `actors` not retracted, any age: what a chart draws."""
        ...

    def current_figures(self) -> list[Figure]:
        """The current report of every series."""
        ...

    def changed_since(self, figure_revision: int, vocabulary_revision: int) -> tuple[int, int, list[Figure]]:
        """The newest figure and vocabulary revision ids, and the figures changed after `figure_revision`."""
        ...

    def last_revision_ids(self) -> tuple[int, int]:
        """The newest figure revision id and vocabulary revision id (0 when none)."""
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

    def add_many(self, figures: Sequence[Figure]) -> list[Figure]:
        """Store `figures`, in order, as `add` does each. The ids they carry are stand-ins: a `supersedes`
        link naming one of them is stored as the id that figure was stored under."""
        ...

    def save(self, figure: Figure, expected_version: int) -> Figure:
        """Write `figure` over the stored one if that is still at `expected_version` (raises Conflict if not)."""
        ...

    def log(self, revision: RevisionDraft) -> None:
        """Keep `revision` in the history of its subject (a figure's, or the vocabulary's), with the time."""
        ...

    def changed(self) -> None:
        """Mark the data as changed, so every process refreshes what it caches."""
        ...

    def alias_owner(self, kind: str, text: str) -> list[str]:
        """Keys of `kind` that the alias `text` (normal form) already names."""
        ...

    def add_alias(self, kind: str, key: str, text: str, editor: Editor) -> None: ...

    def remove_alias(self, kind: str, key: str, text: str, editor: Editor) -> bool: ...

    def source(self, key: str) -> Source | None: ...

    def save_source(self, source: Source) -> None: ...


class FigureStore(FigureReader, Protocol):
    def transaction(self) -> AbstractContextManager[FigureWriter]: ...

    def figure(self, figure_id: int) -> Figure | None: ...

    def history(self, figure_id: int) -> list[Revision]: ...

    def all_figures(self, statuses: Sequence[str] | None = None) -> list[Figure]: ...

    def iter_figures(self, statuses: Sequence[str] | None = None) -> Iterator[Figure]:
        """As `all_figures`, read as they are used."""
        ...

    def close(self) -> None:
        """Release the connections (at shutdown)."""
        ...

    def revisions_after(self, revision_id: int, limit: int = 100) -> list[Revision]:
        """Figure revisions newer than `revision_id`, oldest first."""
        ...

    def all_revisions(self) -> list[Revision]: ...

    def last_revision_ids(self) -> tuple[int, int]: ...

    def vocabulary_revisions_after(self, revision_id: int, limit: int = 100) -> list[Revision]:
        """Revisions of aliases and sources newer than `revision_id`, oldest first."""
        ...

    def cursor(self, name: str) -> int | None: ...

    def add_pending_import(self, pending: PendingImport) -> None: ...

    def pending_imports(self, now: datetime) -> list[PendingImport]:
        """The imports waiting for Confirm, oldest first; expired ones are dropped."""
        ...

    def take_pending_import(self, token: str, now: datetime) -> PendingImport | None:
        """Remove and return one (None if unknown or expired): only one Confirm or Cancel can take it."""
        ...

    def start_cursor(self, name: str, value: int) -> int:
        """Set a cursor if it was never set (several processes may start at once); returns what it holds."""
        ...

    def set_cursor(self, name: str, value: int) -> None: ...
