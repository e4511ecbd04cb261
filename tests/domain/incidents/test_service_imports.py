"""`Incidents.stage_import` / `settle_import`: an incident file previewed, then confirmed or cancelled by its uploader
alone, within its time — the rules the figures' imports keep, on the real store, with the clock given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.errors import Forbidden, UsageError
from bot.domain.incidents.service import PENDING_MINUTES, Incidents
from bot.domain.models import Editor
from bot.store.incidents import IncidentRepository
from bot.store.repository import Repository
from tests.incidents.conftest import INCIDENT_FILE

pytestmark = pytest.mark.store
UPLOADER = Editor("42", "mod#0001", "Community (1) · #incidents (2)")
OTHER = Editor("43", "mod#0002", "Community (1) · #incidents (2)")
HEAD = INCIDENT_FILE.read_text(encoding="utf-8").splitlines()[:4]  # the header, CS001, CS009 and one more
HELD = ("\n".join(HEAD) + "\n").encode("utf-8")
REGRADED = HELD.replace(b",Fair,", b",Confirmed,", 1)


@dataclass
class Clock:
    at: datetime = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def incidents(repo: Repository, clock: Clock) -> Incidents:
    incidents = Incidents(IncidentRepository(repo), clock)
    incidents.import_rows(incidents.read_file(HELD), UPLOADER, "Airwars archive")
    return incidents


def grading(incidents: Incidents) -> str:
    return incidents.history("CS001")[0].grading


def test_a_file_that_changes_nothing_is_previewed_and_not_held(incidents: Incidents) -> None:
    plan, token = incidents.stage_import(HELD, "same.csv", UPLOADER, "again")
    assert plan.summary() == "3 already held" and token is None


def test_a_reason_is_asked_for_at_the_upload(incidents: Incidents) -> None:
    with pytest.raises(UsageError, match="A reason is required"):
        incidents.stage_import(REGRADED, "regraded.csv", UPLOADER, "  ")


def test_nothing_is_written_before_confirm(incidents: Incidents) -> None:
    plan, token = incidents.stage_import(REGRADED, "regraded.csv", UPLOADER, "Airwars regraded CS001")
    assert plan.summary() == "1 to edit, 2 already held" and token is not None
    assert grading(incidents) == "Fair"


@pytest.mark.parametrize("editor,confirm,later,refused,graded", [
    (UPLOADER, True, timedelta(0), None, "Confirmed"),
    (UPLOADER, False, timedelta(0), None, "Fair"),
    (UPLOADER, True, timedelta(minutes=PENDING_MINUTES) - timedelta(seconds=1), None, "Confirmed"),
    (UPLOADER, True, timedelta(minutes=PENDING_MINUTES), "expired", "Fair"),
    (UPLOADER, False, timedelta(minutes=PENDING_MINUTES), "expired", "Fair"),
    (OTHER, True, timedelta(0), "Only the moderator who uploaded this file can confirm or cancel it", "Fair"),
    (OTHER, False, timedelta(0), "Only the moderator who uploaded this file can confirm or cancel it", "Fair"),
])
def test_only_the_uploader_settles_a_pending_import_in_its_time(incidents: Incidents, clock: Clock, editor: Editor,
                                                                confirm: bool, later: timedelta, refused: str | None,
                                                                graded: str) -> None:
    _, token = incidents.stage_import(REGRADED, "regraded.csv", UPLOADER, "Airwars regraded CS001")
    assert token is not None
    clock.at += later
    if refused is None:
        pending, plan = incidents.settle_import(token, editor, confirm)
        assert (pending.filename, pending.editor, pending.reason) == ("regraded.csv", UPLOADER,
                                                                      "Airwars regraded CS001")
        assert (plan.summary() if plan else None) == ("1 to edit, 2 already held" if confirm else None)
    else:
        error = Forbidden if editor is OTHER else UsageError
        with pytest.raises(error, match=refused):
            incidents.settle_import(token, editor, confirm)
    assert grading(incidents) == graded


@pytest.mark.parametrize("first", [
    lambda i, t: i.settle_import(t, UPLOADER, True),
    lambda i, t: i.settle_import(t, UPLOADER, False),
])
def test_a_settled_import_is_gone(incidents: Incidents, first: Callable[[Incidents, str], object]) -> None:
    _, token = incidents.stage_import(REGRADED, "regraded.csv", UPLOADER, "Airwars regraded CS001")
    assert token is not None
    first(incidents, token)
    with pytest.raises(UsageError, match=r"^This import has expired \(or the bot restarted\); nothing was written"):
        incidents.settle_import(token, UPLOADER, True)


def test_another_moderators_attempt_leaves_it_for_the_uploader(incidents: Incidents) -> None:
    _, token = incidents.stage_import(REGRADED, "regraded.csv", UPLOADER, "Airwars regraded CS001")
    assert token is not None
    with pytest.raises(Forbidden):
        incidents.settle_import(token, OTHER, True)
    _, plan = incidents.settle_import(token, UPLOADER, True)
    assert plan is not None and grading(incidents) == "Confirmed"


def test_a_restart_forgets_pending_imports(incidents: Incidents, clock: Clock) -> None:
    _, token = incidents.stage_import(REGRADED, "regraded.csv", UPLOADER, "Airwars regraded CS001")
    assert token is not None
    restarted = Incidents(incidents.store, clock)
    with pytest.raises(UsageError, match="expired") as refused:
        restarted.settle_import(token, UPLOADER, True)
    assert refused.value.hint == "Run /incidents import again with the file."
    assert grading(restarted) == "Fair"


def test_the_file_is_planned_again_at_confirm(incidents: Incidents) -> None:
    """What is written is what the records need at Confirm: here the change was made meanwhile."""
    _, token = incidents.stage_import(REGRADED, "regraded.csv", UPLOADER, "Airwars regraded CS001")
    assert token is not None
    incidents.import_rows(incidents.read_file(REGRADED), OTHER, "the same regrading, by the command line")
    _, plan = incidents.settle_import(token, UPLOADER, True)
    assert plan is not None and plan.summary() == "3 already held"


def test_a_confirmed_import_keeps_who_and_where_in_each_revision(incidents: Incidents) -> None:
    _, token = incidents.stage_import(REGRADED, "regraded.csv", UPLOADER, "Airwars regraded CS001")
    assert token is not None
    incidents.settle_import(token, UPLOADER, True)
    _, revisions = incidents.history("CS001")
    assert [(r.action, r.editor, r.reason) for r in revisions] == [
        ("import", UPLOADER, "Airwars archive"), ("edit", UPLOADER, "Airwars regraded CS001")]
    assert revisions[1].before is not None and revisions[1].after is not None
    assert (revisions[1].before["grading"], revisions[1].after["grading"]) == ("Fair", "Confirmed")
