"""What a chart of a metric over time shows: one line per reporter (its main series), points with values and
dates, ranges as bands, and the sources for the caption. Drawing it is bot/charts.py's job."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from bot.domain.models import Figure, Vocabulary
from bot.domain.render import number


@dataclass(frozen=True)
class ChartPoint:
    when: date
    low: int
    high: int | None
    """None for an open-ended figure ("at least"); equal to low for an exact one."""
    published: str

    @property
    def label(self) -> str:
        if self.high is None:
            return f"≥{number(self.low)}"
        if self.high != self.low:
            return f"{number(self.low)}–{number(self.high)}"
        return number(self.low)


@dataclass(frozen=True)
class ChartLine:
    reporter: str
    points: tuple[ChartPoint, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class ChartData:
    title: str
    unit: str
    lines: tuple[ChartLine, ...]
    caption: str

    @property
    def reports(self) -> int:
        return sum(len(line.points) for line in self.lines)


def chart_data(figures: list[Figure], vocabulary: Vocabulary, metric: str) -> ChartData:
    """`figures`: every figure of the metric not retracted. Each reporter's main series is the one counted from
    the operation's start (else its longest), so a line joins like with like."""
    term = vocabulary.term("metric", metric)
    label = term.label if term else metric
    by_reporter: dict[str, dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for f in figures:
        if f.status != "retracted":
            by_reporter[f.reporter][f.series].append(f)
    lines = []
    order = [s.key for s in vocabulary.sources]
    for reporter in sorted(by_reporter, key=lambda r: order.index(r) if r in order else len(order)):
        series = by_reporter[reporter]
        main = max(series.values(), key=lambda fs: (_from_start(fs[0], vocabulary), len(fs)))
        main.sort(key=lambda f: (f.published.value, f.id))
        points = tuple(ChartPoint(f.published.value, f.value_low, f.value_high, f.published.label()) for f in main)
        outlets = tuple(dict.fromkeys(o for f in main for o in f.outlets))
        lines.append(ChartLine(vocabulary.label("reporter", reporter), points, outlets))
    caption = "Sources: " + "; ".join(f"{line.reporter} via {', '.join(line.outlets) or 'its own reports'}"
                                      for line in lines)
    caption += ". ≥ marks an open-ended figure (\"at least\"); a band spans a reported range."
    start = vocabulary.campaign.start.label()
    return ChartData(title=f"{label[:1].upper()}{label[1:]} since {start}, as reported over time",
                     unit=term.unit if term and term.unit else label, lines=tuple(lines), caption=caption)


def _from_start(figure: Figure, vocabulary: Vocabulary) -> bool:
    return bool(figure.period_start and figure.period_start.agrees(vocabulary.campaign.start))
