"""Several processes on one store: a change made through one is seen by the next answer of every other.

Two long-running consoles stand for two bot processes (they answer through the same service); a third process
makes the changes from the command line. On SQLite here, on PostgreSQL in CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = [pytest.mark.store, pytest.mark.moderation, pytest.mark.slow]
PROMPT = "tally> "


class Console:
    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "bot", "console"], cwd=ROOT, env=env, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self._read_to_prompt()

    def _read_to_prompt(self) -> str:
        assert self.process.stdout is not None
        seen = ""
        while not seen.endswith(PROMPT):
            char = self.process.stdout.read(1)
            if not char:
                raise AssertionError(f"the console ended: {seen}")
            seen += char
        return seen[: -len(PROMPT)]

    def ask(self, line: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self._read_to_prompt()

    def close(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        return self.process.wait(30)


def test_a_change_in_one_process_is_seen_by_the_next_answer_of_every_other(database_url: str, repo: object) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DATABASE_URL": database_url, "DISCORD_TOKEN": ""}
    first, second = Console(env), Console(env)
    try:
        for console in (first, second):
            assert "I have no figure for that" in console.ask("bodycount")
            assert "3,164 civilians killed" in console.ask("airwars estimate")

        def cli(*args: str) -> None:
            done = subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, capture_output=True,
                                  text=True, timeout=60)
            assert done.returncode == 0, done.stderr

        cli("alias", "add", "metric", "civilian deaths", "bodycount", "--reason", "people say it")
        cli("figure", "edit", "7", "--value-low", "3200", "--value-high", "3200", "--keep-quote",
            "--reason", "correction")
        for console in (first, second):
            assert "Civilian deaths: 2 reporters side by side" in console.ask("bodycount")
            assert "3,200 civilians killed" in console.ask("airwars estimate")
    finally:
        codes = [first.close(), second.close()]
    assert codes == [0, 0]
