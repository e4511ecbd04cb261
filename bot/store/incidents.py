"""Airwars' incident records in SQL: the tables, and every query the incident answers make.

Sums and counts run in the database on indexed columns (place group, governorate, date, grading), so an
answer costs the same whether the store holds two thousand incidents or a million.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    Index,
    Text,
    and_,
    cast,
    func,
    insert,
    select,
    text,
    true,
    update,
)
from sqlalchemy.engine import Connection
from sqlmodel import Field, SQLModel

from bot.domain.incidents.model import CONTENT_FIELDS, MEASURES, Coverage, Incident, IncidentFilter, Range, Totals
from bot.domain.incidents.names import place_key
from bot.domain.models import Revision, RevisionDraft, Subject
from bot.store.repository import DATA_VERSION, Repository, revision_columns, to_revision
from bot.store.tables import RevisionColumns, SettingRow, table_of


class IncidentRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "incident"
    __table_args__ = (
        Index("ix_incident_group_date", "place_group", "date"),
        Index("ix_incident_governorate_date", "governorate", "date"),
        Index("ix_incident_grading_date", "grading", "date"),
        Index("ix_incident_killed", "killed_max", "killed_min"),
        Index("ix_incident_group_killed", "place_group", "killed_max", "killed_min"),
        Index("ix_incident_governorate_killed", "governorate", "killed_max", "killed_min"),
        Index("ix_incident_counted_date", "counted", "date"),
        Index("ix_incident_place_key_date", "place_key", "date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    airwars_id: int = Field(unique=True)
    code: str = Field(max_length=64)
    previous_codes: str = Field(default="", max_length=200)
    date: dt.date = Field(index=True)
    date_end: dt.date | None = None
    date_precision: str = Field(default="day", max_length=10)
    country: str = Field(default="", max_length=40)
    governorate: str = Field(default="", max_length=60)
    place: str = Field(default="", max_length=200)
    place_ar: str = Field(default="", max_length=200)
    place_group: str = Field(default="", max_length=60)
    place_group_ar: str = Field(default="", max_length=60)
    place_key: str = Field(default="", max_length=200)
    """`place` as people type it (`bot.domain.incidents.names.place_key`): where other places are looked up."""
    latitude: float | None = Field(default=None, sa_column=Column(Float, nullable=True))
    longitude: float | None = Field(default=None, sa_column=Column(Float, nullable=True))
    location_precision: str = Field(default="", max_length=40)
    belligerents: str = Field(default="", max_length=200)
    grading: str = Field(default="", max_length=40)
    strike_status: str = Field(default="", max_length=40)
    civilian_harm_reported: str = Field(default="", max_length=10)
    killed_min: int | None = None
    killed_max: int | None = None
    injured_min: int | None = None
    injured_max: int | None = None
    children_min: int | None = None
    children_max: int | None = None
    women_min: int | None = None
    women_max: int | None = None
    coalition_assessment: str = Field(default="", max_length=60)
    conceded_min: int | None = None
    conceded_max: int | None = None
    url: str = Field(default="", max_length=300)
    data_note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    counted: bool = Field(default=True)
    """Current and with civilian harm reported: the rows every answer starts from (the default reading)."""
    status: str = Field(default="current", max_length=12)
    version: int = Field(default=1)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class IncidentCodeRow(SQLModel, table=True):
    """Every code an incident carries or carried: "CS314 RS1274" is found by either, CS1706 also by S1504."""

    __tablename__: ClassVar[str] = "incident_code"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=20, index=True)
    incident_id: int = Field(foreign_key="incident.id", index=True)


class IncidentMonthRow(SQLModel, table=True):
    """Counts and sums of the counted incidents per month, town, governorate and grading.

    Rebuilt from `incident` in the same transaction as every import, so totals over any span of months read a
    few thousand rows at most, however many incidents the store holds.
    """

    __tablename__: ClassVar[str] = "incident_month"
    __table_args__ = (
        Index("ix_incident_month_group", "place_group", "month"),
        Index("ix_incident_month_governorate", "governorate", "month"),
    )

    id: int | None = Field(default=None, primary_key=True)
    month: dt.date = Field(index=True)
    place_group: str = Field(max_length=60)
    governorate: str = Field(max_length=60)
    grading: str = Field(max_length=40)
    incidents: int
    killed_min: int
    killed_max: int
    killed_given: int
    injured_min: int
    injured_max: int
    injured_given: int
    children_min: int
    children_max: int
    children_given: int
    women_min: int
    women_max: int
    women_given: int


class IncidentRevisionRow(RevisionColumns, table=True):
    """Every import, edit, retraction and restoration of an incident."""

    __tablename__: ClassVar[str] = "incident_revision"

    incident_id: int = Field(foreign_key="incident.id", index=True)
    origin: str | None = Field(default=None, max_length=300)
    """Where the editor made the change (the Discord server and channel); None outside Discord."""


_T = table_of(IncidentRow)
_CODES = table_of(IncidentCodeRow)
_REVISIONS = table_of(IncidentRevisionRow)
_MONTHS = table_of(IncidentMonthRow)
_ROLLUP_SUMS = [func.count()] + [
    expr for name in MEASURES
    for expr in (func.coalesce(func.sum(_T.c[f"{name}_min"]), 0), func.coalesce(func.sum(_T.c[f"{name}_max"]), 0),
                 func.count(func.coalesce(_T.c[f"{name}_min"], _T.c[f"{name}_max"])))
]
_ROLLUP_COLUMNS = ["incidents"] + [f"{name}_{part}" for name in MEASURES for part in ("min", "max", "given")]
_SUMS = [func.coalesce(func.sum(_MONTHS.c[c]), 0) for c in _ROLLUP_COLUMNS]


def _now() -> datetime:
    return datetime.now(UTC)


def _columns(incident: Incident) -> dict[str, Any]:
    values = {name: getattr(incident, name) for name in CONTENT_FIELDS}
    values["status"] = incident.status
    values["counted"] = incident.status == "current" and incident.civilian_harm_reported == "Yes"
    values["place_key"] = place_key(incident.place)
    return values


def _incident(row: Any) -> Incident:
    m = row._mapping
    return Incident(**{name: m[name] for name in CONTENT_FIELDS}, id=m["id"], status=m["status"],
                    version=m["version"])


def _where(f: IncidentFilter) -> Any:
    """The incidents a filter keeps: counted ones only, and a place of any kind."""
    place = [_T.c.place_key == f.place_key] if f.place_key is not None else []
    return and_(_T.c.counted == true(), *_kept(_T.c, _T.c.date, f), *place)


def _month_where(f: IncidentFilter) -> Any:
    """The monthly rollup's rows a filter keeps (`_by_month` says when the rollup can answer it)."""
    return and_(*_kept(_MONTHS.c, _MONTHS.c.month, f))


def _kept(columns: Any, when: Any, f: IncidentFilter) -> list[Any]:
    """What the incident table and its monthly rollup filter alike: grading, town or governorate, dates."""
    clauses = [columns.grading != "Discounted" if f.gradings is None else columns.grading.in_(f.gradings)]
    if f.place_group is not None:
        clauses.append(columns.place_group == f.place_group)
    if f.governorate is not None:
        clauses.append(columns.governorate == f.governorate)
    if f.start is not None:
        clauses.append(when >= f.start)
    if f.end is not None:
        clauses.append(when < f.end)
    return clauses


def _by_month(f: IncidentFilter) -> bool:
    """Whether the monthly rollup answers the filter: whole months, and a town or governorate (not another place)."""
    return f.place_key is None and all(d is None or d.day == 1 for d in (f.start, f.end))


def _month_of(connection: Connection) -> Any:
    if connection.dialect.name == "sqlite":
        return func.date(_T.c.date, "start of month")
    return cast(func.date_trunc("month", _T.c.date), Date)


def _next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + 1, 1, 1) if month.month == 12 else dt.date(month.year, month.month + 1, 1)


def _revision_columns(draft: RevisionDraft) -> dict[str, Any]:
    """An incident's revision as the columns of `incident_revision`: the one place they are mapped."""
    if draft.subject.kind != "incident":
        raise ValueError(f"the incident writer keeps the history of incidents, not of {draft.subject.kind!r}")
    return revision_columns(draft, {"incident_id": draft.subject.id})


def _codes_of(incident: Incident) -> list[str]:
    return list(dict.fromkeys((*incident.codes, *incident.previous_codes.upper().split())))


class IncidentWriterSQL:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def by_airwars_ids(self, ids: Sequence[int]) -> dict[int, Incident]:
        found: dict[int, Incident] = {}
        ids = list(ids)
        for i in range(0, len(ids), 500):
            for row in self.connection.execute(select(_T).where(_T.c.airwars_id.in_(ids[i:i + 500]))):
                incident = _incident(row)
                found[incident.airwars_id] = incident
        return found

    def add_many(self, incidents: Sequence[Incident]) -> list[Incident]:
        """Many new incidents in a few statements (an import of thousands stays well under a second)."""
        now = _now()
        stored: list[Incident] = []
        for i in range(0, len(incidents), 1000):
            chunk = incidents[i:i + 1000]
            self.connection.execute(insert(_T), [_columns(n) | {"version": 1, "created_at": now, "updated_at": now}
                                                 for n in chunk])
            ids = dict(self.connection.execute(select(_T.c.airwars_id, _T.c.id)
                                               .where(_T.c.airwars_id.in_([n.airwars_id for n in chunk]))).all())
            stored += [Incident(**{f: getattr(n, f) for f in CONTENT_FIELDS}, id=ids[n.airwars_id], status=n.status)
                       for n in chunk]
        codes = [{"code": c, "incident_id": n.id} for n in stored for c in _codes_of(n)]
        for i in range(0, len(codes), 5000):
            self.connection.execute(insert(_CODES), codes[i:i + 5000])
        return stored

    def log_many(self, revisions: Sequence[RevisionDraft]) -> None:
        for i in range(0, len(revisions), 2000):
            self.connection.execute(insert(_REVISIONS), [_revision_columns(r) for r in revisions[i:i + 2000]])

    def save(self, incident: Incident) -> Incident:
        assert incident.id is not None
        self.connection.execute(update(_T).where(_T.c.id == incident.id).values(
            **_columns(incident), version=_T.c.version + 1, updated_at=_now()))
        self.connection.execute(_CODES.delete().where(_CODES.c.incident_id == incident.id))
        self.connection.execute(insert(_CODES), [{"code": c, "incident_id": incident.id} for c in _codes_of(incident)])
        return Incident(**{n: getattr(incident, n) for n in CONTENT_FIELDS}, id=incident.id, status=incident.status,
                        version=incident.version + 1)

    def rebuild_months(self) -> None:
        """The monthly rollup, recomputed from the incidents (inside the import's transaction)."""
        self.connection.execute(_MONTHS.delete())
        month = _month_of(self.connection)
        keys = [month, _T.c.place_group, _T.c.governorate, _T.c.grading]
        query = select(*keys, *_ROLLUP_SUMS).where(_T.c.counted == true()).group_by(*keys)
        self.connection.execute(insert(_MONTHS).from_select(
            ["month", "place_group", "governorate", "grading", *_ROLLUP_COLUMNS], query))
        # Fresh statistics, so the planner walks the deaths index for "the deadliest" instead of sorting every
        # counted incident (2 s at a million incidents without them, 2 ms with).
        self.connection.execute(text("ANALYZE incident"))

    def log(self, revision: RevisionDraft) -> None:
        self.connection.execute(insert(_REVISIONS).values(**_revision_columns(revision)))


_SETTINGS = table_of(SettingRow)
_BUMP_VERSION = update(_SETTINGS).where(_SETTINGS.c.key == DATA_VERSION).values(number=_SETTINGS.c.number + 1)


class IncidentRepository:
    """The incident records of one store. Shares the figures' engine (and data version)."""

    def __init__(self, figures: Repository) -> None:
        self.figures = figures
        self.engine: Engine = figures.engine

    @contextmanager
    def transaction(self) -> Iterator[IncidentWriterSQL]:
        with self.engine.begin() as connection:
            yield IncidentWriterSQL(connection)
            # The store's one data version moves with incidents too, so what is read per question (coverage)
            # can be kept between changes, in this process and in every other.
            connection.execute(_BUMP_VERSION)

    def totals(self, where: IncidentFilter) -> Totals:
        with self.engine.connect() as connection:
            if _by_month(where):
                row = connection.execute(select(*_SUMS).where(_month_where(where))).one()
            else:
                row = connection.execute(select(*_ROLLUP_SUMS).where(_where(where))).one()
        values = [int(v or 0) for v in row]
        ranges = [Range(values[i], values[i + 1], values[i + 2]) for i in range(1, len(values), 3)]
        return Totals(values[0], *ranges)

    def ranked(self, where: IncidentFilter, limit: int) -> list[Incident]:
        query = (select(_T).where(_where(where), _T.c.killed_max.is_not(None))
                 .order_by(_T.c.killed_max.desc(), _T.c.killed_min.desc(), _T.c.id).limit(limit))
        with self.engine.connect() as connection:
            return [_incident(r) for r in connection.execute(query)]

    def by_code(self, code: str) -> list[Incident]:
        ids = select(_CODES.c.incident_id).where(_CODES.c.code == code.upper())
        with self.engine.connect() as connection:
            return [_incident(r) for r in connection.execute(select(_T).where(_T.c.id.in_(ids)).order_by(_T.c.date))]

    def selected(self, where: IncidentFilter) -> list[Incident]:
        with self.engine.connect() as connection:
            return [_incident(r) for r in connection.execute(select(_T).where(_where(where)).order_by(_T.c.date))]

    def monthly(self, where: IncidentFilter) -> list[tuple[dt.date, int, int, int]]:
        if not _by_month(where):
            months: dict[dt.date, list[int]] = {}
            for incident in self.selected(where):
                sums = months.setdefault(incident.date.replace(day=1), [0, 0, 0])
                sums[0] += 1
                sums[1] += incident.killed_min or 0
                sums[2] += incident.killed_max or 0
            return [(month, n, low, high) for month, (n, low, high) in sorted(months.items())]
        query = (select(_MONTHS.c.month, func.sum(_MONTHS.c.incidents), func.sum(_MONTHS.c.killed_min),
                        func.sum(_MONTHS.c.killed_max))
                 .where(_month_where(where)).group_by(_MONTHS.c.month).order_by(_MONTHS.c.month))
        with self.engine.connect() as connection:
            return [(m, int(n), int(low), int(high)) for m, n, low, high in connection.execute(query)]

    def place_names(self) -> dict[str, str]:
        """Every published place's `place_key`, with one of its names as published (for answers)."""
        query = select(_T.c.place_key, func.min(_T.c.place)).where(_T.c.counted == true()).group_by(_T.c.place_key)
        with self.engine.connect() as connection:
            return {key: name for key, name in connection.execute(query) if key}

    def coverage(self) -> Coverage:
        """The counted incidents' number and first and last dates, and when the records last changed.

        Asked before every answer, so it reads the small monthly rollup and three index look-ups, never a scan
        of the incidents.
        """
        with self.engine.connect() as connection:
            count, first_month, last_month = connection.execute(
                select(func.sum(_MONTHS.c.incidents), func.min(_MONTHS.c.month), func.max(_MONTHS.c.month))).one()
            if not count:
                return Coverage(0, None, None, None)
            first = connection.execute(select(func.min(_T.c.date)).where(
                _T.c.date >= first_month, _T.c.date < _next_month(first_month), _T.c.counted == true())).scalar()
            last = connection.execute(select(func.max(_T.c.date)).where(
                _T.c.date >= last_month, _T.c.date < _next_month(last_month), _T.c.counted == true())).scalar()
            changed = connection.execute(select(_REVISIONS.c.at).order_by(_REVISIONS.c.id.desc()).limit(1)).scalar()
        return Coverage(int(count), first, last, changed.date() if changed else None)

    def all_incidents(self) -> list[Incident]:
        with self.engine.connect() as connection:
            return [_incident(r) for r in connection.execute(select(_T).order_by(_T.c.date, _T.c.code, _T.c.id))]

    def history(self, incident_id: int) -> list[Revision]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(_REVISIONS).where(_REVISIONS.c.incident_id == incident_id)
                                      .order_by(_REVISIONS.c.id))
            return [to_revision(r, Subject.incident(r.incident_id), r.origin) for r in rows]
