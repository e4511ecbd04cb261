"""How a count is written: below the wording, so models that say a number (a series' trend) need no wording."""

from __future__ import annotations


def number(value: int) -> str:
    return f"{value:,}"
