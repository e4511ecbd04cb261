"""`current`: the current report of every series held in memory, brought up to date with what changed."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

import pytest

from bot.domain.current import CurrentFigures
from bot.domain.timeline import SeriesExcerpt
from bot.store.repository import Repository
from tests.domain.figures import figure

pytestmark = pytest.mark.store  # what it does not hold it reads from the real store
FIGURES = [
    figure(4, 40, reporter="airwars"), figure(1, 10), figure(2, 20, status="superseded"),
    figure(3, 30, status="retracted"), figure(5, 50, metric="strikes", place="iraq"),
    figure(6, 60, actor="russia", reporter="airwars"),
]


class Where(TypedDict):
    """What find_figures is asked about besides the metric (so `**where` is seen to leave `as_of` alone)."""
    places: list[str]
    actors: list[str]


@pytest.fixture
def current(repo: Repository) -> CurrentFigures:
    return CurrentFigures(FIGURES, repo)


@pytest.mark.parametrize("metric,places,actors,reporters,found", [
    ("civilian_deaths", ["iraq_and_syria"], ["coalition"], None, [1, 4]),  # current ones only, by id
    ("civilian_deaths", ["iraq_and_syria"], ["coalition"], [], [1, 4]),
    ("civilian_deaths", ["iraq_and_syria"], ["coalition"], ["airwars"], [4]),
    ("civilian_deaths", ["iraq_and_syria"], ["coalition", "russia"], None, [1, 4, 6]),
    ("civilian_deaths", ["iraq"], ["coalition"], None, []),
    ("strikes", ["iraq", "syria"], ["coalition"], None, [5]),
    ("sorties", ["iraq_and_syria"], ["coalition"], None, []),
])
def test_current_figures_are_found_in_memory(current: CurrentFigures, metric: str, places: list[str],
                                             actors: list[str], reporters: list[str] | None, found: list[int]) -> None:
    figures = current.find_figures(metric, places=places, actors=actors, reporters=reporters)
    assert [f.id for f in figures] == found


def test_each_reporter_has_the_metrics_it_has_current_figures_for(current: CurrentFigures) -> None:
    assert current.reporter_metrics == {"cjtf-oir": frozenset({"civilian_deaths", "strikes"}),
                                        "airwars": frozenset({"civilian_deaths"})}


@pytest.mark.parametrize("changed,found,metrics", [
    # Figures as now stored, any status: the current civilian deaths (id, value) and cjtf-oir's metrics after.
    ([figure(1, 10, status="superseded"), figure(2, 20)], [(2, 20), (4, 40)], {"civilian_deaths", "strikes"}),
    ([figure(1, 10, status="retracted")], [(4, 40)], {"strikes"}),
    ([figure(7, 70)], [(1, 10), (4, 40), (7, 70)], {"civilian_deaths", "strikes"}),
    ([figure(5, 50, metric="strikes", status="superseded")], [(1, 10), (4, 40)], {"civilian_deaths"}),
    ([figure(1, 11)], [(1, 11), (4, 40)], {"civilian_deaths", "strikes"}),
    ([], [(1, 10), (4, 40)], {"civilian_deaths", "strikes"}),
])
def test_an_update_is_a_new_index_and_leaves_the_old_one_as_it_was(current: CurrentFigures, changed: list,
                                                                   found: list[tuple[int, int]],
                                                                   metrics: set[str]) -> None:
    updated = current.updated(changed)
    where: Where = {"places": ["iraq_and_syria"], "actors": ["coalition"]}
    assert [(f.id, f.value_low) for f in updated.find_figures("civilian_deaths", **where)] == found
    assert updated.reporter_metrics["cjtf-oir"] == metrics
    assert [f.id for f in current.find_figures("civilian_deaths", **where)] == [1, 4]


def test_a_question_about_an_earlier_day_and_a_series_history_are_read_from_the_store(repo: Repository) -> None:
    empty = CurrentFigures([], repo)
    where: Where = {"places": ["iraq_and_syria"], "actors": ["coalition"]}
    assert empty.find_figures("civilian_deaths", **where) == []
    assert sorted(f.id for f in empty.find_figures("civilian_deaths", **where, as_of=date(2017, 5, 1))) == [1, 2, 7]
    assert empty.find_figures("civilian_deaths", **where, as_of=date(2017, 4, 29)) == []
    seeded = repo.figure(1)
    assert seeded is not None and empty.series_excerpt(seeded) == SeriesExcerpt((), 0)
