"""The incident file: Airwars' incidents as CSV, one row per incident, in the columns of the data's README.

Reading validates every row before anything is written; a file with any problem is refused whole, each
problem naming the line, the column and what was expected. The archive's `summary` column, if present, is
not read (Tally ships and stores none of the archive's own sentences). Values are kept as published: the
anomalies the data's README lists (a child figure above the civilian one, min above max on a subgroup) are
not errors here, they are the source.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

from bot.domain.errors import Problem, ValidationError
from bot.domain.incidents.model import CONTENT_FIELDS, INCIDENT_STATUSES, Incident
from bot.domain.literals import one_of

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000

COLUMNS = (
    "code", "airwars_id", "previous_codes", "date", "date_end", "date_precision", "country", "governorate", "place",
    "place_ar", "place_group", "place_group_ar", "latitude", "longitude", "location_precision", "belligerents",
    "grading", "strike_status", "civilian_harm_reported", "civilians_killed_min", "civilians_killed_max",
    "civilians_injured_min", "civilians_injured_max", "children_killed_min", "children_killed_max",
    "women_killed_min", "women_killed_max", "coalition_assessment", "coalition_conceded_deaths_min",
    "coalition_conceded_deaths_max", "url", "data_note",
)
REQUIRED = ("code", "airwars_id", "date")
_RANGES = {"civilians_killed": "killed", "civilians_injured": "injured", "children_killed": "children",
           "women_killed": "women", "coalition_conceded_deaths": "conceded"}
_TEXT_LIMITS = {"code": 64, "previous_codes": 200, "date_precision": 10, "country": 40, "governorate": 60,
                "place": 200, "place_ar": 200, "place_group": 60, "place_group_ar": 60, "location_precision": 40,
                "belligerents": 200, "grading": 40, "strike_status": 40, "civilian_harm_reported": 10,
                "coalition_assessment": 60, "url": 300, "data_note": 1000}
_CODE = re.compile(r"^[A-Za-z]{1,5}\d{1,5}[A-Za-z]?( [A-Za-z]{1,5}\d{1,5}[A-Za-z]?)*$")
_BIG = 10_000_000


def _date(text: str, where: str, column: str, problems: list[Problem]) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(Problem(where, column, f"{text!r} is not a date; write YYYY-MM-DD"))
        return None


def _count(text: str, where: str, column: str, problems: list[Problem]) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) > _BIG:
        problems.append(Problem(where, column, f"{text!r} is not a whole number of people (0 or more)"))
        return None
    return int(text)


def _coordinate(text: str, where: str, column: str, problems: list[Problem]) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        problems.append(Problem(where, column, f"{text!r} is not a number"))
        return None
    # Kept as published even when impossible (CS1033's 4239.00416): the map leaves such points out.
    return value if abs(value) < 1e6 else None


def validate(raw: dict[str, str], where: str) -> tuple[Incident | None, list[Problem]]:
    problems: list[Problem] = []
    cell = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    for column in REQUIRED:
        if not cell[column]:
            problems.append(Problem(where, column, "is empty; every incident needs it"))
    for column, limit in _TEXT_LIMITS.items():
        if len(cell[column]) > limit:
            problems.append(Problem(where, column, f"is {len(cell[column])} characters; at most {limit}"))
    if cell["code"] and not _CODE.match(cell["code"]):
        problems.append(Problem(where, "code", f"{cell['code']!r} is not an Airwars code such as CS1706"))
    airwars_id = None
    if cell["airwars_id"]:
        if cell["airwars_id"].isdigit() and int(cell["airwars_id"]) < 2**31:
            airwars_id = int(cell["airwars_id"])
        else:
            problems.append(Problem(where, "airwars_id", f"{cell['airwars_id']!r} is not Airwars' numeric id"))
    day = _date(cell["date"], where, "date", problems) if cell["date"] else None
    day_end = _date(cell["date_end"], where, "date_end", problems) if cell["date_end"] else None
    if day and day_end and day_end < day:
        problems.append(Problem(where, "date_end", f"{day_end} is before the start date {day}"))
    if cell["url"] and not cell["url"].startswith(("https://", "http://")):
        problems.append(Problem(where, "url", "must be an http(s) link"))
    values: dict[str, Any] = {}
    for column, name in _RANGES.items():
        values[f"{name}_min"] = _count(cell[f"{column}_min"], where, f"{column}_min", problems)
        values[f"{name}_max"] = _count(cell[f"{column}_max"], where, f"{column}_max", problems)
    latitude = _coordinate(cell["latitude"], where, "latitude", problems)
    longitude = _coordinate(cell["longitude"], where, "longitude", problems)
    given_status = (raw.get("status") or "current").strip()
    status = one_of(given_status, INCIDENT_STATUSES)
    if status is None:
        problems.append(Problem(where, "status", f"{given_status!r} is not current or retracted"))
    if problems or airwars_id is None or day is None or status is None:
        return None, problems
    text = {k: cell[k] for k in _TEXT_LIMITS}
    return Incident(airwars_id=airwars_id, date=day, date_end=day_end, latitude=latitude, longitude=longitude,
                    status=status, **text, **values), []


def parse(content: bytes | str) -> list[Incident]:
    """Every row of an incident CSV, validated in full; raises ValidationError listing every problem."""
    if isinstance(content, bytes):
        if len(content) > MAX_BYTES:
            raise ValidationError([Problem("", "file", f"is {len(content):,} bytes; the limit is {MAX_BYTES:,}")])
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError([Problem("", "file", "is not UTF-8 text")],
                                  "Save the CSV as UTF-8 and try again.") from None
    reader = csv.DictReader(io.StringIO(content))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationError([Problem("line 1", "header", f"has no {', '.join(missing)} column")],
                              "An incident file has the columns of `incidents export` (code, airwars_id, date, …).")
    incidents: list[Incident] = []
    problems: list[Problem] = []
    seen: dict[int, str] = {}
    try:
        for number, raw in enumerate(reader, start=2):
            where = f"line {number}"
            if number - 1 > MAX_ROWS:
                raise ValidationError([Problem("", "file", f"has more than {MAX_ROWS:,} incidents")])
            incident, found = validate(raw, where)
            problems += found
            if incident is not None:
                if incident.airwars_id in seen:
                    problems.append(Problem(where, "airwars_id",
                                            f"{incident.airwars_id} is also on {seen[incident.airwars_id]}"))
                seen[incident.airwars_id] = where
                incidents.append(incident)
    except csv.Error as e:
        raise ValidationError([Problem(f"line {reader.line_num}", "file", f"is not valid CSV ({e})")]) from None
    if problems:
        raise ValidationError(problems, "Nothing was imported. Fix these rows and import the file again.")
    if not incidents:
        raise ValidationError([Problem("", "file", "holds no incidents")])
    return incidents


def to_row(incident: Incident) -> dict[str, str]:
    def text(value: object) -> str:
        return "" if value is None else str(value)

    row = {c: text(getattr(incident, c)) for c in CONTENT_FIELDS if c in COLUMNS}
    for column, name in _RANGES.items():
        row[f"{column}_min"] = text(getattr(incident, f"{name}_min"))
        row[f"{column}_max"] = text(getattr(incident, f"{name}_max"))
    return row


def dump(incidents: list[Incident]) -> str:
    out = io.StringIO()
    writer: csv.DictWriter[str] = csv.DictWriter(out, fieldnames=(*COLUMNS, "status"), lineterminator="\n")
    writer.writeheader()
    for incident in incidents:
        writer.writerow(to_row(incident) | {"status": incident.status})
    return out.getvalue()
