"""Answers built from incident records: derived figures, each said as Tally's sum of Airwars' records.

They are `Answer`s like every other (same JSON contract, same text and embeds entry points, their wording
`bot.domain.render`'s); their items are `IncidentItem`s, each with `value_low`/`value_high`, reporter Airwars,
a `match`, and `derived` set, so no one mistakes a sum Tally made for a figure Airwars published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.domain.answers import Answer, Interpretation, MatchKind, read_as_tail

SOURCE_LINE = ("Source: Airwars' records of alleged US-led Coalition civilian-harm incidents in Syria "
               "(airwars.org), from an independent archive of them; the sums are Tally's.")


@dataclass(frozen=True)
class IncidentItem:
    measure: str
    """incidents, killed, injured, children, women — or "incident" for one incident found by code."""
    low: int
    high: int
    label: str
    match: MatchKind
    place: str
    derivation: str
    """The filter and the count: "civilian harm reported, Discounted left out, 545 incidents"."""
    period_start: str | None = None
    period_end: str | None = None
    as_of: str | None = None
    code: str | None = None
    url: str | None = None
    difference: str | None = None
    notes: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "figure_id": None,
            "metric": f"incident_{self.measure}" if self.measure != "incident" else "incident",
            "value_low": self.low,
            "value_high": self.high,
            "qualifier": None,
            "reporter": "Airwars",
            "actor": "US-led Coalition",
            "place": self.place,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "published": self.as_of,
            "citation": {"outlet": "Airwars", "url": self.url or "https://airwars.org", "title": self.label},
            "match": self.match,
            "quote": None,
            "notes": self.notes,
            "difference": self.difference,
            "status": "current",
            "as_of": self.as_of,
            "derived": True,
            "derivation": self.derivation,
            "code": self.code,
            "label": self.label,
        }


@dataclass(frozen=True)
class IncidentInterpretation(Interpretation):
    grading: str = "civilian harm reported, Discounted left out"
    kind: str = "totals"

    def read_as(self) -> str:
        parts = [f"Airwars' incident records ({self.kind})", self.place or "Syria", self.grading,
                 self.period.label() if self.period else "every year"]
        return "Read as: " + " · ".join(parts) + read_as_tail(self.corrections, self.ignored)

    def to_json(self) -> dict[str, Any]:
        return super().to_json() | {"grading": self.grading, "kind": self.kind, "source": "incident records"}


@dataclass(frozen=True)
class IncidentAnswer(Answer):
    title: str = ""
    lines: tuple[str, ...] = ()
    incident_items: tuple[IncidentItem, ...] = ()
    reported: Answer | None = None
    """The reported figures that also answer (the whole campaign's), shown beside the derived ones, labelled."""

    def json_fields(self) -> dict[str, Any]:
        reported = self.reported.json_fields()["answers"] if self.reported is not None else []
        data = super().json_fields()
        data["answers"] = [i.to_json() for i in self.incident_items] + reported
        data["derived"] = []
        data["kind"] = "incidents"
        return data
