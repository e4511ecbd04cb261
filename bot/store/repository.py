"""The repository: every SQL statement of Tally lives here, behind the domain's ports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    CursorResult,
    Engine,
    Insert,
    Result,
    Row,
    Select,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, SQLModel, col
from sqlmodel import select as model_select

from bot.domain.dates import PRECISIONS, PartialDate
from bot.domain.errors import Conflict
from bot.domain.literals import stored
from bot.domain.models import (
    ACTIONS,
    SOURCE_KINDS,
    STATUSES,
    SUBJECT_KINDS,
    TERM_KINDS,
    Campaign,
    Editor,
    Figure,
    PendingImport,
    Revision,
    RevisionDraft,
    Source,
    Subject,
    Term,
    Vocabulary,
)
from bot.domain.timeline import SeriesExcerpt
from bot.store.tables import (
    AliasRow,
    FigureRow,
    PendingImportRow,
    RevisionColumns,
    RevisionRow,
    SettingRow,
    SourceRow,
    TermRow,
    VocabularyRevisionRow,
    table_of,
)

DATA_VERSION = "data_version"
_WRITER_LOCK = 7_274_2018
WORDS = "reading_words"
"""The reading's word lists (filler, narrowing words, kind cues): kept as data/ has them, refreshed at start."""
SEED = "seed"
"""Who added the aliases of the data files (`added_by`)."""
_FIGURES, _SETTINGS = table_of(FigureRow), table_of(SettingRow)
_FIGURE_REVISIONS, _WORD_REVISIONS = table_of(RevisionRow), table_of(VocabularyRevisionRow)


def now() -> datetime:
    return datetime.now(UTC)


def _pd(value: date | None, precision: str | None) -> PartialDate | None:
    return PartialDate(value, stored(precision, PRECISIONS)) if value is not None and precision else None


def _lookup(as_of: bool, reporters: bool) -> Select[Any]:
    """The resolver's one query, built once per shape: it runs on every question.

    Every series with a report not retracted has exactly one current report, so the current reports of the
    asked scope name its series. "As of D" then takes, per series, the newest report out by D: one probe of
    the (series, published_last, id) index each, never a read of the series' older reports.
    """
    t = _FIGURES
    current = t.alias("asked") if as_of else t
    scope = [
        current.c.metric == bindparam("metric"),
        current.c.place.in_(bindparam("places", expanding=True)),
        current.c.actor.in_(bindparam("actors", expanding=True)),
        current.c.status == "current",
    ]
    if reporters:
        scope.append(current.c.reporter.in_(bindparam("reporters", expanding=True)))
    if not as_of:
        return select(t).where(*scope).order_by(t.c.id)
    then = t.alias("then")
    newest_then = (
        select(then.c.id)
        .where(then.c.series == current.c.series, then.c.status != "retracted",
               then.c.published_last <= bindparam("as_of"))
        .order_by(then.c.published_last.desc(), then.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return select(t).where(t.c.id.in_(select(newest_then).where(*scope))).order_by(t.c.id)


_LOOKUPS = {(a, r): _lookup(a, r) for a in (False, True) for r in (False, True)}


def _earlier(figure: Figure) -> list[Any]:
    """The reports of `figure`'s series published before it, in the order `timeline.history_before` uses."""
    t = _FIGURES
    last = figure.published.last_day
    return [t.c.series == figure.series, t.c.status != "retracted",
            (t.c.published_last < last) | ((t.c.published_last == last) & (t.c.id < figure.id))]

_CHUNK = 500
"""Ids per IN list: well under every database's limit on bound parameters."""
_CURRENT = select(_FIGURES).where(_FIGURES.c.status == "current").order_by(_FIGURES.c.id)
_INSERT_FIGURE = insert(_FIGURES).returning(_FIGURES.c.id)
_INSERT_FIGURES = insert(_FIGURES).returning(_FIGURES.c.id, sort_by_parameter_order=True)
_LINK_FIGURE = update(_FIGURES).where(_FIGURES.c.id == bindparam("row_id")).values(supersedes_id=bindparam("link"))
_IN_SERIES = select(_FIGURES).where(_FIGURES.c.series == bindparam("series")).order_by(_FIGURES.c.id)
_VERSION = select(_SETTINGS.c.number).where(_SETTINGS.c.key == DATA_VERSION)


def to_revision(row: RevisionColumns | Row[Any], subject: Subject, origin: str | None = None) -> Revision:
    """A row of any revision table (the figures', the vocabulary's, the incidents'), as the ORM or a Core select
    reads it, as the domain's Revision."""
    return Revision(subject, stored(row.action, ACTIONS), Editor(row.actor_id, row.actor_name, origin),
                    row.reason, row.before, row.after, id=row.id or 0, at=row.at)


def _revision(row: RevisionRow | VocabularyRevisionRow) -> Revision:
    subject = (Subject.figure(row.figure_id) if isinstance(row, RevisionRow)
               else Subject(stored(row.kind, SUBJECT_KINDS), row.key))
    return to_revision(row, subject, row.origin)


def revision_columns(draft: RevisionDraft, about: dict[str, Any]) -> dict[str, Any]:
    """A revision as the columns of its table (any of them: what it is about is `about`'s columns), stamped now."""
    return {**about, "action": draft.action, "actor_id": draft.editor.id, "actor_name": draft.editor.name,
            "at": now(), "reason": draft.reason, "before": draft.before, "after": draft.after,
            "origin": draft.editor.where}


def _pending(r: PendingImportRow) -> PendingImport:
    return PendingImport(token=r.token, editor=Editor(r.actor_id, r.actor_name, r.origin), filename=r.filename,
                         reason=r.reason, content=r.content, summary=r.summary, created=_utc(r.created_at),
                         expires=_utc(r.expires_at))


def _rowcount(result: Result[Any]) -> int:
    """The rows an UPDATE or DELETE matched: its result is a CursorResult, though Session.execute says only Result."""
    if not isinstance(result, CursorResult):
        raise TypeError(f"{type(result).__name__} of a statement that is not an UPDATE or DELETE")
    return result.rowcount


def _utc(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; every time Tally stores is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def to_figure(row: FigureRow | Row[Any]) -> Figure:
    """A figure row, as the ORM or a Core select of the figure table reads it, as the domain's Figure."""
    published = _pd(row.published, row.published_precision)
    assert published is not None and row.id is not None
    return Figure(
        id=row.id, reporter=row.reporter, metric=row.metric, value_low=row.value_low, value_high=row.value_high,
        qualifier=row.qualifier, actor=row.actor, place=row.place,
        period_start=_pd(row.period_start, row.period_start_precision),
        period_end=_pd(row.period_end, row.period_end_precision), published=published,
        title=row.title, outlet=row.outlet, url=row.url, quote=row.quote, notes=row.notes,
        excludes=tuple(x for x in row.excludes.split(";") if x), status=stored(row.status, STATUSES),
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
        "published_last": figure.published.last_day,
        "title": figure.title, "outlet": figure.outlet, "url": figure.url, "quote": figure.quote,
        "notes": figure.notes, "excludes": ";".join(figure.excludes), "status": figure.status,
        "series": figure.series, "supersedes_id": figure.supersedes,
    }


def _insert_if_absent(engine: Engine, table: type[SQLModel], **values: Any) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING, in the dialect of the engine (PostgreSQL or SQLite)."""
    insert = postgresql_insert if engine.dialect.name == "postgresql" else sqlite_insert
    return insert(table).values(**values).on_conflict_do_nothing()


class Repository:
    """Reads open a short session each; writes go through `transaction()`, all or nothing."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.durable: Callable[[], None] = lambda: None
        """Raises when a committed write may not have reached the store that will be read next (a file removed)."""

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
            return [to_figure(row) for row in result]

    def current_figures(self) -> list[Figure]:
        with self.engine.connect() as connection:
            return [to_figure(row) for row in connection.execute(_CURRENT)]

    def changed_since(self, figure_revision: int, vocabulary_revision: int) -> tuple[int, int, list[Figure]]:
        """The newest revision ids, and the figures that figure revisions after `figure_revision` touched.

        Revisions are committed in the order they are numbered (see `transaction`), so cursors taken here
        never skip a change that commits later.
        """
        revisions, words = _FIGURE_REVISIONS, _WORD_REVISIONS
        t = _FIGURES
        with self.engine.connect() as connection:
            touched = connection.execute(select(revisions.c.id, revisions.c.figure_id)
                                         .where(revisions.c.id > figure_revision)).all()
            newest_words = connection.execute(select(func.max(words.c.id))).scalar() or 0
            ids = sorted({figure_id for _, figure_id in touched})
            figures = [to_figure(row)
                       for chunk in range(0, len(ids), _CHUNK)
                       for row in connection.execute(select(t).where(t.c.id.in_(ids[chunk:chunk + _CHUNK])))]
        newest = max((revision_id for revision_id, _ in touched), default=figure_revision)
        return newest, max(newest_words, vocabulary_revision), figures

    def reports(self, metric: str, *, places: Sequence[str], actors: Sequence[str],
                reporters: Sequence[str] | None = None) -> list[Figure]:
        query = model_select(FigureRow).where(
            FigureRow.metric == metric, col(FigureRow.place).in_(list(places)), col(FigureRow.actor).in_(list(actors)),
            FigureRow.status != "retracted",
        ).order_by(col(FigureRow.id))
        if reporters:
            query = query.where(col(FigureRow.reporter).in_(list(reporters)))
        with Session(self.engine) as session:
            return [to_figure(r) for r in session.exec(query)]

    def series_excerpt(self, figure: Figure, since: PartialDate | None = None) -> SeriesExcerpt:
        t = _FIGURES
        earlier = _earlier(figure)
        oldest_first = (t.c.published_last, t.c.id)
        newest_first = (t.c.published_last.desc(), t.c.id.desc())
        with self.engine.connect() as connection:
            def one(*where: Any, order: tuple[Any, ...]) -> list[Any]:
                return list(connection.execute(select(t).where(*earlier, *where).order_by(*order).limit(1)))

            count = connection.execute(select(func.count()).select_from(t).where(*earlier)).scalar() or 0
            if not count:
                return SeriesExcerpt((), 0)
            rows = one(order=oldest_first) + one(order=newest_first)
            if since is not None:
                # The report current when `since` began, else the first one published from then on.
                rows += (one(t.c.published_last < since.first_day, order=newest_first)
                         or one(t.c.published >= since.first_day, order=oldest_first))
        unique = {row.id: to_figure(row) for row in rows}
        return SeriesExcerpt(tuple(sorted(unique.values(), key=lambda f: (f.published.last_day, f.id))), count)

    def data_version(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(_VERSION).scalar() or 0

    def figure(self, figure_id: int) -> Figure | None:
        with Session(self.engine) as session:
            row = session.get(FigureRow, figure_id)
            return to_figure(row) if row else None

    def iter_figures(self, statuses: Sequence[str] | None = None) -> Iterator[Figure]:
        """Figures in id order, read in batches as they are used: an export of any size holds one batch."""
        t = _FIGURES
        query = select(t).order_by(t.c.id)
        if statuses:
            query = query.where(t.c.status.in_(list(statuses)))
        with self.engine.connect() as connection:
            for row in connection.execution_options(yield_per=2000).execute(query):
                yield to_figure(row)

    def all_figures(self, statuses: Sequence[str] | None = None) -> list[Figure]:
        query = model_select(FigureRow).order_by(col(FigureRow.id))
        if statuses:
            query = query.where(col(FigureRow.status).in_(statuses))
        with Session(self.engine) as session:
            return [to_figure(r) for r in session.exec(query)]

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

    def vocabulary_revisions_after(self, revision_id: int, limit: int = 100) -> list[Revision]:
        """Alias and source revisions newer than `revision_id`, oldest first (for the audit feed)."""
        query = (model_select(VocabularyRevisionRow).where(col(VocabularyRevisionRow.id) > revision_id)
                 .order_by(col(VocabularyRevisionRow.id)).limit(limit))
        with Session(self.engine) as session:
            return [_revision(r) for r in session.exec(query)]

    def cursor(self, name: str) -> int | None:
        """A stored position (the audit feed's last posted revisions); None if never set."""
        with Session(self.engine) as session:
            row = session.get(SettingRow, name)
            return row.number if row else None

    def start_cursor(self, name: str, value: int) -> int:
        """Set a cursor only if it was never set, and return what it holds: safe when several processes
        start at once (insert-if-absent, so none fails on the primary key another one just wrote)."""
        with self.engine.begin() as connection:
            connection.execute(_insert_if_absent(self.engine, SettingRow, key=name, number=value))
        stored = self.cursor(name)
        assert stored is not None
        return stored

    def set_cursor(self, name: str, value: int) -> None:
        with self.engine.begin() as connection:
            connection.execute(_insert_if_absent(self.engine, SettingRow, key=name, number=value))
            connection.execute(update(SettingRow).where(col(SettingRow.key) == name).values(number=value))

    # -- pending imports -----------------------------------------------------------------------

    def add_pending_import(self, pending: PendingImport) -> None:
        with Session(self.engine) as session, session.begin():
            session.add(PendingImportRow(
                token=pending.token, actor_id=pending.editor.id, actor_name=pending.editor.name,
                origin=pending.editor.where, filename=pending.filename, reason=pending.reason, content=pending.content,
                summary=pending.summary, created_at=pending.created, expires_at=pending.expires))

    def pending_imports(self, now: datetime) -> list[PendingImport]:
        with Session(self.engine) as session, session.begin():
            session.execute(delete(PendingImportRow).where(col(PendingImportRow.expires_at) <= now))
            query = model_select(PendingImportRow).order_by(col(PendingImportRow.created_at))
            return [_pending(r) for r in session.exec(query)]

    def take_pending_import(self, token: str, now: datetime) -> PendingImport | None:
        with Session(self.engine) as session, session.begin():
            row = session.exec(model_select(PendingImportRow).where(
                PendingImportRow.token == token, col(PendingImportRow.expires_at) > now).with_for_update()).first()
            if row is None:
                return None
            pending = _pending(row)
            # Deleted by a statement that counts: of two Confirms at once, only the one that deleted it proceeds.
            gone = session.execute(delete(PendingImportRow).where(col(PendingImportRow.token) == token))
            return pending if _rowcount(gone) == 1 else None

    def vocabulary(self) -> Vocabulary:
        with Session(self.engine) as session:
            aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
            # Columns, not row objects: read at every start and refresh, and the aliases are many.
            active = select(col(AliasRow.kind), col(AliasRow.key), col(AliasRow.text)) \
                .where(col(AliasRow.removed_at).is_(None)).order_by(col(AliasRow.id))
            for kind, key, text in session.execute(active):
                aliases[(kind, key)].append(text)
            terms = tuple(
                Term(kind=stored(t.kind, TERM_KINDS), key=t.key, label=t.label, description=t.description,
                     aliases=tuple(aliases[(t.kind, t.key)]), concepts=tuple(t.attrs.get("concepts", ())),
                     core=tuple(t.attrs.get("core", ())), unit=t.attrs.get("unit", ""),
                     tolerates=tuple(t.attrs.get("tolerates", ())), weight=int(t.attrs.get("weight", 1)),
                     family=t.attrs.get("family"), within=t.attrs.get("within"))
                for t in session.exec(model_select(TermRow).order_by(col(TermRow.id)))
            )
            sources = tuple(
                Source(key=s.key, name=s.name, kind=stored(s.kind, SOURCE_KINDS), description=s.description, url=s.url,
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
            # Columns, not row objects: this runs at every start, and almost always finds nothing to change.
            held = select(col(AliasRow.kind), col(AliasRow.key), col(AliasRow.text), col(AliasRow.added_by),
                          col(AliasRow.removed_at))
            rows = {(kind, key, text): (added_by, removed_at)
                    for kind, key, text, added_by, removed_at in session.execute(held)}
            changed = False
            for kind, key, text in sorted(wanted - set(rows)):
                if (kind, key) in known:
                    session.add(AliasRow(kind=kind, key=key, text=text, added_by=SEED, created_at=at))
                    changed = True
            for (kind, key, text), (added_by, removed_at) in rows.items():
                if added_by == SEED and removed_at is None and (kind, key, text) not in wanted:
                    session.execute(update(AliasRow).where(col(AliasRow.kind) == kind, col(AliasRow.key) == key,
                                                           col(AliasRow.text) == text)
                                    .values(removed_at=at, removed_by=SEED))
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
            if self.engine.dialect.name == "postgresql":
                # One writer at a time, so revision ids are committed in the order they are numbered and
                # a reader that has seen revision N has seen every revision before it (SQLite's write
                # lock already gives this). Moderator writes are rare: the wait is short.
                session.execute(sql_text("SELECT pg_advisory_xact_lock(:id)"), {"id": _WRITER_LOCK})
            writer = Writer(session)
            yield writer
            writer.write_log()
        # Committed: only now may the caller confirm the change, and only if it landed where it will be read.
        self.durable()

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
        self._revisions: list[dict[str, Any]] = []

    def get(self, figure_id: int) -> Figure | None:
        row = self.session.get(FigureRow, figure_id, populate_existing=True)
        return to_figure(row) if row else None

    def get_many(self, ids: Sequence[int]) -> dict[int, Figure]:
        t = _FIGURES
        wanted = sorted(set(ids))
        found: dict[int, Figure] = {}
        for chunk in range(0, len(wanted), _CHUNK):
            for row in self.session.execute(select(t).where(t.c.id.in_(wanted[chunk:chunk + _CHUNK]))):
                found[row.id] = to_figure(row)
        return found

    def same_scope(self, reporter: str, metric: str, actor: str, place: str) -> list[Figure]:
        rows = self.session.exec(model_select(FigureRow).where(
            FigureRow.reporter == reporter, FigureRow.metric == metric, FigureRow.actor == actor,
            FigureRow.place == place,
        ).order_by(col(FigureRow.id)))
        return [to_figure(r) for r in rows]

    def in_series(self, series: str) -> list[Figure]:
        return [to_figure(r) for r in self.session.execute(_IN_SERIES, {"series": series})]

    def add(self, figure: Figure) -> Figure:
        at = now()
        # Core statements, built once: an import adds thousands, and the ORM's work per row was most of its cost.
        new_id = self.session.execute(_INSERT_FIGURE, {**_columns(figure), "version": 1, "created_at": at,
                                                       "updated_at": at}).scalar_one()
        return replace(figure, id=new_id, version=1)

    def add_many(self, figures: Sequence[Figure]) -> list[Figure]:
        at = now()
        given = {f.id for f in figures}
        rows = [{**_columns(f), "supersedes_id": None if f.supersedes in given else f.supersedes, "version": 1,
                 "created_at": at, "updated_at": at} for f in figures]
        new_ids = self.session.execute(_INSERT_FIGURES, rows).scalars().all() if rows else []
        stored_as: dict[int | None, int] = dict(zip((f.id for f in figures), new_ids, strict=True))
        links = [{"row_id": stored_as[f.id], "link": stored_as[f.supersedes]}
                 for f in figures if f.supersedes in stored_as]
        if links:
            self.session.execute(_LINK_FIGURE, links)
        return [replace(f, id=stored_as[f.id], supersedes=stored_as.get(f.supersedes, f.supersedes), version=1)
                for f in figures]

    def save(self, figure: Figure, expected_version: int) -> Figure:
        # Optimistic locking: the row is written only if nobody else wrote it since it was read.
        result = self.session.execute(
            update(FigureRow)
            .where(col(FigureRow.id) == figure.id, col(FigureRow.version) == expected_version)
            .values(**_columns(figure), version=expected_version + 1, updated_at=now())
            .execution_options(synchronize_session=False)
        )
        if _rowcount(result) != 1:
            current = self.get(figure.id)
            raise Conflict(
                f"Figure {figure.id} was changed by someone else meanwhile.", current,
                "Look at its current value and make your change again.",
            )
        return replace(figure, version=expected_version + 1)

    def log(self, revision: RevisionDraft) -> None:
        subject = revision.subject
        if subject.kind in ("alias", "source"):
            self.session.add(VocabularyRevisionRow(**revision_columns(revision, {"kind": subject.kind,
                                                                                 "key": subject.key})))
            return
        if subject.kind != "figure":
            # An incident's history is the incident writer's (bot.store.incidents), in its own table.
            raise ValueError(f"the figures' writer keeps the history of figures, aliases and sources, "
                             f"not of {subject.kind!r} {subject.key}")
        self._revisions.append(revision_columns(revision, {"figure_id": subject.id}))
        if len(self._revisions) >= _CHUNK * 10:
            self.write_log()  # an import's history is written as it goes, not held whole

    def write_log(self) -> None:
        """Write the revisions logged so far, in one statement: called before the transaction commits."""
        if self._revisions:
            self.session.execute(insert(_FIGURE_REVISIONS), self._revisions)
            self._revisions = []

    # -- the vocabulary ----------------------------------------------------------------------

    def alias_owner(self, kind: str, text: str) -> list[str]:
        rows = self.session.exec(model_select(AliasRow).where(
            AliasRow.kind == kind, AliasRow.text == text, col(AliasRow.removed_at).is_(None)))
        return [r.key for r in rows]

    def add_alias(self, kind: str, key: str, text: str, editor: Editor) -> None:
        row = self.session.exec(model_select(AliasRow).where(
            AliasRow.kind == kind, AliasRow.key == key, AliasRow.text == text)).first()
        if row is None:
            self.session.add(AliasRow(kind=kind, key=key, text=text, added_by=editor.name, created_at=now()))
        else:  # taught again after a removal: the same row, live again (the log keeps both changes)
            row.removed_at, row.removed_by, row.added_by, row.created_at = None, None, editor.name, now()
        self.session.flush()

    def remove_alias(self, kind: str, key: str, text: str, editor: Editor) -> bool:
        row = self.session.exec(model_select(AliasRow).where(
            AliasRow.kind == kind, AliasRow.key == key, AliasRow.text == text,
            col(AliasRow.removed_at).is_(None))).first()
        if row is None:
            return False
        row.removed_at, row.removed_by = now(), editor.name
        self.session.flush()
        return True

    def source(self, key: str) -> Source | None:
        row = self.session.exec(model_select(SourceRow).where(SourceRow.key == key)).first()
        if row is None:
            return None
        return Source(key=row.key, name=row.name, kind=stored(row.kind, SOURCE_KINDS), description=row.description,
                      url=row.url, speaks_for=row.speaks_for)

    def save_source(self, source: Source) -> None:
        row = self.session.exec(model_select(SourceRow).where(SourceRow.key == source.key)).first()
        if row is None:
            row = SourceRow(key=source.key, name=source.name, kind=source.kind)
            self.session.add(row)
        row.name, row.kind, row.description, row.url = source.name, source.kind, source.description, source.url
        row.speaks_for = source.speaks_for
        self.session.flush()

    def changed(self) -> None:
        self.session.execute(
            update(SettingRow).where(col(SettingRow.key) == DATA_VERSION).values(number=SettingRow.number + 1)
        )
