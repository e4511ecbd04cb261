"""What the resolver returns: how the question was read, the figures that answer it, and how well.

The model only: an answer's wording (its text, and the JSON that carries the text) is `bot.domain.render`'s,
which takes an Answer. `render.answer_json()` is a contract (`ask --json`, described in the README under "The
Answer JSON"): fields are only ever added to it, never renamed or removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from bot.domain.dates import Period
from bot.domain.models import Figure

if TYPE_CHECKING:
    from bot.domain.timeline import Difference

AnswerStatus = Literal["answered", "ambiguous", "no_match"]
MatchKind = Literal["exact", "partial"]


@dataclass(frozen=True)
class Names:
    """Display names of a figure's keys, looked up once when the answer is built."""

    metric: str
    unit: str
    reporter: str
    actor: str
    place: str


@dataclass(frozen=True)
class AnswerItem:
    figure: Figure
    names: Names
    match: MatchKind
    difference: str | None = None
    """For a partial match: what differs from what was asked, said plainly."""
    age_note: str | None = None
    """Set when the figure is older than the configured age."""
    trend: str | None = None
    """Where its series came from: 'Up from at least 1,335 (Sep 2019); …'."""

    def to_json(self) -> dict[str, Any]:
        f = self.figure
        return {
            "figure_id": f.id,
            "metric": f.metric,
            "value_low": f.value_low,
            "value_high": f.value_high,
            "qualifier": f.qualifier,
            "reporter": self.names.reporter,
            "actor": self.names.actor,
            "place": self.names.place,
            "period_start": str(f.period_start) if f.period_start else None,
            "period_end": str(f.period_end) if f.period_end else None,
            "published": str(f.published),
            "citation": {"outlet": f.outlet, "url": f.url, "title": f.title},
            "match": self.match,
            "quote": f.quote,
            "notes": f.notes,
            "difference": self.difference,
            "status": f.status,
            "as_of": str(f.published),
            "age_note": self.age_note,
            "trend": self.trend,
        }


def read_as_tail(corrections: tuple[tuple[str, str], ...], ignored: tuple[str, ...]) -> str:
    """The end of every "Read as:" line: the typos read as words ('civlian' as 'civilian'), then what was not."""
    tail = " (" + ", ".join(f"{typed!r} as {meant!r}" for typed, meant in corrections) + ")" if corrections else ""
    return tail + (" — not understood: " + ", ".join(repr(w) for w in ignored) if ignored else "")


@dataclass(frozen=True)
class Interpretation:
    metric: str | None = None
    metric_label: str | None = None
    reporters: tuple[str, ...] = ()
    """Reporter names the question named; empty means every reporter."""
    actor: str | None = None
    place: str | None = None
    period: Period | None = None
    ignored: tuple[str, ...] = ()
    """Meaningful words that were not read, as typed: the answer is at best partial."""
    corrections: tuple[tuple[str, str], ...] = ()
    kind: str = "figure"
    """How the question was read: figure, comparison, figure_by_number, about_source, list, chit_chat."""
    read: tuple[str, ...] = ()
    """The words that were read, in order, as typed."""
    numbers: tuple[int, ...] = ()
    """Figures named by their number ("is the 352 exact?")."""

    def read_as(self) -> str:
        if self.kind in ("chit_chat", "list", "about_source"):
            line = "Read as: " + {"chit_chat": "a greeting or a question about Tally", "list": "every figure",
                                  "about_source": "about " + " and ".join(self.reporters)}[self.kind]
            return line + read_as_tail((), self.ignored)
        if self.kind == "figure_by_number":
            parts = ["the figure " + " and ".join(f"{n:,}" for n in self.numbers)]
        else:
            parts = [self.metric_label or "no figure type recognised"]
        parts.append(" and ".join(self.reporters) if self.reporters else "any reporter")
        if self.actor:
            parts.append(f"by {self.actor}")
        if self.place:
            parts.append(self.place)
        parts.append(self.period.label() if self.period else "any period")
        return "Read as: " + " · ".join(parts) + read_as_tail(self.corrections, self.ignored)

    def to_json(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "reporter": self.reporters[0] if len(self.reporters) == 1 else None,
            "reporters": list(self.reporters),
            "place": self.place,
            "actor": self.actor,
            "period": self.period.as_json() if self.period else {"start": None, "end": None, "mode": None},
            "ignored": list(self.ignored),
            "kind": self.kind,
            "read": list(self.read),
        }


@dataclass(frozen=True)
class Answer:
    question: str
    status: AnswerStatus
    interpretation: Interpretation
    items: tuple[AnswerItem, ...] = ()
    suggestions: tuple[str, ...] = ()
    """Questions the person might have meant; each can be asked as it stands."""
    notes: tuple[str, ...] = ()
    """Plain statements: why nothing matched, scope exclusions, reporters with no figure for this."""
    comparison: str | None = None
    """The ratio between reporters' figures, when more than one reporter answers."""
    changes: tuple[Difference, ...] = ()
    """Changes derived between two reports of one reporter (asked for with "how did it change")."""
    uncovered: tuple[str, ...] = ()
    """What no figure covers (a word of the question Tally could not read): said before any figure."""
    lines: tuple[str, ...] = ()
    """Plain sentences that are the answer itself (a greeting, a source's description)."""
    parts: tuple[Answer, ...] = ()
    """For a message that asks several things: each part's own answer, in order (items holds them all)."""

    @property
    def kind(self) -> str:
        return self.interpretation.kind

    def json_fields(self) -> dict[str, Any]:
        """Every field of the answer's JSON but those in words (`render.answer_json` adds them), in order."""
        return {
            "question": self.question,
            "status": self.status,
            "interpretation": self.interpretation.to_json(),
            "answers": [item.to_json() for item in self.items],
            "suggestions": list(self.suggestions),
            "notes": list(self.notes),
            "comparison": self.comparison,
            "derived": [c.to_json() for c in self.changes],
            "kind": self.kind,
            "uncovered": list(self.uncovered),
            "parts": [{"status": p.status, "interpretation": p.interpretation.to_json(),
                       "figure_ids": [i.figure.id for i in p.items]} for p in self.parts],
        }


@dataclass
class Candidate:
    """A figure under consideration, with how well it fits the question (lower distance is nearer)."""

    figure: Figure
    match: MatchKind
    distance: float
    differences: list[str] = field(default_factory=list)
