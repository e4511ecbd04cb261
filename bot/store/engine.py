"""Opening the store: the engine for DATABASE_URL, migrations at start, the seed on first start."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, OperationalError
from sqlalchemy.pool import StaticPool

from bot.domain import importing, records, vocabulary_files
from bot.domain.errors import SettingsError, StoreUnavailable
from bot.domain.lexicon import Lexicon
from bot.domain.models import SEED_ACTOR
from bot.store.repository import Repository

try:
    import fcntl
except ImportError:  # Windows: there, first starts of several processes on one SQLite file are not guarded
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"
_LOCK_ID = 7_274_2017
"""PostgreSQL advisory lock held while one process migrates and seeds, so several starting at once don't race."""


def describe(url: str) -> str:
    """Where the database is, for messages: never the password."""
    try:
        u = make_url(url)
    except ArgumentError:
        return "an unreadable DATABASE_URL"
    if u.get_backend_name() == "sqlite":
        return f"SQLite file {u.database}" if u.database and u.database != ":memory:" else "SQLite in memory"
    port = f":{u.port}" if u.port else ""
    return f"{u.get_backend_name()} at {u.host or 'localhost'}{port}/{u.database or ''}"


def make_engine(url: str) -> Engine:
    try:
        u = make_url(url)
    except ArgumentError:
        raise SettingsError(
            "DATABASE_URL is not a database URL.",
            "Use sqlite:///path/to/tally.db or postgresql+psycopg://user:password@host:5432/dbname.",
        ) from None
    try:
        if u.get_backend_name() == "sqlite":
            if not u.database or u.database == ":memory:":
                engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
            else:
                Path(u.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(u, connect_args={"check_same_thread": False, "timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(u, pool_pre_ping=True, pool_size=10, max_overflow=10)
    except (NoSuchModuleError, ImportError) as e:
        raise SettingsError(f"DATABASE_URL names a database Tally cannot use ({e}).",
                            "Use sqlite:/// or postgresql+psycopg://.") from None


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def migrate(connection: Connection) -> None:
    if _applied(connection) == _head():
        return  # the usual start: nothing to do, and Alembic (a good part of a cold start) is not imported
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


_REVISION = re.compile(r"^revision: str = '([^']+)'$", re.MULTILINE)
_DOWN = re.compile(r"^down_revision: str \| None = '([^']+)'$", re.MULTILINE)


@functools.cache
def _head() -> str:
    """The newest migration's id, read from the migration files as Alembic would find it (the one no
    other migration revises)."""
    revisions, revised = set(), set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        revisions.update(_REVISION.findall(source))
        revised.update(_DOWN.findall(source))
    heads = revisions - revised
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have one head; found {sorted(heads)}")
    return heads.pop()


def _applied(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


@contextmanager
def _one_at_a_time(engine: Engine) -> Iterator[Connection]:
    """Migrate and seed one process at a time: a PostgreSQL advisory lock, or a lock file beside an SQLite file
    (SQLite's own locking deadlocks when several processes create the schema at once)."""
    with _sqlite_file_lock(engine), engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _LOCK_ID})
            connection.commit()
        try:
            yield connection
        finally:
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _LOCK_ID})
                connection.commit()


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or fcntl is None:
        yield
        return
    with open(f"{database}.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def open_store(url: str, data_dir: Path, today: Callable[[], date] = date.today) -> Repository:
    """Connect, apply migrations, seed from `data_dir` if the store is new. One clear error if any step can't."""
    engine = make_engine(url)
    where = describe(url)
    try:
        with _one_at_a_time(engine) as connection:
            migrate(connection)
            connection.commit()
            repository = Repository(engine)
            seed(repository, data_dir, today())
    except (OperationalError, DBAPIError) as e:
        engine.dispose()
        detail = str(getattr(e, "orig", e)).strip()
        reason = detail.splitlines()[0] if detail else type(e).__name__
        password = make_url(url).password
        if password:
            reason = reason.replace(str(password), "***")
        raise StoreUnavailable(f"Cannot use the database ({where}): {reason}",
                               "Check DATABASE_URL and that the database server is running.") from None
    return repository


def seed(repository: Repository, data_dir: Path, today: date) -> bool:
    """Fill a new store from `data_dir`, all in one transaction. Returns False when it was already seeded."""
    if repository.is_seeded():
        return False
    vocabulary = vocabulary_files.load(data_dir)
    rows = records.parse((data_dir / "figures.csv").read_bytes(), vocabulary, Lexicon(vocabulary), today, "csv")
    try:
        with repository.transaction() as tx:
            repository.write_vocabulary(tx, vocabulary)
            importing.apply(rows, tx, SEED_ACTOR, f"seed data from {data_dir.name}/figures.csv",
                            vocabulary.campaign.start, action="seed")
    except IntegrityError:
        log.info("another process seeded the store first")
        return False
    log.info("seeded the store with %d figures from %s", len(rows), data_dir)
    return True
