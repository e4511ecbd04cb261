"""Reading and writing the figures file as an operator meets it: spreadsheets, odd line endings, huge files."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc

import pytest

from bot.domain import figure_files
from bot.domain.errors import ValidationError
from bot.domain.figure_files import escape_cell, unescape_cell
from bot.domain.figure_rows import COLUMNS
from bot.domain.models import CLI_EDITOR
from bot.domain.service import Tally
from tests.conftest import ROOT

pytestmark = pytest.mark.store

HEADER = ",".join(COLUMNS) + "\n"
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
            "'=already quoted", "''+twice"]


def row(quote: str, notes: str = "", value: int = 7) -> list[str]:
    fields = {"reporter": "Airwars", "metric": "civilian_deaths", "value_low": str(value), "actor": "US-led Coalition",
              "place": "Iraq and Syria", "published": "2017-05-01", "quote": quote, "notes": notes}
    return [fields.get(c, "") for c in COLUMNS]


def csv_text(*rows: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


def test_exported_csv_cells_never_start_a_formula_and_read_back_exactly(tally: Tally) -> None:
    # Stored through JSON, which no spreadsheet evaluates, so the store holds exactly these texts.
    rows = [dict(zip(COLUMNS, row(f, notes=f, value=n), strict=True)) for n, f in enumerate(FORMULAS, start=100)]
    tally.import_rows(tally.read_file(json.dumps([{k: v for k, v in r.items() if v} for r in rows]), "evil.json"),
                      CLI_EDITOR, "hostile cells")
    exported = tally.export("csv")
    cells = [cell for line in csv.reader(io.StringIO(exported)) for cell in line]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in cells and "'''+twice" in cells
    stored = {f.value_low: f.quote for f in tally.figures(None)}
    assert [stored[n] for n in range(100, 100 + len(FORMULAS))] == FORMULAS
    # Read back, the export is the same figures: nothing changes, every quote as it was stored.
    plan = tally.preview_import(tally.read_file(exported, "export.csv"))
    assert plan.writes == 0
    assert {r.record.quote for r in tally.read_file(exported, "export.csv")} >= set(FORMULAS)


def test_a_leading_tab_is_not_stripped_into_a_formula_on_export(tally: Tally) -> None:
    tally.import_rows(tally.read_file(csv_text(row("\t=1+1")), "tab.csv"), CLI_EDITOR, "tab")
    cells = [c for line in csv.reader(io.StringIO(tally.export("csv"))) for c in line]
    assert "'=1+1" in cells and "=1+1" not in cells


@pytest.mark.parametrize("value", ["", "plain", "it's", "'", "'a", "=x", "'=x", "''=x", "\tx", "\rx", "-", "@"])
def test_escaping_a_cell_is_undone_exactly(value: str) -> None:
    assert unescape_cell(escape_cell(value)) == value
    assert escape_cell(value)[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_a_file_with_only_carriage_returns_reads_like_any_other(tally: Tally) -> None:
    text = csv_text(row("carriage returns only")).replace("\n", "\r")
    assert [r.record.quote for r in tally.read_file(text, "mac.csv")] == ["carriage returns only"]


def test_an_unterminated_quote_is_refused_with_its_line(tally: Tally) -> None:
    fine, unclosed, after = (csv_text(row(q)).split("\n", 1)[1] for q in ("fine", "OPEN", "after"))
    text = HEADER + fine + unclosed.replace("OPEN", '"oops') + after
    with pytest.raises(ValidationError) as refused:
        tally.read_file(text, "open.csv")
    assert "line 3" in refused.value.message and "never closed" in refused.value.message


def test_json_nested_very_deep_is_one_clear_refusal(tally: Tally) -> None:
    with pytest.raises(ValidationError, match="too deeply"):
        tally.read_file("[" * 100_000 + "]" * 100_000, "deep.json")


SMALL_LIMIT = 5_000
"""The row limit the test below sets: whether memory grows with a file past the limit does not depend on the limit, and
reading millions of rows under tracemalloc takes minutes."""


def peak_memory_refusing(tally: Tally, text: str, name: str) -> int:
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError, match=f"more than {SMALL_LIMIT:,}"):
            tally.read_file(text, name)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow  # reads 60,000 rows under tracemalloc
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_file_of_many_tiny_rows_is_refused_in_memory_that_does_not_grow_with_it(
        tally: Tally, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figure_files, "MAX_ROWS", SMALL_LIMIT)

    def text(count: int) -> str:
        return HEADER + "x\n" * count if fmt == "csv" else "[" + ",".join(["{}"] * count) + "]"

    small, large = (peak_memory_refusing(tally, text(n), f"huge.{fmt}") for n in (2 * SMALL_LIMIT, 6 * SMALL_LIMIT))
    # Rows are refused at the limit while streaming: three times the rows must not cost three times the memory.
    assert large < 1.6 * small, (f"peak {large:,} bytes for {6 * SMALL_LIMIT:,} rows vs {small:,} for "
                                 f"{2 * SMALL_LIMIT:,}")


def test_an_incident_records_file_given_to_the_figures_import_says_where_it_goes(tally: Tally) -> None:
    incidents = ROOT / "data" / "examples" / "airwars-syria-coalition-incidents.csv"
    with pytest.raises(ValidationError) as refused:
        tally.read_file(incidents.read_bytes(), incidents.name)
    assert "incident records" in refused.value.message and "`incidents import`" in (refused.value.hint or "")
