"""Drawing a chart (matplotlib, Agg, no pyplot: safe off the event loop in a worker thread).

An opaque light card with dark text reads the same in Discord's dark and light themes.
"""

from __future__ import annotations

import io
from typing import cast

import matplotlib

matplotlib.use("Agg")
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from bot.domain.charts import ChartData

WIDTH, HEIGHT, DPI = 10, 6, 100
"""1,000 × 600 pixels: wide enough for dated labels, small enough for a Discord preview."""
BACKGROUND = "#f7f7f9"
INK = "#1e1f22"
LABEL_OFFSETS = (10, -26, 30)
COLOURS = ("#1f5fbf", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0f766e")


def render(data: ChartData) -> tuple[Figure, bytes]:
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI, facecolor=BACKGROUND)
    axes = figure.add_axes((0.09, 0.16, 0.88, 0.74), facecolor="white")
    for index, (line, colour) in enumerate(zip(data.lines, COLOURS * 3, strict=False)):
        xs = [p.when for p in line.points]
        lows = [p.low for p in line.points]
        # matplotlib's stubs take numbers only, though its date converter plots dates: hence the ignores.
        axes.plot(xs, lows, color=colour, linewidth=2, label=line.reporter, zorder=3)  # pyright: ignore[reportArgumentType]
        for p in line.points:
            axes.scatter([p.when], [p.low], color=colour, zorder=4, s=36, marker="^" if p.high is None else "o")  # pyright: ignore[reportArgumentType]
        # A reported range is a band from its low to its high end, at the date it was reported (nothing is
        # interpolated between reports).
        ranged = [p for p in line.points if p.high is not None and p.high != p.low]
        if ranged:
            axes.vlines([p.when for p in ranged], [p.low for p in ranged], [cast(int, p.high) for p in ranged],  # pyright: ignore[reportArgumentType]
                        color=colour, linewidth=10, alpha=0.3, zorder=2)
        for n, p in enumerate(line.points):
            # Three label heights in turn (and offset by line) so neighbouring labels overlap less.
            dy = LABEL_OFFSETS[(n + index) % len(LABEL_OFFSETS)]
            axes.annotate(f"{p.label}\n{p.published}", (p.when, p.low), textcoords="offset points",
                          xytext=(0, dy), ha="center", fontsize=7, color=INK, zorder=5)
    axes.set_title(data.title, color=INK, fontsize=13, pad=12)
    axes.set_ylabel(data.unit, color=INK)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.tick_params(colors=INK)
    axes.grid(alpha=0.3)
    axes.set_ylim(bottom=0)
    axes.margins(x=0.06, y=0.12)
    axes.legend(loc="upper left", frameon=True)
    figure.text(0.01, 0.02, data.caption, fontsize=7, color=INK, wrap=True)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor=BACKGROUND)
    return figure, buffer.getvalue()
