"""Importing an incident file: what it would change, then all of it or nothing.

An incident is identified by Airwars' internal id (`airwars_id`) together with its code: a row whose id is
held is the same incident, and if any of its content differs (a regraded incident, a corrected figure, even
a new code) it is an edit, kept as a revision with the values before and after. A row already held as it is
changes nothing, so importing the same file twice changes nothing the second time. Nothing is deleted: an
incident absent from a later file stays, and a row marked `retracted` retracts it (and `current` restores it).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from bot.domain.incidents.model import Incident
from bot.domain.incidents.ports import IncidentWriter
from bot.domain.models import Action, Editor, RevisionDraft, Subject

ChangeKind = Literal["add", "edit", "retract", "restore", "unchanged"]


@dataclass(frozen=True)
class IncidentChange:
    kind: ChangeKind
    incident: Incident
    before: Incident | None = None

    def fields(self) -> list[str]:
        if self.before is None:
            return []
        old, new = self.before.content(), self.incident.content()
        return [k for k in new if old.get(k) != new[k]]

    def describe(self) -> str:
        i = self.incident
        if self.kind == "add":
            return f"add {i.code} ({i.date}, {i.place or i.governorate or 'no place'})"
        if self.kind == "edit":
            assert self.before is not None
            old, new = self.before.content(), i.content()
            changes = ", ".join(f"{k}: {old[k]!r} → {new[k]!r}" for k in self.fields()[:4])
            return f"edit {i.code}: {changes}"
        return f"{self.kind} {i.code}"


@dataclass(frozen=True)
class IncidentPlan:
    changes: tuple[IncidentChange, ...]

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def writes(self) -> int:
        return sum(1 for c in self.changes if c.kind != "unchanged")

    def summary(self) -> str:
        parts = [f"{self.count(k):,} to {k}" for k in ("add", "edit", "retract", "restore") if self.count(k)]
        held = self.count("unchanged")
        if held:
            parts.append(f"{held:,} already held")
        return ", ".join(parts) or "nothing"


def plan(incidents: list[Incident], tx: IncidentWriter) -> IncidentPlan:
    held = tx.by_airwars_ids([i.airwars_id for i in incidents])
    changes: list[IncidentChange] = []
    for incident in incidents:
        old = held.get(incident.airwars_id)
        if old is None:
            changes.append(IncidentChange("add", incident))
            continue
        new = replace(incident, id=old.id, version=old.version)
        if not new.same_content(old):
            changes.append(IncidentChange("edit", new, old))
        elif new.status != old.status:
            changes.append(IncidentChange("retract" if new.status == "retracted" else "restore", new, old))
        else:
            changes.append(IncidentChange("unchanged", new, old))
    return IncidentPlan(tuple(changes))


def apply(incidents: list[Incident], tx: IncidentWriter, editor: Editor, reason: str) -> IncidentPlan:
    """Write the plan's changes, each with its revision, in the caller's transaction."""
    result = plan(incidents, tx)
    added = tx.add_many([c.incident for c in result.changes if c.kind == "add"])
    tx.log_many([_revision(stored, "import", editor, reason, None) for stored in added])
    for change in result.changes:
        if change.kind in ("unchanged", "add"):
            continue
        assert change.before is not None and change.before.id is not None
        stored = tx.save(change.incident)
        tx.log(_revision(stored, change.kind, editor, reason, change.before))
    if result.writes:
        tx.rebuild_months()
    return result


def change_status(tx: IncidentWriter, incident: Incident, status: str, editor: Editor, reason: str) -> Incident:
    assert incident.id is not None
    action = "retract" if status == "retracted" else "restore"
    stored = tx.save(replace(incident, status=status))
    tx.log(_revision(stored, action, editor, reason, incident))
    tx.rebuild_months()
    return stored


def _revision(stored: Incident, action: Action, editor: Editor, reason: str,
              before: Incident | None) -> RevisionDraft:
    assert stored.id is not None
    return RevisionDraft(Subject.incident(stored.id), action, editor, reason,
                         _state(before) if before is not None else None, _state(stored))


def _state(incident: Incident) -> dict[str, object]:
    return {**incident.content(), "status": incident.status}
