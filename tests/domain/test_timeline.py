"""`timeline`: which report was current on a day, what an answer shows of a series, trends, ages, differences."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain import timeline
from bot.domain.dates import PartialDate
from bot.domain.timeline import Difference, SeriesExcerpt
from tests.domain.figures import figure

# One series of CJTF-OIR reports, at every precision, one of them retracted.
SERIES = [figure(1, 100, "2017-04-30"), figure(2, 200, "2017-06"), figure(3, 300, "2017-11-30", status="retracted"),
          figure(4, 400, "2018"), figure(5, 500, "2019-09-26"), figure(6, 600, "2020-01-15")]
SAME_DAY = figure(7, 700, "2020-01-15")


def at(text: str) -> PartialDate:
    return PartialDate.parse(text)


@pytest.mark.parametrize("published,day,known", [
    ("2017-04-30", date(2017, 4, 30), True),
    ("2017-04-30", date(2017, 4, 29), False),
    # Dated only to its month or year: known from the month's or year's last day.
    ("2017-04", date(2017, 4, 29), False),
    ("2017-04", date(2017, 4, 30), True),
    ("2017", date(2017, 12, 30), False),
    ("2017", date(2017, 12, 31), True),
])
def test_published_by_counts_a_partial_date_from_its_last_day(published: str, day: date, known: bool) -> None:
    assert timeline.published_by(figure(published=published), day) is known


@pytest.mark.parametrize("published,span,within", [
    ("2017-04-15", "2017-04", True),
    ("2017-04", "2017", True),
    ("2017-04", "2017-04", True),
    ("2017", "2017-04", False),
    ("2016-12-31", "2017", False),
    ("2018-01-01", "2017", False),
])
def test_published_within_needs_the_whole_date_inside_the_span(published: str, span: str, within: bool) -> None:
    assert timeline.published_within(figure(published=published), at(span)) is within


# Series "a" (a tie on 30 Jun 2017 and a retraction), series "b", and a figure of no series (its own).
MANY = [figure(1, 1, "2017-04-30", series="a"), figure(2, 2, "2017-06", series="a"),
        figure(3, 3, "2017-06-30", series="a"), figure(4, 4, "2018-01-10", series="a", status="retracted"),
        figure(5, 5, "2017-05-15", series="b"), figure(6, 6, "2017-01", series="")]


@pytest.mark.parametrize("day,current", [
    (date(2017, 1, 30), []),
    (date(2017, 1, 31), [6]),
    (date(2017, 4, 30), [1, 6]),
    (date(2017, 6, 29), [1, 5, 6]),  # figure 2, dated June, is not known before June's last day
    (date(2017, 6, 30), [3, 5, 6]),  # published the same day as figure 2: the higher id is the newer report
    (date(2019, 1, 1), [3, 5, 6]),  # a retracted report is never current
])
def test_current_on_a_day_is_the_newest_of_each_series_known_by_then(day: date, current: list[int]) -> None:
    assert sorted(f.id for f in timeline.current_on(MANY, day)) == current


@pytest.mark.parametrize("answered,since,earlier,count", [
    # The series' first report and the one just before, and with `since` the report current when it began.
    (6, None, [1, 5], 4),
    (6, "2017-09", [1, 2, 5], 4),
    (6, "2019", [1, 4, 5], 4),
    (6, "2020", [1, 5], 4),
    # Nothing current when `since` began: the first report published from then on.
    (6, "2016", [1, 5], 4),
    (6, "2017-04-30", [1, 5], 4),
    (4, None, [1, 2], 2),
    (2, None, [1], 1),
    (1, None, [], 0),
    (1, "2016", [], 0),
    (3, None, [1, 2], 2),  # a retracted report's own history still leaves out nothing but retracted ones
    (7, None, [1, 6], 5),  # published the same day as figure 6, but stored after it
])
def test_an_excerpt_holds_what_a_trend_and_a_change_need(answered: int, since: str | None, earlier: list[int],
                                                         count: int) -> None:
    series = [*SERIES, SAME_DAY]
    found = timeline.excerpt(series, series[answered - 1], at(since) if since else None)
    assert ([f.id for f in found.earlier], found.count) == (earlier, count)


@pytest.mark.parametrize("earlier,count,answered,note", [
    ((), 0, figure(2, 484), None),
    ((figure(1, 352, high=None),), 1, figure(2, 484, "2017-06-02"), "Up from 352 (30 Apr 2017)."),
    ((figure(1, 500, "2018-01"),), 1, figure(2, 450), "Down from 500 (Jan 2018)."),
    ((figure(1, 500, "2018"),), 1, figure(2, 500), "Unchanged from 500 (2018)."),
    ((figure(1, 8194, "2018", high=13249),), 1, figure(2, 9000), "Up from 8,194–13,249 (2018)."),
    ((figure(1, 352, high=None), figure(5, 1335, "2019-09-26")), 9, figure(9, 1400, "2020-01"),
     "Up from 1,335 (26 Sep 2019); the series began at 352 (30 Apr 2017), 10 reports."),
])
def test_a_trend_names_the_previous_report_and_where_the_series_began(earlier: tuple, count: int, answered: object,
                                                                      note: str | None) -> None:
    assert timeline.trend_note(answered, SeriesExcerpt(earlier, count)) == note  # type: ignore[arg-type]


@pytest.mark.parametrize("low,high,shown", [(352, None, "352"), (45, 45, "45"), (8194, 13249, "8,194–13,249")])
def test_short_is_the_number_or_its_range_alone(low: int, high: int | None, shown: str) -> None:
    assert timeline.short(figure(low=low, high=high)) == shown


@pytest.mark.parametrize("published,today,stale_after,note", [
    ("2017-04-30", date(2026, 11, 23), 12, "Published 30 Apr 2017, more than 9 years ago: newer figures may exist."),
    ("2023", date(2026, 11, 23), 12, "Published 2023, more than 2 years ago: newer figures may exist."),
    ("2025-11-23", date(2026, 11, 23), 12, "Published 23 Nov 2025, 1 year ago: newer figures may exist."),
    ("2025-11-24", date(2026, 11, 23), 12, None),
    ("2026-01", date(2026, 11, 23), 12, None),
    ("2026-01", date(2026, 11, 23), 9, "Published Jan 2026, 9 months ago: newer figures may exist."),
    ("2026-10-23", date(2026, 11, 23), 1, "Published 23 Oct 2026, 1 month ago: newer figures may exist."),
    ("2021-11-01", date(2026, 11, 23), 12, "Published 1 Nov 2021, 5 years ago: newer figures may exist."),
])
def test_an_age_note_says_how_old_a_figure_is_once_it_is_stale(published: str, today: date, stale_after: int,
                                                                note: str | None) -> None:
    assert timeline.age_note(figure(published=published), today, stale_after) == note


FROM = "from {} (30 Apr 2017) to {} (2 Jun 2017)"
SAID = "CJTF-OIR did not state this difference itself."


@pytest.mark.parametrize("start,end,low,high,change", [
    ((400, None), (500, None), 100, None, f"rose by 100 {FROM.format(400, 500)}, +25%."),
    ((500, 500), (450, 450), -50, -50, f"fell by 50 {FROM.format(500, 450)}, -10%."),
    ((500, 500), (500, 500), 0, 0, f"did not change: {FROM.format(500, 500)}."),
    ((100, 200), (150, 300), 50, 100, f"rose by 50 to 100 (low and high ends) {FROM.format('100–200', '150–300')}, "
                                      "+50%."),
    ((100, 200), (150, 250), 50, 50, f"rose by 50 {FROM.format('100–200', '150–250')}, +50%."),
    ((0, 0), (10, 10), 10, 10, f"rose by 10 {FROM.format(0, 10)}."),  # no share of nothing
])
def test_a_difference_is_derived_and_said_to_be_tallys(start: tuple[int, int | None], end: tuple[int, int | None],
                                                       low: int, high: int | None, change: str) -> None:
    difference = Difference("CJTF-OIR", figure(1, start[0], high=start[1]),
                            figure(2, end[0], "2017-06-02", high=end[1]))
    assert (difference.low, difference.high) == (low, high)
    assert difference.text("civilians killed") == (
        f"Derived by Tally from two CJTF-OIR reports: its count of civilians killed {change} {SAID}")
    assert difference.to_json() == {"derived": True, "reporter": "CJTF-OIR", "from_figure_id": 1, "to_figure_id": 2,
                                    "change_low": low, "change_high": high, "from_published": "2017-04-30",
                                    "to_published": "2017-06-02"}


@pytest.mark.parametrize("since,start", [
    (None, 1),  # from the series' first report
    ("2016", 1),
    ("2017-09", 2),  # from the report current when September 2017 began
    ("2019", 4),
    ("2020", 5),
])
def test_a_change_since_runs_from_the_report_current_when_it_began(since: str | None, start: int) -> None:
    end = SERIES[5]
    excerpt = timeline.excerpt(SERIES, end, at(since) if since else None)
    difference = timeline.change_since(excerpt, end, at(since) if since else None, "CJTF-OIR")
    assert difference is not None and (difference.reporter, difference.start.id, difference.end.id) == (
        "CJTF-OIR", start, 6)


def test_no_change_is_derived_from_a_single_report() -> None:
    assert timeline.change_since(SeriesExcerpt((), 0), SERIES[0], None, "CJTF-OIR") is None
    assert timeline.change_since(SeriesExcerpt((), 0), SERIES[0], at("2016"), "CJTF-OIR") is None
