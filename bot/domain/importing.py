"""Importing a figures file: validate all of it, plan what would change, then write all or nothing."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Literal

from bot.domain.dates import PartialDate
from bot.domain.errors import Problem, ValidationError
from bot.domain.figure_rows import Row
from bot.domain.models import Action, Editor, Figure, FigureRecord, Revision, RevisionDraft, Status, Subject, Vocabulary
from bot.domain.ports import FigureWriter
from bot.domain.render import scope_phrase, value_phrase
from bot.domain.series import placed_together, restack, series_key

ChangeKind = Literal["add", "update", "retract", "restore", "unchanged"]


@dataclass(frozen=True)
class PlannedChange:
    kind: ChangeKind
    where: str
    record: FigureRecord
    before: Figure | None = None
    status: Status | None = None
    supersedes: str | None = None
    """For an add: what it will supersede — a stored figure ("figure 1") or an earlier row ("line 9")."""
    superseded_by: str | None = None
    """For an add that will not be current: the newer report of its series ("figure 8", "line 10")."""

    def label(self, vocabulary: Vocabulary) -> str:
        """'CJTF-OIR · civilian deaths · at least 801 · published 30 Nov 2017': as an answer names it."""
        r = self.record
        # A row about Mosul or Russia's strikes says so: without it, it reads as a count for the whole campaign.
        parts = (vocabulary.label("reporter", r.reporter), vocabulary.label("metric", r.metric), value_phrase(r),
                 scope_phrase(r, vocabulary), f"published {r.published.label()}")
        return " · ".join(part for part in parts if part)

    def describe(self, vocabulary: Vocabulary) -> str:
        what = self.label(vocabulary)
        if self.kind == "add":
            notes = ([f"supersedes {self.supersedes}"] if self.supersedes else []) + (
                [f"superseded in turn by {self.superseded_by}"] if self.superseded_by else [])
            return f"{self.where}: add {what}" + (f" — {', '.join(notes)}" if notes else "")
        assert self.before is not None
        if self.kind == "unchanged":
            return f"{self.where}: already held as figure {self.before.id} ({what})"
        if self.kind == "update":
            fields = changed_fields(self.before.record(), self.record)
            return f"{self.where}: update figure {self.before.id} ({', '.join(fields)}) — {what}"
        return f"{self.where}: {self.kind} figure {self.before.id} ({what})"


@dataclass(frozen=True)
class ImportPlan:
    changes: tuple[PlannedChange, ...]

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


PENDING_MINUTES = 30
"""How long a previewed import waits for its uploader's Confirm."""


def is_import_revision(revision: Revision) -> bool:
    """A revision an import wrote: the rows themselves, or the series restacked automatically after them."""
    return revision.action in ("import", "seed") or (revision.action == "supersede"
                                                      and revision.reason.startswith("automatic:"))


def import_batches(revisions: list[Revision]) -> list[list[Revision]]:
    """Revisions in order, grouped so that each import (same editor, place and reason, with the automatic supersedes
    it caused) is one group; every other revision is a group of its own."""
    batches: list[list[Revision]] = []
    for revision in revisions:
        last = batches[-1] if batches else None
        if (last and last[0].action == "import" and is_import_revision(revision)
                and (revision.editor.id, revision.editor.where) == (last[0].editor.id, last[0].editor.where)
                and (revision.action != "import" or revision.reason == last[0].reason)):
            last.append(revision)
        else:
            batches.append([revision])
    return batches


REVISION_COLUMNS = ("revision", "figure_id", "action", "status", "reporter", "metric", "value_low", "value_high",
                    "published", "period_start", "period_end", "outlet", "reason")


def revisions_csv(revisions: list[Revision]) -> str:
    """The rows an import changed, one line per revision, the figure as it was after it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REVISION_COLUMNS)
    for r in revisions:
        after = r.after or r.before or {}
        writer.writerow([r.id, r.subject.id, r.action, *(after.get(k) if after.get(k) is not None else ""
                                                         for k in REVISION_COLUMNS[3:-1]), r.reason])
    return out.getvalue()


def changed_fields(before: FigureRecord, after: FigureRecord) -> list[str]:
    a, b = before.content(), after.content()
    return [k for k in a if a[k] != b[k]]


def _with_series(changes: list[PlannedChange], tx: FigureWriter, campaign_start: PartialDate) -> list[PlannedChange]:
    """Each added row with what it will supersede and what will supersede it, in its series as the import leaves it
    (stored figures and the file's other rows together, by publication date)."""
    rows: dict[str, list[tuple[int, Figure]]] = {}
    for i, change in enumerate(changes):
        if change.kind == "add" and change.status != "retracted":
            new = Figure(**change.record.content(), series=series_key(change.record, campaign_start), id=_ROW + i)
            rows.setdefault(new.series, []).append((i, new))
    result = list(changes)
    for series, added in rows.items():
        live = sorted([f for f in tx.in_series(series) if f.status != "retracted"] + [f for _, f in added],
                      key=lambda f: (f.published.last_day, f.id))
        names = {f.id: (changes[f.id - _ROW].where if f.id >= _ROW else f"figure {f.id}") for f in live}
        position = {f.id: at for at, f in enumerate(live)}
        for i, new in added:
            at = position[new.id]
            result[i] = replace(changes[i], supersedes=names[live[at - 1].id] if at > 0 else None,
                                superseded_by=names[live[at + 1].id] if at + 1 < len(live) else None)
    return result


_ROW = 2**62
"""Stands for the file's rows among stored figures: ids only grow, so a row ranks after stored figures of its date."""


def plan(rows: list[Row], tx: FigureWriter, campaign_start: PartialDate | None = None) -> ImportPlan:
    """What importing `rows` would do, judged against the store as it is now. Writes nothing."""
    by_id = tx.get_many([r.id for r in rows if r.id is not None])
    problems = [Problem(r.where, "id", f"no figure {r.id} is stored; leave id empty to add it")
                for r in rows if r.id is not None and r.id not in by_id]
    if problems:
        raise ValidationError(problems, "Nothing was written.")
    scopes: dict[tuple[str, str, str, str], dict[tuple[object, ...], list[Figure]]] = {}
    changes: list[PlannedChange] = []
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
                changes.append(PlannedChange("unchanged", row.where, row.record, existing))
                continue
        if existing is None:
            changes.append(PlannedChange("add", row.where, row.record, status=row.status))
            continue
        if row.status == "retracted" and existing.status != "retracted":
            changes.append(PlannedChange("retract", row.where, row.record, existing, "retracted"))
        elif row.status in ("current", "superseded") and existing.status == "retracted":
            changes.append(PlannedChange("restore", row.where, row.record, existing))
        elif existing.record() != row.record:
            changes.append(PlannedChange("update", row.where, row.record, existing))
        else:
            changes.append(PlannedChange("unchanged", row.where, row.record, existing))
    if campaign_start is not None:
        changes = _with_series(changes, tx, campaign_start)
    return ImportPlan(tuple(changes))


def apply(rows: list[Row], tx: FigureWriter, editor: Editor, reason: str, campaign_start: PartialDate,
          action: Action = "import") -> ImportPlan:
    """Plan again inside the writing transaction (the store may have changed since a preview) and write it."""
    result = plan(rows, tx, campaign_start)
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
        write(tx, before, after, action, editor, reason)
        touched |= {before.series, after.series}
    # A series' new reports are placed together: each is stored once, with its final status.
    for key, news in additions.items():
        for stored in tx.add_many(placed_together(news, tx.in_series(key))):
            tx.log(RevisionDraft(Subject.figure(stored.id), action, editor, reason, None, stored.snapshot()))
        touched.add(key)
    restack_series(tx, touched, editor)
    if result.writes:
        tx.changed()
    return result


def write(tx: FigureWriter, before: Figure, after: Figure, action: Action, editor: Editor, reason: str) -> Figure:
    saved = tx.save(after, expected_version=before.version)
    tx.log(RevisionDraft(Subject.figure(before.id), action, editor, reason, before.snapshot(), saved.snapshot()))
    return saved


def restack_series(tx: FigureWriter, series: set[str], editor: Editor) -> None:
    """Make the newest figure of each series current and the rest superseded, logging each change."""
    for key in sorted(series):
        stored = {f.id: f for f in tx.in_series(key)}
        for figure in restack(list(stored.values())):
            what = "newer figure of the same series" if figure.status == "superseded" else "newest of its series"
            write(tx, stored[figure.id], figure, "supersede", editor, f"automatic: {what}")
