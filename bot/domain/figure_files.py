"""The figures file, as CSV or JSON: the same for `data/`, import and export. Reading a file into validated rows
(each row's rules are in `figure_rows`, which also says what each column holds), and writing figures into one."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, Literal, TextIO

from bot.domain.errors import Problem, ValidationError
from bot.domain.figure_rows import COLUMNS, REQUIRED, Row, repeats, to_row, validate
from bot.domain.lexicon import Lexicon
from bot.domain.models import Figure, Vocabulary

MAX_ROWS = 250_000
MAX_BYTES = 64 * 1024 * 1024
Format = Literal["csv", "json"]


def parse(content: bytes | str, vocabulary: Vocabulary, lexicon: Lexicon, today: date,
          fmt: Format | None = None, name: str = "") -> list[Row]:
    """Read and validate a whole file. Raises ValidationError listing every problem; returns every row."""
    if isinstance(content, bytes):
        if len(content) > MAX_BYTES:
            raise ValidationError([Problem("", "file", f"is larger than the limit of {MAX_BYTES:,} bytes")],
                                  "Split it into smaller files.")
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ValidationError([Problem("", "file", f"is not UTF-8 text ({e.reason} at byte {e.start})")],
                                  "Save the file as UTF-8 CSV or JSON.") from None
    fmt = fmt or detect_format(content, name)
    # Both readers refuse more than MAX_ROWS rows as they read.
    raw_rows = _read_json(content) if fmt == "json" else _read_csv(content)
    rows: list[Row] = []
    problems: list[Problem] = []
    for where, raw in raw_rows:
        row, found = validate(raw, where, vocabulary, lexicon, today)
        problems.extend(found)
        if row:
            rows.append(row)
    problems.extend(repeats(rows))
    if problems:
        raise ValidationError(problems, "Nothing was written. Fix the rows named and import the file again.")
    if not rows:
        raise ValidationError([Problem("", "file", "holds no figures")], f"Columns: {', '.join(COLUMNS)}.")
    return rows


def detect_format(content: str, name: str = "") -> Format:
    lowered = name.lower()
    if lowered.endswith(".json"):
        return "json"
    if lowered.endswith(".csv"):
        return "csv"
    return "json" if content.lstrip()[:1] in ("{", "[") else "csv"


_INCIDENT_COLUMNS = frozenset({"code", "place_group", "grading"})
"""A file with these is an incident records file given to the figures' import by mistake."""


def _read_csv(text: str) -> Iterator[tuple[str, dict[str, str | None]]]:
    # Comment lines (#) before the header are allowed, so a file can say where its figures come from.
    # Rows are counted and handed on as they stream: a file of millions of tiny rows is refused before it fills
    # memory, and a row's raw text is dropped as soon as it is validated.
    start, skipped = _after_comments(text)
    stream = io.StringIO(text[start:], newline="")  # newline="": the csv module reads \r, \n and \r\n itself
    reader = csv.DictReader(stream, restkey="__extra__", strict=True)
    row_start = 2
    try:
        header = reader.fieldnames or []
        unknown = [h for h in header if h not in COLUMNS]
        missing = [c for c in REQUIRED if c not in header]
        if set(header) >= _INCIDENT_COLUMNS:
            raise ValidationError([Problem(f"line {skipped + 1}", "header", "names the columns of Airwars' incident "
                                           "records, not of reported figures")],
                                  "Import it with `incidents import`.")
        if missing or unknown:
            problems = [Problem(f"line {skipped + 1}", "header", f"missing column {c!r}") for c in missing]
            problems += [Problem(f"line {skipped + 1}", "header", f"unknown column {c!r}") for c in unknown]
            raise ValidationError(problems, f"The header must name these columns: {', '.join(COLUMNS)}.")
        read = 0
        for record in reader:
            read += 1
            if read > MAX_ROWS:
                raise ValidationError([Problem("", "file", f"has more than {MAX_ROWS:,} rows; the limit is "
                                                           f"{MAX_ROWS:,}")], "Split it into smaller files.")
            where = f"line {reader.line_num + skipped}"
            if "__extra__" in record:
                raise ValidationError([Problem(where, "row", f"has more fields than the header's {len(header)}")],
                                      "Quote any value that contains a comma.")
            if not any((v or "").strip() for v in record.values()):
                continue
            yield where, {k: unescape_cell(v) for k, v in record.items()}
            row_start = reader.line_num + 1
    except csv.Error as e:
        where = f"line {row_start + skipped}"
        reason = "a quoted value is never closed" if "unexpected end of data" in str(e) else str(e)
        raise ValidationError([Problem(where, "row", f"is not valid CSV ({reason})")],
                              'Close every opening " with another "; write "" for a quote mark inside.') from None


def _after_comments(text: str) -> tuple[int, int]:
    """Where the header starts, and how many comment or blank lines come before it."""
    start = skipped = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        line = text[start:end]
        if not (line.startswith("#") or not line.strip()):
            break
        start, skipped = end, skipped + 1
    return start, skipped


def _read_json(text: str) -> list[tuple[str, dict[str, str | None]]]:
    objects = 0

    def counted(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        # Counted as they are built: a file of millions of tiny objects is refused before it fills memory.
        nonlocal objects
        objects += 1
        if objects > MAX_ROWS + 1:
            raise ValidationError([Problem("", "file", f"has more than {MAX_ROWS:,} figures; the limit is "
                                                       f"{MAX_ROWS:,}")], "Split it into smaller files.")
        return dict(pairs)

    try:
        data = json.loads(text, object_pairs_hook=counted)
    except json.JSONDecodeError as e:
        raise ValidationError([Problem(f"line {e.lineno}", "file", f"is not valid JSON ({e.msg})")]) from None
    except RecursionError:
        raise ValidationError([Problem("", "file", "nests lists or objects too deeply to be a figures file")],
                              'Give a list of figures, or {"figures": [...]}, each a flat object.') from None
    items = data.get("figures") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ValidationError([Problem("", "file", 'must be a list of figures or {"figures": [...]}')])
    rows: list[tuple[str, dict[str, str | None]]] = []
    for n, item in enumerate(items, start=1):
        where = f"entry {n}"
        if not isinstance(item, dict):
            raise ValidationError([Problem(where, "figure", "must be an object with the columns as keys")])
        unknown = [k for k in item if k not in COLUMNS]
        if unknown:
            raise ValidationError([Problem(where, k, "is not a known field") for k in unknown],
                                  f"Fields: {', '.join(COLUMNS)}.")
        rows.append((where, {k: _json_text(v) for k, v in item.items()}))
    return rows


def _json_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


# -- writing ---------------------------------------------------------------------------------------

def dump(figures: Iterable[Figure], vocabulary: Vocabulary, fmt: Format) -> str:
    out = io.StringIO()
    write(figures, vocabulary, fmt, out)
    return out.getvalue()


def write(figures: Iterable[Figure], vocabulary: Vocabulary, fmt: Format, out: TextIO) -> int:
    """Write `figures` to `out` one at a time, so an export of any size needs the memory of one row.
    Returns how many were written."""
    count = 0
    if fmt == "json":
        out.write('{\n  "figures": [')
        for count, figure in enumerate(figures, 1):
            out.write(("," if count > 1 else "") + "\n    " + json.dumps(_json_object(to_row(figure, vocabulary)),
                                                                       ensure_ascii=False))
        out.write("\n  ]\n}\n" if count else "]\n}\n")
        return count
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for figure in figures:
        writer.writerow({k: escape_cell(v) for k, v in to_row(figure, vocabulary).items()})
        count += 1
    return count


def _json_object(row: dict[str, str]) -> dict[str, Any]:
    obj: dict[str, Any] = {k: (None if v == "" and k != "id" else v) for k, v in row.items()}
    obj["id"] = int(obj["id"])
    obj["value_low"] = int(obj["value_low"])
    obj["value_high"] = int(obj["value_high"]) if obj["value_high"] else None
    obj["excludes"] = obj["excludes"].split(";") if obj["excludes"] else []
    return obj


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's CSV injection list).
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def escape_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a `'` before a formula's first character (and before any `'`s
    already there, so `unescape_cell` can tell the two apart and give back exactly what was stored)."""
    return "'" + value if _FORMULA.match(value) else value


def unescape_cell(value: str | None) -> str | None:
    """The value `escape_cell` was given. A hand-written `'=1` reads as `=1`, as a spreadsheet shows it."""
    return value[1:] if value and value.startswith("'") and _FORMULA.match(value[1:]) else value
