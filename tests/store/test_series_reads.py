"""The store's bounded series reads give what the pure definitions give over whole series.

The resolver never reads a series whole: "current on D" is one index probe per series and a trend needs
at most four earlier reports. These tests build random series (mixed date precisions, retractions, reports
published the same day) in the real store and compare its answers with `timeline.current_on` and
`timeline.excerpt` computed over every report.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from bot.domain import timeline
from bot.domain.dates import PartialDate
from bot.domain.models import Figure
from bot.domain.series import restack
from bot.store.repository import Repository

pytestmark = pytest.mark.store

PRECISIONS = ("day", "month", "year")
published_dates = st.builds(
    lambda day, precision: PartialDate(
        day if precision == "day" else date(day.year, day.month if precision == "month" else 1, 1), precision),
    st.dates(date(2015, 1, 1), date(2020, 12, 31)), st.sampled_from(PRECISIONS),
)
reports = st.lists(st.tuples(published_dates, st.booleans()), min_size=1, max_size=12)
series_sets = st.lists(reports, min_size=1, max_size=3)
days = st.dates(date(2014, 6, 1), date(2021, 6, 30))


def store_series(repo: Repository, series_reports: list[list[tuple[PartialDate, bool]]]) -> list[Figure]:
    """Each list a series of CJTF-OIR civilian deaths from a different start; statuses set as the bot sets them."""
    stored: list[Figure] = []
    with repo.transaction() as tx:
        for n, series in enumerate(series_reports):
            start = PartialDate(date(2014 + n, 8, 1), "month")
            added = [tx.add(Figure(
                reporter="cjtf-oir", metric="civilian_deaths", value_low=10 * i + 1, value_high=None,
                actor="coalition", place="iraq_and_syria", period_start=start, published=published,
                status="retracted" if retracted else "superseded", series=f"test|{n}"))
                for i, (published, retracted) in enumerate(series)]
            for figure in restack(added):
                tx.save(figure, figure.version)
            stored += tx.in_series(f"test|{n}")
    return stored


def reset(repo: Repository) -> None:
    with repo.engine.begin() as connection:
        connection.execute(text("DELETE FROM revision"))
        connection.execute(text("DELETE FROM figure WHERE series LIKE :mine"), {"mine": "test|%"})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(series_sets, days, st.data())
def test_current_on_a_day_is_the_newest_report_out_by_then(repo: Repository, series: list, day: date,
                                                           data: st.DataObject) -> None:
    reset(repo)
    stored = store_series(repo, series)
    # Boundaries matter most: the very day a report counts from, and the day before.
    day = data.draw(st.sampled_from([day, *(f.published.last_day for f in stored),
                                     *(date.fromordinal(f.published.last_day.toordinal() - 1) for f in stored)]))
    found = repo.find_figures("civilian_deaths", places=["iraq_and_syria"], actors=["coalition"], as_of=day)
    expected = timeline.current_on(stored, day)
    assert sorted(f.id for f in found if f.series.startswith("test|")) == sorted(f.id for f in expected)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(series_sets, st.one_of(st.none(), published_dates), st.data())
def test_an_excerpt_holds_what_a_trend_and_a_change_need(repo: Repository, series: list,
                                                         since: PartialDate | None, data: st.DataObject) -> None:
    reset(repo)
    stored = store_series(repo, series)
    # "Since" a day a report was published, or counts from, is where "before" and "after" meet.
    since = data.draw(st.sampled_from([since, *(f.published for f in stored),
                                       *(PartialDate(f.published.last_day, "day") for f in stored)]))
    figure = data.draw(st.sampled_from(stored))
    whole = [f for f in stored if f.series == figure.series]
    assert repo.series_excerpt(figure, since) == timeline.excerpt(whole, figure, since)
