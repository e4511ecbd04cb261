"""`date_phrases`: the period a question asks about, in every way people write it."""

from datetime import date

import pytest

from bot.domain.date_phrases import read_period
from bot.domain.dates import PartialDate, Period
from bot.domain.text import normalize

TODAY = date(2026, 11, 23)
START = PartialDate.parse("2014-08")
WORDS = ("operation inherent resolve", "the operation", "operation", "oir", "the campaign", "campaign")


def period(question: str) -> Period | None:
    return read_period(normalize(question), TODAY, START, WORDS).period


@pytest.mark.parametrize("question", [
    "civilians since Nov 2016", "since november 2016", "since 11/2016", "since 2016/11", "since 2016-11",
    "since nov '16", "since novmber 2016", "since nov. 2016", "from nov 2016", "after november 2016",
    # month.year with a dot, and the words "month" and "year" around the names (as Arabic writes a date).
    "deaths since 11.2016", "since 11.2016 how many", "since the month of november 2016",
    "since november of the year 2016", "since the month of november, year 2016", "depuis le mois de novembre 2016",
    "seit 11.2016", "desde 11.2016",
    "\u0645\u0646\u0630 \u0634\u0647\u0631 \u0646\u0648\u0641\u0645\u0628\u0631 \u0639\u0627\u0645 "
    "\u0662\u0660\u0661\u0666",
    "\u0645\u0646\u0630 \u0634\u0647\u0631 \u062a\u0634\u0631\u064a\u0646 \u0627\u0644\u062b\u0627\u0646\u064a "
    "\u0662\u0660\u0661\u0666",
])
def test_every_way_of_writing_november_2016(question: str) -> None:
    assert period(question) == Period("since", PartialDate.parse("2016-11"))


def test_between_infers_the_year_of_a_bare_end_month() -> None:
    assert period("between November 2016 and March") == Period(
        "between", PartialDate.parse("2016-11"), PartialDate.parse("2017-03"))


def test_in_a_year_as_of_and_the_start_of_the_operation() -> None:
    assert period("in 2019") == Period("in", PartialDate.parse("2019"))
    assert period("as of 2018") == Period("as_of", end=PartialDate.parse("2018"))
    assert period("at the end of 2017") == Period("as_of", end=PartialDate.parse("2017"))
    assert period("by June 2017") == Period("as_of", end=PartialDate.parse("2017-06"))
    assert period("since the beginning of operation inherent resolve") == Period("since", START)
    assert period("since the campaign began") == Period("since", START)


def test_a_month_word_used_as_a_verb_is_not_a_date() -> None:
    assert period("how many may have died") is None
    assert period("civilian deaths") is None


def test_a_future_date_is_reported_as_a_problem() -> None:
    reading = read_period(normalize("since 2031"), TODAY, START, WORDS)
    assert reading.problem and "future" in reading.problem


def test_before_a_year_is_the_end_of_the_year_before() -> None:
    assert period("civilian deaths before 2017") == Period("as_of", end=PartialDate.parse("2016-12-31"))
    assert period("civilian deaths up to 2017") == Period("as_of", end=PartialDate.parse("2017"))


def test_a_range_of_months_written_with_a_dash() -> None:
    assert period("incidents nov 2016-mar 2017") == Period("between", PartialDate.parse("2016-11"),
                                                           PartialDate.parse("2017-03"))
    found = period("incidents nov-mar")
    assert found is not None and found.mode == "between" and found.start is not None and found.end is not None
    assert (found.start.value.month, found.end.value.month) == (11, 3)


@pytest.mark.parametrize("question,day", [
    # The day first: written with dots, in another language, or when the first number is over 12.
    ("zivile opfer seit 3.11.2016", "2016-11-03"),
    ("muertes civiles desde el 03/11/2016", "2016-11-03"),
    ("civils tués depuis le 3/11/2016", "2016-11-03"),
    ("civilians since 30/11/2016", "2016-11-30"),
    # In English the month comes first, as in "11/16".
    ("civilians since 11/03/2016", "2016-11-03"),
    ("civilians since 11/30/2016", "2016-11-30"),
])
def test_a_full_numeric_date_is_read_to_the_day(question: str, day: str) -> None:
    assert period(question) == Period("since", PartialDate.parse(day))


def test_a_numeric_date_that_is_no_date_is_left_alone() -> None:
    assert period("civilians since 31/31/2016") != Period("since", PartialDate.parse("2016-12-31"))
