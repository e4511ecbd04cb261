"""Imports waiting for a moderator's Confirm: kept in memory for a while, so a preview can be confirmed."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

from bot.domain.models import Actor
from bot.domain.records import Row

PENDING_SECONDS = 15 * 60


@dataclass
class PendingImport:
    rows: list[Row]
    actor: Actor
    name: str
    reason: str
    created: float = field(default_factory=time.monotonic)


class PendingImports:
    """By token. After a restart (or PENDING_SECONDS) a token is unknown, and its Confirm says it expired."""

    def __init__(self) -> None:
        self._pending: dict[str, PendingImport] = {}

    def add(self, pending: PendingImport) -> str:
        self._expire()
        token = secrets.token_hex(8)
        self._pending[token] = pending
        return token

    def take(self, token: str) -> PendingImport | None:
        self._expire()
        return self._pending.pop(token, None)

    def peek(self, token: str) -> PendingImport | None:
        self._expire()
        return self._pending.get(token)

    def _expire(self) -> None:
        now = time.monotonic()
        for token in [t for t, p in self._pending.items() if now - p.created > PENDING_SECONDS]:
            del self._pending[token]
