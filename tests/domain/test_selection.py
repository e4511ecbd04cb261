"""Selection over the seed figures of data/ read as records (no store): which figure answers, and how well."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from bot.domain import figure_files, vocabulary_files
from bot.domain.answers import AnswerItem, Candidate, Names
from bot.domain.dates import PartialDate, Period
from bot.domain.lexicon import Lexicon
from bot.domain.models import Figure, Term
from bot.domain.selection import Scope, best_per_reporter, comparison, fit, nearest_starts
from tests.conftest import DATA_DIR

VOCABULARY = vocabulary_files.load(DATA_DIR)
ROWS = figure_files.parse((DATA_DIR / "figures.csv").read_bytes(), VOCABULARY, Lexicon(VOCABULARY), date(2026, 11, 23),
                     "csv")
FIGURES = [Figure(**{f.name: getattr(row.record, f.name) for f in fields(row.record)}, id=n, series=str(n))
           for n, row in enumerate(ROWS, start=1)]


def metric(key: str) -> Term:
    found = VOCABULARY.term("metric", key)
    assert found is not None, f"the vocabulary has the metric {key}"
    return found


DEATHS = metric("civilian_deaths")


def by_value(value: int) -> Figure:
    return next(f for f in FIGURES if f.value_low == value)


def since(text: str) -> Period:
    return Period("since", PartialDate.parse(text))


@pytest.mark.parametrize("value,period,place,actor,match,difference", [
    (352, None, None, None, "exact", None),
    (45, since("2016-11"), None, None, "exact", None),
    (3164, since("2014-08"), None, None, "exact", None),
    (352, since("2016-11"), None, None, "partial", "No figure counts from Nov 2016; the nearest counts from 2014."),
    (352, None, "iraq", None, "partial", "No figure covers Iraq alone; the nearest covers Iraq and Syria."),
    (352, None, None, "us", "partial", "No figure counts strikes by United States alone; the nearest counts strikes "
                                       "by the US-led Coalition, which includes them."),
    (352, Period("in", PartialDate.parse("2016")), None, None, "partial",
     "No figure covers 2016 alone; the nearest covers 2014 – 30 Apr 2017."),
    (45, Period("between", PartialDate.parse("2013-01"), PartialDate.parse("2013-12")), None, None, None, None),
])
def test_fit(value: int, period: Period | None, place: str | None, actor: str | None, match: str | None,
             difference: str | None) -> None:
    found = fit(by_value(value), Scope(DEATHS, (), actor, place, period), VOCABULARY)
    if match is None:
        assert found is None
        return
    assert found is not None and found.match == match
    assert (" ".join(found.differences) or None) == difference


def test_a_report_current_in_the_span_asked_is_never_exact() -> None:
    found = fit(by_value(352), Scope(DEATHS, (), None, None, Period("in", PartialDate.parse("2017"))), VOCABULARY,
                reported_then=True)
    assert found is not None and found.match == "partial"
    assert found.differences[0].startswith("No figure counts 2017 alone; this is the count as reported in 30 Apr 2017")


def test_the_best_figure_of_each_reporter_exact_first() -> None:
    scope = Scope(DEATHS, (), None, None, since("2016-11"))
    candidates = [c for f in FIGURES if f.metric == "civilian_deaths" if (c := fit(f, scope, VOCABULARY))]
    best = best_per_reporter(candidates)
    assert {(c.figure.reporter, c.figure.value_low, c.match) for c in best} == {
        ("cjtf-oir", 45, "exact"), ("airwars", 3164, "partial")}


def test_a_count_starting_years_before_the_asked_start_gives_way_to_a_near_one() -> None:
    start = PartialDate.parse("2016-10")
    scope = Scope(DEATHS, (), None, None, Period("since", start))
    chosen = best_per_reporter([c for f in FIGURES if f.metric == "civilian_deaths"
                                if (c := fit(f, scope, VOCABULARY))])
    assert [c.figure.value_low for c in nearest_starts(chosen, start)] == [45]
    far = PartialDate.parse("2015")
    assert len(nearest_starts(chosen, far)) == len(chosen), "nothing near: every nearest figure stays"


def item(value: int, match: str = "exact") -> AnswerItem:
    f = by_value(value)
    names = Names("civilian deaths", "civilians killed", VOCABULARY.label("reporter", f.reporter), "US-led Coalition",
                  "Iraq and Syria")
    return AnswerItem(f, names, match)  # type: ignore[arg-type]


def test_comparison_gives_ratio_and_difference_and_only_between_exact_figures() -> None:
    assert comparison((item(352), item(3164))) == "Airwars' count is 9.0× CJTF-OIR's, 2,812 more."
    assert comparison((item(352), item(3164, "partial"))) is None
    said = comparison((item(45), item(3164)))
    assert said and "They count different periods: Airwars since Aug 2014, CJTF-OIR since Nov 2016." in said


def test_candidates_rank_exact_then_nearest() -> None:
    near = Candidate(by_value(45), "partial", 1.0)
    far = Candidate(by_value(352), "partial", 26.0)
    assert best_per_reporter([far, near]) == [near]
