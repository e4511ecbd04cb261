"""Opening the store: the engine for DATABASE_URL, migrations at start, the seed on first start."""

from __future__ import annotations

import functools
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    InterfaceError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.pool import StaticPool

from bot.domain import figure_files, importing, vocabulary_files
from bot.domain.errors import SettingsError, StoreUnavailable
from bot.domain.lexicon import Lexicon
from bot.domain.models import SEED_EDITOR
from bot.store.repository import Repository

try:
    import fcntl
except ImportError:  # Windows: there, first starts of several processes on one SQLite file are not guarded
    fcntl = None

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"
_LOCK_ID = 7_274_2017
"""PostgreSQL advisory lock held while one process migrates and seeds, so several starting at once don't race."""


# No call waits forever: a server that does not answer a connect, or a statement that runs on, is an error.
CONNECT_TIMEOUT_S = 5
STATEMENT_TIMEOUT_MS = 30_000
SQLITE_BUSY_TIMEOUT_S = 10
UNAVAILABLE = "The figures store is unavailable right now; try again in a minute."


def parse_url(url: str) -> URL:
    """DATABASE_URL as SQLAlchemy reads it, or one error that quotes none of it (it may hold a password)."""
    hint = ("Use sqlite:///path/to/tally.db or postgresql+psycopg://user:password@host:5432/dbname; "
            "write @ : / in the user name or password as %40 %3A %2F.")
    try:
        u = make_url(url)
    except ArgumentError:
        raise SettingsError("DATABASE_URL is not a database URL.", hint) from None
    except ValueError:
        raise SettingsError("DATABASE_URL is malformed: its port is not a number.", hint) from None
    if "@" in (u.host or "") or ("@" in (u.database or "") and u.get_backend_name() != "sqlite"):
        raise SettingsError("DATABASE_URL is malformed: an unescaped @ in its user name or password.", hint)
    return u


def describe(url: str) -> str:
    """Where the database is, for messages: never the user name or password."""
    try:
        u = parse_url(url)
    except SettingsError:
        return "a malformed DATABASE_URL"
    if u.get_backend_name() == "sqlite":
        if not u.database or u.database == ":memory:":
            return "SQLite in memory"
        path = Path(u.database).expanduser()
        if path.is_absolute():
            return f"SQLite file {path}"
        return f"SQLite file {path.resolve()} (the relative path {u.database} is read from the current folder)"
    port = f":{u.port}" if u.port else ""
    return f"{u.get_backend_name()} at {u.host or 'localhost'}{port}/{u.database or ''}"


def make_engine(url: str) -> Engine:
    u = parse_url(url)
    try:
        if u.get_backend_name() == "sqlite":
            if not u.database or u.database == ":memory:":
                engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
            else:
                path = _sqlite_file(Path(u.database).expanduser())
                # mode=rw: once opened, a file removed under the running bot is an error, never a new empty store.
                engine = create_engine(f"sqlite:///file:{path}?mode=rw&uri=true",
                                       connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        connect_args = {"connect_timeout": CONNECT_TIMEOUT_S,
                        "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"} \
            if u.get_backend_name() == "postgresql" else {}
        return create_engine(u, pool_pre_ping=True, pool_size=10, max_overflow=10, pool_timeout=CONNECT_TIMEOUT_S * 2,
                             connect_args=connect_args)
    except (NoSuchModuleError, ImportError) as e:
        raise SettingsError(f"DATABASE_URL names a database Tally cannot use ({e}).",
                            "Use sqlite:/// or postgresql+psycopg://.") from None


def _sqlite_file(path: Path) -> Path:
    """The SQLite file, its folder made and the file created if new (said in the log, never silently)."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (NotADirectoryError, FileExistsError):
        raise StoreUnavailable(f"Cannot make the folder {folder} for the SQLite file: part of that path is a file.",
                               "Point DATABASE_URL at a path inside a folder.") from None
    except PermissionError:
        raise StoreUnavailable(f"Cannot make the folder {folder} for the SQLite file: permission denied.",
                               "Point DATABASE_URL at a folder this user can write, or make it writable.") from None
    except OSError as e:
        raise StoreUnavailable(f"Cannot make the folder {folder} for the SQLite file: {e.strerror}.",
                               "Point DATABASE_URL at a folder this user can write.") from None
    if not path.exists():
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreUnavailable(f"Cannot create the SQLite file {path}: the folder {folder} is not writable "
                                   "by this user.", "Make the folder writable, or point DATABASE_URL elsewhere.")
        log.warning("no store at %s: creating a new one", path)
        try:
            sqlite3.connect(path).close()
        except sqlite3.Error as e:
            raise StoreUnavailable(f"Cannot create the SQLite file {path}: {e}.",
                                   "Point DATABASE_URL at a folder this user can write.") from None
    elif not os.access(path, os.R_OK | os.W_OK) or not os.access(folder, os.W_OK | os.X_OK):
        raise StoreUnavailable(f"Cannot write the SQLite file {path}: permission denied (SQLite needs to write the "
                               "file and its folder).", "Fix the owner or permissions, or run as the file's owner.")
    return path.resolve()


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


class Outage:
    """Turns the database going away into one domain error, logged once when it starts and once when it ends."""

    def __init__(self, engine: Engine, where: str) -> None:
        self.where = where
        self.down = False
        event.listen(engine, "handle_error", self._failed)
        event.listen(engine, "engine_connect", self._worked)
        event.listen(engine, "after_cursor_execute", self._worked)

    def _failed(self, context: ExceptionContext) -> None:
        if context.is_pre_ping:
            return  # the pool's liveness check: it reconnects by itself when the server is back
        error = context.sqlalchemy_exception
        if not isinstance(error, OperationalError | InterfaceError) and not context.is_disconnect:
            return  # a constraint or a bug: not an outage, handled where it is raised
        if not self.down:
            self.down = True
            log.warning("the database (%s) is unavailable: %s", self.where, first_line(context.original_exception))
        raise StoreUnavailable(UNAVAILABLE) from context.original_exception

    def _worked(self, *_args: object) -> None:
        if self.down:
            self.down = False
            log.warning("the database (%s) is back", self.where)


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


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
    database = database.removeprefix("file:")  # the file is opened by URI (mode=rw), see make_engine
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
    u = make_url(url)
    try:
        with _one_at_a_time(engine) as connection:
            migrate(connection)
            connection.commit()
            repository = Repository(engine)
            seed(repository, data_dir, today())
    except (OperationalError, DBAPIError) as e:
        engine.dispose()
        reason = redact(first_line(getattr(e, "orig", e)), u)
        if u.get_backend_name() == "sqlite" and "unable to open database file" in reason:
            reason += " (check that this user may read and write the file and its folder)"
        raise StoreUnavailable(f"Cannot use the database ({where}): {reason}",
                               "Check DATABASE_URL and that the database server is running.") from None
    Outage(engine, where)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        repository.durable = _same_file(Path(u.database).expanduser().resolve())
    return repository


def redact(text: str, u: URL) -> str:
    """A driver's message without the URL's user-info: the password, and the user name when it is quoted."""
    if u.password:
        text = text.replace(str(u.password), "***")
    if u.username:
        text = text.replace(f'"{u.username}"', '"***"').replace(f"'{u.username}'", "'***'")
    return text


def _same_file(path: Path) -> Callable[[], None]:
    """A check that the SQLite file written to is still the one at `path` (not removed or replaced)."""
    identity = _identity(path)

    def check() -> None:
        if _identity(path) != identity:
            raise StoreUnavailable(f"The SQLite file {path} was removed or replaced while Tally was running: "
                                   "this change was not saved.",
                                   "Restore the file (or its folder) from a backup and restart Tally.")
    return check


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


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
    rows = figure_files.parse((data_dir / "figures.csv").read_bytes(), vocabulary, Lexicon(vocabulary), today, "csv")
    try:
        with repository.transaction() as tx:
            repository.write_vocabulary(tx, vocabulary)
            importing.apply(rows, tx, SEED_EDITOR, f"seed data from {data_dir.name}/figures.csv",
                            vocabulary.campaign.start, action="seed")
    except IntegrityError:
        log.info("another process seeded the store first")
        return False
    log.info("seeded the store with %d figures from %s", len(rows), data_dir)
    return True
