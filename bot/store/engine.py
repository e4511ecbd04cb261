"""Opening the store: the engine for DATABASE_URL, migrations at start, the seed on first start."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, OperationalError
from sqlalchemy.pool import StaticPool

from bot.domain import importing, records, vocabulary_files
from bot.domain.errors import SettingsError, StoreUnavailable
from bot.domain.lexicon import Lexicon
from bot.domain.models import SEED_ACTOR
from bot.store.repository import Repository

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
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


@contextmanager
def _one_at_a_time(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _LOCK_ID})
            connection.commit()
        try:
            yield connection
        finally:
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _LOCK_ID})
                connection.commit()


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
    vocabulary = vocabulary_files.load(data_dir)
    if repository.is_seeded():
        try:
            if repository.sync_seed_vocabulary(vocabulary):
                log.info("brought the store's vocabulary up to %s", data_dir)
        except IntegrityError:
            log.info("another process brought the vocabulary up to date first")
        return False
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
