"""An incident as Airwars records it, the filter a question sets, and the totals the store returns."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal, get_args

IncidentStatus = Literal["current", "retracted"]
INCIDENT_STATUSES: tuple[IncidentStatus, ...] = get_args(IncidentStatus)

GRADINGS = ("Confirmed", "Fair", "Weak", "Contested", "Discounted")
LIKELY = ("Confirmed", "Fair")
MEASURES = ("killed", "injured", "children", "women")
"""The min–max pairs an answer sums: civilians killed and injured, children and women killed."""


@dataclass(frozen=True)
class Incident:
    """One row of the incident file. Ranges are (min, max); None where the source gives no figure."""

    code: str
    airwars_id: int
    date: date
    previous_codes: str = ""
    date_end: date | None = None
    date_precision: str = "day"
    country: str = "Syria"
    governorate: str = ""
    place: str = ""
    place_ar: str = ""
    place_group: str = ""
    place_group_ar: str = ""
    latitude: float | None = None
    longitude: float | None = None
    location_precision: str = ""
    belligerents: str = ""
    grading: str = ""
    strike_status: str = ""
    civilian_harm_reported: str = ""
    killed_min: int | None = None
    killed_max: int | None = None
    injured_min: int | None = None
    injured_max: int | None = None
    children_min: int | None = None
    children_max: int | None = None
    women_min: int | None = None
    women_max: int | None = None
    coalition_assessment: str = ""
    conceded_min: int | None = None
    conceded_max: int | None = None
    url: str = ""
    data_note: str = ""
    id: int | None = None
    status: IncidentStatus = "current"
    version: int = 1

    @property
    def codes(self) -> tuple[str, ...]:
        """A joint incident carries several codes ("CS314 RS1274"); any one of them names it."""
        return tuple(self.code.upper().split())

    def content(self) -> dict[str, Any]:
        """What the file states: every field but the store's own (id, status, version)."""
        # Field by field, not asdict(): an import compares each of thousands of rows with the one held.
        data = {name: getattr(self, name) for name in CONTENT_FIELDS}
        data["date"] = self.date.isoformat()
        data["date_end"] = self.date_end.isoformat() if self.date_end else None
        return data

    def same_content(self, other: Incident) -> bool:
        return self.content() == other.content()


CONTENT_FIELDS = tuple(f.name for f in fields(Incident) if f.name not in ("id", "status", "version"))


@dataclass(frozen=True)
class IncidentFilter:
    """Which incidents a question is about. The default reading of the data's README:
    civilian harm reported, Discounted left out unless a grading is asked for."""

    place_group: str | None = None
    governorate: str | None = None
    start: date | None = None
    """First day included."""
    end: date | None = None
    """First day NOT included (half-open, so months and years chain without gaps)."""
    gradings: tuple[str, ...] | None = None
    """Gradings counted; None is the default reading: every value except exactly "Discounted"."""
    place_key: str | None = None
    """Another published place, by the normal form of its name (`names.place_key`)."""


@dataclass(frozen=True)
class Range:
    low: int = 0
    high: int = 0
    given: int = 0
    """How many of the incidents give a figure for this (the rest count 0)."""


@dataclass(frozen=True)
class Totals:
    incidents: int = 0
    killed: Range = field(default_factory=Range)
    injured: Range = field(default_factory=Range)
    children: Range = field(default_factory=Range)
    women: Range = field(default_factory=Range)

    def measure(self, name: str) -> Range:
        return getattr(self, name)


@dataclass(frozen=True)
class Coverage:
    """What the records hold at all: the first and last incident date and when they were imported."""

    incidents: int
    first: date | None
    last: date | None
    imported: date | None = None
    """When the records were last changed in this store."""
