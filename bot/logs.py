"""Logging set-up: one format, and no secret in any line, whatever the level."""

from __future__ import annotations

import logging
import re

# An interaction's token lets anyone answer as the bot for 15 minutes; discord.py's DEBUG lines carry it
# in webhook and callback URLs and in event payloads.
_SECRETS = (
    (re.compile(r"(/interactions/\d+/)[^/\s'\"]+"), r"\1<token>"),
    (re.compile(r"(/webhooks/\d+/)[^/\s?'\"]+"), r"\1<token>"),
    (re.compile(r"""(["']token["']\s*:\s*["'])[^"']+"""), r"\1<token>"),
    (re.compile(r"(Bot\s+)[\w\-.]{20,}"), r"\1<token>"),
)


def redact(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    """Rewrites each record's message with tokens replaced, before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def redact_handlers(logger: logging.Logger | None = None) -> None:
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(RedactSecrets())
