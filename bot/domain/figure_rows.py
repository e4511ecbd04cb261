"""A figure as a row of text — the columns of the figures file, a moderator's command options — and the rules that
make a row a FigureRecord.

Columns (a JSON file gives the same keys, in objects under "figures"):
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

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.domain import limits
from bot.domain.dates import PartialDate
from bot.domain.errors import Problem, ValidationError
from bot.domain.lexicon import Lexicon, resolve_name, unknown_name_message
from bot.domain.models import STATUSES, AliasKind, Figure, FigureRecord, Status, Vocabulary

COLUMNS: tuple[str, ...] = (
    "id", "reporter", "metric", "value_low", "value_high", "qualifier", "actor", "place", "period_start",
    "period_end", "published", "title", "outlet", "url", "quote", "notes", "excludes", "status",
)
REQUIRED = ("reporter", "metric", "value_low", "actor", "place", "published")
MAX_VALUE = 10**12
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Row:
    where: str
    """'line 4' in a CSV file, 'figure 3' in a JSON file: what an error message points at."""
    id: int | None
    record: FigureRecord
    status: Status | None


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
    for field, limit in limits.FIGURE_TEXT.items():
        if len(value.get(field, "")) > limit:
            problem(field, f"is {len(value[field])} characters; at most {limit}")

    keys: dict[str, str] = {}
    named: tuple[tuple[str, AliasKind], ...] = (("reporter", "reporter"), ("metric", "metric"), ("actor", "actor"),
                                                ("place", "place"))
    for field, kind in named:
        if value.get(field):
            key = resolve_name(value[field], kind, lexicon)
            if key:
                keys[field] = key
            else:
                problem(field, unknown_name_message(value[field], kind, lexicon))

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
    began = vocabulary.campaign.start
    if published and published.last_day < began.first_day:
        # A year typed wrong (2010 for 2017): no report of the campaign can be older than the campaign.
        problem("published", f"{published} is before {vocabulary.campaign.name} began ({began}); check the year")

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


VALUE_FORMS = "352 (exact), 352+ (at least 352) or 8194-13249 (a range)"
"""How a value is typed in one piece, on Discord and on the command line alike."""


def split_value(text: str) -> dict[str, str]:
    """A value as people write it (`VALUE_FORMS`), as the low and high columns of a row."""
    m = _VALUE.match(text or "")
    if not m:
        raise ValidationError([Problem("", "value", f"{text!r} is not a number; write {VALUE_FORMS}")])
    low = m["low"]
    if m["plus"]:
        return {"value_low": low, "value_high": ""}
    return {"value_low": low, "value_high": m["high"] or low}


def _whole(text: str, field: str, problem: Callable[[str, str], None]) -> int | None:
    if not _NUMBER.match(text or ""):
        if text:
            problem(field, f"{text!r} is not a whole number >= 0")
        return None
    number = int(text.replace(",", ""))
    if number > MAX_VALUE:
        problem(field, f"{number:,} is larger than {MAX_VALUE:,}")
        return None
    return number


def repeats(rows: list[Row]) -> list[Problem]:
    """Rows of one file that name a stored figure twice, or restate a report another row gives."""
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


def to_row(figure: Figure, vocabulary: Vocabulary) -> dict[str, str]:
    """A stored figure as a row: what export writes, and what a moderator's change is laid over."""
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
