"""`service`: the rules every front end shares — a filter's names read as a question reads them, and refused when
they name more; a figure added without an actor or a place is about the campaign's."""

from __future__ import annotations

import pytest

from bot.domain.errors import NotFound, UsageError, ValidationError
from bot.domain.models import CLI_EDITOR
from bot.domain.service import Tally


@pytest.mark.parametrize("metric,reporter,keys", [
    ("civilian_deaths", None, ("civilian_deaths", None)),  # a key
    ("Civilian deaths", "CJTF-OIR", ("civilian_deaths", "cjtf-oir")),  # labels
    ("civilians killed", "the pentagon", ("civilian_deaths", "cjtf-oir")),  # aliases
    ("civlian deths", None, ("civilian_deaths", None)),  # typos, read as a question reads them
    (None, "airwar", (None, "airwars")),
    (None, "the Coalition", (None, "cjtf-oir")),  # the reporter that speaks for an actor, as in questions
    ("airwars civilian deaths", None, ("civilian_deaths", "airwars")),  # a metric's words naming its reporter
    ("airwars civilian deaths", "Airwars", ("civilian_deaths", "airwars")),  # twice, agreeing
    ("how many sorties", None, ("strikes", None)),
    (None, None, (None, None)),
])
def test_a_filter_reads_names_as_a_question_does(seeded: Tally, metric: str | None, reporter: str | None,
                                                 keys: tuple[str | None, str | None]) -> None:
    assert seeded.filter_keys(metric, reporter) == keys


@pytest.mark.parametrize("metric,reporter,refusal", [
    ("civilian deaths by Russia", None, "'civilian deaths by Russia' names more than a metric (civilian deaths): "
                                        "also an actor."),
    ("civilian deaths in Mosul", None, "also a place."),
    ("civilians killed in 2016", None, "also a period."),
    ("civilian deaths in narnia", None, "also words it could not read."),
    ("airwars civilian deaths", "cjtf", "also a reporter."),  # two reporters: which one?
    ("zzzz", None, "'zzzz' is not a known metric"),
    ("airwars", None, "'airwars' is not a known metric"),  # a question would guess its main count; a filter won't
    (None, "airwars civilian deaths", "'airwars civilian deaths' is not a known reporter"),
    (None, "nobody", "'nobody' is not a known reporter"),
    (None, "coalition airwars", "'coalition airwars' is not a known reporter"),  # two: which one?
    (None, "russia", "'russia' is not a known reporter"),  # an actor no reporter speaks for
])
def test_a_filter_naming_more_or_nothing_is_refused(seeded: Tally, metric: str | None, reporter: str | None,
                                                    refusal: str) -> None:
    with pytest.raises(NotFound) as refused:
        seeded.filter_keys(metric, reporter)
    assert refusal in str(refused.value)


def test_figures_and_charts_read_filters_alike(seeded: Tally) -> None:
    assert [f.id for f in seeded.figures(metric="airwars civilian deaths")] == [7]
    chart = seeded.chart("airwars civilian deaths")
    assert {line.reporter for line in chart.lines} == {"Airwars"}
    with pytest.raises(NotFound, match="also a place"):
        seeded.chart("civilian deaths in Mosul")
    with pytest.raises(UsageError, match="Name the metric to chart"):
        seeded.chart("")


@pytest.mark.parametrize("given,stored", [
    ({}, ("coalition", "iraq_and_syria")),  # none: the campaign's
    ({"actor": "  ", "place": ""}, ("coalition", "iraq_and_syria")),  # blank is none
    ({"place": "mosul"}, ("coalition", "mosul")),
    ({"actor": "russia", "place": "syria"}, ("russia", "syria")),
])
def test_a_figure_added_without_actor_or_place_is_about_the_campaigns(tally: Tally, given: dict[str, str],
                                                                      stored: tuple[str, str]) -> None:
    fields: dict[str, str | None] = {"reporter": "Airwars", "metric": "strikes", "value_low": "1200",
                                     "published": "2018-01-01", **given}
    figure = tally.add_figure(fields, CLI_EDITOR, "Airwars annual report")
    assert (figure.actor, figure.place) == stored


# Found by trying the filters and `figure add` with inputs nobody had written a test for.

@pytest.mark.parametrize("metric,keys", [
    ("airwars count", ("civilian_deaths", "airwars")),  # `ask "airwars count"` answers Airwars' alone
    ("coalition count", ("civilian_deaths", "cjtf-oir")),  # `ask "coalition count"` answers CJTF-OIR's alone
])
def test_a_metric_alias_naming_a_reporter_keeps_the_reporter(seeded: Tally, metric: str,
                                                             keys: tuple[str, str]) -> None:
    assert seeded.filter_keys(metric, None) == keys


def test_a_metric_alias_naming_another_reporter_than_the_filters_is_refused(seeded: Tally) -> None:
    # as ("airwars civilian deaths", "cjtf") is: listing CJTF-OIR's figures for "airwars count" names the wrong one
    with pytest.raises(NotFound, match="also a reporter"):
        seeded.filter_keys("airwars count", "cjtf")


@pytest.mark.parametrize("metric", [
    "sorties and civilian deaths in mosul",  # listed the strikes, dropping "civilian deaths in mosul"
    "civilian deaths? civilian deaths in yemen",  # listed every civilian death count, Yemen dropped
    "civilian deaths. strikes by russia",
    "civilian deaths and strikes",  # two metrics: listed only the first
])
def test_a_filter_of_several_parts_is_refused(seeded: Tally, metric: str) -> None:
    with pytest.raises(NotFound, match="names more than a metric"):
        seeded.filter_keys(metric, None)


def test_a_figure_published_before_the_campaign_began_is_refused(tally: Tally) -> None:
    # 2010 for 2017: a figure of a campaign that began in August 2014 cannot be published in 2010
    fields: dict[str, str | None] = {"reporter": "Airwars", "metric": "civilian deaths", "value_low": "10",
                                     "value_high": "10", "published": "2010-01-01"}
    with pytest.raises(ValidationError, match="2010-01-01 is before Operation Inherent Resolve began"):
        tally.add_figure(fields, CLI_EDITOR, "typo in the year")
    assert all(f.published.label() != "1 Jan 2010" for f in tally.figures(None))


@pytest.mark.parametrize("metric,reporter,keys", [
    (" ", None, (None, None)), ("  civilian deaths ", " ", ("civilian_deaths", None)), (None, "\t", (None, None)),
])
def test_a_blank_filter_is_no_filter(seeded: Tally, metric: str | None, reporter: str | None,
                                     keys: tuple[str | None, str | None]) -> None:
    assert seeded.filter_keys(metric, reporter) == keys


@pytest.mark.parametrize("metric,reporter", [("please " * 40 + "civilian deaths", None), ("strikes", "x" * 201)])
def test_a_filter_name_longer_than_any_name_is_refused_without_echoing_it(seeded: Tally, metric: str,
                                                                         reporter: str | None) -> None:
    with pytest.raises(UsageError) as refused:
        seeded.filter_keys(metric, reporter)
    assert "a name is at most 200" in str(refused.value) and "please please" not in str(refused.value)

