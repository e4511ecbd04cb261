"""The tables. Dates are stored as a day plus its precision, so periods compare in SQL and print as written."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, Column, DateTime, Index, LargeBinary, Table, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.domain import limits


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a table model, for statements built without the ORM: SQLModel sets `__table__` on each
    but does not declare it."""
    table = getattr(model, "__table__", None)
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a table model")
    return table


class SourceRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "source"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=limits.KEY, unique=True)
    name: str = Field(max_length=limits.NAME)
    kind: str = Field(max_length=20)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    url: str | None = Field(default=None, max_length=limits.URL)
    speaks_for: str | None = Field(default=None, max_length=limits.KEY)


class TermRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "term"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    key: str = Field(max_length=limits.KEY)
    label: str = Field(max_length=limits.NAME)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    attrs: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    """Concepts, core, unit, family, within, weight, tolerates: what reading a question against the vocabulary needs
    (see the README)."""


class AliasRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "alias"
    __table_args__ = (UniqueConstraint("kind", "key", "text"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    key: str = Field(max_length=limits.KEY)
    text: str = Field(max_length=limits.ALIAS)
    added_by: str = Field(default="seed", max_length=100)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    removed_by: str | None = Field(default=None, max_length=100)
    removed_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    """Removed aliases are kept, marked, so the vocabulary's history stays complete."""


class FigureRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "figure"
    __table_args__ = (
        Index("ix_figure_lookup", "metric", "place", "actor", "status", "published"),
        Index("ix_figure_scope", "reporter", "metric", "actor", "place"),
        Index("ix_figure_series_published", "series", "published_last", "id"),
        Index("ix_figure_status", "status", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reporter: str = Field(max_length=limits.KEY)
    metric: str = Field(max_length=limits.KEY)
    value_low: int = Field(sa_column=Column(BigInteger, nullable=False))
    value_high: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    qualifier: str | None = Field(default=None, max_length=limits.QUALIFIER)
    actor: str = Field(max_length=limits.KEY)
    place: str = Field(max_length=limits.KEY)
    period_start: date | None = None
    period_start_precision: str | None = Field(default=None, max_length=5)
    period_end: date | None = None
    period_end_precision: str | None = Field(default=None, max_length=5)
    published: date
    published_precision: str = Field(max_length=5)
    published_last: date
    """The last day `published` can mean (a month's report counts from the month's end): what "current on" compares."""
    title: str | None = Field(default=None, max_length=limits.TITLE)
    outlet: str | None = Field(default=None, max_length=limits.OUTLET)
    url: str | None = Field(default=None, max_length=limits.URL)
    quote: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    notes: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    excludes: str = Field(default="", max_length=limits.EXCLUDES)
    status: str = Field(default="current", max_length=12)
    series: str = Field(max_length=400, index=True)
    supersedes_id: int | None = Field(default=None, foreign_key="figure.id")
    version: int = Field(default=1)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class RevisionColumns(SQLModel):
    """What every revision table holds besides what the revision is about: append-only, never edited or deleted."""

    id: int | None = Field(default=None, primary_key=True)
    action: str = Field(max_length=20)
    actor_id: str = Field(max_length=40)
    """The editor's id and name (the columns keep their first names: the data of older stores is in them)."""
    actor_name: str = Field(max_length=200)
    at: datetime = Field(sa_type=DateTime(timezone=True), nullable=False)
    reason: str = Field(sa_type=Text, nullable=False)
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON, nullable=True)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON, nullable=True)


class RevisionRow(RevisionColumns, table=True):
    """The figures' history."""

    __tablename__: ClassVar[str] = "revision"

    figure_id: int = Field(foreign_key="figure.id", index=True)
    origin: str | None = Field(default=None, max_length=300)


class VocabularyRevisionRow(RevisionColumns, table=True):
    """The vocabulary's and the sources' history: aliases added or removed (`kind` alias, `key` the word's key),
    sources added or edited (`kind` source, `key` the source's)."""

    __tablename__: ClassVar[str] = "vocabulary_revision"

    kind: str = Field(max_length=20)
    key: str = Field(max_length=limits.KEY)
    origin: str | None = Field(default=None, max_length=300)


class SettingRow(SQLModel, table=True):
    """Store-wide values: the campaign, stopwords, the data version every process watches."""

    __tablename__: ClassVar[str] = "setting"

    key: str = Field(primary_key=True, max_length=64)
    value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    number: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))



class PendingImportRow(SQLModel, table=True):
    """An import previewed and waiting for its uploader's Confirm: kept in the store so it survives a restart
    and can be confirmed through any bot process, until it expires."""

    __tablename__: ClassVar[str] = "pending_import"

    token: str = Field(primary_key=True, max_length=16)
    actor_id: str = Field(max_length=40)
    actor_name: str = Field(max_length=200)
    origin: str | None = Field(default=None, max_length=300)
    filename: str = Field(max_length=200)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    summary: str = Field(default="", max_length=500)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    expires_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False, index=True))
