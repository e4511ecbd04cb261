"""Pictures of incident records: a map of incidents over Syria's outline, and incidents per month.

Matplotlib (Agg, no pyplot), the same light card as the figure charts. The outline is a small file shipped in
`data/maps/` (Natural Earth, public domain): no tiles and no network when drawing.
"""

from __future__ import annotations

import io
import json
import math
from functools import cache
from pathlib import Path
from typing import Any, cast

import matplotlib

matplotlib.use("Agg")
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from bot.charts import BACKGROUND, INK
from bot.domain.incidents.places import TOWNS
from bot.domain.incidents.service import MapData, MonthlyData

OUTLINE = Path(__file__).resolve().parent.parent / "data" / "maps" / "syria-outline.json"
SYRIA_BOX = (35.5, 42.5, 32.2, 37.4)
"""Longitudes then latitudes: points outside (CS194 lies in Iraq; CS1033's longitude is 4239) are counted and
said in the caption, not drawn."""
GRADING_COLOURS = {"Confirmed": "#b91c1c", "Fair": "#ea580c", "Weak": "#ca8a04", "Contested": "#7e22ce",
                   "Contested, Discounted": "#7e22ce", "Discounted": "#6b7280"}
LABELLED_TOWNS = {"Raqqa": (35.951, 39.009), "Tabqa": (35.836, 38.548), "Mayadin": (35.02, 40.45),
                  "Al Soussa": (34.43, 40.96), "Baghouz": (34.46, 40.94), "Manbij": (36.527, 37.955),
                  "Abu Kamal": (34.45, 40.92), "Hajin": (34.69, 40.83), "Al Sha'afa": (34.56, 40.89),
                  "Al Mansoura": (35.825, 38.76), "Al-Bab": (36.37, 37.515), "Shadadi": (36.06, 40.73)}
"""Town-group points for labels only (lat, lon), roughly where the data's records of each town cluster."""
CITIES = {"Damascus": (33.513, 36.292), "Aleppo": (36.202, 37.134), "Deir ez-Zor": (35.336, 40.141),
          "Hasakah": (36.502, 40.747), "Idlib": (35.93, 36.633), "Homs": (34.73, 36.71)}


@cache
def outline() -> dict[str, list[list[list[float]]]]:
    return json.loads(OUTLINE.read_text(encoding="utf-8"))["layers"]


def _in_syria(lat: float | None, lon: float | None) -> bool:
    return lat is not None and lon is not None and SYRIA_BOX[0] <= lon <= SYRIA_BOX[1] and \
        SYRIA_BOX[2] <= lat <= SYRIA_BOX[3]


def _size(killed: int) -> float:
    # Area grows with deaths, so a 100-death incident does not swamp the map: radius ~ sqrt.
    return 12 + 18 * math.sqrt(killed)


def render_map(data: MapData) -> bytes:
    figure = Figure(figsize=(10, 8), dpi=100, facecolor=BACKGROUND)
    axes = figure.add_axes((0.04, 0.12, 0.92, 0.80), facecolor="#eef2f7")
    layers = outline()
    for line in layers["governorates"]:
        axes.plot(*zip(*line, strict=True), color="#94a3b8", linewidth=0.7, linestyle="--", zorder=1)
    for line in layers["border"] + layers["coast"]:
        axes.plot(*zip(*line, strict=True), color="#334155", linewidth=1.3, zorder=2)
    placed = [i for i in data.incidents if _in_syria(i.latitude, i.longitude)]
    left_out = len(data.incidents) - len(placed)
    placed.sort(key=lambda i: -(i.killed_max or 0))  # big circles first, small ones drawn on top
    # _in_syria kept only incidents with both coordinates.
    xs, ys = cast(list[float], [i.longitude for i in placed]), cast(list[float], [i.latitude for i in placed])
    axes.scatter(xs, ys,
                 s=[_size(i.killed_max or i.killed_min or 0) for i in placed],
                 c=[GRADING_COLOURS.get(i.grading, "#6b7280") for i in placed], alpha=0.55,
                 edgecolors="white", linewidths=0.5, zorder=3)
    if data.place is None or not placed:
        lons, lats = (SYRIA_BOX[0], SYRIA_BOX[1]), (SYRIA_BOX[2], SYRIA_BOX[3])
    else:
        # A town's few far-off records (the README's "Ar Raqqah" rows 11-40 km out) would shrink the town to a
        # dot: frame the middle 92% of its points, and say how many fall outside.
        lons = _spread(xs)
        lats = _spread(ys)
    _frame(axes, lons, lats)
    if data.place and data.place not in LABELLED_TOWNS and placed:
        # Another published place (a village, a neighbourhood): labelled where its records sit.
        middle = len(placed) // 2
        axes.annotate(data.place, (sorted(xs)[middle],
                                   sorted(ys)[middle]),
                      textcoords="offset points", xytext=(8, -14), fontsize=9, color=INK, zorder=5,
                      bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    x0, x1 = axes.get_xlim()
    y0, y1 = axes.get_ylim()
    outside = sum(1 for x, y in zip(xs, ys, strict=True)
                  if not (x0 <= x <= x1 and y0 <= y <= y1))
    _labels(axes, data)
    handles = [Line2D([], [], marker="o", linestyle="", color=colour, markersize=9, alpha=0.7, label=grading)
               for grading, colour in GRADING_COLOURS.items() if grading != "Contested, Discounted"]
    handles += [Line2D([], [], marker="o", linestyle="", color="#475569", alpha=0.4, label=f"{n} killed",
                       markersize=math.sqrt(_size(n))) for n in (1, 10, 100)]
    axes.legend(handles=handles, loc="lower right" if data.place is None else "best", fontsize=8,
                title="Airwars grading · deaths (max)", title_fontsize=8, framealpha=0.9, ncol=2)
    axes.set_title(data.title, color=INK, fontsize=13, pad=10)
    axes.tick_params(colors=INK, labelsize=8)
    caption = data.caption
    if outside:
        caption += f" {outside} incident(s) lie outside this frame."
    if left_out:
        caption += f" {left_out} incident(s) without usable coordinates in Syria are not drawn."
    caption += " Outline: Natural Earth (public domain)."
    figure.text(0.02, 0.015, caption, fontsize=7.5, color=INK, wrap=True)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor=BACKGROUND)
    return buffer.getvalue()


def _spread(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    cut = int(len(ordered) * 0.04)
    return ordered[cut], ordered[len(ordered) - 1 - cut]


def _frame(axes: Any, lons: tuple[float, float], lats: tuple[float, float]) -> None:
    # At least 0.3° across, padded, with degrees of longitude shortened by the latitude (no stretched map).
    pad = 0.02
    lon0, lon1 = lons[0] - pad, lons[1] + pad
    lat0, lat1 = lats[0] - pad, lats[1] + pad
    for low, high, setter in ((lon0, lon1, axes.set_xlim), (lat0, lat1, axes.set_ylim)):
        middle, half = (low + high) / 2, max(0.05, (high - low) / 2)
        setter(middle - half, middle + half)
    axes.set_aspect(1 / math.cos(math.radians((lats[0] + lats[1]) / 2)), adjustable="box")


def _labels(axes: Any, data: MapData) -> None:
    x0, x1 = axes.get_xlim()
    y0, y1 = axes.get_ylim()
    names = {t.name for t in TOWNS}
    towns = {**({} if data.place else CITIES), **{k: v for k, v in LABELLED_TOWNS.items() if k in names}}
    if data.place is None:
        # On the whole country, label the main towns only where they do not crowd each other.
        towns = {k: v for k, v in towns.items() if k in ("Raqqa", "Tabqa", "Manbij", "Mayadin", "Abu Kamal",
                                                         "Hajin", "Shadadi", "Al-Bab", *CITIES)}
    for name, (lat, lon) in towns.items():
        if x0 <= lon <= x1 and y0 <= lat <= y1:
            axes.plot([lon], [lat], marker="s", color=INK, markersize=3, zorder=4)
            axes.annotate(name, (lon, lat), textcoords="offset points", xytext=(5, 4), fontsize=8.5, color=INK,
                          zorder=5, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})


def render_monthly(data: MonthlyData) -> bytes:
    figure = Figure(figsize=(10, 6), dpi=100, facecolor=BACKGROUND)
    axes = figure.add_axes((0.08, 0.17, 0.84, 0.72), facecolor="white")
    # Every month from the first to the last, so a month without incidents shows as zero, not as a line
    # drawn across it.
    known = {m: (n, low, high) for m, n, low, high in data.months}
    months = [data.months[0][0]]
    while months[-1] < data.months[-1][0]:
        last = months[-1]
        months.append(last.replace(year=last.year + 1, month=1) if last.month == 12
                      else last.replace(month=last.month + 1))
    counts = [known.get(m, (0, 0, 0))[0] for m in months]
    lows = [known.get(m, (0, 0, 0))[1] for m in months]
    highs = [known.get(m, (0, 0, 0))[2] for m in months]
    # matplotlib's stubs take numbers only, though its date converter plots dates: hence the ignores.
    axes.bar(months, highs, width=25, color="#fca5a5", label="civilians killed (max)", zorder=2)  # pyright: ignore[reportArgumentType]
    axes.bar(months, lows, width=25, color="#b91c1c", label="civilians killed (min)", zorder=3)  # pyright: ignore[reportArgumentType]
    axes.set_ylabel("civilians killed", color=INK)
    twin = axes.twinx()
    twin.plot(months, counts, color="#1f5fbf", marker="o", markersize=3, linewidth=1.2, label="incidents", zorder=4)  # pyright: ignore[reportArgumentType]
    twin.set_ylabel("incidents", color="#1f5fbf")
    twin.set_ylim(bottom=0)
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.grid(alpha=0.3, zorder=0)
    axes.set_ylim(bottom=0)
    handles = axes.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    axes.legend(handles=handles, loc="upper left", fontsize=8)
    axes.set_title(data.title, color=INK, fontsize=12, pad=10)
    figure.text(0.01, 0.02, data.caption, fontsize=7.5, color=INK, wrap=True)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor=BACKGROUND)
    return buffer.getvalue()
