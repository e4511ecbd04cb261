"""The store when the ground moves: malformed URLs, unusable paths, a file removed under a running Tally."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.domain.errors import SettingsError, StoreUnavailable
from bot.domain.models import CLI_EDITOR
from bot.domain.service import Tally
from bot.store.engine import describe, open_store, redact
from tests.conftest import DATA_DIR, today

pytestmark = pytest.mark.store

LEAKY = "postgresql+psycopg://tally:pa@ss-Leak9@db.example/tally"


@pytest.mark.parametrize("url,says", [
    (LEAKY, "an unescaped @ in its user name or password"),
    ("postgresql+psycopg://tally:pw@db.example:notaport/tally", "its port is not a number"),
])
def test_a_malformed_database_url_is_refused_without_quoting_it(url: str, says: str) -> None:
    with pytest.raises(SettingsError) as refused:
        open_store(url, DATA_DIR, today)
    text = str(refused.value)
    assert says in text and "%40" in text
    for secret in ("pa", "ss-Leak9", "notaport", "tally:"):
        assert secret not in text.replace("password", "").replace("path", "")
    assert describe(url) == "a malformed DATABASE_URL"


def test_a_sqlite_path_under_a_regular_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("not a folder")
    with pytest.raises(StoreUnavailable, match="part of that path is a file"):
        open_store(f"sqlite:///{tmp_path / 'plain' / 'sub' / 'tally.db'}", DATA_DIR, today)


def test_a_relative_sqlite_path_is_said_to_be_read_from_the_current_folder(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert describe("sqlite:///rel/x.db") == (f"SQLite file {tmp_path / 'rel' / 'x.db'} "
                                              "(the relative path rel/x.db is read from the current folder)")


def test_a_store_removed_under_a_running_tally_is_never_confirmed_nor_recreated(tmp_path: Path) -> None:
    folder = tmp_path / "var"
    url = f"sqlite:///{folder / 'tally.db'}"
    store = open_store(url, DATA_DIR, today)
    tally = Tally(store, today)
    tally.edit_figure(1, {"outlet": "RT News"}, CLI_EDITOR, "before the folder goes")
    shutil.rmtree(folder)
    with pytest.raises(StoreUnavailable, match="was removed or replaced while Tally was running"):
        tally.edit_figure(1, {"outlet": "The Hill"}, CLI_EDITOR, "lost with the folder")
    with pytest.raises(StoreUnavailable):
        store.engine.dispose()  # new connections must not create an empty store in its place
        tally.figure(1)
    assert not (folder / "tally.db").exists()
    tally.store.close()


def test_a_store_replaced_by_another_file_is_not_confirmed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tally.db'}"
    tally = Tally(open_store(url, DATA_DIR, today), today)
    (tmp_path / "tally.db").rename(tmp_path / "moved.db")
    shutil.copy(tmp_path / "moved.db", tmp_path / "tally.db")
    with pytest.raises(StoreUnavailable, match="this change was not saved"):
        tally.edit_figure(1, {"outlet": "The Hill"}, CLI_EDITOR, "written to the moved file")
    tally.store.close()


def test_a_driver_message_is_shown_without_the_user_name_or_password() -> None:
    url = make_url("postgresql+psycopg://tally_admin:s3cr%40t@db.example/tally")
    message = 'connection failed: FATAL:  password authentication failed for user "tally_admin" (s3cr@t)'
    assert redact(message, url) == 'connection failed: FATAL:  password authentication failed for user "***" (***)'
