"""Dates with a precision, and the periods questions ask about.

A figure's period or publication date is known to the day, the month or only the year; two dates
"agree" when they are equal at the coarser of their precisions (2014 agrees with 2014-08).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal, cast

Precision = Literal["day", "month", "year"]
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAME = tuple(calendar.month_name)


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date known to a precision; `value` is the first day of the year or month it names."""

    value: date
    precision: Precision = "day"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse YYYY, YYYY-MM or YYYY-MM-DD; the form is the precision. Raises ValueError."""
        m = _ISO.match(text.strip())
        if not m:
            raise ValueError(f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = m.group(1), m.group(2), m.group(3)
        try:
            if day:
                return cls(date(int(year), int(month), int(day)), "day")
            if month:
                return cls(date(int(year), int(month), 1), "month")
            return cls(date(int(year), 1, 1), "year")
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None

    @classmethod
    def of(cls, value: date, precision: Precision) -> PartialDate:
        """Truncate `value` to `precision`."""
        if precision == "year":
            value = date(value.year, 1, 1)
        elif precision == "month":
            value = date(value.year, value.month, 1)
        return cls(value, precision)

    def __str__(self) -> str:
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @property
    def first_day(self) -> date:
        return self.value

    @property
    def last_day(self) -> date:
        if self.precision == "year":
            return date(self.value.year, 12, 31)
        if self.precision == "month":
            last = calendar.monthrange(self.value.year, self.value.month)[1]
            return date(self.value.year, self.value.month, last)
        return self.value

    def label(self, long: bool = False) -> str:
        """How a person writes it: 2014, Nov 2016 (November 2016), 30 Apr 2017."""
        names = _MONTH_NAME if long else _MONTH_ABBR
        if self.precision == "year":
            return str(self.value.year)
        if self.precision == "month":
            return f"{names[self.value.month]} {self.value.year}"
        return f"{self.value.day} {names[self.value.month]} {self.value.year}"

    def coarsen(self, precision: Precision) -> PartialDate:
        if PRECISIONS.index(precision) >= PRECISIONS.index(self.precision):
            return self
        return PartialDate.of(self.value, precision)

    def agrees(self, other: PartialDate) -> bool:
        """Equal at the coarser of the two precisions."""
        coarser = cast(Precision, min(self.precision, other.precision, key=PRECISIONS.index))  # min() widens to str
        return self.coarsen(coarser).value == other.coarsen(coarser).value


def same_date(a: PartialDate | None, b: PartialDate | None) -> bool:
    """Two dates a figure may leave unstated (a period's start or end): both unstated, or both stated and agreeing.

    A figure with no period start is normal (incidents still being assessed); every comparison of periods goes
    through here or checks for None itself."""
    if a is None or b is None:
        return a is None and b is None
    return a.agrees(b)


PeriodMode = Literal["since", "between", "in", "as_of"]


@dataclass(frozen=True)
class Period:
    """The time a question asks about.

    since: counted from `start` (open end); between: from `start` to `end`; in: within the single
    span `start` names (a year, a month); as_of: the figures current at `end`.
    """

    mode: PeriodMode
    start: PartialDate | None = None
    end: PartialDate | None = None

    def label(self) -> str:
        if self.mode == "since" and self.start:
            return f"since {self.start.label()}"
        if self.mode == "between" and self.start and self.end:
            return f"{self.start.label()} – {self.end.label()}"
        if self.mode == "in" and self.start:
            return f"in {self.start.label()}"
        if self.mode == "as_of" and self.end:
            return f"as of {self.end.label()}"
        return "any period"

    def as_json(self) -> dict[str, str | None]:
        return {
            "start": str(self.start) if self.start else None,
            "end": str(self.end) if self.end else None,
            "mode": self.mode,
        }


def month_span(start: PartialDate, end: PartialDate) -> int:
    """Whole months from start to end (end >= start), for measuring how near two periods are."""
    return (end.value.year - start.value.year) * 12 + end.value.month - start.value.month
