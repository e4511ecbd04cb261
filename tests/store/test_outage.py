"""A database that goes away and comes back, on a PostgreSQL of the test's own."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest

from bot.console import Console
from bot.domain.errors import StoreUnavailable
from bot.domain.service import Tally
from bot.store.engine import UNAVAILABLE, open_store
from tests.conftest import DATA_DIR, ROOT, today
from tests.private_postgres import PrivatePostgres, private_postgres  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.store, pytest.mark.slow]


def test_an_outage_is_said_plainly_logged_once_and_its_end_logged(private_postgres: PrivatePostgres,  # noqa: F811
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    tally = Tally(open_store(private_postgres.url, DATA_DIR, today), today)
    assert tally.ask("sorties").status == "answered"
    caplog.set_level(logging.WARNING, logger="bot.store.engine")
    with private_postgres.stopped():
        for _ in range(5):
            with pytest.raises(StoreUnavailable) as failed:
                tally.ask("sorties")
            assert failed.value.message == UNAVAILABLE
        assert Console(tally).handle("figures") == f"! {UNAVAILABLE}"
    assert tally.ask("sorties").status == "answered"
    shown = Console(tally).handle("figure 1")
    assert shown is not None and shown.startswith("Figure 1")
    logged = [r.getMessage() for r in caplog.records]
    assert len(logged) == 2, logged
    assert "is unavailable" in logged[0] and "is back" in logged[1]
    tally.store.close()


def test_ask_jsonl_reports_a_failed_question_and_goes_on(private_postgres: PrivatePostgres) -> None:  # noqa: F811
    open_store(private_postgres.url, DATA_DIR, today).close()
    env = {"PATH": os.environ.get("PATH", ""), "DISCORD_TOKEN": "", "DATABASE_URL": private_postgres.url}
    process = subprocess.Popen([sys.executable, "-m", "bot", "ask", "--jsonl"], cwd=ROOT, env=env, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdin, stdout = process.stdin, process.stdout
    assert stdin and stdout

    def ask(question: str) -> dict:
        stdin.write(question + "\n")
        stdin.flush()
        return json.loads(stdout.readline())

    try:
        assert ask("sorties")["status"] == "answered"
        with private_postgres.stopped():
            failed = ask("sorties")
            assert failed["status"] == "error" and failed["error"] == UNAVAILABLE
        assert ask("sorties")["status"] == "answered"
    finally:
        stdin.close()
        process.wait(30)
    assert process.returncode == 0


def test_no_statement_waits_forever(private_postgres: PrivatePostgres) -> None:  # noqa: F811
    repository = open_store(private_postgres.url, DATA_DIR, today)
    with repository.engine.connect() as connection:
        assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "30s"
    repository.close()
