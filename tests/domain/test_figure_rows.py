"""A row of text becomes a FigureRecord, or every problem with it is said at once; a figure becomes a row again.
Against the vocabulary of data/, no store."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain import limits, vocabulary_files
from bot.domain.dates import PartialDate
from bot.domain.errors import ValidationError
from bot.domain.figure_rows import COLUMNS, Row, repeats, split_value, to_row, validate
from bot.domain.lexicon import Lexicon
from bot.domain.models import Figure, FigureRecord
from tests.conftest import DATA_DIR

VOCABULARY = vocabulary_files.load(DATA_DIR)
LEXICON = Lexicon(VOCABULARY)
TODAY = date(2026, 11, 23)
ROW = {"reporter": "Airwars", "metric": "civilian_deaths", "value_low": "1,024", "actor": "US-led Coalition",
       "place": "mosul", "published": "2017-06"}


def checked(**changes: str) -> tuple[Row | None, list[str]]:
    row, problems = validate({**ROW, **changes}, "line 2", VOCABULARY, LEXICON, TODAY)
    return row, [f"{p.field} {p.message}" for p in problems]


@pytest.mark.parametrize(("changes", "expected"), [
    ({}, {"reporter": "airwars", "value_low": 1024, "value_high": None, "actor": "coalition", "place": "mosul",
          "published": PartialDate(date(2017, 6, 1), "month"), "period_start": None}),
    ({"value_high": "2000", "period_start": "2017"}, {"value_high": 2000,
                                                      "period_start": PartialDate(date(2017, 1, 1), "year")}),
    ({"excludes": "Yemen; yemen", "qualifier": "  at least "}, {"excludes": ("yemen",), "qualifier": "at least"}),
    ({"title": "", "outlet": "RT News; The Hill"}, {"title": None, "outlet": "RT News; The Hill"}),
])
def test_a_valid_row_is_a_record_of_vocabulary_keys(changes: dict[str, str], expected: dict[str, object]) -> None:
    row, problems = checked(**changes)
    assert problems == [] and row is not None
    assert {k: getattr(row.record, k) for k in expected} == expected


@pytest.mark.parametrize(("changes", "problem"), [
    ({"reporter": ""}, "reporter is required"),
    ({"value_low": "-3"}, "value_low '-3' is not a whole number >= 0"),
    ({"value_low": "1,00"}, "value_low '1,00' is not a whole number >= 0"),
    ({"value_low": "2000000000000"}, "value_low 2,000,000,000,000 is larger than 1,000,000,000,000"),
    ({"value_high": "10"}, "value_high 10 is below value_low 1,024; give the range low to high"),
    ({"published": "2027"}, "published 2027 is in the future"),
    ({"published": "2010-06"}, "published 2010-06 is before Operation Inherent Resolve began (2014-08); check the "
                               "year"),
    ({"published": "2014-07-31"}, "published 2014-07-31 is before Operation Inherent Resolve began (2014-08); check "
                                  "the year"),
    ({"period_start": "2017-07"}, "period_start 2017-07 is after the publication date 2017-06"),
    ({"place": "mosull"}, "place 'mosull' is not a known place; did you mean 'mosul'? (or teach a new word with "
                          "`alias add place`)"),
    ({"excludes": "atlantis"}, "excludes 'atlantis' is not a known place or actor"),
    ({"url": "ftp://example.org/x"}, "url 'ftp://example.org/x' is not an http(s) link"),
    ({"id": "x1"}, "id 'x1' is not a figure id; leave it empty to add a new figure"),
    ({"status": "gone"}, "status 'gone' is not one of current, superseded, retracted"),
])
def test_a_row_that_breaks_a_rule_says_which_and_why(changes: dict[str, str], problem: str) -> None:
    row, problems = checked(**changes)
    assert row is None and problems == [problem]


@pytest.mark.parametrize(("field", "limit"), sorted(limits.FIGURE_TEXT.items()))
def test_each_text_field_holds_its_limit_and_not_one_character_more(field: str, limit: int) -> None:
    # An http link and a list of places are still checked as such: filled with what they allow at any length.
    fill = {"url": "https://example.org/", "excludes": "yemen;"}.get(field, "x")
    at_limit = (fill * limit)[:limit].rstrip(";")
    assert checked(**{field: at_limit})[1] == []
    assert checked(**{field: at_limit + "x" * (limit + 1 - len(at_limit))})[1][0] == \
        f"{field} is {limit + 1} characters; at most {limit}"


def test_every_problem_of_a_row_is_said_at_once() -> None:
    _, problems = checked(reporter="nobody", value_low="", published="soon")
    assert [p.split()[0] for p in problems] == ["value_low", "reporter", "published"]


@pytest.mark.parametrize(("typed", "fields"), [
    ("45", {"value_low": "45", "value_high": "45"}),
    ("352+", {"value_low": "352", "value_high": ""}),
    (" 8,194 - 13,249 ", {"value_low": "8,194", "value_high": "13,249"}),
    ("8194–13249", {"value_low": "8194", "value_high": "13249"}),
])
def test_a_value_as_people_write_it_is_split_into_low_and_high(typed: str, fields: dict[str, str]) -> None:
    assert split_value(typed) == fields


@pytest.mark.parametrize("typed", ["", "many", "352++", "-5", "1-2-3"])
def test_a_value_that_is_no_number_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="is not a number"):
        split_value(typed)


def test_a_figure_written_as_a_row_reads_back_as_the_same_record() -> None:
    row, _ = checked(value_high="2000", period_start="2017", excludes="yemen", quote="“at least”", url="https://a.b/c")
    assert row is not None
    figure = Figure(**row.record.content(), id=7, status="superseded")
    written = to_row(figure, VOCABULARY)
    assert list(written) == list(COLUMNS)
    assert written["id"] == "7" and written["status"] == "superseded" and written["reporter"] == "Airwars"
    again, problems = validate(dict[str, str | None](written), "line 3", VOCABULARY, LEXICON, TODAY)
    assert problems == [] and again is not None and again.record == row.record and again.id == 7


def record(value: int, published: str = "2017-06") -> FigureRecord:
    row, _ = checked(value_low=str(value), published=published)
    assert row is not None
    return row.record


@pytest.mark.parametrize(("rows", "problems"), [
    ([Row("line 2", None, record(10), None), Row("line 3", None, record(11), None)], []),
    ([Row("line 2", None, record(10), None), Row("line 3", None, record(10, "2017-06-30"), None)],
     ["line 3 row repeats the figure at line 2"]),
    ([Row("line 2", 4, record(10), None), Row("line 3", 4, record(11), None)],
     ["line 3 id figure 4 is already given at line 2"]),
    ([Row("line 2", 4, record(10), None), Row("line 3", None, record(10), None)], []),
])
def test_a_file_that_gives_a_figure_twice_is_told_where(rows: list[Row], problems: list[str]) -> None:
    assert [f"{p.where} {p.field} {p.message}" for p in repeats(rows)] == problems
