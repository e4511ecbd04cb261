"""`charts`: what a chart of a metric over time shows (drawing it is bot/charts.py's job)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.charts import ChartPoint, chart_data
from bot.domain.models import Figure
from tests.domain.figures import VOCABULARY, figure

FROM_START = [
    figure(1, 352, "2017-04-30", high=None, start="2014", series="c|op", outlet="RT News; The Hill"),
    figure(9, 484, "2017-06-02", high=None, start="2014-08", series="c|op", outlet="CENTCOM"),
    figure(10, 801, "2017-11-30", high=None, series="c|op", status="retracted", outlet="Nobody"),
]
# More reports, but not counted from the operation's start: not CJTF-OIR's line.
SINCE_2016 = [figure(n, 40 + n, f"2017-0{n}", start="2016-11", series="c|2016") for n in (2, 3, 4, 5)]
AIRWARS = [
    figure(8, 8194, "2018", high=13249, reporter="airwars", series="a|op", outlet="RT News"),
    figure(7, 3164, "2017-04-30", reporter="airwars", series="a|op", outlet="RT News; The Hill"),
]


def points(figures: list[Figure]) -> list[list[tuple[date, int, int | None, str, str]]]:
    chart = chart_data(figures, VOCABULARY, "civilian_deaths")
    return [[(p.when, p.low, p.high, p.published, p.label) for p in line.points] for line in chart.lines]


def test_one_line_per_reporter_in_the_vocabularys_order_from_the_operations_start() -> None:
    chart = chart_data(AIRWARS + SINCE_2016 + FROM_START, VOCABULARY, "civilian_deaths")
    assert (chart.title, chart.unit, chart.reports) == (
        "Civilian deaths since Aug 2014, as reported over time", "civilians killed", 4)
    assert [(line.reporter, line.outlets) for line in chart.lines] == [
        ("CJTF-OIR", ("RT News", "The Hill", "CENTCOM")), ("Airwars", ("RT News", "The Hill"))]
    assert points(AIRWARS + SINCE_2016 + FROM_START) == [
        [(date(2017, 4, 30), 352, None, "30 Apr 2017", "≥352"), (date(2017, 6, 2), 484, None, "2 Jun 2017", "≥484")],
        [(date(2017, 4, 30), 3164, 3164, "30 Apr 2017", "3,164"),
         (date(2018, 1, 1), 8194, 13249, "2018", "8,194–13,249")],
    ]
    assert chart.caption == ("Sources: CJTF-OIR via RT News, The Hill, CENTCOM; Airwars via RT News, The Hill. "
                             "≥ marks an open-ended figure (\"at least\"); a band spans a reported range.")


@pytest.mark.parametrize("figures,lines", [
    # With no series from the operation's start, a reporter's longest series is its line.
    ([*SINCE_2016, figure(6, 99, "2019", start="2015", series="c|2015")], [[42, 43, 44, 45]]),
    (FROM_START[2:], []),  # only retracted reports: nothing to draw
    ([figure(1, 5, "2018", series="x|1", reporter="ibc"), figure(2, 6, "2017", series="x|1", reporter="ibc"),
      figure(3, 7, "2017", series="a|1", reporter="airwars")], [[7], [6, 5]]),  # a reporter not in the vocabulary last
])
def test_the_main_series_of_each_reporter_is_drawn_oldest_first(figures: list[Figure], lines: list[list[int]]) -> None:
    assert [[p[1] for p in line] for line in points(figures)] == lines


def test_a_reporter_without_outlets_is_cited_for_its_own_reports_and_unknown_keys_shown_as_they_are() -> None:
    chart = chart_data([figure(1, 5, reporter="ibc", metric="cats")], VOCABULARY, "cats")
    assert (chart.title, chart.unit, [line.reporter for line in chart.lines]) == (
        "Cats since Aug 2014, as reported over time", "cats", ["ibc"])
    assert chart.caption.startswith("Sources: ibc via its own reports. ")


@pytest.mark.parametrize("low,high,label", [(352, None, "≥352"), (45, 45, "45"), (1000, 2500, "1,000–2,500")])
def test_a_point_is_labelled_as_its_value_reads(low: int, high: int | None, label: str) -> None:
    assert ChartPoint(date(2017, 1, 1), low, high, "2017").label == label
