"""The figures file format: the same for `data/`, import and export, as CSV or JSON.

Columns (JSON: the same keys, in objects under "figures"):
  id             empty to add; a stored figure's id to update that figure
  reporter       a reporter's name, key or alias (CJTF-OIR, Airwars)
  metric         a metric's key, name or alias (civilian_deaths)
  value_low      a whole number >= 0
  value_high     empty for an open-ended figure ("at least N"); else a whole number >= value_low
  qualifier      the source's own qualifying words ("at least (more likely than not)")
  actor, place   whose strikes, where: names, keys or aliases from the vocabulary
  period_start   YYYY, YYYY-MM or YYYY-MM-DD: the form is the precision; empty when the source gives none
  period_end     the same; empty for "to the report"
  published      when the source published it, same forms
  title, outlet, url   the citation: the source document, who carried it (several: "RT News; The Hill"), a link
  quote          the source's own wording
  notes          scope and exclusions, said plainly
  excludes       vocabulary keys of places or actors the figure does not cover ("yemen"), separated by ";"
  status         current, superseded or retracted (written by export; on import only retracted/restored matter)
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, TextIO

from rapidfuzz import fuzz

from bot.domain.dates import PartialDate
from bot.domain.errors import Problem, ValidationError
from bot.domain.lexicon import Lexicon
from bot.domain.models import STATUSES, AliasKind, Figure, FigureRecord, Status, Vocabulary
from bot.domain.text import phrase

COLUMNS: tuple[str, ...] = (
    "id", "reporter", "metric", "value_low", "value_high", "qualifier", "actor", "place", "period_start",
    "period_end", "published", "title", "outlet", "url", "quote", "notes", "excludes", "status",
)
REQUIRED = ("reporter", "metric", "value_low", "actor", "place", "published")
MAX_LENGTH = {"qualifier": 100, "title": 300, "outlet": 300, "url": 500, "quote": 1000, "notes": 4000, "excludes": 300}
MAX_VALUE = 10**12
MAX_ROWS = 250_000
MAX_BYTES = 64 * 1024 * 1024
Format = Literal["csv", "json"]
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Row:
    where: str
    """'line 4' in a CSV file, 'figure 3' in a JSON file: what an error message points at."""
    id: int | None
    record: FigureRecord
    status: Status | None


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
    problems.extend(_repeats(rows))
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


def validate(raw: dict[str, str | None], where: str, vocabulary: Vocabulary, lexicon: Lexicon,
             today: date) -> tuple[Row | None, list[Problem]]:
    """One row (or a moderator's command options) against every rule; all problems at once."""
    value: dict[str, str] = {k: (v or "").strip() for k, v in raw.items() if k in COLUMNS}
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(where, field, message))

    for field in REQUIRED:
        if not value.get(field):
            problem(field, "is required")
    for field, limit in MAX_LENGTH.items():
        if len(value.get(field, "")) > limit:
            problem(field, f"is {len(value[field])} characters; at most {limit}")

    keys: dict[str, str] = {}
    for field, kind in (("reporter", "reporter"), ("metric", "metric"), ("actor", "actor"), ("place", "place")):
        if value.get(field):
            key = resolve_name(value[field], kind, lexicon)
            if key:
                keys[field] = key
            else:
                problem(field, unknown_name_message(value[field], kind, lexicon))  # type: ignore[arg-type]

    low = _whole(value.get("value_low", ""), "value_low", problem)
    high = _whole(value.get("value_high", ""), "value_high", problem) if value.get("value_high") else None
    if low is not None and high is not None and high < low:
        problem("value_high", f"{high:,} is below value_low {low:,}; give the range low to high")

    dates: dict[str, PartialDate | None] = {}
    for field in ("period_start", "period_end", "published"):
        dates[field] = None
        if value.get(field):
            try:
                d = PartialDate.parse(value[field])
            except ValueError as e:
                problem(field, str(e))
                continue
            if d.first_day > today:
                problem(field, f"{d} is in the future")
            dates[field] = d
    start, end, published = dates["period_start"], dates["period_end"], dates["published"]
    if start and end and start.first_day > end.last_day:
        problem("period_end", f"{end} is before period_start {start}")
    if start and published and start.first_day > published.last_day:
        problem("period_start", f"{start} is after the publication date {published}")
    if end and published and end.first_day > published.last_day:
        problem("period_end", f"{end} is after the publication date {published}")

    url = value.get("url") or None
    if url and not URL.match(url):
        problem("url", f"{url!r} is not an http(s) link")

    excludes: list[str] = []
    for name in filter(None, (p.strip() for p in value.get("excludes", "").split(";"))):
        key = resolve_name(name, "place", lexicon) or resolve_name(name, "actor", lexicon)
        if key:
            excludes.append(key)
        else:
            problem("excludes", f"{name!r} is not a known place or actor")

    figure_id: int | None = None
    if value.get("id"):
        if value["id"].isdigit() and int(value["id"]) > 0:
            figure_id = int(value["id"])
        else:
            problem("id", f"{value['id']!r} is not a figure id; leave it empty to add a new figure")
    status: Status | None = None
    if value.get("status"):
        if value["status"] in STATUSES:
            status = value["status"]
        else:
            problem("status", f"{value['status']!r} is not one of {', '.join(STATUSES)}")

    if problems or low is None or published is None:
        return None, problems
    record = FigureRecord(
        reporter=keys["reporter"], metric=keys["metric"], value_low=low, value_high=high,
        actor=keys["actor"], place=keys["place"], period_start=start, period_end=end, published=published,
        qualifier=value.get("qualifier") or None, quote=value.get("quote") or None,
        title=value.get("title") or None, outlet=value.get("outlet") or None, url=url,
        notes=value.get("notes") or None, excludes=tuple(dict.fromkeys(excludes)),
    )
    return Row(where, figure_id, record, status), []


_VALUE = re.compile(r"^\s*(?P<low>[\d,]+)\s*(?:(?P<plus>\+)|[-–]\s*(?P<high>[\d,]+))?\s*$")


def split_value(text: str) -> dict[str, str]:
    """A value as people write it: '352' (exact), '352+' (at least 352), '8194-13249' (a range)."""
    m = _VALUE.match(text or "")
    if not m:
        raise ValidationError([Problem("", "value", f"{text!r} is not a number; write 352, 352+ (at least) or "
                                                    "8194-13249 (a range)")])
    low = m["low"]
    if m["plus"]:
        return {"value_low": low, "value_high": ""}
    return {"value_low": low, "value_high": m["high"] or low}


@functools.lru_cache(maxsize=4096)
def resolve_name(text: str, kind: AliasKind, lexicon: Lexicon) -> str | None:
    # Cached: an import names the same few reporters, actors and places on every row. The cache holds the
    # lexicon it was given, so an entry never answers for another vocabulary.
    keys = sorted(key for k, key in lexicon.refs(text) if k == kind)
    if not keys and kind == "metric":
        keys = sorted(key for k, key in lexicon.refs(text.replace("_", " ")) if k == kind)
    return keys[0] if len(keys) == 1 else None


NEAR = 80
"""How alike (rapidfuzz ratio, 0-100) a typed name and a known one must be to offer it as "did you mean"."""


def near_name(text: str, kind: AliasKind, lexicon: Lexicon) -> str | None:
    """A known name close to `text` — a typo of it, or a name that holds every word typed — else None: "did you
    mean" only when something is actually near."""
    typed = phrase(text)
    words = set(typed.split())
    best: tuple[float, str] | None = None
    for name, _key in lexicon.names_of(kind):
        score = max(fuzz.ratio(typed, name), 90.0 if words and words <= set(name.split()) else 0.0)
        if score >= NEAR and (best is None or score > best[0]):
            best = (score, name)
    return best[1] if best else None


def unknown_name_message(text: str, kind: AliasKind, lexicon: Lexicon) -> str:
    what = {"reporter": "reporter", "metric": "metric", "actor": "actor", "place": "place"}.get(kind, kind)
    near = near_name(text, kind, lexicon)
    hint = f"; did you mean {near!r}?" if near else ""
    how = "add it with `source add`" if kind == "reporter" else f"teach a new word with `alias add {kind}`"
    return f"{text!r} is not a known {what}{hint} (or {how})"


def _whole(text: str, field: str, problem: Any) -> int | None:
    if not _NUMBER.match(text or ""):
        if text:
            problem(field, f"{text!r} is not a whole number >= 0")
        return None
    number = int(text.replace(",", ""))
    if number > MAX_VALUE:
        problem(field, f"{number:,} is larger than {MAX_VALUE:,}")
        return None
    return number


def _repeats(rows: list[Row]) -> list[Problem]:
    problems: list[Problem] = []
    seen_ids: dict[int, str] = {}
    seen: dict[tuple[object, ...], list[Row]] = defaultdict(list)
    for row in rows:
        if row.id is not None:
            if row.id in seen_ids:
                problems.append(Problem(row.where, "id", f"figure {row.id} is already given at {seen_ids[row.id]}"))
            seen_ids[row.id] = row.where
            continue
        alike = seen[row.record.report_key()]
        twin = next((r for r in alike if r.record.same_report(row.record)), None)
        if twin:
            problems.append(Problem(row.where, "row", f"repeats the figure at {twin.where}"))
        alike.append(row)
    return problems


# -- writing ---------------------------------------------------------------------------------------

def to_row(figure: Figure, vocabulary: Vocabulary) -> dict[str, str]:
    f = figure
    return {
        "id": str(f.id),
        "reporter": vocabulary.label("reporter", f.reporter),
        "metric": f.metric,
        "value_low": str(f.value_low),
        "value_high": "" if f.value_high is None else str(f.value_high),
        "qualifier": f.qualifier or "",
        "actor": vocabulary.label("actor", f.actor),
        "place": vocabulary.label("place", f.place),
        "period_start": str(f.period_start) if f.period_start else "",
        "period_end": str(f.period_end) if f.period_end else "",
        "published": str(f.published),
        "title": f.title or "",
        "outlet": f.outlet or "",
        "url": f.url or "",
        "quote": f.quote or "",
        "notes": f.notes or "",
        "excludes": ";".join(f.excludes),
        "status": f.status,
    }


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
