"""The store on a real database: SQLite by default, PostgreSQL when TALLY_TEST_DATABASE_URL is set (CI)."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import Session, SQLModel, select

from bot.domain import vocabulary_files
from bot.domain.errors import StoreUnavailable, ValidationError
from bot.domain.models import CLI_EDITOR
from bot.domain.service import Tally
from bot.store.engine import open_store
from bot.store.repository import WORDS, Repository, now
from bot.store.tables import AliasRow, SettingRow
from tests.conftest import DATA_DIR, today

pytestmark = pytest.mark.store

TIMELINE_ROW = (
    "reporter,metric,value_low,value_high,qualifier,actor,place,period_start,period_end,published,outlet,quote\n"
    'CJTF-OIR,civilian_deaths,484,,at least,US-led Coalition,Iraq and Syria,2014-08,2017-04,2017-06-02,CENTCOM,'
    '"it is more likely than not, at least 484 civilians"\n'
)


def revisions(tally: Tally) -> int:
    return sum(len(tally.history(f.id)) for f in tally.figures(None))


def test_seeded_on_first_start_and_only_once(database_url: str) -> None:
    first = open_store(database_url, DATA_DIR, today)
    assert len(first.all_figures()) == 7
    again = open_store(database_url, DATA_DIR, today)
    assert len(again.all_figures()) == 7
    assert [r.action for r in again.history(1)] == ["seed"]
    first.engine.dispose()
    again.engine.dispose()


def test_a_store_seeded_from_older_data_files_is_brought_up_to_them_keeping_moderators_changes(
        database_url: str, repo: Repository) -> None:
    tally = Tally(repo, today)
    tally.remove_alias("concept", "civilian", "civs", CLI_EDITOR, "a moderator's removal")
    with Session(repo.engine) as session, session.begin():
        # As an older store: no word lists, an alias the files gained since, one the seed had and they dropped.
        session.delete(session.get(SettingRow, WORDS))
        session.delete(session.exec(select(AliasRow).where(AliasRow.text == "civils")).one())
        session.add(AliasRow(kind="concept", key="incident", text="fall", added_by="seed", created_at=now()))
    assert repo.vocabulary().words == {}
    version = repo.data_version()
    again = open_store(database_url, DATA_DIR, today)
    vocabulary = again.vocabulary()
    aliases = {t.key: t.aliases for t in vocabulary.terms if t.kind == "concept"}
    assert "taliban" in vocabulary.words["group"]
    assert "civils" in aliases["civilian"] and "fall" not in aliases["incident"]
    assert "civs" not in aliases["civilian"], "a moderator's removal stays"
    assert again.data_version() > version, "every running process sees the vocabulary changed"
    assert not again.sync_seed_vocabulary(vocabulary_files.load(DATA_DIR)), "a second start changes nothing"
    again.engine.dispose()


def test_migrations_describe_the_tables_exactly(repo: Repository) -> None:
    with repo.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_export_then_import_changes_nothing(tally: Tally) -> None:
    before = (tally.figures(None), revisions(tally), tally.store.data_version())
    for fmt in ("csv", "json"):
        rows = tally.read_file(tally.export(fmt), f"export.{fmt}")
        plan = tally.import_rows(rows, CLI_EDITOR, "round trip")
        assert not plan.writes and plan.counts["unchanged"] == 7
    assert (tally.figures(None), revisions(tally), tally.store.data_version()) == before


def test_a_restated_report_is_recognised_and_a_second_import_changes_nothing(tally: Tally) -> None:
    restated = TIMELINE_ROW.replace("484", "352").replace("2017-06-02", "2017-04-30").replace("2017-04,", "2017-03,")
    plan = tally.import_rows(tally.read_file(restated, "t.csv"), CLI_EDITOR, "timeline")
    assert plan.counts == {"unchanged": 1}
    assert len(tally.figures(None)) == 7


def test_a_newer_figure_of_a_series_supersedes_the_older(tally: Tally) -> None:
    version = tally.store.data_version()
    plan = tally.import_rows(tally.read_file(TIMELINE_ROW, "t.csv"), CLI_EDITOR, "CENTCOM release")
    assert plan.counts == {"add": 1}
    assert tally.store.data_version() > version
    old = tally.figure(1)
    assert old.status == "superseded"
    new = next(f for f in tally.figures() if f.value_low == 484)
    assert new.supersedes == 1 and new.series == old.series
    answer = tally.ask("coalition civilian deaths")
    assert {i.figure.value_low for i in answer.items} == {484, 3164}
    assert [r.action for r in tally.history(1)] == ["seed", "supersede"]
    again = tally.import_rows(tally.read_file(TIMELINE_ROW, "t.csv"), CLI_EDITOR, "again")
    assert not again.writes


def test_an_import_with_one_bad_row_in_a_thousand_writes_nothing_and_names_it(tally: Tally) -> None:
    header = "reporter,metric,value_low,value_high,actor,place,period_start,published,outlet\n"
    lines = [f"Airwars,civilian_deaths,{1000 + i},,US-led Coalition,Iraq and Syria,2014-08,"
             f"2018-{1 + i % 12:02d}-{1 + i % 28:02d},Outlet {i}\n" for i in range(1000)]
    lines[736] = "Airwars,civilian_deaths,-5,,US-led Coalition,Iraq and Syria,2014-08,2018-01-01,Outlet\n"
    before = (tally.figures(None), revisions(tally))
    with pytest.raises(ValidationError) as refused:
        tally.read_file(header + "".join(lines), "big.csv")
    assert [str(p) for p in refused.value.problems] == ["line 738, value_low: '-5' is not a whole number >= 0"]
    assert (tally.figures(None), revisions(tally)) == before


def test_every_rule_of_a_row_is_checked_at_once(tally: Tally) -> None:
    bad = (
        "reporter,metric,value_low,value_high,actor,place,period_start,period_end,published,url\n"
        "Airwar,civilian_deaths,10,5,US-led Coalition,Narnia,2017-05,2017-01,2099-01-01,ftp://x\n"
    )
    with pytest.raises(ValidationError) as refused:
        tally.read_file(bad, "bad.csv")
    text = str(refused.value)
    for expected in ("'Airwar' is not a known reporter; did you mean 'airwars'", "below value_low",
                     "'Narnia' is not a known place", "before period_start", "in the future", "not an http(s) link"):
        assert expected in text


def test_retracting_and_restoring_through_an_import_keeps_history(tally: Tally) -> None:
    lines = tally.export("csv").splitlines()
    lines[7] = lines[7].rsplit(",", 1)[0] + ",retracted"
    tally.import_rows(tally.read_file("\n".join(lines) + "\n", "r.csv"), CLI_EDITOR, "withdrawn by the monitor")
    assert tally.figure(7).status == "retracted"
    assert 3164 not in {i.figure.value_low for i in tally.ask("civilian deaths").items}
    lines[7] = lines[7].rsplit(",", 1)[0] + ",current"
    tally.import_rows(tally.read_file("\n".join(lines) + "\n", "r.csv"), CLI_EDITOR, "reinstated")
    assert tally.figure(7).status == "current"
    history = tally.history(7)
    assert [r.action for r in history] == ["seed", "import", "import"]
    assert history[1].before is not None and history[1].after is not None
    assert history[1].before["status"] == "current" and history[1].after["status"] == "retracted"


def test_an_unknown_id_in_an_import_is_refused(tally: Tally) -> None:
    rows = tally.read_file(tally.export("csv").replace("\n1,CJTF-OIR", "\n99,CJTF-OIR"), "x.csv")
    with pytest.raises(ValidationError, match="no figure 99 is stored"):
        tally.import_rows(rows, CLI_EDITOR, "x")


def test_an_unreachable_database_is_one_clear_error_without_the_password() -> None:
    with pytest.raises(StoreUnavailable) as failed:
        open_store("postgresql+psycopg://tally:s3cret@127.0.0.1:1/tally", DATA_DIR, lambda: date(2026, 1, 1))
    assert "127.0.0.1:1/tally" in str(failed.value) and "s3cret" not in str(failed.value)
