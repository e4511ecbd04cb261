"""`series`: which series a figure belongs to, and the statuses and links a series' reports get."""

from __future__ import annotations

import pytest

from bot.domain.dates import PartialDate
from bot.domain.models import Figure
from bot.domain.series import placed, placed_together, restack, series_key
from tests.domain.figures import figure

CAMPAIGN_START = PartialDate.parse("2014-08")
SCOPE = "cjtf-oir|civilian_deaths|coalition|iraq_and_syria|"


@pytest.mark.parametrize("start,key", [
    # Counted from the operation's start, whichever way the start is written.
    ("2014", "operation"), ("2014-08", "operation"), ("2014-08-08", "operation"),
    ("2014-06", "2014-06"), ("2014-09-01", "2014-09-01"), ("2016-11", "2016-11"), ("2015", "2015"),
    (None, "-"),
])
def test_a_series_is_its_four_keys_and_its_start(start: str | None, key: str) -> None:
    assert series_key(figure(start=start), CAMPAIGN_START) == SCOPE + key


def test_every_key_of_the_scope_makes_another_series() -> None:
    keys = {series_key(other, CAMPAIGN_START) for other in (figure(reporter="other"), figure(metric="other"),
                                                            figure(actor="other"), figure(place="other"))}
    assert len(keys) == 4 and SCOPE + "operation" not in keys


def stacked(*reports: tuple[int, str, str, int | None]) -> list[Figure]:
    return [figure(figure_id, published=published, status=status, supersedes=supersedes)
            for figure_id, published, status, supersedes in reports]


@pytest.mark.parametrize("series,changed", [
    # (id, published, status, supersedes) in; (id, status, supersedes) of the figures that change, out.
    (stacked((1, "2017", "superseded", None), (2, "2018", "current", 1)), []),
    (stacked((1, "2017-04-30", "current", None), (2, "2018", "current", None)),
     [(1, "superseded", None), (2, "current", 1)]),
    # A retracted report is left out: the chain passes over it.
    (stacked((1, "2017", "superseded", None), (2, "2018", "retracted", 1), (3, "2019", "current", 2)),
     [(3, "current", 1)]),
    (stacked((1, "2017", "superseded", None), (2, "2018", "retracted", 1)), [(1, "current", None)]),
    # The same date: the higher id is the newer; a month counts from its last day.
    (stacked((2, "2017-04-30", "current", None), (1, "2017-04-30", "current", None)),
     [(1, "superseded", None), (2, "current", 1)]),
    (stacked((1, "2017-06", "current", None), (2, "2017-06-15", "current", None)),
     [(2, "superseded", None), (1, "current", 2)]),
    (stacked((1, "2017", "retracted", None)), []),
    ([], []),
])
def test_restack_makes_the_newest_current_and_links_each_to_the_one_before(series: list[Figure],
                                                                          changed: list[tuple]) -> None:
    assert [(f.id, f.status, f.supersedes) for f in restack(series)] == changed


STORED = stacked((1, "2017-04-30", "current", None))


@pytest.mark.parametrize("new,series,status,supersedes", [
    (figure(0, published="2017-06"), STORED, "current", 1),
    (figure(0, published="2016"), STORED, "superseded", None),
    (figure(0, published="2017-04-30"), STORED, "current", 1),  # the same day: a new report ranks after
    (figure(0, published="2018", status="retracted"), STORED, "retracted", None),
    (figure(0, published="2016"), [], "current", None),
])
def test_a_new_figure_is_placed_with_the_status_and_link_it_will_have(new: Figure, series: list[Figure], status: str,
                                                                      supersedes: int | None) -> None:
    placed_figure = placed(new, series)
    assert (placed_figure.id, placed_figure.status, placed_figure.supersedes) == (0, status, supersedes)


def test_a_batch_is_placed_in_publication_order_linking_to_its_own_stand_ins() -> None:
    news = [figure(0, 801, "2017-11-30"), figure(0, 500, "2018", status="retracted"), figure(0, 484, "2017-06-02"),
            figure(0, 200, "2016")]
    batch = placed_together(news, STORED)
    assert [f.value_low for f in batch] == [200, 484, 801, 500]
    assert len({f.id for f in batch}) == 4 and all(f.id > 10**18 for f in batch)
    low, june, november, retracted = batch
    assert [(f.status, f.supersedes) for f in batch] == [
        ("superseded", None), ("superseded", 1), ("current", june.id), ("retracted", None)]
    assert low.supersedes is None and november.supersedes == june.id and retracted.status == "retracted"
