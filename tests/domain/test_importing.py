"""`importing`: what a figures file would change (`plan`) and writing it (`apply`), on the real store."""

from __future__ import annotations

import csv
import io

import pytest

from bot.domain import importing
from bot.domain.models import Editor
from bot.domain.service import Tally
from bot.store.repository import Repository
from tests.conftest import DATA_DIR, today

pytestmark = pytest.mark.store
ALICE = Editor("1001", "alice")
BOB = Editor("1002", "bob")
SEED = list(csv.DictReader(io.StringIO((DATA_DIR / "figures.csv").read_text(encoding="utf-8"))))
COLUMNS = list(SEED[0])


def line(cells: dict[str, str]) -> str:
    out = io.StringIO()
    csv.DictWriter(out, COLUMNS, lineterminator="").writerow({c: cells.get(c, "") for c in COLUMNS})
    return out.getvalue()


def held(figure_id: int, **changes: str) -> str:
    """The seed's row of figure `figure_id` (the seed stores them in file order), named by its id."""
    return line({**SEED[figure_id - 1], "id": str(figure_id), **changes})


def new(value: int, published: str, start: str = "2014-08", status: str = "", reporter: str = "CJTF-OIR",
        figure_id: str = "") -> str:
    """A report of CJTF-OIR's civilian deaths since the operation began (the series of seed figure 1)."""
    return line({"id": figure_id, "reporter": reporter, "metric": "civilian_deaths", "value_low": str(value),
                 "actor": "US-led Coalition", "place": "Iraq and Syria", "period_start": start,
                 "published": published, "status": status})


def read(repo: Repository, *lines: str) -> list:
    return Tally(repo, today).read_file("\n".join([",".join(COLUMNS), *lines]) + "\n", "file.csv")


def plan(repo: Repository, *lines: str) -> importing.ImportPlan:
    rows = read(repo, *lines)
    with repo.transaction() as tx:
        return importing.plan(rows, tx, repo.vocabulary().campaign.start)


def apply(repo: Repository, *lines: str, editor: Editor = ALICE, reason: str = "a release") -> importing.ImportPlan:
    rows = read(repo, *lines)
    with repo.transaction() as tx:
        return importing.apply(rows, tx, editor, reason, repo.vocabulary().campaign.start)


def state(repo: Repository, figure_id: int) -> tuple[str, int | None, list[str]]:
    figure = repo.figure(figure_id)
    assert figure is not None
    return figure.status, figure.supersedes, [r.action for r in repo.history(figure_id)]


@pytest.mark.parametrize("lines,expected,summary", [
    # (kind, the stored figure it concerns, what an add supersedes, what supersedes it in turn), per row.
    ([new(484, "2017-06-02")], [("add", None, "figure 1", None)], "1 to add"),
    ([new(200, "2016-12")], [("add", None, None, "figure 1")], "1 to add"),
    # Rows rank among themselves by publication, not by their place in the file.
    ([new(801, "2017-11-30"), new(484, "2017-06-02")],
     [("add", None, "line 3", None), ("add", None, "figure 1", "line 2")], "2 to add"),
    # Published the same day: the later line is the newer report.
    ([new(484, "2017-06-02"), new(485, "2017-06-02")],
     [("add", None, "figure 1", "line 3"), ("add", None, "line 2", None)], "2 to add"),
    # A restated report (another precision of the same dates, no outlet) is the one already held.
    ([new(352, "2017-04", start="2014")], [("unchanged", 1, None, None)], "1 already held"),
    ([new(352, "2017-04-30", start="2014-08")], [("unchanged", 1, None, None)], "1 already held"),
    # Another value, start or reporter is another report.
    ([new(353, "2017-04-30")], [("add", None, "figure 1", None)], "1 to add"),
    ([new(352, "2017-04-30", start="2015")], [("add", None, None, None)], "1 to add"),
    ([new(3164, "2017-05", reporter="Airwars")], [("add", None, "figure 7", None)], "1 to add"),
    # A new row marked retracted is added as it is, outside its series' order.
    ([new(500, "2018-01", status="retracted")], [("add", None, None, None)], "1 to add"),
    ([held(1)], [("unchanged", 1, None, None)], "1 already held"),
    ([held(1, value_low="353")], [("update", 1, None, None)], "1 to update"),
    ([held(7, status="retracted")], [("retract", 7, None, None)], "1 to retract"),
    # On import only retracted (and restored) matter: a held row marked superseded changes nothing.
    ([held(7, status="superseded")], [("unchanged", 7, None, None)], "1 already held"),
    ([held(1), held(2, value_low="46", value_high="46"), new(484, "2017-06-02"), held(7, status="retracted")],
     [("unchanged", 1, None, None), ("update", 2, None, None), ("add", None, "figure 1", None),
      ("retract", 7, None, None)], "1 to add, 1 to update, 1 to retract, 1 already held"),
])
def test_a_plan_says_what_each_row_would_do_and_writes_nothing(repo: Repository, lines: list[str],
                                                                expected: list[tuple], summary: str) -> None:
    revisions = len(repo.all_revisions())
    result = plan(repo, *lines)
    assert [(c.kind, c.before.id if c.before else None, c.supersedes, c.superseded_by)
            for c in result.changes] == expected
    assert result.summary() == summary
    assert result.writes == any(kind != "unchanged" for kind, *_ in expected)
    assert len(repo.all_revisions()) == revisions and len(repo.all_figures(None)) == 7


@pytest.mark.parametrize("row,described", [
    (new(484, "2017-06-02"), "line 2: add CJTF-OIR · civilian deaths · at least 484 · published 2 Jun 2017 — "
                             "supersedes figure 1"),
    (new(200, "2016-12"), "line 2: add CJTF-OIR · civilian deaths · at least 200 · published Dec 2016 — "
                          "superseded in turn by figure 1"),
    (held(1), "line 2: already held as figure 1 (CJTF-OIR · civilian deaths · at least 352 (more likely than not) · "
              "published 30 Apr 2017)"),
    (held(2, value_low="46", value_high="47", outlet="CENTCOM"),
     "line 2: update figure 2 (value_low, value_high, outlet) — CJTF-OIR · civilian deaths · 46–47 · "
     "published 30 Apr 2017"),
    (held(7, status="retracted"), "line 2: retract figure 7 (Airwars · civilian deaths · 3,164 · "
                                  "published 30 Apr 2017)"),
    # Another actor or place than the campaign's is named: the row would otherwise read as a campaign-wide count.
    (line({**SEED[6], "place": "Mosul", "published": "2017-06"}),
     "line 2: add Airwars · civilian deaths · 3,164 · in Mosul · published Jun 2017"),
    (line({**SEED[6], "actor": "Russia", "place": "Syria", "published": "2017-06"}),
     "line 2: add Airwars · civilian deaths · 3,164 · by Russia in Syria · published Jun 2017"),
])
def test_each_planned_change_is_described_as_an_answer_names_the_figure(repo: Repository, row: str,
                                                                        described: str) -> None:
    (change,) = plan(repo, row).changes
    assert change.describe(repo.vocabulary()) == described


@pytest.mark.parametrize("lines,after", [
    # {figure id: (status, supersedes, the actions of its history)} once the file is written.
    ([new(484, "2017-06-02")], {1: ("superseded", None, ["seed", "supersede"]), 8: ("current", 1, ["import"])}),
    # Several rows of one series: each stored once, with its final status; never superseded by its own batch.
    ([new(801, "2017-11-30"), new(484, "2017-06-02")],
     {1: ("superseded", None, ["seed", "supersede"]), 8: ("superseded", 1, ["import"]),
      9: ("current", 8, ["import"])}),
    # An older report goes below the stored one, which now supersedes it.
    ([new(200, "2016-12")], {1: ("current", 8, ["seed", "supersede"]), 8: ("superseded", None, ["import"])}),
    ([new(500, "2018-01", status="retracted")], {1: ("current", None, ["seed"]), 8: ("retracted", None, ["import"])}),
    ([held(1, value_low="353")], {1: ("current", None, ["seed", "import"])}),
    ([held(7, status="retracted")], {7: ("retracted", None, ["seed", "import"])}),
    ([held(1)], {1: ("current", None, ["seed"])}),
])
def test_apply_writes_each_change_with_its_revisions(repo: Repository, lines: list[str],
                                                     after: dict[int, tuple]) -> None:
    apply(repo, *lines)
    assert {figure_id: state(repo, figure_id) for figure_id in after} == after
    assert len(repo.all_figures(None)) == 7 + sum(1 for f in after if f > 7)


def test_apply_records_what_changed_and_why(repo: Repository) -> None:
    apply(repo, held(1, value_low="353", outlet="CENTCOM"), editor=BOB, reason="corrected release")
    (_, revision) = repo.history(1)
    assert (revision.action, revision.editor.name, revision.reason) == ("import", "bob", "corrected release")
    assert revision.before is not None and revision.after is not None
    assert (revision.before["value_low"], revision.after["value_low"]) == (352, 353)
    assert (revision.before["outlet"], revision.after["outlet"]) == ("RT News; The Hill", "CENTCOM")
    assert (revision.before["version"], revision.after["version"]) == (1, 2)
    apply(repo, new(484, "2017-06-02"))
    assert [r.reason for r in repo.history(1)][-1] == "automatic: newer figure of the same series"


def test_retracting_and_restoring_the_newest_report_restacks_its_series(repo: Repository) -> None:
    apply(repo, new(484, "2017-06-02"))
    retracted = apply(repo, new(484, "2017-06-02", status="retracted", figure_id="8"))
    assert [c.kind for c in retracted.changes] == ["retract"]
    assert (state(repo, 1), state(repo, 8)) == (("current", None, ["seed", "supersede", "supersede"]),
                                                ("retracted", 1, ["import", "import"]))
    assert repo.history(1)[-1].reason == "automatic: newest of its series"
    restored = apply(repo, new(484, "2017-06-02", status="current", figure_id="8"))
    assert [c.kind for c in restored.changes] == ["restore"]
    assert (state(repo, 1), state(repo, 8)) == (("superseded", None, ["seed", "supersede", "supersede", "supersede"]),
                                                ("current", 1, ["import", "import", "import"]))


def test_a_file_applied_twice_writes_once(repo: Repository) -> None:
    lines = (new(801, "2017-11-30"), new(484, "2017-06-02"), held(2, value_low="46", value_high="46"))
    first = apply(repo, *lines)
    revisions, version = len(repo.all_revisions()), repo.data_version()
    again = apply(repo, *lines)
    assert first.summary() == "2 to add, 1 to update" and again.summary() == "3 already held"
    assert not again.writes and (len(repo.all_revisions()), repo.data_version()) == (revisions, version)


def test_revisions_are_grouped_by_the_import_that_wrote_them(repo: Repository) -> None:
    apply(repo, new(801, "2017-11-30"), new(484, "2017-06-02"), reason="first")
    apply(repo, held(2, value_low="46", value_high="46"), reason="second")
    apply(repo, held(5, value_low="10", value_high="10"), reason="second")  # same editor and reason: one batch
    apply(repo, held(6, value_low="43", value_high="43"), editor=BOB, reason="second")
    apply(repo, held(3, value_low="20206", value_high="20206"), editor=Editor(BOB.id, BOB.name, "#general"),
          reason="second")
    batches = importing.import_batches(repo.all_revisions())
    assert [[r.action for r in b] for b in batches] == [["seed"]] * 7 + [
        ["import", "import", "supersede"], ["import", "import"], ["import"], ["import"]]
    assert [[r.subject.id for r in b] for b in batches[7:]] == [[8, 9, 1], [2, 5], [6], [3]]
    assert [importing.is_import_revision(r) for r in batches[7]] == [True, True, True]


def test_an_imports_revisions_as_csv_show_each_figure_as_it_was_after(repo: Repository) -> None:
    apply(repo, new(801, "2017-11-30"), new(484, "2017-06-02"), reason="press timeline")
    batch = importing.import_batches(repo.all_revisions())[-1]
    ids = [r.id for r in batch]
    assert importing.revisions_csv(batch).splitlines() == [
        "revision,figure_id,action,status,reporter,metric,value_low,value_high,published,period_start,period_end,"
        "outlet,reason",
        f"{ids[0]},8,import,superseded,cjtf-oir,civilian_deaths,484,,2017-06-02,2014-08,,,press timeline",
        f"{ids[1]},9,import,current,cjtf-oir,civilian_deaths,801,,2017-11-30,2014-08,,,press timeline",
        f"{ids[2]},1,supersede,superseded,cjtf-oir,civilian_deaths,352,,2017-04-30,2014,,RT News; The Hill,"
        "automatic: newer figure of the same series",
    ]
