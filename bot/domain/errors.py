"""Errors a user can cause and can fix. Anything else is a bug and is handled as one."""

from __future__ import annotations

from dataclasses import dataclass


class TallyError(Exception):
    """A problem the person can act on: the message says what was wrong, the hint how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class UsageError(TallyError):
    """A command was called the wrong way (an empty question, a missing option)."""


class NotFound(TallyError):
    """Something named by id or key does not exist."""


class Forbidden(TallyError):
    """The person may not do this (a member trying a moderator action)."""


class StoreUnavailable(TallyError):
    """The database cannot be reached or used."""


class SettingsError(TallyError):
    """A setting in the environment or .env is malformed."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is, which field, what was expected."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        place = f"{self.where}, " if self.where else ""
        return f"{place}{self.field}: {self.message}"


class ValidationError(TallyError):
    """The input breaks one or more rules; nothing was written."""

    def __init__(self, problems: list[Problem], hint: str | None = None) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(f"{shown}{more}", hint)


class Conflict(TallyError):
    """The figure changed since it was read (optimistic locking); the current state is attached."""

    def __init__(self, message: str, current: object, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.current = current
