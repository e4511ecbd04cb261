"""Set at start, before matplotlib loads: matplotlib stops with "requires access to a writable cache directory" when its
home folder and the temporary folder are read-only (a container run with --read-only). Give it the first folder
that can be written, unless MPLCONFIGDIR already names one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bot.config import ROOT


def first_writable(folders: Sequence[Path]) -> Path | None:
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tempfile.TemporaryFile(dir=folder).close()
        except OSError:
            continue
        return folder
    return None


def configure() -> None:
    if os.environ.get("MPLCONFIGDIR"):
        return
    found = first_writable([Path.home() / ".config" / "matplotlib",
                            Path(tempfile.gettempdir()) / f"tally-matplotlib-{os.getuid()}",
                            ROOT / "var" / "matplotlib"])
    if found is not None:
        os.environ["MPLCONFIGDIR"] = str(found)
