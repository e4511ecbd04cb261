"""The incident commands as a person runs them: `python -m bot incidents …` and `map` in fresh processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.incidents.conftest import INCIDENT_FILE
from tests.test_cli import run

pytestmark = pytest.mark.slow


def test_import_twice_then_ask_map_chart_and_export(tmp_path: Path) -> None:
    dry = run(tmp_path, "incidents", "import", str(INCIDENT_FILE), "--dry-run", "--reason", "try")
    assert dry.returncode == 0, dry.stderr
    assert "2190 to add" in dry.stdout.replace(",", "") and "Nothing was written" in dry.stdout
    first = run(tmp_path, "incidents", "import", str(INCIDENT_FILE), "--reason", "Airwars' Syria incidents")
    assert first.returncode == 0
    assert first.stdout.startswith("Imported airwars-syria-coalition-incidents.csv: 2,190 to add")
    again = run(tmp_path, "incidents", "import", str(INCIDENT_FILE), "--reason", "again")
    assert again.stdout.strip() == "Imported airwars-syria-coalition-incidents.csv: 2,190 already held."
    reply = json.loads(run(tmp_path, "ask", "--json", "civilians killed in raqqa in 2017").stdout)
    assert reply["status"] == "answered" and reply["answers"][0]["reporter"] == "Airwars"
    assert reply["answers"][0]["derived"] is True
    for args in (("map", "raqqa", "--year", "2017"), ("incidents", "chart", "manbij")):
        out = tmp_path / f"{args[0]}.png"
        drawn = run(tmp_path, *args, "-o", str(out))
        assert drawn.returncode == 0, drawn.stderr
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000
    exported = run(tmp_path, "incidents", "export")
    assert exported.stdout.splitlines()[0].startswith("code,airwars_id,previous_codes,date")
    assert len(exported.stdout.splitlines()) == 2191
    history = run(tmp_path, "incidents", "history", "CS1706")
    assert history.stdout.startswith("History of incident CS1706 (1 revision):")
    unknown = run(tmp_path, "map", "Atlantis", "-o", str(tmp_path / "x.png"))
    assert unknown.returncode == 1 and "I don't know the place 'Atlantis'" in unknown.stderr
    retracted = run(tmp_path, "incidents", "retract", "CS1706", "--reason", "duplicate record")
    assert retracted.stdout.strip() == "Incident CS1706 is now retracted."
    assert "· retract by cli — duplicate record" in run(tmp_path, "incidents", "history", "CS1706").stdout


def test_refusals_are_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("code,airwars_id,date\nCS1,12,2017-02-30\n", encoding="utf-8")
    refused = run(tmp_path, "incidents", "import", str(bad), "--reason", "x")
    assert refused.returncode == 1
    assert "line 2, date: '2017-02-30' is not a date; write YYYY-MM-DD" in refused.stderr
    missing = run(tmp_path, "incidents", "import", str(INCIDENT_FILE))
    assert missing.returncode == 2 and "--reason" in missing.stderr
    empty = run(tmp_path, "map", "raqqa", "-o", str(tmp_path / "x.png"))
    assert empty.returncode == 1 and "No incident records are held yet." in empty.stderr
