"""`literals`: text from outside the types read as one of a Literal's values, or refused."""

from __future__ import annotations

import pytest

from bot.domain.literals import one_of, stored
from bot.domain.models import STATUSES

ODD = [None, "", "Current", " current", "current ", "curren", "retracted;", "0"]


@pytest.mark.parametrize("text", STATUSES)
def test_each_value_is_itself(text: str) -> None:
    assert one_of(text, STATUSES) == text
    assert stored(text, STATUSES) == text


@pytest.mark.parametrize("text", ODD)
def test_anything_else_is_none_exactly_as_typed(text: str | None) -> None:
    # No case folding or trimming here: a column or option is compared exactly, and reading people's words is
    # the lexicon's work.
    assert one_of(text, STATUSES) is None


@pytest.mark.parametrize("text", [t for t in ODD if t is not None])
def test_a_stored_value_outside_the_literal_is_refused_naming_both(text: str) -> None:
    with pytest.raises(ValueError) as refused:
        stored(text, STATUSES)
    assert repr(text) in str(refused.value) and "current, superseded, retracted" in str(refused.value)
