"""The data's README's default reading, computed with the standard library over the CSV rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

LIKELY = ("Confirmed", "Fair")
ALL = ("Confirmed", "Fair", "Weak", "Contested", "Discounted", "Contested, Discounted")


@dataclass(frozen=True)
class Sums:
    incidents: int
    killed: tuple[int, int]
    injured: tuple[int, int]
    children: tuple[int, int]
    women: tuple[int, int]
    children_given: int


def _n(text: str) -> int:
    return int(text) if text else 0


def select(rows: list[dict[str, str]], group: str | None = None, governorate: str | None = None,
           year: int | None = None, month: int | None = None, gradings: tuple[str, ...] | None = None,
           years: tuple[int, int] | None = None, between: tuple[str, str] | None = None,
           head: str | None = None) -> list[dict[str, str]]:
    chosen = []
    for r in rows:
        if r["civilian_harm_reported"] != "Yes":
            continue
        if gradings is None and r["grading"] == "Discounted":
            continue
        if gradings is not None and r["grading"] not in gradings:
            continue
        if group is not None and r["place_group"] != group:
            continue
        if governorate is not None and r["governorate"] != governorate:
            continue
        if head is not None and re.split(r"[:,(\[]", r["place"])[0].strip().lower() != head:
            continue
        y, m = int(r["date"][:4]), int(r["date"][5:7])
        if year is not None and y != year:
            continue
        if month is not None and m != month:
            continue
        if years is not None and not years[0] <= y <= years[1]:
            continue
        if between is not None and not between[0] <= r["date"] < between[1]:
            continue
        chosen.append(r)
    return chosen


def sums(chosen: list[dict[str, str]]) -> Sums:
    def pair(column: str) -> tuple[int, int]:
        return (sum(_n(r[f"{column}_min"]) for r in chosen), sum(_n(r[f"{column}_max"]) for r in chosen))

    return Sums(len(chosen), pair("civilians_killed"), pair("civilians_injured"), pair("children_killed"),
                pair("women_killed"),
                sum(1 for r in chosen if r["children_killed_min"] or r["children_killed_max"]))
