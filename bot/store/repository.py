"""The repository: every SQL statement of Tally lives here, behind the domain's ports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, Select, bindparam, func, select, update
from sqlmodel import Session, col
from sqlmodel import select as model_select

from bot.domain.dates import PartialDate
from bot.domain.errors import Conflict
from bot.domain.models import (
    Actor,
    Campaign,
    Figure,
    Revision,
    RevisionDraft,
    Source,
    Term,
    Vocabulary,
    VocabularyRevision,
    VocabularyRevisionDraft,
)
from bot.store.tables import (
    AliasRow,
    FigureRow,
    RevisionRow,
    SettingRow,
    SourceRow,
    TermRow,
    VocabularyRevisionRow,
)

DATA_VERSION = "data_version"
WORDS = "reading_words"
"""The reading's word lists (filler, narrowing words, kind cues): kept as data/ has them, refreshed at start."""
SEED = "seed"
"""Who added the aliases of the data files (`added_by`)."""


def now() -> datetime:
    return datetime.now(UTC)


def _pd(value: date | None, precision: str | None) -> PartialDate | None:
    return PartialDate(value, precision) if value is not None and precision else None  # type: ignore[arg-type]


def _lookup(as_of: bool, reporters: bool) -> Select[Any]:
    """The resolver's one query, built once per shape: it runs on every question."""
    t = FigureRow.__table__  # type: ignore[attr-defined]
    query = select(t).where(
        t.c.metric == bindparam("metric"),
        t.c.place.in_(bindparam("places", expanding=True)),
        t.c.actor.in_(bindparam("actors", expanding=True)),
    )
    if as_of:
        query = query.where(t.c.status != "retracted", t.c.published <= bindparam("as_of"))
    else:
        query = query.where(t.c.status == "current")
    if reporters:
        query = query.where(t.c.reporter.in_(bindparam("reporters", expanding=True)))
    return query.order_by(t.c.id)


_LOOKUPS = {(a, r): _lookup(a, r) for a in (False, True) for r in (False, True)}
_VERSION = select(SettingRow.__table__.c.number).where(SettingRow.__table__.c.key == DATA_VERSION)  # type: ignore[attr-defined]


def _revision(r: RevisionRow) -> Revision:
    return Revision(id=r.id or 0, figure_id=r.figure_id, action=r.action, actor_id=r.actor_id,  # type: ignore[arg-type]
                    actor_name=r.actor_name, at=r.at, reason=r.reason, before=r.before, after=r.after)


def to_figure(row: FigureRow) -> Figure:
    published = _pd(row.published, row.published_precision)
    assert published is not None and row.id is not None
    return Figure(
        id=row.id, reporter=row.reporter, metric=row.metric, value_low=row.value_low, value_high=row.value_high,
        qualifier=row.qualifier, actor=row.actor, place=row.place,
        period_start=_pd(row.period_start, row.period_start_precision),
        period_end=_pd(row.period_end, row.period_end_precision), published=published,
        title=row.title, outlet=row.outlet, url=row.url, quote=row.quote, notes=row.notes,
        excludes=tuple(x for x in row.excludes.split(";") if x), status=row.status,  # type: ignore[arg-type]
        series=row.series, supersedes=row.supersedes_id, version=row.version,
    )


def _columns(figure: Figure) -> dict[str, Any]:
    return {
        "reporter": figure.reporter, "metric": figure.metric, "value_low": figure.value_low,
        "value_high": figure.value_high, "qualifier": figure.qualifier, "actor": figure.actor,
        "place": figure.place,
        "period_start": figure.period_start.value if figure.period_start else None,
        "period_start_precision": figure.period_start.precision if figure.period_start else None,
        "period_end": figure.period_end.value if figure.period_end else None,
        "period_end_precision": figure.period_end.precision if figure.period_end else None,
        "published": figure.published.value, "published_precision": figure.published.precision,
        "title": figure.title, "outlet": figure.outlet, "url": figure.url, "quote": figure.quote,
        "notes": figure.notes, "excludes": ";".join(figure.excludes), "status": figure.status,
        "series": figure.series, "supersedes_id": figure.supersedes,
    }


class Repository:
    """Reads open a short session each; writes go through `transaction()`, all or nothing."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- reads ---------------------------------------------------------------------------------

    def find_figures(self, metric: str, *, places: Sequence[str], actors: Sequence[str],
                     reporters: Sequence[str] | None = None, as_of: date | None = None) -> list[Figure]:
        params: dict[str, Any] = {"metric": metric, "places": list(places), "actors": list(actors)}
        if as_of is not None:
            params["as_of"] = as_of
        if reporters:
            params["reporters"] = list(reporters)
        with self.engine.connect() as connection:
            result = connection.execute(_LOOKUPS[(as_of is not None, bool(reporters))], params)
            return [to_figure(row) for row in result]  # type: ignore[arg-type]

    def series_figures(self, series: str) -> list[Figure]:
        query = model_select(FigureRow).where(FigureRow.series == series).order_by(col(FigureRow.published),
                                                                                   col(FigureRow.id))
        with Session(self.engine) as session:
            return [to_figure(r) for r in session.exec(query)]

    def reporter_metrics(self) -> dict[str, frozenset[str]]:
        query = model_select(FigureRow.reporter, FigureRow.metric).where(FigureRow.status == "current").distinct()
        found: dict[str, set[str]] = defaultdict(set)
        with Session(self.engine) as session:
            for reporter, metric in session.exec(query):
                found[reporter].add(metric)
        return {k: frozenset(v) for k, v in found.items()}

    def data_version(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(_VERSION).scalar() or 0

    def figure(self, figure_id: int) -> Figure | None:
        with Session(self.engine) as session:
            row = session.get(FigureRow, figure_id)
            return to_figure(row) if row else None

    def all_figures(self, statuses: Sequence[str] | None = None) -> list[Figure]:
        query = model_select(FigureRow).order_by(col(FigureRow.id))
        if statuses:
            query = query.where(col(FigureRow.status).in_(statuses))
        with Session(self.engine) as session:
            return [to_figure(r) for r in session.exec(query)]

    def count_figures(self) -> int:
        with Session(self.engine) as session:
            return session.exec(model_select(func.count()).select_from(FigureRow)).one()

    def history(self, figure_id: int) -> list[Revision]:
        query = model_select(RevisionRow).where(RevisionRow.figure_id == figure_id).order_by(col(RevisionRow.id))
        with Session(self.engine) as session:
            return [_revision(r) for r in session.exec(query)]

    def revisions_after(self, revision_id: int, limit: int = 100) -> list[Revision]:
        """Figure revisions newer than `revision_id`, oldest first (for the audit feed)."""
        query = (model_select(RevisionRow).where(col(RevisionRow.id) > revision_id)
                 .order_by(col(RevisionRow.id)).limit(limit))
        with Session(self.engine) as session:
            return [_revision(r) for r in session.exec(query)]

    def last_revision_ids(self) -> tuple[int, int]:
        """The newest figure revision id and vocabulary revision id (0 when none)."""
        with Session(self.engine) as session:
            figures = session.exec(model_select(func.max(RevisionRow.id))).one()
            words = session.exec(model_select(func.max(VocabularyRevisionRow.id))).one()
        return figures or 0, words or 0

    def all_revisions(self) -> list[Revision]:
        with Session(self.engine) as session:
            return [_revision(r) for r in session.exec(model_select(RevisionRow).order_by(col(RevisionRow.id)))]

    def vocabulary_revisions_after(self, revision_id: int, limit: int = 100) -> list[VocabularyRevision]:
        query = (model_select(VocabularyRevisionRow).where(col(VocabularyRevisionRow.id) > revision_id)
                 .order_by(col(VocabularyRevisionRow.id)).limit(limit))
        with Session(self.engine) as session:
            return [
                VocabularyRevision(id=r.id or 0, kind=r.kind, key=r.key, action=r.action, actor_id=r.actor_id,
                                   actor_name=r.actor_name, at=r.at, reason=r.reason, before=r.before,
                                   after=r.after)
                for r in session.exec(query)
            ]

    def cursor(self, name: str) -> int | None:
        """A stored position (the audit feed's last posted revisions); None if never set."""
        with Session(self.engine) as session:
            row = session.get(SettingRow, name)
            return row.number if row else None

    def set_cursor(self, name: str, value: int) -> None:
        with Session(self.engine) as session, session.begin():
            row = session.get(SettingRow, name)
            if row is None:
                session.add(SettingRow(key=name, number=value))
            else:
                row.number = value

    def vocabulary(self) -> Vocabulary:
        with Session(self.engine) as session:
            aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
            active = model_select(AliasRow).where(col(AliasRow.removed_at).is_(None)).order_by(col(AliasRow.id))
            for a in session.exec(active):
                aliases[(a.kind, a.key)].append(a.text)
            terms = tuple(
                Term(kind=t.kind, key=t.key, label=t.label, description=t.description,  # type: ignore[arg-type]
                     aliases=tuple(aliases[(t.kind, t.key)]), concepts=tuple(t.attrs.get("concepts", ())),
                     core=tuple(t.attrs.get("core", ())), unit=t.attrs.get("unit", ""),
                     tolerates=tuple(t.attrs.get("tolerates", ())), weight=int(t.attrs.get("weight", 1)),
                     family=t.attrs.get("family"), within=t.attrs.get("within"))
                for t in session.exec(model_select(TermRow).order_by(col(TermRow.id)))
            )
            sources = tuple(
                Source(key=s.key, name=s.name, kind=s.kind, description=s.description, url=s.url,  # type: ignore[arg-type]
                       aliases=tuple(aliases[("reporter", s.key)]), speaks_for=s.speaks_for)
                for s in session.exec(model_select(SourceRow).order_by(col(SourceRow.id)))
            )
            campaign = session.get(SettingRow, "campaign")
            stopwords = session.get(SettingRow, "stopwords")
            words = session.get(SettingRow, WORDS)
        if campaign is None:
            raise LookupError("the store has no vocabulary: it was never seeded")
        c = campaign.value
        return Vocabulary(
            campaign=Campaign(name=c["name"], start=PartialDate.parse(c["start"]), place=c["place"],
                              actor=c["actor"], aliases=tuple(c.get("aliases", ()))),
            terms=terms, sources=sources, stopwords=frozenset(stopwords.value if stopwords else ()),
            words={k: tuple(v) for k, v in (words.value if words else {}).items()},
        )

    def close(self) -> None:
        self.engine.dispose()

    def sync_seed_vocabulary(self, vocabulary: Vocabulary) -> bool:
        """Bring a store seeded from older data files up to the files' words, keeping every moderator's change.

        The reading's word lists and the stopwords (not edited by command) become the files'. An alias of the
        files the store never had is added; an alias the seed once added and the files no longer hold is marked
        removed. An alias a moderator added or removed is left as it is. Returns whether anything changed.
        """
        at = now()
        wanted = {(t.kind, t.key, text) for t in vocabulary.terms for text in t.aliases}
        wanted |= {("reporter", src.key, text) for src in vocabulary.sources for text in src.aliases}
        with Session(self.engine) as session, session.begin():
            known = {(t.kind, t.key) for t in session.exec(model_select(TermRow))}
            known |= {("reporter", src.key) for src in session.exec(model_select(SourceRow))}
            rows = {(a.kind, a.key, a.text): a for a in session.exec(model_select(AliasRow))}
            changed = False
            for kind, key, text in sorted(wanted - set(rows)):
                if (kind, key) in known:
                    session.add(AliasRow(kind=kind, key=key, text=text, added_by=SEED, created_at=at))
                    changed = True
            for ref, row in rows.items():
                if row.added_by == SEED and row.removed_at is None and ref not in wanted:
                    row.removed_at, row.removed_by = at, SEED
                    changed = True
            for name, value in ((WORDS, {k: list(v) for k, v in vocabulary.words.items()}),
                                ("stopwords", sorted(vocabulary.stopwords))):
                setting = session.get(SettingRow, name)
                if setting is None:
                    session.add(SettingRow(key=name, value=value))
                    changed = True
                elif setting.value != value:
                    setting.value = value
                    changed = True
            if changed:
                session.execute(update(SettingRow).where(col(SettingRow.key) == DATA_VERSION)
                                .values(number=SettingRow.number + 1))
        return changed

    def is_seeded(self) -> bool:
        with Session(self.engine) as session:
            return session.get(SettingRow, "campaign") is not None

    # -- writes --------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        with Session(self.engine) as session, session.begin():
            yield Writer(session)

    @staticmethod
    def write_vocabulary(tx: Writer, vocabulary: Vocabulary, added_by: str = "seed") -> None:
        """Store a whole vocabulary (at seeding): terms, sources, aliases, the campaign and stopwords."""
        at = now()
        c = vocabulary.campaign
        session = tx.session
        session.add(SettingRow(key="campaign", value={
            "name": c.name, "start": str(c.start), "place": c.place, "actor": c.actor, "aliases": list(c.aliases),
        }))
        session.add(SettingRow(key="stopwords", value=sorted(vocabulary.stopwords)))
        session.add(SettingRow(key=WORDS, value={k: list(v) for k, v in vocabulary.words.items()}))
        session.add(SettingRow(key=DATA_VERSION, number=1))
        for t in vocabulary.terms:
            attrs = {"concepts": list(t.concepts), "core": list(t.core), "unit": t.unit,
                     "tolerates": list(t.tolerates), "weight": t.weight, "family": t.family, "within": t.within}
            session.add(TermRow(kind=t.kind, key=t.key, label=t.label, description=t.description, attrs=attrs))
            for text in dict.fromkeys(t.aliases):
                session.add(AliasRow(kind=t.kind, key=t.key, text=text, added_by=added_by, created_at=at))
        for s in vocabulary.sources:
            session.add(SourceRow(key=s.key, name=s.name, kind=s.kind, description=s.description, url=s.url,
                                  speaks_for=s.speaks_for))
            for text in dict.fromkeys(s.aliases):
                session.add(AliasRow(kind="reporter", key=s.key, text=text, added_by=added_by, created_at=at))
        session.flush()


class Writer:
    """The domain's FigureWriter over one SQL transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, figure_id: int) -> Figure | None:
        row = self.session.get(FigureRow, figure_id, populate_existing=True)
        return to_figure(row) if row else None

    def get_many(self, ids: Sequence[int]) -> dict[int, Figure]:
        if not ids:
            return {}
        rows = self.session.exec(model_select(FigureRow).where(col(FigureRow.id).in_(list(ids))))
        return {r.id: to_figure(r) for r in rows if r.id is not None}

    def same_scope(self, reporter: str, metric: str, actor: str, place: str) -> list[Figure]:
        rows = self.session.exec(model_select(FigureRow).where(
            FigureRow.reporter == reporter, FigureRow.metric == metric, FigureRow.actor == actor,
            FigureRow.place == place,
        ).order_by(col(FigureRow.id)))
        return [to_figure(r) for r in rows]

    def in_series(self, series: str) -> list[Figure]:
        rows = self.session.exec(model_select(FigureRow).where(FigureRow.series == series).order_by(col(FigureRow.id)))
        return [to_figure(r) for r in rows]

    def add(self, figure: Figure) -> Figure:
        at = now()
        row = FigureRow(**_columns(figure), version=1, created_at=at, updated_at=at)
        self.session.add(row)
        self.session.flush()
        return to_figure(row)

    def save(self, figure: Figure, expected_version: int) -> Figure:
        # Optimistic locking: the row is written only if nobody else wrote it since it was read.
        result = self.session.execute(
            update(FigureRow)
            .where(col(FigureRow.id) == figure.id, col(FigureRow.version) == expected_version)
            .values(**_columns(figure), version=expected_version + 1, updated_at=now())
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            current = self.get(figure.id)
            raise Conflict(
                f"Figure {figure.id} was changed by someone else meanwhile.", current,
                "Look at its current value and make your change again.",
            )
        saved = self.get(figure.id)
        assert saved is not None
        return saved

    def log(self, revision: RevisionDraft) -> None:
        self.session.add(RevisionRow(
            figure_id=revision.figure_id, action=revision.action, actor_id=revision.actor.id,
            actor_name=revision.actor.name, at=now(), reason=revision.reason,
            before=revision.before, after=revision.after,
        ))

    # -- the vocabulary ----------------------------------------------------------------------

    def alias_owner(self, kind: str, text: str) -> list[str]:
        rows = self.session.exec(model_select(AliasRow).where(
            AliasRow.kind == kind, AliasRow.text == text, col(AliasRow.removed_at).is_(None)))
        return [r.key for r in rows]

    def add_alias(self, kind: str, key: str, text: str, actor: Actor) -> None:
        row = self.session.exec(model_select(AliasRow).where(
            AliasRow.kind == kind, AliasRow.key == key, AliasRow.text == text)).first()
        if row is None:
            self.session.add(AliasRow(kind=kind, key=key, text=text, added_by=actor.name, created_at=now()))
        else:  # taught again after a removal: the same row, live again (the log keeps both changes)
            row.removed_at, row.removed_by, row.added_by, row.created_at = None, None, actor.name, now()
        self.session.flush()

    def remove_alias(self, kind: str, key: str, text: str, actor: Actor) -> bool:
        row = self.session.exec(model_select(AliasRow).where(
            AliasRow.kind == kind, AliasRow.key == key, AliasRow.text == text,
            col(AliasRow.removed_at).is_(None))).first()
        if row is None:
            return False
        row.removed_at, row.removed_by = now(), actor.name
        self.session.flush()
        return True

    def source(self, key: str) -> Source | None:
        row = self.session.exec(model_select(SourceRow).where(SourceRow.key == key)).first()
        if row is None:
            return None
        return Source(key=row.key, name=row.name, kind=row.kind, description=row.description,  # type: ignore[arg-type]
                      url=row.url, speaks_for=row.speaks_for)

    def save_source(self, source: Source) -> None:
        row = self.session.exec(model_select(SourceRow).where(SourceRow.key == source.key)).first()
        if row is None:
            row = SourceRow(key=source.key, name=source.name, kind=source.kind)
            self.session.add(row)
        row.name, row.kind, row.description, row.url = source.name, source.kind, source.description, source.url
        row.speaks_for = source.speaks_for
        self.session.flush()

    def log_vocabulary(self, revision: VocabularyRevisionDraft) -> None:
        self.session.add(VocabularyRevisionRow(
            kind=revision.kind, key=revision.key, action=revision.action, actor_id=revision.actor.id,
            actor_name=revision.actor.name, at=now(), reason=revision.reason, before=revision.before,
            after=revision.after,
        ))

    def changed(self) -> None:
        self.session.execute(
            update(SettingRow).where(col(SettingRow.key) == DATA_VERSION).values(number=SettingRow.number + 1)
        )
