"""Every mode stops on SIGTERM within 10 s, also as PID 1 (as in a container, where a signal without a handler
is ignored): run in a PID namespace of its own when the machine allows it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _as_pid_one() -> list[str]:
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or not unshare:
        return []
    probe = subprocess.run([unshare, "--pid", "--fork", "--mount-proc", "true"], capture_output=True, timeout=10)
    return [unshare, "--pid", "--fork", "--mount-proc", "--kill-child"] if probe.returncode == 0 else []


PID_ONE = _as_pid_one()


def _python_pid(process: subprocess.Popen[str]) -> int:
    """The bot's own process: the child of `unshare` when it runs as PID 1 of a namespace."""
    if not PID_ONE:
        return process.pid
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    for _ in range(100):
        found = children.read_text().split()
        if found:
            return int(found[0])
        time.sleep(0.05)
    raise AssertionError("the bot process did not start")


@pytest.mark.parametrize("args,ready", [
    ((), "tally> "),
    (("console",), "tally> "),
    (("ask", "--jsonl"), None),
], ids=["run without a token", "console", "ask --jsonl"])
def test_sigterm_stops_the_mode_within_ten_seconds(tmp_path: Path, args: tuple[str, ...], ready: str | None) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "DISCORD_TOKEN": "", "DATABASE_URL": f"sqlite:///{tmp_path / 't.db'}"}
    process = subprocess.Popen([*PID_ONE, sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout and process.stdin
    try:
        if ready:
            seen = ""
            while not seen.endswith(ready):
                seen += process.stdout.read(1) or pytest.fail(f"exited before its prompt: {seen}")
        else:
            process.stdin.write("sorties\n")
            process.stdin.flush()
            assert '"status": "answered"' in process.stdout.readline()
        os.kill(_python_pid(process), signal.SIGTERM)
        started = time.monotonic()
        code = process.wait(timeout=10)
        stopped_in = time.monotonic() - started
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    stderr = process.stderr.read() if process.stderr else ""
    assert code == 128 + signal.SIGTERM, stderr
    assert stopped_in < 10 and "Traceback" not in stderr
