"""`incidents.records`: the incident file — every row validated, a file with any problem refused whole."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from bot.domain.errors import ValidationError
from bot.domain.incidents.records import COLUMNS, dump, parse, validate
from tests.incidents.conftest import INCIDENT_FILE

LINES = INCIDENT_FILE.read_text(encoding="utf-8").splitlines()
FIRST = next(csv.DictReader(io.StringIO("\n".join(LINES[:2]))))


@pytest.mark.parametrize("change,problems", [
    ({"code": ""}, ["line 2, code: is empty; every incident needs it"]),
    ({"code": "DROP TABLE"}, ["line 2, code: 'DROP TABLE' is not an Airwars code such as CS1706"]),
    ({"airwars_id": "abc"}, ["line 2, airwars_id: 'abc' is not Airwars' numeric id"]),
    ({"airwars_id": "2147483648"}, ["line 2, airwars_id: '2147483648' is not Airwars' numeric id"]),
    ({"date": "2014-02-30"}, ["line 2, date: '2014-02-30' is not a date; write YYYY-MM-DD"]),
    ({"date_end": "2014-09-20"}, ["line 2, date_end: 2014-09-20 is before the start date 2014-09-23"]),
    ({"url": "ftp://example.org"}, ["line 2, url: must be an http(s) link"]),
    ({"civilians_killed_min": "-3"},
     ["line 2, civilians_killed_min: '-3' is not a whole number of people (0 or more)"]),
    ({"women_killed_max": "10000001"},
     ["line 2, women_killed_max: '10000001' is not a whole number of people (0 or more)"]),
    ({"latitude": "north"}, ["line 2, latitude: 'north' is not a number"]),
    ({"status": "deleted"}, ["line 2, status: 'deleted' is not current or retracted"]),
    ({"place": "x" * 201}, ["line 2, place: is 201 characters; at most 200"]),
    # Every problem of a row at once.
    ({"code": "", "date": "soon", "url": "x"}, ["line 2, code: is empty; every incident needs it",
                                               "line 2, date: 'soon' is not a date; write YYYY-MM-DD",
                                               "line 2, url: must be an http(s) link"]),
])
def test_each_rule_of_a_row_is_named(change: dict[str, str], problems: list[str]) -> None:
    incident, found = validate({**FIRST, **change}, "line 2")
    assert incident is None and [str(p) for p in found] == problems


@pytest.mark.parametrize("change,read", [
    ({}, {"code": "CS001", "airwars_id": 30925, "date": date(2014, 9, 23), "killed_min": 13, "killed_max": 18,
          "injured_min": 15, "children_max": 5, "conceded_min": None, "latitude": 36.177, "status": "current"}),
    ({"code": "CS314 RS1274"}, {"codes": ("CS314", "RS1274")}),
    ({"civilians_killed_min": "", "status": "retracted"}, {"killed_min": None, "status": "retracted"}),
    # Kept as published even when impossible; a coordinate off the planet is left out.
    ({"children_killed_min": "40"}, {"children_min": 40, "killed_max": 18}),
    ({"latitude": "4239.00416", "longitude": "10000000"}, {"latitude": 4239.00416, "longitude": None}),
    ({"place": "  Kafr Daryan  "}, {"place": "Kafr Daryan"}),
])
def test_a_valid_row_is_read_as_published(change: dict[str, str], read: dict[str, object]) -> None:
    incident, problems = validate({**FIRST, **change}, "line 2")
    assert problems == [] and incident is not None
    assert {k: getattr(incident, k) for k in read} == read


@pytest.mark.parametrize("content,problem", [
    ("code,date\nCS001,2014-09-23\n", "line 1, header: has no airwars_id column"),
    (",".join(COLUMNS) + "\n", "file: holds no incidents"),
    (b"\xff\xfe" + LINES[0].encode("utf-16-le"), "file: is not UTF-8 text"),
    ("\n".join([LINES[0], LINES[1], LINES[1].replace("CS001,", "CS002,", 1)]),
     "line 3, airwars_id: 30925 is also on line 2"),
])
def test_a_file_with_any_problem_is_refused_whole(content: str | bytes, problem: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse(content)
    assert problem in str(refused.value)


def test_a_dumped_file_reads_back_as_the_same_incidents() -> None:
    incidents = parse("\n".join(LINES[:6]) + "\n")
    assert [i.code for i in incidents] == [line.split(",", 1)[0] for line in LINES[1:6]]
    dumped = dump(incidents)
    assert dumped.splitlines()[0] == ",".join((*COLUMNS, "status"))
    assert parse(dumped) == incidents
    assert parse(dumped.encode("utf-8-sig")) == incidents
