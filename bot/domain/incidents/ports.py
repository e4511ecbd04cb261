"""What the incident answers need from storage (implemented in `bot.store.incidents`)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import Protocol

from bot.domain.incidents.model import Coverage, Incident, IncidentFilter, Totals
from bot.domain.models import Revision, RevisionDraft


class IncidentWriter(Protocol):
    def by_airwars_ids(self, ids: Sequence[int]) -> dict[int, Incident]: ...

    def add_many(self, incidents: Sequence[Incident]) -> list[Incident]:
        """Store new incidents (their ids assigned), in as few statements as the database allows."""
        ...

    def log_many(self, revisions: Sequence[RevisionDraft]) -> None:
        """Several revisions at once, as `log` keeps each (an import logs thousands)."""
        ...

    def save(self, incident: Incident) -> Incident:
        """Write over the stored incident of the same id; its version goes up by one."""
        ...

    def rebuild_months(self) -> None:
        """Recompute what totals are read from, after the incidents changed."""
        ...

    def log(self, revision: RevisionDraft) -> None:
        """Keep `revision` (of a `Subject.incident`) in its incident's history, with the time."""
        ...


class IncidentStore(Protocol):
    def transaction(self) -> AbstractContextManager[IncidentWriter]: ...

    def totals(self, where: IncidentFilter) -> Totals:
        """Counts and min–max sums over the incidents the filter selects (current, civilian harm reported)."""
        ...

    def ranked(self, where: IncidentFilter, limit: int) -> list[Incident]:
        """The deadliest incidents the filter selects: by most civilians killed (max, then min)."""
        ...

    def by_code(self, code: str) -> list[Incident]:
        """Incidents carrying this code, or having carried it (previous codes); any status."""
        ...

    def selected(self, where: IncidentFilter) -> list[Incident]:
        """Every incident the filter selects (for maps)."""
        ...

    def monthly(self, where: IncidentFilter) -> list[tuple[date, int, int, int]]:
        """(first day of the month, incidents, killed min, killed max), months with incidents only, in order."""
        ...

    def coverage(self) -> Coverage: ...

    def place_names(self) -> dict[str, str]:
        """Published places by `place_key`, each with one of its names as published."""
        ...

    def all_incidents(self) -> list[Incident]: ...

    def history(self, incident_id: int) -> list[Revision]: ...
