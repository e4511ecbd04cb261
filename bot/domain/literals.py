"""Text from outside the types (a command's option, a file's cell, a database column) as one of a Literal's
values: checked once where it comes in, so what passes on is typed as the Literal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T", bound=str)


def one_of(text: str | None, values: Sequence[T]) -> T | None:
    """The value of `values` that `text` is (so typed as their Literal); None when it is none of them."""
    for value in values:
        if value == text:
            return value
    return None


def stored(text: str, values: Sequence[T]) -> T:
    """A column the store writes only from the Literal of `values`, read back as it. Any other text means the store
    was written by something else: refused here, not carried on mistyped."""
    value = one_of(text, values)
    if value is None:
        raise ValueError(f"the store holds {text!r} where one of {', '.join(values)} belongs")
    return value
