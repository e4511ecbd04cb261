"""Moderators' changes on the real store (SQLite here, PostgreSQL in CI): validation, history, locking."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from bot.domain.errors import Conflict, Forbidden, NotFound, UsageError, ValidationError
from bot.domain.importing import PENDING_MINUTES
from bot.domain.models import Editor, Figure
from bot.domain.render import render_text
from bot.domain.service import Tally
from bot.store.engine import open_store
from tests.conftest import DATA_DIR, today

pytestmark = [pytest.mark.store, pytest.mark.moderation]
ALICE = Editor("1001", "alice")
BOB = Editor("1002", "bob")
NEW: dict[str, str | None] = {
    "reporter": "CJTF-OIR", "metric": "civilian_deaths", "value_low": "484", "value_high": "", "qualifier": "at least",
    "actor": "US-led Coalition", "place": "Iraq and Syria", "period_start": "2014-08", "period_end": "2017-04",
    "published": "2017-06-02", "outlet": "CENTCOM", "quote": "it is more likely than not, at least 484 civilians"}


def count_everything(tally: Tally) -> tuple[int, int]:
    figures = tally.figures(None)
    return len(figures), sum(len(tally.history(f.id)) for f in figures)


def test_a_sequence_of_changes_is_all_in_the_history(tally: Tally) -> None:
    added = tally.add_figure(NEW, ALICE, "CENTCOM release of 2 June 2017")
    assert added.status == "current" and added.supersedes == 1 and tally.figure(1).status == "superseded"
    edited = tally.edit_figure(added.id, {"outlet": "CENTCOM press release"}, BOB, "fuller citation",
                               expected_version=added.version)
    newer = tally.supersede_figure(added.id, {"value_low": "603", "published": "2017-08-03"}, ALICE,
                                   "August release", expected_version=edited.version)
    tally.retract_figure(newer.id, BOB, "wrong release date")
    assert tally.figure(added.id).status == "current", "retracting the newest makes the previous one current"
    tally.restore_figure(newer.id, ALICE, "date checked: it was right")
    assert [(r.action, r.editor.name) for r in tally.history(added.id)] == [
        ("add", "alice"), ("edit", "bob"), ("supersede", "alice"),  # replaced by the August figure
        ("supersede", "bob"),  # current again when that one was retracted
        ("supersede", "alice"),  # superseded again when it was restored
    ]
    assert [r.action for r in tally.history(newer.id)] == ["supersede", "retract", "restore"]
    edit = tally.history(added.id)[1]
    assert edit.reason == "fuller citation" and edit.editor.id == "1002"
    assert edit.before is not None and edit.after is not None
    assert edit.before["outlet"] == "CENTCOM" and edit.after["outlet"] == "CENTCOM press release"
    answer = tally.ask("coalition civilian deaths")
    assert 603 in {i.figure.value_low for i in answer.items}


def test_a_retracted_figure_is_never_an_answer_and_nothing_is_ever_deleted(tally: Tally) -> None:
    before = count_everything(tally)
    tally.retract_figure(7, ALICE, "test")
    assert 3164 not in {i.figure.value_low for i in tally.ask("airwars estimate").items}
    assert tally.ask("airwars estimate").status == "no_match"
    assert tally.figure(7).status == "retracted"
    with pytest.raises(UsageError, match="already retracted"):
        tally.retract_figure(7, ALICE, "again")
    tally.restore_figure(7, ALICE, "test over")
    figures, revisions = count_everything(tally)
    assert figures == before[0] and revisions == before[1] + 2
    assert tally.ask("airwars estimate").items[0].figure.value_low == 3164


@pytest.mark.parametrize("change,message", [
    ({"value_low": "-3"}, "value_low: '-3' is not a whole number >= 0"),
    ({"value_low": "3.5"}, "value_low: '3.5' is not a whole number >= 0"),
    ({"value_low": "500", "value_high": "400"}, "value_high: 400 is below value_low 500"),
    ({"published": "2017-02-30"}, "published: '2017-02-30' is not a real date"),
    ({"published": "30/04/2017"}, "write YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"published": "2099-01-01"}, "published: 2099-01-01 is in the future"),
    ({"period_start": "2017-05", "period_end": "2017-01"}, "period_end: 2017-01 is before period_start 2017-05"),
    ({"url": "javascript:alert(1)"}, "url: 'javascript:alert(1)' is not an http(s) link"),
    ({"url": "ftp://example.org/x"}, "is not an http(s) link"),
    ({"quote": "x" * 1001}, "quote: is 1001 characters; at most 1000"),
    ({"metric": "civlian deaths"}, "did you mean 'civilian deaths'? (or teach a new word with `alias add metric`)"),
    ({"reporter": "Airwar"}, "did you mean 'airwars'? (or add it with `source add`)"),
    ({"place": "Narnia"}, "'Narnia' is not a known place"),
    ({"excludes": "atlantis"}, "'atlantis' is not a known place or actor"),
])
def test_each_rule_is_refused_with_what_to_fix_and_nothing_written(tally: Tally, change: dict, message: str) -> None:
    before = count_everything(tally)
    with pytest.raises(ValidationError) as refused:
        tally.add_figure({**NEW, **change}, ALICE, "test")
    assert message in str(refused.value)
    assert count_everything(tally) == before


def test_changes_need_a_reason_and_a_real_figure(tally: Tally) -> None:
    with pytest.raises(UsageError, match="A reason is required"):
        tally.retract_figure(1, ALICE, "   ")
    with pytest.raises(NotFound, match="There is no figure 404"):
        tally.edit_figure(404, {"value_low": "1"}, ALICE, "x")
    with pytest.raises(UsageError, match="already held as figure 1"):
        tally.add_figure({**NEW, "value_low": "352", "published": "2017-04-30", "period_end": ""}, ALICE, "dup")
    with pytest.raises(UsageError, match="already says that"):
        tally.edit_figure(2, {"value_low": "45"}, ALICE, "no-op")
    with pytest.raises(ValidationError, match="cannot be edited"):
        tally.edit_figure(2, {"status": "retracted"}, ALICE, "x")
    with pytest.raises(UsageError, match="older than figure 1"):
        tally.supersede_figure(1, {"value_low": "300", "published": "2016-01-01"}, ALICE, "x")


def test_a_stale_version_is_refused_and_shown_the_new_value(tally: Tally) -> None:
    figure = tally.figure(2)
    tally.edit_figure(2, {"value_low": "46", "value_high": "46"}, ALICE, "correction", expected_version=figure.version,
                      keep_quote=True)
    with pytest.raises(Conflict) as conflict:
        tally.edit_figure(2, {"value_low": "47", "value_high": "47"}, BOB, "other correction",
                          expected_version=figure.version)
    assert "changed by someone else meanwhile: it is now 46 civilians killed" in conflict.value.message
    assert tally.figure(2).value_low == 46


def test_truly_concurrent_edits_one_wins_the_other_is_told(database_url: str, tally: Tally) -> None:
    """Two stores (two connection pools, as two processes would have) edit one figure at the same moment."""
    other = Tally(open_store(database_url, DATA_DIR, today), today)
    version = tally.figure(2).version
    start = threading.Barrier(2)
    outcomes: dict[str, Figure | Conflict] = {}

    def edit(name: str, service: Tally, value: str) -> None:
        start.wait()
        try:
            outcomes[name] = service.edit_figure(2, {"value_low": value, "value_high": value}, Editor(name, name),
                                                 "race", expected_version=version, keep_quote=True)
        except Conflict as conflict:
            outcomes[name] = conflict

    threads = [threading.Thread(target=edit, args=("alice", tally, "50")),
               threading.Thread(target=edit, args=("bob", other, "60"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    conflicts = [o for o in outcomes.values() if isinstance(o, Conflict)]
    winners = [o for o in outcomes.values() if not isinstance(o, Conflict)]
    assert len(conflicts) == 1 and len(winners) == 1, outcomes
    final = tally.figure(2)
    assert final.value_low == winners[0].value_low
    assert f"it is now {final.value_low} civilians killed" in conflicts[0].message
    assert [r.action for r in tally.history(2)] == ["seed", "edit"]
    other.store.close()


def test_teaching_and_unteaching_a_word(tally: Tally) -> None:
    assert tally.ask("bodycount").status == "no_match"
    tally.add_alias("metric", "civilian deaths", "bodycount", ALICE, "people say it")
    assert {i.figure.value_low for i in tally.ask("bodycount").items} == {352, 3164}
    with pytest.raises(UsageError, match="already means civilian deaths"):
        tally.add_alias("metric", "civilian_deaths", "Bodycount", ALICE, "again")
    with pytest.raises(UsageError, match="already means"):
        tally.add_alias("metric", "strikes", "bodycount", ALICE, "clash")
    tally.remove_alias("metric", "civilian deaths", "bodycount", BOB, "ambiguous")
    assert tally.ask("bodycount").status == "no_match"
    with pytest.raises(NotFound):
        tally.remove_alias("metric", "civilian deaths", "bodycount", BOB, "twice")
    tally.add_alias("metric", "civilian deaths", "bodycount", ALICE, "back")
    assert tally.ask("bodycount").status == "answered"
    words = tally.store.vocabulary_revisions_after(0)
    assert [(w.action, w.editor.name) for w in words] == [("add", "alice"), ("remove", "bob"), ("add", "alice")]


def test_adding_a_reporter_and_its_figure(tally: Tally) -> None:
    tally.save_source("iraqbodycount", ALICE, "a new monitor", new=True, name="Iraq Body Count", kind="monitor",
                      description="Counts civilian deaths in Iraq.", url="https://www.iraqbodycount.org")
    with pytest.raises(ValidationError, match="not an http"):
        tally.save_source("iraqbodycount", ALICE, "x", new=False, url="iraqbodycount.org")
    tally.add_alias("reporter", "Iraq Body Count", "IBC", ALICE, "its short name")
    tally.add_figure({**NEW, "reporter": "IBC", "value_low": "9000", "place": "Iraq", "period_end": "",
                      "published": "2017-05-01", "outlet": "IBC"}, ALICE, "IBC database")
    answer = tally.ask("ibc civilian deaths in iraq")
    assert [(i.names.reporter, i.figure.value_low, i.match) for i in answer.items] == [("Iraq Body Count", 9000,
                                                                                        "exact")]
    assert tally.save_source("iraqbodycount", BOB, "renamed", new=False, name="IBC").name == "IBC"
    with pytest.raises(UsageError, match="exists already"):
        tally.save_source("airwars", ALICE, "x", new=True, name="Airwars", kind="monitor")


def test_a_new_value_under_a_quote_stating_the_old_one_needs_the_quote_or_a_confirmation(tally: Tally) -> None:
    before = count_everything(tally)
    with pytest.raises(UsageError) as refused:
        tally.edit_figure(2, {"value_low": "46", "value_high": "46"}, ALICE, "typo in the release")
    assert refused.value.message == ("The quote still says 45 civilians killed, but the value becomes "
                                     "46 civilians killed.")
    assert "keep_quote" in (refused.value.hint or "")
    assert count_everything(tally) == before
    with pytest.raises(UsageError, match="quote still says 9 incidents"):
        tally.edit_figure(5, {"value_low": "10", "value_high": "10"}, ALICE, "x")  # "nine incidents": in words
    requoted = tally.edit_figure(2, {"value_low": "46", "value_high": "46", "quote": "46 civilians have been killed"},
                                 ALICE, "the release was corrected")
    seeded = tally.history(2)[0]
    assert seeded.after is not None
    assert requoted.value_low == 46 and requoted.notes == seeded.after["notes"]
    kept = tally.edit_figure(7, {"value_low": "3200", "value_high": "3200"}, ALICE, "Airwars revised it",
                             keep_quote=True)
    assert kept.quote == "claims 3,164 civilians have been killed since August 2014"
    assert kept.notes is not None
    assert kept.notes.endswith("Value corrected from 3,164 civilians killed to 3,200 civilians killed "
                               "(Airwars revised it); the quote is the report's wording.")
    answer = tally.ask("airwars estimate")
    assert ("The report's wording: “claims 3,164 civilians have been killed since August 2014” — value corrected "
            "from 3,164 civilians killed to 3,200 civilians killed (Airwars revised it).") in render_text(answer)


def test_pending_imports_are_kept_in_the_store_taken_once_and_expire(database_url: str, tally: Tally) -> None:
    csv = (b"reporter,metric,value_low,actor,place,period_start,published\n"
           b"Airwars,civilian_deaths,5961,US-led Coalition,Iraq and Syria,2014-08,2017-11\n")
    plan, token = tally.stage_import(csv, "timeline.csv", ALICE, "press timeline")
    assert plan.summary() == "1 to add" and token
    held, nothing = tally.stage_import((DATA_DIR / "figures.csv").read_bytes(), "figures.csv", ALICE, "seed")
    assert held.summary() == "7 already held" and nothing is None, "nothing to confirm: nothing kept"
    other = Tally(open_store(database_url, DATA_DIR, today), today)  # another process on the same store
    assert [(p.filename, p.editor.name, p.summary) for p in other.pending_imports()] == [
        ("timeline.csv", "alice", "1 to add")]
    with pytest.raises(Forbidden, match="Only the moderator who uploaded this file"):
        other.settle_import(token, BOB, confirm=True)
    taken, written = other.settle_import(token, ALICE, confirm=True)
    assert taken.reason == "press timeline" and written is not None and written.summary() == "1 to add"
    with pytest.raises(UsageError, match=r"expired .* or was already confirmed or cancelled; nothing was written"):
        tally.settle_import(token, ALICE, confirm=True)
    assert len(tally.figures(None)) == 8
    _, late = tally.stage_import(csv.replace(b"5961", b"6000"), "later.csv", ALICE, "later")
    assert late is not None
    later = Tally(tally.store, today, now=lambda: tally.now() + timedelta(minutes=PENDING_MINUTES + 1))
    assert later.pending_imports() == []
    with pytest.raises(UsageError, match="expired"):
        later.settle_import(late, ALICE, confirm=True)
    assert len(tally.figures(None)) == 8
