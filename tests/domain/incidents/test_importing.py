"""`incidents.importing`: what an incident file would change (`plan`) and writing it (`apply`), on the real store."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain.incidents import importing
from bot.domain.incidents.model import Incident
from bot.domain.incidents.records import parse
from bot.domain.models import Editor
from bot.store.incidents import IncidentRepository
from bot.store.repository import Repository
from tests.incidents.conftest import INCIDENT_FILE

pytestmark = pytest.mark.store
MODERATOR = Editor("42", "mod#0001")
HELD = parse("\n".join(INCIDENT_FILE.read_text(encoding="utf-8").splitlines()[:4]) + "\n")  # CS001, CS009, ...


@pytest.fixture
def store(repo: Repository) -> IncidentRepository:
    incidents = IncidentRepository(repo)
    with incidents.transaction() as tx:
        importing.apply(HELD, tx, MODERATOR, "Airwars archive")
    return incidents


def plan(store: IncidentRepository, incidents: list[Incident]) -> importing.IncidentPlan:
    with store.transaction() as tx:
        return importing.plan(incidents, tx)


@pytest.mark.parametrize("incidents,kinds,summary", [
    (HELD, ["unchanged"] * 3, "3 already held"),
    ([replace(HELD[0], grading="Confirmed"), *HELD[1:]], ["edit", "unchanged", "unchanged"],
     "1 to edit, 2 already held"),
    # A new code for the same Airwars id is the same incident, edited.
    ([replace(HELD[1], code="CS009A")], ["edit"], "1 to edit"),
    ([replace(HELD[0], status="retracted")], ["retract"], "1 to retract"),
    # A retracted row whose content changed too is an edit (that carries the status).
    ([replace(HELD[0], status="retracted", killed_max=19)], ["edit"], "1 to edit"),
    ([replace(HELD[0], airwars_id=1, code="CS9999")], ["add"], "1 to add"),
    ([], [], "nothing"),
])
def test_a_plan_compares_each_row_with_the_incident_of_its_airwars_id(store: IncidentRepository,
                                                                      incidents: list[Incident], kinds: list[str],
                                                                      summary: str) -> None:
    result = plan(store, incidents)
    assert [c.kind for c in result.changes] == kinds
    assert result.summary() == summary and result.writes == sum(k != "unchanged" for k in kinds)


@pytest.mark.parametrize("change,described,fields", [
    (lambda i: replace(i, airwars_id=1, code="CS9999"), "add CS9999 (2014-09-23, Kafr Daryan)", []),
    (lambda i: replace(i, airwars_id=1, code="CS9999", place=""), "add CS9999 (2014-09-23, Idlib)", []),
    (lambda i: replace(i, airwars_id=1, code="CS9999", place="", governorate=""), "add CS9999 (2014-09-23, no place)",
     []),
    (lambda i: replace(i, grading="Confirmed", killed_max=20), "edit CS001: grading: 'Fair' → 'Confirmed', "
                                                              "killed_max: 18 → 20", ["grading", "killed_max"]),
    (lambda i: replace(i, status="retracted"), "retract CS001", []),
])
def test_each_change_is_described(store: IncidentRepository, change: object, described: str,
                                  fields: list[str]) -> None:
    (planned,) = plan(store, [change(HELD[0])]).changes  # type: ignore[operator]
    assert planned.describe() == described and planned.fields() == fields


def test_apply_writes_each_change_with_a_revision_and_restores(store: IncidentRepository) -> None:
    first = next(i for i in store.all_incidents() if i.code == "CS001")
    with store.transaction() as tx:
        edited = importing.apply([replace(HELD[0], grading="Confirmed")], tx, MODERATOR, "regraded")
    with store.transaction() as tx:
        retracted = importing.apply([replace(HELD[0], grading="Confirmed", status="retracted")], tx, MODERATOR, "gone")
    with store.transaction() as tx:
        restored = importing.apply([replace(HELD[0], grading="Confirmed")], tx, MODERATOR, "back")
    assert [c.kind for p in (edited, retracted, restored) for c in p.changes] == ["edit", "retract", "restore"]
    now = next(i for i in store.all_incidents() if i.code == "CS001")
    assert (now.id, now.grading, now.status, now.version) == (first.id, "Confirmed", "current", 4)
    history = store.history(first.id or 0)
    assert [(r.action, r.reason) for r in history] == [("import", "Airwars archive"), ("edit", "regraded"),
                                                      ("retract", "gone"), ("restore", "back")]
    assert history[1].before is not None and history[1].after is not None
    assert history[2].before is not None and history[2].after is not None
    assert (history[1].before["grading"], history[1].after["grading"]) == ("Fair", "Confirmed")
    assert (history[2].before["status"], history[2].after["status"]) == ("current", "retracted")


def test_change_status_retracts_one_incident_with_its_revision(store: IncidentRepository) -> None:
    held = next(i for i in store.all_incidents() if i.code == "CS009")
    with store.transaction() as tx:
        stored = importing.change_status(tx, held, "retracted", MODERATOR, "duplicate")
    assert (stored.status, stored.version) == ("retracted", held.version + 1)
    assert [(r.action, r.editor.name, (r.after or {})["status"]) for r in store.history(held.id or 0)][-1] == (
        "retract", "mod#0001", "retracted")
    assert store.coverage().incidents == 2
