"""Figures over time, on the example timeline (data/examples/press-timeline.csv) imported into the seed."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from bot.charts import render
from bot.domain.models import CLI_EDITOR
from bot.domain.render import answer_json, render_text
from bot.domain.service import Tally
from bot.store.repository import Repository
from tests.conftest import DATA_DIR, ROOT, today

pytestmark = pytest.mark.store
EXAMPLE = ROOT / "data" / "examples" / "press-timeline.csv"


@pytest.fixture
def timeline(tally: Tally) -> Tally:
    plan = tally.import_rows(tally.read_file(EXAMPLE.read_bytes(), EXAMPLE.name), CLI_EDITOR, "press timeline")
    assert plan.counts == {"add": 19, "unchanged": 2}
    return tally


def values(tally: Tally, question: str) -> dict[str, tuple[int, str]]:
    answer = tally.ask(question)
    return {i.names.reporter: (i.figure.value_low, i.match) for i in answer.items}


def test_the_example_restates_two_seed_figures_and_a_second_import_changes_nothing(timeline: Tally) -> None:
    again = timeline.import_rows(timeline.read_file(EXAMPLE.read_bytes(), EXAMPLE.name), CLI_EDITOR, "again")
    assert not again.writes and again.counts == {"unchanged": 21}
    assert len(timeline.figures(None)) == 26
    assert timeline.figure(1).status == "superseded" and timeline.figure(7).status == "superseded"


def test_the_latest_of_each_series_says_where_it_came_from(timeline: Tally) -> None:
    answer = timeline.ask("coalition civilian deaths")
    cjtf, airwars = answer.items
    assert (cjtf.figure.value_low, airwars.figure.value_low, airwars.figure.value_high) == (1370, 8194, 13249)
    assert cjtf.trend == "Up from 1,335 (26 Sep 2019); the series began at 352 (30 Apr 2017), 10 reports."
    assert answer.comparison == "Airwars' count (Nov 2022) is 6.0× CJTF-OIR's (Jan 2020), 6,824 more."
    data = answer_json(answer)
    assert [a["status"] for a in data["answers"]] == ["current", "current"]
    assert [a["as_of"] for a in data["answers"]] == ["2020-01", "2022-11"]


@pytest.mark.parametrize("question,expected", [
    # a report dated to the day counts from that day
    ("civilian deaths by 1 June 2017", 352),
    ("civilian deaths by 2 June 2017", 484),
    # a report dated only to its month counts from the month's last day
    ("civilian deaths by 29 September 2018", 855),
    ("civilian deaths by 30 September 2018", 1114),
    ("civilian deaths by August 2018", 855),
    ("civilian deaths as of September 2018", 1114),
    # a year means its end
    ("civilian deaths as of 2017", 801),
    ("civilian deaths as of 2018", 1139),
    ("civilian deaths at the end of 2017", 801),
    ("civilian deaths by June 2017", 484),
])
def test_as_of_selection_honours_each_precision(timeline: Tally, question: str, expected: int) -> None:
    assert values(timeline, f"cjtf-oir {question}") == {"CJTF-OIR": (expected, "exact")}


def test_before_the_first_report_there_is_nothing(timeline: Tally) -> None:
    answer = timeline.ask("civilian deaths as of March 2017")
    assert answer.status == "no_match"
    assert answer.notes == ("No civilian deaths figure had been published by Mar 2017.",)


def test_as_of_answers_are_not_called_stale(timeline: Tally) -> None:
    answer = timeline.ask("civilian deaths as of 2018")
    assert all(item.age_note is None for item in answer.items)
    assert all(item.age_note for item in timeline.ask("civilian deaths").items)


@pytest.mark.parametrize("question,expected,span", [
    ("civilian deaths in March 2019", 1257, "Mar 2019"),
    ("civilian deaths in 2020", 1370, "2020"),
])
def test_in_a_span_the_report_current_then_is_partial_because_it_is_cumulative(
        timeline: Tally, question: str, expected: int, span: str) -> None:
    # "killed in 2020" asks for the deaths of 2020; a report of that year counts since 2014: never exact.
    answer = timeline.ask(f"cjtf-oir {question}")
    [item] = answer.items
    assert (item.figure.value_low, item.match) == (expected, "partial")
    assert item.difference is not None
    assert item.difference.startswith(f"No figure counts {span} alone; this is the count as reported in")


def test_a_change_is_derived_within_one_reporter_and_labelled(timeline: Tally) -> None:
    answer = timeline.ask("how did the coalition's count change since 2017")
    [change] = answer.changes
    assert (change.reporter, change.start.value_low, change.end.value_low, change.low) == ("CJTF-OIR", 352, 1370, 1018)
    assert "Derived by Tally from two CJTF-OIR reports" in render_text(answer)
    assert "CJTF-OIR did not state this difference itself" in render_text(answer)
    derived = answer_json(answer)["derived"]
    assert derived[0]["derived"] is True and derived[0]["change_low"] == 1018
    both = timeline.ask("how did civilian deaths change since 2018")
    figures = {f.id: f for f in timeline.figures(None)}
    for change in both.changes:
        assert figures[change.start.id].reporter == figures[change.end.id].reporter, "never across reporters"
    assert {(c.reporter, c.start.value_low) for c in both.changes} == {("CJTF-OIR", 801), ("Airwars", 5961)}


def test_no_change_to_derive_from_a_single_report(tally: Tally) -> None:
    answer = tally.ask("how did the airwars count change")
    assert answer.status == "answered" and not answer.changes
    assert any("no change to derive" in n for n in answer.notes)


def test_the_staleness_note_follows_the_setting(repo: Repository) -> None:
    fresh = Tally(repo, today, stale_after_months=200)
    assert all(item.age_note is None for item in fresh.ask("civilian deaths").items)
    stale = Tally(repo, today, stale_after_months=12)
    item = stale.ask("civilian deaths").items[0]
    assert item.age_note == "Published 30 Apr 2017, more than 9 years ago: newer figures may exist."


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def test_the_chart_draws_each_reporter_series_with_labels(timeline: Tally, tmp_path: Path) -> None:
    data = timeline.chart("civilian deaths")
    figure, png = render(data)
    assert png_size(png) == (1000, 600)
    axes = figure.axes[0]
    assert axes.get_title() == "Civilian deaths since Aug 2014, as reported over time"
    legend = axes.get_legend()
    assert legend is not None and [t.get_text() for t in legend.get_texts()] == ["CJTF-OIR", "Airwars"]
    labels = {t.get_text() for t in axes.texts}
    assert "≥352\n30 Apr 2017" in labels and "≥1,370\nJan 2020" in labels and "8,194–13,249\nNov 2022" in labels
    assert len(labels) == 14
    caption = figure.texts[0].get_text()
    assert caption.startswith("Sources: CJTF-OIR via RT News, The Hill, CENTCOM") and "Airwars via" in caption
    only = timeline.chart("civilian_deaths", "airwars")
    assert [line.reporter for line in only.lines] == ["Airwars"] and only.reports == 4


def test_an_import_preview_reads_like_the_answers_and_says_what_each_row_supersedes(tally: Tally) -> None:
    rows = tally.read_file((DATA_DIR / "examples" / "press-timeline.csv").read_bytes(), "press-timeline.csv")
    lines = [c.describe(tally.refresh().vocabulary) for c in tally.preview_import(rows).changes]
    assert lines[0] == ("line 7: already held as figure 1 (CJTF-OIR · civilian deaths · at least 352 · "
                        "published 30 Apr 2017)")
    assert lines[2] == ("line 9: add CJTF-OIR · civilian deaths · at least 484 · published 2 Jun 2017 — supersedes "
                        "figure 1, superseded in turn by line 10")
    assert lines[3].startswith("line 10: add CJTF-OIR · civilian deaths · at least 801 · published 30 Nov 2017 — "
                               "supersedes line 9")
    newest = [line for line in lines if "civilian deaths" in line and "CJTF-OIR" in line][-1]
    assert "superseded in turn" not in newest, "the newest report of the series stays current"
