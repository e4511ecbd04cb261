"""`errors`: what a person is told when they can fix what went wrong."""

from __future__ import annotations

import pytest

from bot.domain.errors import Problem, TallyError, UsageError, ValidationError


@pytest.mark.parametrize("error,said", [
    (TallyError("The question is empty."), "The question is empty."),
    (UsageError("The question is empty.", "Ask about a figure."), "The question is empty. Ask about a figure."),
    (ValidationError([Problem("line 4", "value_low", "is not a number")]), "line 4, value_low: is not a number"),
    (ValidationError([Problem("", "url", "is not a link"), Problem("line 2", "date", "is not a date")], "Fix it."),
     "url: is not a link; line 2, date: is not a date Fix it."),
    (ValidationError([Problem(f"line {n}", "id", "bad") for n in range(2, 14)]),
     "; ".join(f"line {n}, id: bad" for n in range(2, 12)) + " (and 2 more)"),
])
def test_a_message_says_what_was_wrong_then_how_to_fix_it(error: TallyError, said: str) -> None:
    assert str(error) == said


def test_a_validation_error_keeps_every_problem_though_it_shows_ten() -> None:
    error = ValidationError([Problem(f"line {n}", "id", "bad") for n in range(2, 14)])
    assert len(error.problems) == 12 and error.hint is None
