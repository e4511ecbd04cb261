"""`moderation`: the rules of moderators' changes, called directly inside a transaction of the real store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.domain.errors import Conflict, NotFound, TallyError, UsageError, ValidationError
from bot.domain.lexicon import Lexicon
from bot.domain.models import Editor, Figure
from bot.domain.moderation import ModerationRules, checked_reason, states_number
from bot.domain.ports import FigureWriter
from bot.store.repository import Repository
from tests.conftest import TODAY

pytestmark = [pytest.mark.store, pytest.mark.moderation]
Change = Callable[[ModerationRules, FigureWriter], Any]
ALICE = Editor("1001", "alice")
NEW: dict[str, str | None] = {
    "reporter": "CJTF-OIR", "metric": "civilian_deaths", "value_low": "484", "value_high": "", "qualifier": "at least",
    "actor": "US-led Coalition", "place": "Iraq and Syria", "period_start": "2014-08", "published": "2017-06-02",
    "outlet": "CENTCOM"}


def stored(repo: Repository, figure_id: int) -> Figure:
    figure = repo.figure(figure_id)
    assert figure is not None, f"figure {figure_id} is in the store"
    return figure


def run(repo: Repository, change: Change) -> Any:
    vocabulary = repo.vocabulary()
    rules = ModerationRules(vocabulary, Lexicon(vocabulary), TODAY)
    with repo.transaction() as tx:
        return change(rules, tx)


def written(repo: Repository) -> tuple[int, int, int]:
    return len(repo.all_figures(None)), len(repo.all_revisions()), len(repo.vocabulary_revisions_after(0))


def actions(repo: Repository, figure_id: int) -> list[tuple[str, str]]:
    return [(r.action, r.reason) for r in repo.history(figure_id)]


@pytest.mark.parametrize("text,numbers,states", [
    ("45 civilians have been killed", {45}, True),
    ("claims 3,164 civilians", {3164}, True),
    ("nine incidents between November 2016 and March", {9}, True),
    ("Twelve strikes", {12}, True),
    ("at least 352 civilians", {35}, False),
    ("4500 sorties", {45}, False),
    ("twenty-one incidents", {21}, False),  # only small numbers are read in words
    ("no number at all", {0}, False),
    ("zero civilians", {0}, True),
])
def test_states_number_reads_digits_and_small_number_words(text: str, numbers: set[int], states: bool) -> None:
    assert states_number(text, numbers) is states


@pytest.mark.parametrize("reason,result", [
    ("  CENTCOM release  ", "CENTCOM release"),
    ("x" * 500, "x" * 500),
    ("", "A reason is required for every change."),
    ("   ", "A reason is required for every change."),
    (None, "A reason is required for every change."),
    ("x" * 501, "The reason is 501 characters; at most 500."),
])
def test_every_change_needs_a_reason_of_at_most_500_characters(reason: str | None, result: str) -> None:
    try:
        assert checked_reason(reason) == result
    except UsageError as refused:
        assert refused.message == result


REFUSALS: list[tuple[str, Change, type[TallyError], str]] = [
    ("no reason", lambda m, tx: m.retract(tx, 1, ALICE, " "), UsageError, "A reason is required for every change."),
    ("unknown field", lambda m, tx: m.add(tx, {**NEW, "colour": "red"}, ALICE, "r"), ValidationError,
     "colour: is not a field of a figure"),
    ("invalid row", lambda m, tx: m.add(tx, {**NEW, "value_low": "-3"}, ALICE, "r"), ValidationError,
     "value_low: '-3' is not a whole number >= 0"),
    ("restated", lambda m, tx: m.add(tx, {**NEW, "value_low": "352", "published": "2017-04-30", "outlet": ""},
                                     ALICE, "r"), UsageError, "That figure is already held as figure 1."),
    ("no figure", lambda m, tx: m.edit(tx, 404, {"value_low": "1"}, ALICE, "r"), NotFound,
     "There is no figure 404."),
    ("status edit", lambda m, tx: m.edit(tx, 2, {"status": "retracted"}, ALICE, "r"), ValidationError,
     "status: cannot be edited; retract or restore to change a status"),
    ("id edit", lambda m, tx: m.edit(tx, 2, {"id": "9"}, ALICE, "r"), ValidationError, "id: cannot be edited"),
    ("empty edit", lambda m, tx: m.edit(tx, 2, {}, ALICE, "r"), UsageError, "Nothing to change."),
    ("no-op edit", lambda m, tx: m.edit(tx, 2, {"value_low": "45"}, ALICE, "r"), UsageError,
     "Figure 2 already says that; nothing was changed."),
    ("stale edit", lambda m, tx: m.edit(tx, 2, {"outlet": "x"}, ALICE, "r", expected_version=0), Conflict,
     "Figure 2 was changed by someone else meanwhile: it is now 45 civilians killed, current (version 1)."),
    ("quote states the old value", lambda m, tx: m.edit(tx, 2, {"value_low": "46", "value_high": "46"}, ALICE, "r"),
     UsageError, "The quote still says 45 civilians killed, but the value becomes 46 civilians killed."),
    ("quote states the old value in words", lambda m, tx: m.edit(tx, 5, {"value_low": "10", "value_high": "10"},
                                                                 ALICE, "r"),
     UsageError, "The quote still says 9 incidents in which civilian casualties occurred, but the value becomes 10"),
    ("supersede without a date", lambda m, tx: m.supersede(tx, 1, {"value_low": "484"}, ALICE, "r"), UsageError,
     "A newer figure needs its own value and publication date."),
    ("supersede into another series", lambda m, tx: m.supersede(
        tx, 1, {"value_low": "484", "published": "2017-06", "period_start": "2016-11"}, ALICE, "r"), UsageError,
     "A superseding figure belongs to the same series"),
    ("supersede with an older report", lambda m, tx: m.supersede(
        tx, 1, {"value_low": "300", "published": "2016-01-01"}, ALICE, "r"), UsageError,
     "The new figure (2016-01-01) is older than figure 1 (2017-04-30)."),
    ("stale supersede", lambda m, tx: m.supersede(tx, 1, {"value_low": "484", "published": "2017-06"}, ALICE, "r",
                                                  expected_version=2), Conflict, "Figure 1 was changed by someone"),
    ("stale retract", lambda m, tx: m.retract(tx, 7, ALICE, "r", expected_version=3), Conflict,
     "it is now 3,164 civilians killed, current (version 1)."),
    ("retract nothing", lambda m, tx: m.retract(tx, 99, ALICE, "r"), NotFound, "There is no figure 99."),
    ("restore a current one", lambda m, tx: m.restore(tx, 1, ALICE, "r"), UsageError,
     "Figure 1 is not retracted; it is current."),
    ("not a kind of word", lambda m, tx: m.add_alias(tx, "colour", "red", "crimson", ALICE, "r"), UsageError,
     "'colour' is not a kind of word."),
    ("not a known term", lambda m, tx: m.add_alias(tx, "metric", "civlian deaths", "bodycount", ALICE, "r"),
     NotFound, "'civlian deaths' is not a known metric; did you mean 'civilian deaths'?"),
    ("an alias of no words", lambda m, tx: m.add_alias(tx, "metric", "civilian deaths", "?!", ALICE, "r"),
     UsageError, "An alias is 1 to 100 characters of words."),
    ("a long alias", lambda m, tx: m.add_alias(tx, "metric", "civilian deaths", "x" * 101, ALICE, "r"),
     UsageError, "An alias is 1 to 100 characters of words."),
    ("an alias of another term", lambda m, tx: m.add_alias(tx, "metric", "strikes", "civilian deaths", ALICE, "r"),
     UsageError, "'civilian deaths' already means civilian deaths."),
    ("removing what is no alias", lambda m, tx: m.remove_alias(tx, "metric", "strikes", "bodycount", ALICE, "r"),
     NotFound, "'bodycount' is not an alias of strikes."),
    ("a new reporter that exists", lambda m, tx: m.save_source(tx, "Airwars", ALICE, "r", new=True, name="A",
                                                               kind="monitor"),
     UsageError, "A reporter with the key 'airwars' exists already."),
    ("editing an unknown reporter", lambda m, tx: m.save_source(tx, "ibc", ALICE, "r", new=False, name="IBC"),
     NotFound, "There is no reporter with the key 'ibc'."),
    ("a bad key", lambda m, tx: m.save_source(tx, "iraq body count", ALICE, "r", new=True, name="IBC",
                                              kind="monitor"),
     ValidationError, "key: use lower-case letters, digits, - and _"),
    ("a bad kind", lambda m, tx: m.save_source(tx, "ibc", ALICE, "r", new=True, name="IBC", kind="blog"),
     ValidationError, "kind: must be one of military, monitor, media, government, other"),
    ("a bad link", lambda m, tx: m.save_source(tx, "airwars", ALICE, "r", new=False, url="airwars.org"),
     ValidationError, "url: 'airwars.org' is not an http(s) link"),
    ("a blank name", lambda m, tx: m.save_source(tx, "airwars", ALICE, "r", new=False, name="  "),
     ValidationError, "name: is 1 to 200 characters"),
    ("a long description", lambda m, tx: m.save_source(tx, "airwars", ALICE, "r", new=False,
                                                       description="x" * 2001),
     ValidationError, "description: is at most 2,000 characters"),
    ("a new reporter with no kind", lambda m, tx: m.save_source(tx, "ibc", ALICE, "r", new=True, name="IBC"),
     ValidationError, "name and kind: are required for a new reporter"),
    ("a reporter unchanged", lambda m, tx: m.save_source(tx, "airwars", ALICE, "r", new=False, name="Airwars"),
     UsageError, "Nothing to change."),
]


@pytest.mark.parametrize("change,error,message", [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_each_rule_refuses_with_its_message_and_writes_nothing(repo: Repository, change: Change,
                                                               error: type[TallyError], message: str) -> None:
    before = written(repo)
    with pytest.raises(error) as refused:
        run(repo, change)
    assert type(refused.value) is error and message in refused.value.message
    assert written(repo) == before


@pytest.mark.parametrize("change,hint", [
    (lambda m, tx: m.add(tx, {**NEW, "value_low": "352", "published": "2017-04-30"}, ALICE, "r"),
     "Use `figure edit 1` to correct it."),
    (lambda m, tx: m.edit(tx, 2, {"value_low": "46", "value_high": "46"}, ALICE, "r"), "keep_quote"),
    (lambda m, tx: m.retract(tx, 1, ALICE, "r", expected_version=9), "Check it with `figure show 1`"),
    (lambda m, tx: m.add_alias(tx, "metric", "strikes", "civilian deaths", ALICE, "r"), "Remove it there first"),
    (lambda m, tx: m.save_source(tx, "ibc", ALICE, "r", new=False), "Keys: cjtf-oir, airwars"),
])
def test_a_refusal_says_how_to_go_on(repo: Repository, change: Change, hint: str) -> None:
    with pytest.raises(TallyError) as refused:
        run(repo, change)
    assert hint in (refused.value.hint or "")


def test_adding_a_newer_report_supersedes_the_current_one_in_one_revision_each(repo: Repository) -> None:
    added = run(repo, lambda m, tx: m.add(tx, NEW, ALICE, "June release"))
    assert (added.id, added.status, added.supersedes, added.version) == (8, "current", 1, 1)
    assert actions(repo, 8) == [("add", "June release")]
    assert actions(repo, 1)[1:] == [("supersede", "automatic: newer figure of the same series")]
    assert stored(repo, 1).status == "superseded"
    older = run(repo, lambda m, tx: m.add(tx, {**NEW, "value_low": "200", "published": "2016-12"}, ALICE, "older"))
    assert (older.status, older.supersedes) == ("superseded", None)
    assert stored(repo, 1).supersedes == older.id


@pytest.mark.parametrize("figure_id,changes,keep_quote,after", [
    # {field: value} of the figure once edited.
    (2, {"outlet": "CENTCOM"}, False, {"outlet": "CENTCOM", "value_low": 45, "version": 2}),
    # A new value under a new quote, or under no quote, needs no note.
    (2, {"value_low": "46", "value_high": "46", "quote": "46 civilians"}, False,
     {"value_low": 46, "quote": "46 civilians"}),
    (2, {"value_low": "46", "value_high": "46", "quote": ""}, False, {"value_low": 46, "quote": None}),
    # A quote that never stated the old value stays as it is.
    (4, {"value_low": "18", "value_high": "18", "quote": "airstrikes with no evidence of civilian deaths"}, False,
     {"value_low": 18}),
    # Kept as the report's wording: the note says so, after the notes already there.
    (2, {"value_low": "46", "value_high": "46", "notes": ""}, True,
     {"value_low": 46, "notes": "Value corrected from 45 civilians killed to 46 civilians killed (the reason); "
                                "the quote is the report's wording."}),
    (7, {"value_low": "3200", "value_high": "3200", "notes": "Airwars' count."}, True,
     {"notes": "Airwars' count. Value corrected from 3,164 civilians killed to 3,200 civilians killed (the reason); "
               "the quote is the report's wording."}),
    # Moving a figure to another series restacks both: figure 2 joins figure 1's, published the same day but later.
    (2, {"period_start": "2014-08"}, False,
     {"series": "cjtf-oir|civilian_deaths|coalition|iraq_and_syria|operation", "status": "current", "supersedes": 1}),
])
def test_an_edit_writes_the_new_record_with_one_revision(repo: Repository, figure_id: int,
                                                         changes: dict[str, str | None],
                                                         keep_quote: bool, after: dict[str, object]) -> None:
    if figure_id == 4:  # a quote without the number first, so the value can change under it
        run(repo, lambda m, tx: m.edit(tx, 4, {"quote": changes["quote"]}, ALICE, "requoted"))
    saved = run(repo, lambda m, tx: m.edit(tx, figure_id, changes, ALICE, "the reason", keep_quote=keep_quote))
    assert {k: getattr(saved, k) for k in after} == after
    assert ("Value corrected" in (saved.notes or "")) is keep_quote
    assert [(r.action, r.reason) for r in repo.history(figure_id) if r.reason == "the reason"] == [
        ("edit", "the reason")]


def test_the_kept_quote_note_is_cut_to_the_notes_limit_keeping_its_end(repo: Repository) -> None:
    saved = run(repo, lambda m, tx: m.edit(tx, 2, {"value_low": "46", "value_high": "46", "notes": "n" * 4000},
                                           ALICE, "the reason", keep_quote=True))
    assert len(saved.notes) == 4000 and saved.notes.endswith("the quote is the report's wording.")


def test_supersede_inherits_the_series_and_not_the_citation(repo: Repository) -> None:
    new = run(repo, lambda m, tx: m.supersede(tx, 1, {"value_low": "484", "published": "2017-06-02"}, ALICE,
                                              "June release", expected_version=1))
    assert (new.id, new.status, new.supersedes, new.series) == (8, "current", 1, stored(repo, 1).series)
    assert (new.qualifier, new.quote, new.outlet, new.value_high, str(new.period_start)) == (
        None, None, None, None, "2014")
    assert new.notes == stored(repo, 1).notes
    assert [(r.action, r.reason) for r in repo.history(1)][1:] == [
        ("supersede", "superseded by figure 8: June release")]
    assert [r.action for r in repo.history(8)] == ["supersede"]


def test_retract_and_restore_restack_the_series(repo: Repository) -> None:
    run(repo, lambda m, tx: m.supersede(tx, 1, {"value_low": "484", "published": "2017-06"}, ALICE, "June"))
    retracted = run(repo, lambda m, tx: m.retract(tx, 8, ALICE, "wrong release", expected_version=1))
    assert (retracted.status, stored(repo, 1).status) == ("retracted", "current")
    assert repo.history(1)[-1].reason == "automatic: newest of its series"
    with pytest.raises(UsageError, match=r"Figure 8 is already retracted\."):
        run(repo, lambda m, tx: m.retract(tx, 8, ALICE, "again"))
    with pytest.raises(UsageError, match=r"Figure 8 is retracted; restore it first or add a new figure\."):
        run(repo, lambda m, tx: m.supersede(tx, 8, {"value_low": "500", "published": "2017-07"}, ALICE, "r"))
    restored = run(repo, lambda m, tx: m.restore(tx, 8, ALICE, "it was right"))
    assert (restored.status, restored.version, stored(repo, 1).status) == ("current", 3, "superseded")
    assert [r.action for r in repo.history(8)] == ["supersede", "retract", "restore"]


def test_aliases_are_taught_in_normal_form_and_logged(repo: Repository) -> None:
    key = run(repo, lambda m, tx: m.add_alias(tx, "metric", "civilians killed", "  Body-Count!! ", ALICE, "said"))
    assert key == "civilian_deaths"
    with pytest.raises(UsageError, match=r"'body-count' already means civilian deaths\."):
        run(repo, lambda m, tx: m.add_alias(tx, "metric", "civilian_deaths", "body-count", ALICE, "again"))
    assert run(repo, lambda m, tx: m.remove_alias(tx, "metric", "civilian deaths", "BODY-COUNT", ALICE, "no")) \
        == "civilian_deaths"
    revisions = repo.vocabulary_revisions_after(0)
    assert [(r.subject.kind, r.subject.key, r.action, r.reason, r.before, r.after) for r in revisions] == [
        ("alias", "civilian_deaths", "add", "said", None,
         {"kind": "metric", "key": "civilian_deaths", "alias": "body-count"}),
        ("alias", "civilian_deaths", "remove", "no",
         {"kind": "metric", "key": "civilian_deaths", "alias": "body-count"}, None),
    ]


def test_reporters_are_added_and_edited_field_by_field(repo: Repository) -> None:
    added = run(repo, lambda m, tx: m.save_source(tx, " IBC ", ALICE, "new monitor", new=True,
                                                  name=" Iraq Body Count ", kind="monitor",
                                                  url="https://www.iraqbodycount.org"))
    assert (added.key, added.name, added.kind, added.description, added.url) == (
        "ibc", "Iraq Body Count", "monitor", "", "https://www.iraqbodycount.org")
    edited = run(repo, lambda m, tx: m.save_source(tx, "ibc", ALICE, "no link", new=False, url="",
                                                   description="Counts deaths in Iraq."))
    assert (edited.name, edited.kind, edited.description, edited.url) == (
        "Iraq Body Count", "monitor", "Counts deaths in Iraq.", None)
    revisions = repo.vocabulary_revisions_after(0)
    assert [(r.subject.kind, r.subject.key, r.action) for r in revisions] == [("source", "ibc", "add"),
                                                                           ("source", "ibc", "edit")]
    assert revisions[0].before is None and revisions[1].before == revisions[0].after
    assert revisions[1].after == {"key": "ibc", "name": "Iraq Body Count", "kind": "monitor",
                                  "description": "Counts deaths in Iraq.", "url": None}
