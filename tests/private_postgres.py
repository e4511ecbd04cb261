"""A PostgreSQL of the test's own, on a spare port, that a test may stop and start: never the shared server."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or [shutil.which("initdb") or ""]
    return Path(found[-1]).parent if found[-1] else None


def _spare_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivatePostgres:
    def __init__(self, bin_dir: Path, folder: Path, user: str | None) -> None:
        self.bin_dir, self.folder, self.user = bin_dir, folder, user
        self.port = _spare_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        subprocess.run([str(self.bin_dir / args[0]), *args[1:]], check=True, capture_output=True, timeout=60,
                       user=self.user)

    def init(self) -> None:
        self._run("initdb", "-D", str(self.folder / "data"), "-U", "postgres", "--auth=trust", "--no-sync")

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "log"), "-w", "-t", "30",
                  "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def signal_all(self, sig: signal.Signals) -> None:
        """The postmaster and every backend: SIGSTOP freezes the whole server, as a hung host does."""
        main = int((self.folder / "data" / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True).stdout.split()
        for pid in [main, *map(int, children)]:
            os.kill(pid, sig)

    @contextmanager
    def frozen(self) -> Iterator[None]:
        self.signal_all(signal.SIGSTOP)
        try:
            yield
        finally:
            self.signal_all(signal.SIGCONT)

    @contextmanager
    def stopped(self) -> Iterator[None]:
        self.stop()
        try:
            yield
        finally:
            self.start()


@pytest.fixture(scope="module")
def private_postgres() -> Iterator[PrivatePostgres]:
    bin_dir = _bin_dir()
    if bin_dir is None or not (bin_dir / "pg_ctl").exists():
        pytest.skip("initdb/pg_ctl not found (install PostgreSQL's server package to run the outage tests)")
    user = None
    folder = Path(tempfile.mkdtemp(prefix="tally-pg-"))
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root: run it as the postgres user, in a folder it owns.
        try:
            entry = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no postgres user to run a private PostgreSQL as")
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        user = "postgres"
    server = PrivatePostgres(bin_dir, folder, user)
    server.init()
    server.start()
    try:
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
