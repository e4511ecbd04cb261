"""Incident records in the real store (SQLite here, PostgreSQL in CI): import, revisions, retraction, export."""

from __future__ import annotations

import pytest

from bot.domain.errors import NotFound, UsageError, ValidationError
from bot.domain.incidents.model import IncidentFilter
from bot.domain.incidents.service import Incidents
from bot.domain.models import CLI_EDITOR, Editor
from bot.domain.render import answer_json
from bot.domain.service import Tally
from bot.store.incidents import IncidentRepository
from bot.store.repository import Repository
from tests.conftest import today
from tests.incidents.conftest import INCIDENT_FILE, make_tally
from tests.incidents.expected import select, sums

pytestmark = pytest.mark.store
MODERATOR = Editor("42", "mod#0001")


@pytest.fixture
def incidents(repo: Repository) -> Incidents:
    """No incident records yet."""
    tally = Tally(repo, today, incidents=IncidentRepository(repo))
    assert tally.incidents is not None
    return tally.incidents


@pytest.fixture
def imported(incident_tally: Tally) -> Incidents:
    """The incident file imported by the command line, reason "Airwars archive"."""
    assert incident_tally.incidents is not None
    return incident_tally.incidents


@pytest.fixture
def text() -> str:
    return INCIDENT_FILE.read_text(encoding="utf-8")


def _revision_count(incidents: Incidents) -> int:
    return sum(len(incidents.store.history(i.id or 0)) for i in incidents.store.all_incidents())


def test_import_is_idempotent(incidents: Incidents, text: str, rows: list[dict[str, str]]) -> None:
    first = incidents.import_rows(incidents.read_file(text), CLI_EDITOR, "Airwars archive")
    assert first.count("add") == len(rows) == 2190
    again = incidents.import_rows(incidents.read_file(text), CLI_EDITOR, "again")
    assert again.writes == 0 and again.count("unchanged") == 2190
    assert _revision_count(incidents) == 2190
    totals = incidents.totals(IncidentFilter())
    expected = sums(select(rows))
    assert (totals.incidents, totals.killed.low, totals.killed.high) == (expected.incidents, *expected.killed)


def test_a_changed_row_is_an_edit_with_a_revision(imported: Incidents, text: str) -> None:
    before = imported.totals(IncidentFilter(place_group="Raqqa"))
    lines = text.splitlines()
    header = lines[0].split(",")
    index = next(i for i, line in enumerate(lines) if line.startswith("CS1706,"))
    cells = lines[index].split(",")
    regraded = cells.copy()
    regraded[header.index("grading")] = "Confirmed"
    lines[index] = ",".join(regraded)
    plan = imported.import_rows(imported.read_file("\n".join(lines) + "\n"), MODERATOR, "Airwars regraded CS1706")
    assert plan.count("edit") == 1 and plan.writes == 1
    incident, revisions = imported.history("CS1706")
    assert incident.grading == "Confirmed" and incident.version == 2
    assert [r.action for r in revisions] == ["import", "edit"]
    edit = revisions[-1]
    assert edit.before is not None and edit.after is not None
    assert edit.before["grading"] == "Fair" and edit.after["grading"] == "Confirmed"
    assert edit.editor.name == "mod#0001" and edit.reason == "Airwars regraded CS1706"
    # CS1706 is in Al Soussa (Deir ez-Zor), so Raqqa's sums did not move; Confirmed ones did.
    assert imported.totals(IncidentFilter(place_group="Raqqa")) == before
    assert imported.totals(IncidentFilter(place_group="Al Soussa", gradings=("Confirmed",))).incidents >= 1


def test_retract_and_restore_through_the_status_column(imported: Incidents) -> None:
    whole = imported.totals(IncidentFilter())
    exported = imported.export().splitlines()
    index = next(i for i, line in enumerate(exported) if line.startswith("CS1706,"))
    retracting = exported.copy()
    retracting[index] = retracting[index].rsplit(",", 1)[0] + ",retracted"
    plan = imported.import_rows(imported.read_file("\n".join(retracting)), MODERATOR, "wrong row")
    assert plan.count("retract") == 1
    assert imported.totals(IncidentFilter()).incidents == whole.incidents - 1
    incident, revisions = imported.history("CS1706")
    assert incident.status == "retracted" and revisions[-1].action == "retract"
    plan = imported.import_rows(imported.read_file("\n".join(exported)), MODERATOR, "it was right")
    assert plan.count("restore") == 1
    assert imported.totals(IncidentFilter()) == whole
    assert [r.action for r in imported.history("CS1706")[1]] == ["import", "retract", "restore"]


def test_export_then_import_changes_nothing(imported: Incidents) -> None:
    exported = imported.export()
    assert "summary" not in exported.splitlines()[0]
    plan = imported.import_rows(imported.read_file(exported), CLI_EDITOR, "round trip")
    assert plan.writes == 0
    assert imported.export() == exported


@pytest.mark.parametrize(("change", "message"), [
    (("date", "2017-13-01"), "date: '2017-13-01' is not a date"),
    (("civilians_killed_min", "-3"), "civilians_killed_min: '-3' is not a whole number"),
    (("airwars_id", ""), "airwars_id: is empty"),
    (("url", "javascript:alert(1)"), "url: must be an http(s) link"),
    (("code", "DROP TABLE"), "code: 'DROP TABLE' is not an Airwars code"),
])
def test_one_bad_row_refuses_the_whole_file(incidents: Incidents, text: str, change: tuple[str, str],
                                            message: str) -> None:
    lines = text.splitlines()
    header = lines[0].split(",")
    cells = lines[5].split(",")
    cells[header.index(change[0])] = change[1]
    lines[5] = ",".join(cells)
    with pytest.raises(ValidationError) as refused:
        incidents.read_file("\n".join(lines))
    assert f"line 6, {message}" in str(refused.value)
    assert incidents.store.coverage().incidents == 0


def test_a_reason_is_required(incidents: Incidents, text: str) -> None:
    with pytest.raises(UsageError, match="A reason is required"):
        incidents.import_rows(incidents.read_file(text), CLI_EDITOR, " ")
    assert incidents.store.coverage().incidents == 0


def test_without_incident_records_questions_go_to_the_figures(tally: Tally, database_url: str) -> None:
    with_store = make_tally(database_url)
    for question in ("civilian deaths in raqqa", "civilian deaths in syria", "civilian deaths in mosul"):
        assert answer_json(with_store.ask(question)) == answer_json(tally.ask(question))


def test_retract_and_restore_one_incident_by_code(imported: Incidents) -> None:
    whole = imported.totals(IncidentFilter())
    retracted = imported.set_status("cs1706", "retracted", MODERATOR, "duplicate of another record")
    assert retracted.status == "retracted"
    assert imported.totals(IncidentFilter()).incidents == whole.incidents - 1
    with pytest.raises(UsageError, match="already retracted"):
        imported.set_status("CS1706", "retracted", MODERATOR, "again")
    imported.set_status("CS1706", "current", MODERATOR, "it was not")
    assert imported.totals(IncidentFilter()) == whole
    assert [r.action for r in imported.history("CS1706")[1]] == ["import", "retract", "restore"]
    with pytest.raises(UsageError, match="on 2 incidents"):
        imported.set_status("CS192", "retracted", MODERATOR, "ambiguous code")


def test_pictures_before_any_import_say_what_is_missing(incidents: Incidents) -> None:
    with pytest.raises(NotFound, match="No incident records are held yet"):
        incidents.map_data("raqqa")
    with pytest.raises(NotFound, match="No incident records are held yet"):
        incidents.monthly(None)
