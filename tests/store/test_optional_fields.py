"""Figures with and without each optional field (a period start above all): adds, edits, supersedes and imports
never crash, on the real store (SQLite here, PostgreSQL in CI)."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain import figure_files
from bot.domain.dates import PartialDate, same_date
from bot.domain.errors import TallyError, UsageError
from bot.domain.models import Editor, FigureRecord
from bot.domain.service import Tally
from bot.store.engine import open_store
from tests.conftest import DATA_DIR, today

pytestmark = [pytest.mark.store, pytest.mark.moderation]
MOD = Editor("1001", "moderator")
METRICS = ("civilian_deaths", "strikes", "strikes_no_civcas", "civcas_incidents", "incidents_under_assessment")
REQUIRED = {"reporter": "CJTF-OIR", "value_low": "484", "value_high": "", "actor": "US-led Coalition",
            "place": "Iraq and Syria", "published": "2017-06-02"}
OPTIONAL = {"qualifier": "at least", "period_start": "2016-11", "period_end": "2017-05", "title": "CJTF-OIR release",
            "outlet": "CENTCOM", "url": "https://example.org/release", "quote": "at least 484 ...",
            "notes": "said plainly", "excludes": "yemen"}


@pytest.mark.parametrize("metric", METRICS)
def test_an_add_with_only_the_required_fields_works_for_every_metric(tally: Tally, metric: str) -> None:
    added = tally.add_figure({**REQUIRED, "metric": metric}, MOD, "June release")
    assert added.period_start is None and added.status == "current"
    again = tally.add_figure({**REQUIRED, "metric": metric, **OPTIONAL}, MOD, "June release, in full")
    assert str(again.period_start) == "2016-11"


def test_a_figure_of_a_series_with_no_period_start_is_added_with_every_option(tally: Tally) -> None:
    """The issue's second crash: the seed's "incidents still being assessed" figure has no period start."""
    added = tally.add_figure({**REQUIRED, **OPTIONAL, "metric": "incidents under assessment", "value_low": "40",
                              "value_high": "40"}, MOD, "June release")
    assert added.value_low == 40 and tally.figure(6).status == "current"
    same_as_seed: dict[str, str | None] = {**REQUIRED, "metric": "incidents_under_assessment", "value_low": "42",
                                           "value_high": "42", "published": "2017-04-30"}
    with pytest.raises(UsageError, match="already held as figure 6"):
        tally.add_figure(same_as_seed, MOD, "restated")


def test_edits_and_supersedes_of_figures_with_no_period_start(tally: Tally) -> None:
    edited = tally.edit_figure(6, {"value_low": "43", "value_high": "43"}, MOD, "typo", expected_version=1,
                               keep_quote=True)
    assert edited.value_low == 43 and edited.period_start is None
    dated = tally.edit_figure(6, {"period_start": "2017-01"}, MOD, "the release says from January")
    assert str(dated.period_start) == "2017-01"
    newer = tally.supersede_figure(4, {"value_low": "20", "value_high": "20", "published": "2017-06-02"}, MOD,
                                   "June release")
    assert newer.period_start is None and tally.figure(4).status == "superseded"


def test_importing_the_projects_own_seed_file_recognises_every_figure(tally: Tally) -> None:
    rows = tally.read_file((DATA_DIR / "figures.csv").read_bytes(), "figures.csv")
    assert tally.preview_import(rows).summary() == "7 already held"
    assert tally.import_rows(rows, MOD, "the seed again").summary() == "7 already held"
    assert len(tally.figures(None)) == 7


def test_an_import_row_with_no_period_start_is_added_beside_figures_with_one(tally: Tally) -> None:
    csv = ("reporter,metric,value_low,actor,place,published\n"
           "CJTF-OIR,incidents_under_assessment,38,US-led Coalition,Iraq and Syria,2017-06-02\n"
           "CJTF-OIR,civilian_deaths,484,US-led Coalition,Iraq and Syria,2017-06-02\n")
    plan = tally.import_rows(tally.read_file(csv, "new.csv"), MOD, "June release")
    assert plan.summary() == "2 to add"
    assert tally.figure(6).status == "superseded", "the newer figure of the no-start series is current"
    assert tally.figure(1).status == "current", "a figure with no start is not of the series counted from 2014"


# -- properties: any mix of optional fields -------------------------------------------------------------------

def _optional_fields() -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({}, optional={k: st.just(v) for k, v in OPTIONAL.items()})


DATES = st.one_of(st.none(), st.sampled_from(["2014", "2014-08", "2016-11", "2016-11-01", "2017-04-30"]).map(
    PartialDate.parse))


@given(a=DATES, b=DATES)
def test_same_date_handles_unstated_dates(a: PartialDate | None, b: PartialDate | None) -> None:
    assert same_date(a, b) == same_date(b, a)
    assert same_date(a, a)
    assert same_date(a, None) == (a is None)


@given(start_a=DATES, start_b=DATES, end=DATES, high=st.sampled_from([None, 45]))
def test_comparing_any_two_records_never_fails(start_a: PartialDate | None, start_b: PartialDate | None,
                                               end: PartialDate | None, high: int | None) -> None:
    published = PartialDate.parse("2017-04-30")
    a = FigureRecord("cjtf-oir", "civilian_deaths", 45, high, "coalition", "iraq_syria", start_a, published, end)
    b = FigureRecord("cjtf-oir", "civilian_deaths", 45, high, "coalition", "iraq_syria", start_b, published)
    assert a.same_report(b) == b.same_report(a) == same_date(start_a, start_b)


@pytest.fixture(scope="module")
def shared() -> Tally:
    """One store for the many property examples (SQLite in memory; the examples only add to it)."""
    return Tally(open_store("sqlite://", DATA_DIR, today), today)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(metric=st.sampled_from(METRICS), fields=_optional_fields(), change=_optional_fields(),
       day=st.integers(min_value=1, max_value=28))
def test_add_edit_and_import_of_any_optional_fields_never_crash(shared: Tally, metric: str, fields: dict[str, str],
                                                                change: dict[str, str | None], day: int) -> None:
    published = date(2017, 6, day).isoformat()
    row: dict[str, str | None] = {**REQUIRED, "metric": metric, "published": published, **fields}
    try:
        added = shared.add_figure(row, MOD, "property")
    except TallyError:
        return  # refused with a message (a repeat of a figure already held): never a crash
    assert (added.period_start is None) == ("period_start" not in fields)
    with contextlib.suppress(TallyError):  # nothing to change, or the same as before: said, not crashed
        shared.edit_figure(added.id, change, MOD, "property edit")
    exported = figure_files.dump([shared.figure(added.id)], shared.refresh().vocabulary, "csv")
    as_new = "\n".join(line.split(",", 1)[1] for line in exported.splitlines())  # without the id: a new row
    plan = shared.preview_import(shared.read_file(as_new, "again.csv"))
    assert plan.summary() == "1 already held"
