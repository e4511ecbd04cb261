"""Selection: which stored figures answer a part of a question, and how well (exact, or partial and why).

Pure functions over figures already looked up (the resolver asks the store); no store is needed to test them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain import wording
from bot.domain.answers import AnswerItem, Candidate, MatchKind
from bot.domain.dates import PartialDate, Period, month_span
from bot.domain.models import Figure, Term, Vocabulary

_NEAR_MONTHS = 3
_FAR_MONTHS = 12
_NO_START = 10_000.0
"""Distance given to a figure whose period start is not stated: it ranks after every dated one."""


@dataclass(frozen=True)
class Scope:
    metric: Term
    reporters: tuple[str, ...]
    actor: str | None
    place: str | None
    period: Period | None
    change: bool = False
    """Asks how the count changed ("how did it change since 2017"): the period is where the change starts."""

    @property
    def selection(self) -> Period | None:
        """The period that picks the figures: for a change, the latest ones (or those current at its end)."""
        if not self.change:
            return self.period
        if self.period and self.period.mode == "between" and self.period.end:
            return Period("as_of", end=self.period.end)
        return None


def fit(figure: Figure, scope: Scope, vocab: Vocabulary, reported_then: bool = False) -> Candidate | None:
    """How well one figure answers: exact, partial (with what differs), or not at all (None)."""
    differences: list[str] = []
    if scope.place and figure.place != scope.place:
        differences.append(wording.place_difference(vocab.label("place", scope.place),
                                                    vocab.label("place", figure.place)))
    if scope.actor and figure.actor != scope.actor:
        differences.append(wording.actor_difference(vocab.label("actor", scope.actor),
                                                    vocab.label("actor", figure.actor)))
    found = period_fit(figure, None if reported_then else scope.selection, vocab.campaign.start)
    if found is None:
        return None
    match, distance, difference = found
    if reported_then and scope.period and scope.period.start:
        # "civilians killed in 2017": the count current then is cumulative, not the deaths of that span alone.
        differences.append(wording.reported_in(scope.period.start.label(), figure.published.label(),
                                               wording.span_label(figure)))
    if difference:
        differences.append(difference)
    final: MatchKind = "partial" if differences or match == "partial" else "exact"
    return Candidate(figure, final, distance, differences)


def period_fit(figure: Figure, period: Period | None,
               campaign_start: PartialDate) -> tuple[MatchKind, float, str | None] | None:
    start = figure.period_start
    if period is None or period.mode == "as_of":
        # No period asked: the cumulative count since the operation began is the headline figure.
        if start is None:
            return "exact", _NO_START, None
        return "exact", 0.0 if start.agrees(campaign_start) else abs(month_span(campaign_start, start)), None
    end = figure.period_end or figure.published
    if period.mode == "since" and period.start:
        if start is None:
            return "partial", _NO_START, wording.unstated_period(figure.published.label())
        if start.agrees(period.start):
            return "exact", 0.0, None
        if period.start.first_day > end.last_day:
            return None
        return "partial", abs(month_span(period.start, start)), wording.other_start(period.start.label(),
                                                                                      start.label())
    asked_start = period.start or campaign_start
    asked_end = period.end if period.mode == "between" and period.end else asked_start
    if start is None:
        if asked_start.first_day <= figure.published.last_day <= asked_end.last_day:
            return "partial", _NO_START, wording.unstated_period(figure.published.label())
        return None
    if start.first_day > asked_end.last_day or end.last_day < asked_start.first_day:
        return None  # no overlap at all: says nothing about the period asked
    if period.mode == "between":
        if start.agrees(asked_start) and end.agrees(asked_end):
            return "exact", 0.0, None
    elif start.agrees(asked_start) and end.agrees(asked_start):
        return "exact", 0.0, None
    distance = abs(month_span(asked_start, start)) + abs(month_span(asked_end, end))
    return "partial", float(distance), wording.other_span(wording.period_words(period), wording.span_label(figure))


def best_per_reporter(candidates: list[Candidate]) -> list[Candidate]:
    best: dict[str, Candidate] = {}

    def rank(c: Candidate) -> tuple[bool, float, int, int]:
        return (c.match != "exact", c.distance, -c.figure.published.last_day.toordinal(), c.figure.id)

    for c in sorted(candidates, key=rank):
        best.setdefault(c.figure.reporter, c)
    return list(best.values())


def nearest_starts(chosen: list[Candidate], start: PartialDate) -> list[Candidate]:
    """"Since late 2016": a count from Nov 2016 is near; one from Aug 2014 also counts two years not asked about.

    When some figure starts within a season of the asked start, those starting over a year earlier are dropped.
    """
    def gap(c: Candidate) -> int | None:
        s = c.figure.period_start
        return month_span(s, start) if s else None

    if not any((g := gap(c)) is not None and abs(g) <= _NEAR_MONTHS for c in chosen):
        return chosen
    return [c for c in chosen if (g := gap(c)) is None or g <= _FAR_MONTHS]


def comparison(items: tuple[AnswerItem, ...]) -> str | None:
    """The ratio and the difference between reporters' exact figures of one metric, with any difference of period."""
    exact = [i for i in items if i.match == "exact" and i.figure.value_low > 0]
    if len({i.figure.reporter for i in exact}) < 2:
        return None
    ordered = sorted(exact, key=lambda i: i.figure.value_low)
    low = ordered[0]
    # Counts published at different times are compared as they stand, with their dates said.
    dated = len({i.figure.published for i in ordered}) > 1

    def when(item: AnswerItem) -> str:
        return f" ({item.figure.published.label()})" if dated else ""

    def start(item: AnswerItem) -> str:
        return f"since {item.figure.period_start.label()}" if item.figure.period_start else "over an unstated period"

    sentences = []
    for i in ordered[1:]:
        f, g = i.figure, low.figure
        same_start = (f.period_start is None) == (g.period_start is None) and (
            f.period_start is None or g.period_start is None or f.period_start.agrees(g.period_start))
        periods = "" if same_start else wording.different_periods(i.names.reporter, start(i),
                                                                   low.names.reporter, start(low))
        sentences.append(wording.comparison(i.names.reporter, low.names.reporter, f.value_low / g.value_low,
                                            f.value_low - g.value_low, when(i), when(low), periods))
    return " ".join(sentences)


