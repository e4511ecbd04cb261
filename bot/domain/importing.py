"""Importing a figures file: validate all of it, plan what would change, then write all or nothing."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Literal

from bot.domain.dates import PartialDate
from bot.domain.errors import Problem, ValidationError
from bot.domain.models import Action, Actor, Figure, FigureRecord, RevisionDraft, Status
from bot.domain.ports import FigureWriter
from bot.domain.records import Row
from bot.domain.series import placed_together, restack, series_key

ChangeKind = Literal["add", "update", "retract", "restore", "unchanged"]


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    where: str
    record: FigureRecord
    before: Figure | None = None
    status: Status | None = None

    def describe(self) -> str:
        r = self.record
        what = f"{r.reporter} {r.metric} {r.value_low:,} ({r.published})"
        if self.kind == "add":
            return f"{self.where}: add {what}"
        assert self.before is not None
        if self.kind == "unchanged":
            return f"{self.where}: already held as figure {self.before.id}"
        if self.kind == "update":
            fields = changed_fields(self.before.record(), r)
            return f"{self.where}: update figure {self.before.id} ({', '.join(fields)})"
        return f"{self.where}: {self.kind} figure {self.before.id}"


@dataclass(frozen=True)
class ImportPlan:
    changes: tuple[Change, ...]

    @property
    def counts(self) -> Counter[str]:
        return Counter(c.kind for c in self.changes)

    @property
    def writes(self) -> bool:
        return any(c.kind != "unchanged" for c in self.changes)

    def summary(self) -> str:
        counts = self.counts
        parts = [f"{counts[k]} {label}" for k, label in (
            ("add", "to add"), ("update", "to update"), ("retract", "to retract"), ("restore", "to restore"),
            ("unchanged", "already held"),
        ) if counts[k]]
        return ", ".join(parts) or "nothing"


def changed_fields(before: FigureRecord, after: FigureRecord) -> list[str]:
    a, b = before.content(), after.content()
    return [k for k in a if a[k] != b[k]]


def plan(rows: list[Row], tx: FigureWriter) -> ImportPlan:
    """What importing `rows` would do, judged against the store as it is now. Writes nothing."""
    by_id = tx.get_many([r.id for r in rows if r.id is not None])
    problems = [Problem(r.where, "id", f"no figure {r.id} is stored; leave id empty to add it")
                for r in rows if r.id is not None and r.id not in by_id]
    if problems:
        raise ValidationError(problems, "Nothing was written.")
    scopes: dict[tuple[str, str, str, str], dict[tuple[object, ...], list[Figure]]] = {}
    changes: list[Change] = []
    for row in rows:
        existing = by_id.get(row.id) if row.id is not None else None
        if existing is None and row.id is None:
            key = row.record.series_fields()
            if key not in scopes:
                scopes[key] = defaultdict(list)
                for figure in tx.same_scope(*key):
                    scopes[key][figure.report_key()].append(figure)
            # A restated report (same series, date and value, whatever outlet carried it) is one already held.
            alike = scopes[key].get(row.record.report_key(), ())
            existing = next((f for f in alike if f.record().same_report(row.record)), None)
            if existing is not None:
                changes.append(Change("unchanged", row.where, row.record, existing))
                continue
        if existing is None:
            changes.append(Change("add", row.where, row.record, status=row.status))
            continue
        if row.status == "retracted" and existing.status != "retracted":
            changes.append(Change("retract", row.where, row.record, existing, "retracted"))
        elif row.status in ("current", "superseded") and existing.status == "retracted":
            changes.append(Change("restore", row.where, row.record, existing))
        elif existing.record() != row.record:
            changes.append(Change("update", row.where, row.record, existing))
        else:
            changes.append(Change("unchanged", row.where, row.record, existing))
    return ImportPlan(tuple(changes))


def apply(rows: list[Row], tx: FigureWriter, actor: Actor, reason: str, campaign_start: PartialDate,
          action: Action = "import") -> ImportPlan:
    """Plan again inside the writing transaction (the store may have changed since a preview) and write it."""
    result = plan(rows, tx)
    touched: set[str] = set()
    additions: dict[str, list[Figure]] = defaultdict(list)
    for change in result.changes:
        if change.kind == "unchanged":
            continue
        if change.kind == "add":
            status: Status = "retracted" if change.status == "retracted" else "current"
            new = Figure(**change.record.content(), status=status, series=series_key(change.record, campaign_start))
            additions[new.series].append(new)
            continue
        before = change.before
        assert before is not None
        after = before.with_record(change.record) if change.kind == "update" else before
        if change.kind == "retract":
            after = replace(after, status="retracted")
        elif change.kind == "restore":
            after = replace(after.with_record(change.record), status="current")
        after = replace(after, series=series_key(after.record(), campaign_start))
        write(tx, before, after, action, actor, reason)
        touched |= {before.series, after.series}
    # A series' new reports are placed together: each is stored once, with its final status.
    for key, news in additions.items():
        for stored in tx.add_many(placed_together(news, tx.in_series(key))):
            tx.log(RevisionDraft(stored.id, action, actor, reason, None, stored.snapshot()))
        touched.add(key)
    restack_series(tx, touched, actor)
    if result.writes:
        tx.changed()
    return result


def write(tx: FigureWriter, before: Figure, after: Figure, action: Action, actor: Actor, reason: str) -> Figure:
    saved = tx.save(after, expected_version=before.version)
    tx.log(RevisionDraft(before.id, action, actor, reason, before.snapshot(), saved.snapshot()))
    return saved


def restack_series(tx: FigureWriter, series: set[str], actor: Actor) -> None:
    """Make the newest figure of each series current and the rest superseded, logging each change."""
    for key in sorted(series):
        stored = {f.id: f for f in tx.in_series(key)}
        for figure in restack(list(stored.values())):
            what = "newer figure of the same series" if figure.status == "superseded" else "newest of its series"
            write(tx, stored[figure.id], figure, "supersede", actor, f"automatic: {what}")
