"""Each revision goes to its subject's table, and a writer handed a subject it does not keep refuses it: a figure's
to `revision`, an alias's or a source's to `vocabulary_revision`, an incident's to `incident_revision` only."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel

from bot.domain.incidents import importing
from bot.domain.incidents.records import parse
from bot.domain.models import Editor, RevisionDraft, Subject
from bot.store.incidents import IncidentRepository
from bot.store.repository import Repository
from tests.incidents.conftest import INCIDENT_FILE

pytestmark = pytest.mark.store
EDITOR = Editor("42", "mod#0001", "Community (1) · #figures (2)")
TABLES = ("revision", "vocabulary_revision", "incident_revision")
ONE_INCIDENT = "\n".join(INCIDENT_FILE.read_text(encoding="utf-8").splitlines()[:2]) + "\n"  # CS001


def counts(repo: Repository) -> dict[str, int]:
    with repo.engine.connect() as connection:
        return {name: connection.execute(select(func.count()).select_from(SQLModel.metadata.tables[name]))
                .scalar_one() for name in TABLES}


@pytest.fixture
def incidents(repo: Repository) -> IncidentRepository:
    store = IncidentRepository(repo)
    with store.transaction() as tx:
        importing.apply(parse(ONE_INCIDENT), tx, EDITOR, "Airwars archive")
    return store


def draft(kind: str, incidents: IncidentRepository) -> RevisionDraft:
    subject = {"figure": Subject.figure(1), "alias": Subject("alias", "civilian_deaths"),
               "source": Subject("source", "airwars"),
               "incident": Subject.incident(incidents.by_code("CS001")[0].id or 0)}[kind]
    return RevisionDraft(subject, "edit", EDITOR, "a test of where revisions go", {"x": 1}, {"x": 2})


@pytest.mark.parametrize("kind,table", [
    ("figure", "revision"),
    ("alias", "vocabulary_revision"),
    ("source", "vocabulary_revision"),
    ("incident", None),
])
def test_the_figures_writer_keeps_figures_aliases_and_sources(repo: Repository, incidents: IncidentRepository,
                                                              kind: str, table: str | None) -> None:
    before = counts(repo)
    if table is None:
        with pytest.raises(ValueError, match="not of 'incident'"), repo.transaction() as tx:
            tx.log(draft(kind, incidents))
        assert counts(repo) == before
        return
    with repo.transaction() as tx:
        tx.log(draft(kind, incidents))
    assert counts(repo) == {**before, table: before[table] + 1}


@pytest.mark.parametrize("many", [False, True])
@pytest.mark.parametrize("kind,table", [
    ("incident", "incident_revision"),
    ("figure", None),
    ("alias", None),
])
def test_the_incident_writer_keeps_incidents_only(repo: Repository, incidents: IncidentRepository, many: bool,
                                                  kind: str, table: str | None) -> None:
    before = counts(repo)
    revision = draft(kind, incidents)
    if table is None:
        with pytest.raises(ValueError, match=f"not of {kind!r}"), incidents.transaction() as tx:
            tx.log_many([revision]) if many else tx.log(revision)
        assert counts(repo) == before
        return
    with incidents.transaction() as tx:
        tx.log_many([revision]) if many else tx.log(revision)
    assert counts(repo) == {**before, table: before[table] + 1}
    kept = incidents.history(revision.subject.id)[-1]
    assert (kept.subject, kept.action, kept.editor, kept.before, kept.after) == (
        revision.subject, "edit", EDITOR, {"x": 1}, {"x": 2}), "who and where, as either way of logging keeps them"
