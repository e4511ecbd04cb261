"""Figures over time: which report was current on a day, how a series moved, how old a figure is.

All pure functions over figures of one series (same reporter, metric, actor, place and start). A change
between two reports is derived by Tally, and only ever within one reporter's series.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.dates import PartialDate
from bot.domain.models import Figure
from bot.domain.numbers import number


def published_by(figure: Figure, day: date) -> bool:
    """Known to have been published by `day`: a report dated only to its month counts from the month's end."""
    return figure.published.last_day <= day


def published_within(figure: Figure, span: PartialDate) -> bool:
    return span.first_day <= figure.published.first_day and figure.published.last_day <= span.last_day


def current_on(figures: list[Figure], day: date) -> list[Figure]:
    """The figure of each series that was current on `day` (the newest published by then, not retracted)."""
    newest: dict[str, Figure] = {}
    for f in figures:
        if f.status == "retracted" or not published_by(f, day):
            continue
        key = f.series or str(f.id)
        if key not in newest or (f.published.last_day, f.id) > (newest[key].published.last_day, newest[key].id):
            newest[key] = f
    return list(newest.values())


def history_before(series: list[Figure], figure: Figure) -> list[Figure]:
    """The reports of the series published before `figure`, oldest first."""
    return sorted((f for f in series if f.status != "retracted" and f.id != figure.id
                   and (f.published.last_day, f.id) < (figure.published.last_day, figure.id)),
                  key=lambda f: (f.published.last_day, f.id))


@dataclass(frozen=True)
class SeriesExcerpt:
    """The few earlier reports of a series that an answer about one report shows, and how many there are.

    An answer names the series' first report and the one just before (its trend) and, for a change since a
    date, the report current when that date began or the first after it. A series can hold thousands of
    reports; the answer needs at most four of them, so the store hands over only those.
    """

    earlier: tuple[Figure, ...]
    """Oldest first; a subset of the reports published before the answered one."""
    count: int
    """How many reports (not retracted) were published before the answered one."""


def excerpt(series: list[Figure], figure: Figure, since: PartialDate | None = None) -> SeriesExcerpt:
    """What a store must hand over for `figure`, computed from the whole series (the reference for stores)."""
    earlier = history_before(series, figure)
    if not earlier:
        return SeriesExcerpt((), 0)
    chosen = {earlier[0].id: earlier[0], earlier[-1].id: earlier[-1]}
    if since is not None:
        for f in _around(earlier, since):
            chosen[f.id] = f
    ordered = sorted(chosen.values(), key=lambda f: (f.published.last_day, f.id))
    return SeriesExcerpt(tuple(ordered), len(earlier))


def _around(earlier: list[Figure], since: PartialDate) -> list[Figure]:
    """The report current when `since` began, else the first published from then on."""
    before = [f for f in earlier if f.published.last_day < since.first_day]
    if before:
        return [before[-1]]
    after = [f for f in earlier if f.published.first_day >= since.first_day]
    return after[:1]


def trend_note(figure: Figure, series: SeriesExcerpt) -> str | None:
    """'Up from 1,335 (26 Sep 2019); the series began at 352 (30 Apr 2017), 10 reports.'"""
    if not series.earlier:
        return None
    previous, first = series.earlier[-1], series.earlier[0]
    text = f"{_direction(previous, figure)} {short(previous)} ({previous.published.label()})"
    if first.id != previous.id:
        text += f"; the series began at {short(first)} ({first.published.label()}), {series.count + 1} reports"
    return text[:1].upper() + text[1:] + "."


def short(figure: Figure) -> str:
    """The number alone (or its range), for sentences that already say what it counts."""
    if figure.value_high is not None and figure.value_high != figure.value_low:
        return f"{number(figure.value_low)}–{number(figure.value_high)}"
    return number(figure.value_low)


def _direction(before: Figure, after: Figure) -> str:
    if after.value_low > before.value_low:
        return "up from"
    if after.value_low < before.value_low:
        return "down from"
    return "unchanged from"


def age_note(figure: Figure, today: date, stale_after_months: int) -> str | None:
    last = figure.published.last_day
    months = (today.year - last.year) * 12 + today.month - last.month - (today.day < last.day)
    if months < stale_after_months:
        return None
    years, rest = divmod(months, 12)
    age = f"{years} year{'s' * (years != 1)}" if years else f"{rest} month{'s' * (rest != 1)}"
    if years and rest >= 6:
        age = f"more than {age}"
    return f"Published {figure.published.label()}, {age} ago: newer figures may exist."


@dataclass(frozen=True)
class Difference:
    """A difference between two reports of one reporter's series, computed by Tally (never stated by the source)."""

    reporter: str
    start: Figure
    end: Figure

    @property
    def low(self) -> int:
        return self.end.value_low - self.start.value_low

    @property
    def high(self) -> int | None:
        if self.end.value_high is None or self.start.value_high is None:
            return None
        return self.end.value_high - self.start.value_high

    def text(self, unit: str) -> str:
        verb = "rose by" if self.low > 0 else ("fell by" if self.low < 0 else "did not change:")
        amount = f"{number(abs(self.low))}" if self.low else ""
        if self.high is not None and self.high != self.low:
            amount = f"{number(self.low)} to {number(self.high)} (low and high ends)"
        span = (f"from {short(self.start)} ({self.start.published.label()}) to "
                f"{short(self.end)} ({self.end.published.label()})")
        share = ""
        if self.start.value_low and self.low:
            share = f", {self.low / self.start.value_low:+.0%}"
        return (f"Derived by Tally from two {self.reporter} reports: its count of {unit} {verb} {amount} "
                f"{span}{share}. {self.reporter} did not state this difference itself.").replace("  ", " ")

    def to_json(self) -> dict[str, object]:
        return {"derived": True, "reporter": self.reporter, "from_figure_id": self.start.id,
                "to_figure_id": self.end.id, "change_low": self.low, "change_high": self.high,
                "from_published": str(self.start.published), "to_published": str(self.end.published)}


def change_since(series: SeriesExcerpt, end: Figure, start: PartialDate | None, reporter: str) -> Difference | None:
    """From the report current when `start` began (or the first after it; or the series' first) to `end`."""
    earlier = list(series.earlier)
    if not earlier:
        return None
    found = _around(earlier, start) if start is not None else earlier[:1]
    return Difference(reporter, found[0], end) if found else None
