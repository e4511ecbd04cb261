"""`make` on a machine as operators find it: a half-made .venv, a Python without its venv package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The Makefile with a lock that pins nothing, so no package is fetched: what is tested is the .venv."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "locks" / f"py{VERSION}").mkdir(parents=True)
    (tmp_path / "locks" / f"py{VERSION}" / "requirements.lock").write_text("# nothing to install\n")
    return tmp_path


def make(project: Path, python: str = sys.executable) -> subprocess.CompletedProcess[str]:
    # Not the variables of a make this test may run under (`make test VENV=...` passes them down).
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env["PIP_NO_INDEX"] = "1"
    return subprocess.run(["make", "venv", f"PYTHON={python}"], cwd=project, capture_output=True, text=True,
                          timeout=300, env=env)


def test_a_half_made_venv_without_pip_is_made_again(project: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(project / ".venv")], check=True)
    out = make(project)
    assert out.returncode == 0, out.stderr
    assert "broken or made by another Python" in out.stdout
    assert subprocess.run([str(project / ".venv" / "bin" / "python"), "-m", "pip", "--version"],
                          capture_output=True).returncode == 0


def test_a_python_that_cannot_make_a_venv_says_which_package_to_install(project: Path) -> None:
    fake = project / "python-without-venv"
    # As on Debian without python3-venv: `-m venv` leaves a half-made folder and fails in ensurepip.
    fake.write_text(f'#!/bin/sh\nif [ "$1 $2" = "-m venv" ]; then mkdir -p "$3/bin"; '
                    f'echo "ensurepip is not available" >&2; exit 1; fi\nexec {sys.executable} "$@"\n')
    fake.chmod(0o755)
    out = make(project, str(fake))
    assert out.returncode != 0
    assert "install python3-venv" in out.stderr
    assert not (project / ".venv").exists(), "no half-made .venv left for the next run to reuse"
