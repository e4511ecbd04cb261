"""No secret in the log at any level."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.__main__ import discord_logging

TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpzZWNyZXRzZWNyZXRzZWNyZXQ"


@pytest.fixture
def root_output() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    root.handlers = []
    discord_logging("DEBUG")
    out = io.StringIO()
    for handler in root.handlers:
        assert isinstance(handler, logging.StreamHandler), handler
        handler.setStream(out)
    yield out
    root.handlers, root.level = saved[0], saved[1]


def test_debug_logs_never_carry_interaction_tokens(root_output: io.StringIO) -> None:
    http = logging.getLogger("discord.http")
    http.debug("%s %s with %s has returned %s", "POST",
               f"https://discord.com/api/v10/interactions/1456074443980800035/{TOKEN}/callback", None, 204)
    http.debug("%s %s has received %s", "PATCH",
               f"https://discord.com/api/v10/webhooks/1456074443980800000/{TOKEN}/messages/@original", {})
    logging.getLogger("discord.gateway").debug("event %s", {"type": 2, "token": TOKEN, "id": "1"})
    text = root_output.getvalue()
    assert TOKEN not in text
    assert text.count("<token>") == 3 and "/interactions/1456074443980800035/<token>/callback" in text
