"""Incident imports waiting for a moderator's Confirm, kept in memory for a while (a restart forgets them: the
Confirm then says the preview expired and nothing is written). Figure imports are kept in the store instead."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from bot.domain.models import Editor

PENDING_SECONDS = 15 * 60


@dataclass
class PendingImport:
    rows: list[Any]
    editor: Editor
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
