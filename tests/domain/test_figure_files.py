"""The figures file, CSV or JSON: read into validated rows (every problem named, nothing half read) and written
back so that it reads again as it was. Against the vocabulary of data/, no store."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from bot.domain import vocabulary_files
from bot.domain.errors import ValidationError
from bot.domain.figure_files import (
    MAX_BYTES,
    Format,
    detect_format,
    dump,
    escape_cell,
    parse,
    unescape_cell,
    write,
)
from bot.domain.figure_rows import COLUMNS
from bot.domain.lexicon import Lexicon
from bot.domain.models import Figure
from tests.conftest import DATA_DIR

VOCABULARY = vocabulary_files.load(DATA_DIR)
LEXICON = Lexicon(VOCABULARY)
TODAY = date(2026, 11, 23)
HEADER = "reporter,metric,value_low,actor,place,published"
LINE = "Airwars,civilian_deaths,1024,coalition,mosul,2017-06"
OBJECT = {"reporter": "Airwars", "metric": "civilian_deaths", "value_low": 1024, "actor": "coalition",
          "place": "mosul", "published": "2017-06"}


def read(content: str | bytes, name: str = "") -> list[tuple[str, int]]:
    return [(row.where, row.record.value_low) for row in parse(content, VOCABULARY, LEXICON, TODAY, name=name)]


def refusal(content: str | bytes, name: str = "") -> list[str]:
    with pytest.raises(ValidationError) as refused:
        parse(content, VOCABULARY, LEXICON, TODAY, name=name)
    return [f"{p.where} {p.field} {p.message}".strip() for p in refused.value.problems]


@pytest.mark.parametrize(("content", "name", "fmt"), [
    ("a,b\n", "figures.JSON", "json"),
    ('{"figures": []}', "figures.csv", "csv"),
    ('  [{"a": 1}]', "", "json"),
    ("{}", "upload", "json"),
    ("reporter,metric\n", "", "csv"),
])
def test_the_format_is_the_names_else_what_the_content_starts_with(content: str, name: str, fmt: Format) -> None:
    assert detect_format(content, name) == fmt


@pytest.mark.parametrize(("content", "rows"), [
    (f"{HEADER}\n{LINE}\n", [("line 2", 1024)]),
    (f"# from the Airwars site\n\n{HEADER}\r\n{LINE}\r\n\r\n{LINE.replace('1024', '9')}\r\n",
     [("line 4", 1024), ("line 6", 9)]),
    (f"\ufeff{HEADER}\n{LINE}\n".encode(), [("line 2", 1024)]),
    (json.dumps([OBJECT]), [("entry 1", 1024)]),
    (json.dumps({"figures": [OBJECT, {**OBJECT, "value_low": 9, "excludes": ["yemen"]}]}),
     [("entry 1", 1024), ("entry 2", 9)]),
])
def test_a_file_is_read_into_rows_that_say_where_they_were(content: str | bytes, rows: list[tuple[str, int]]) -> None:
    assert read(content) == rows


@pytest.mark.parametrize(("content", "problems"), [
    (b"\xff\xfe" + LINE.encode(), ["file is not UTF-8 text (invalid start byte at byte 0)"]),
    (f"{HEADER}\n", ["file holds no figures"]),
    (f"{HEADER},colour\n{LINE},red\n", ["line 1 header unknown column 'colour'"]),
    ("reporter,metric\nAirwars,strikes\n", [f"line 1 header missing column {c!r}"
                                            for c in ("value_low", "actor", "place", "published")]),
    (f"{HEADER}\n{LINE},extra\n", ["line 2 row has more fields than the header's 6"]),
    (f'{HEADER}\n"Airwars,civilian_deaths\n', ["line 2 row is not valid CSV (a quoted value is never closed)"]),
    ("code,place_group,grading,date\nCS1,Raqqa,Fair,2017-06-01\n",
     ["line 1 header names the columns of Airwars' incident records, not of reported figures"]),
    (f"{HEADER}\n{LINE}\n{LINE}\n", ["line 3 row repeats the figure at line 2"]),
    (f"{HEADER}\n{LINE.replace('mosul', 'mosull')}\n{LINE.replace('1024', 'x')}\n",
     ["line 2 place 'mosull' is not a known place; did you mean 'mosul'? (or teach a new word with "
      "`alias add place`)", "line 3 value_low 'x' is not a whole number >= 0"]),
    ('{"figures": 3}', ['file must be a list of figures or {"figures": [...]}']),
    ("[1]", ["entry 1 figure must be an object with the columns as keys"]),
    (json.dumps([{**OBJECT, "colour": "red"}]), ["entry 1 colour is not a known field"]),
    ('[{"reporter": }]', ["line 1 file is not valid JSON (Expecting value)"]),
])
def test_a_file_with_problems_is_refused_naming_each(content: str | bytes, problems: list[str]) -> None:
    assert refusal(content) == problems


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read() -> None:
    assert refusal(b" " * (MAX_BYTES + 1)) == [f"file is larger than the limit of {MAX_BYTES:,} bytes"]


@pytest.mark.parametrize(("stored", "cell"), [
    ("=SUM(A1)", "'=SUM(A1)"),
    ("+44 20", "'+44 20"),
    ("-5", "'-5"),
    ("@home", "'@home"),
    ("'=1", "''=1"),
    ("plain", "plain"),
    ("it's", "it's"),
    ("", ""),
])
def test_a_cell_a_spreadsheet_would_run_is_written_as_text_and_read_back_as_stored(stored: str, cell: str) -> None:
    assert escape_cell(stored) == cell
    assert unescape_cell(cell) == stored


def figures() -> list[Figure]:
    rows = parse(f"{HEADER},quote,excludes,value_high\n{LINE},\"=1, \"\"quoted\"\"\",yemen,2000\n"
                 f"{LINE.replace('1024', '9')},,,\n", VOCABULARY, LEXICON, TODAY)
    return [Figure(**row.record.content(), id=n, status="current") for n, row in enumerate(rows, start=1)]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_figures_written_to_a_file_read_back_as_the_same_records(fmt: Format) -> None:
    out = io.StringIO()
    assert write(figures(), VOCABULARY, fmt, out) == 2
    assert out.getvalue() == dump(figures(), VOCABULARY, fmt)
    again = parse(out.getvalue(), VOCABULARY, LEXICON, TODAY, fmt)
    assert [(row.id, row.record) for row in again] == [(f.id, f.record()) for f in figures()]


@pytest.mark.parametrize(("fmt", "text"), [
    ("csv", ",".join(COLUMNS) + "\n"),
    ("json", '{\n  "figures": []\n}\n'),
])
def test_no_figures_write_an_empty_file_of_the_format(fmt: Format, text: str) -> None:
    assert dump([], VOCABULARY, fmt) == text
