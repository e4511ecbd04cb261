"""`dates`: dates known to a precision, and the periods questions ask about."""

from datetime import date

import pytest

from bot.domain.dates import PartialDate, Period, month_span, same_date


@pytest.mark.parametrize("text,precision,iso", [("2014", "year", "2014"), ("2016-11", "month", "2016-11"),
                                                ("2017-04-30", "day", "2017-04-30")])
def test_partial_date_keeps_the_precision_it_was_written_with(text: str, precision: str, iso: str) -> None:
    d = PartialDate.parse(text)
    assert d.precision == precision and str(d) == iso


@pytest.mark.parametrize("bad", ["2017-13", "2017-02-30", "17-04-30", "April 2017", "", "2017/04"])
def test_partial_date_refuses_what_is_not_a_date(bad: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


def test_dates_agree_at_the_coarser_precision() -> None:
    assert PartialDate.parse("2014").agrees(PartialDate.parse("2014-08"))
    assert PartialDate.parse("2014-08-08").agrees(PartialDate.parse("2014-08"))
    assert not PartialDate.parse("2014-06").agrees(PartialDate.parse("2014-08"))
    assert PartialDate.parse("2016-02").last_day == date(2016, 2, 29)


@pytest.mark.parametrize("text,short,long,first,last", [
    ("2014", "2014", "2014", date(2014, 1, 1), date(2014, 12, 31)),
    ("2016-11", "Nov 2016", "November 2016", date(2016, 11, 1), date(2016, 11, 30)),
    ("2017-04-30", "30 Apr 2017", "30 April 2017", date(2017, 4, 30), date(2017, 4, 30)),
])
def test_a_partial_date_reads_as_a_person_writes_it_and_spans_its_precision(text: str, short: str, long: str,
                                                                          first: date, last: date) -> None:
    d = PartialDate.parse(text)
    assert (d.label(), d.label(long=True), d.first_day, d.last_day) == (short, long, first, last)


@pytest.mark.parametrize("value,precision,iso", [
    (date(2017, 4, 30), "year", "2017"),
    (date(2017, 4, 30), "month", "2017-04"),
    (date(2017, 4, 30), "day", "2017-04-30"),
])
def test_of_truncates_to_a_precision_and_coarsen_never_refines(value: date, precision: str, iso: str) -> None:
    assert str(PartialDate.of(value, precision)) == iso  # type: ignore[arg-type]
    assert str(PartialDate.parse(iso).coarsen("day")) == iso
    assert str(PartialDate.parse("2017-04-30").coarsen(precision)) == iso  # type: ignore[arg-type]


@pytest.mark.parametrize("a,b,same", [
    (None, None, True), ("2014", None, False), (None, "2014", False), ("2014", "2014-08", True),
    ("2014-06", "2014-08", False), ("2016-11-01", "2016-11", True),
])
def test_same_date_treats_an_unstated_date_as_a_value_of_its_own(a: str | None, b: str | None, same: bool) -> None:
    assert same_date(PartialDate.parse(a) if a else None, PartialDate.parse(b) if b else None) is same


@pytest.mark.parametrize("period,label,as_json", [
    (Period("since", PartialDate.parse("2016-11")), "since Nov 2016", {"start": "2016-11", "end": None,
                                                                       "mode": "since"}),
    (Period("between", PartialDate.parse("2016-11"), PartialDate.parse("2017-03")), "Nov 2016 – Mar 2017",
     {"start": "2016-11", "end": "2017-03", "mode": "between"}),
    (Period("in", PartialDate.parse("2019")), "in 2019", {"start": "2019", "end": None, "mode": "in"}),
    (Period("as_of", end=PartialDate.parse("2018-06-30")), "as of 30 Jun 2018",
     {"start": None, "end": "2018-06-30", "mode": "as_of"}),
    (Period("between", PartialDate.parse("2016-11")), "any period", {"start": "2016-11", "end": None,
                                                                    "mode": "between"}),
])
def test_a_period_has_a_label_and_a_json_form(period: Period, label: str, as_json: dict[str, str | None]) -> None:
    assert (period.label(), period.as_json()) == (label, as_json)


@pytest.mark.parametrize("start,end,months", [
    ("2016-11", "2017-03", 4), ("2014", "2014-08", 7), ("2017-04-30", "2017-04-01", 0),
])
def test_month_span_counts_whole_months(start: str, end: str, months: int) -> None:
    assert month_span(PartialDate.parse(start), PartialDate.parse(end)) == months
