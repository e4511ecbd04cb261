"""A name typed for one word of the vocabulary (a file's cell, a command's option): resolved to its key, or refused
with the nearest name and how to teach the word. Against the vocabulary of data/, no store."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain import vocabulary_files
from bot.domain.lexicon import Lexicon, near_name, resolve_name, unknown_name_message
from bot.domain.models import AliasKind
from tests.conftest import DATA_DIR

VOCABULARY = vocabulary_files.load(DATA_DIR)
LEXICON = Lexicon(VOCABULARY)


@pytest.mark.parametrize(("text", "kind", "key"), [
    ("CJTF-OIR", "reporter", "cjtf-oir"),          # a reporter's name
    ("airwars.org", "reporter", "airwars"),        # an alias
    ("civilian deaths", "metric", "civilian_deaths"),
    ("civilian_deaths", "metric", "civilian_deaths"),  # a metric's key, as files write it
    ("US-led Coalition", "actor", "coalition"),
    ("Iraq and Syria", "place", "iraq_and_syria"),
    ("  IRAQ ", "place", "iraq"),                   # compared in the vocabulary's form
    ("mosull", "place", None),                      # a typo is not resolved: it is suggested
    ("coalition", "place", None),                   # a name of another kind
    ("nowhere", "place", None),
])
def test_a_name_resolves_to_the_one_key_it_names_of_its_kind(text: str, kind: AliasKind, key: str | None) -> None:
    assert resolve_name(text, kind, LEXICON) == key


@pytest.mark.parametrize(("text", "kind", "near"), [
    ("mosull", "place", "mosul"),
    ("civilian deaht", "metric", "civilian deaths"),
    ("Airwar", "reporter", "airwars"),
    ("nowhere", "place", None),
    ("coalition", "place", None),
])
def test_the_nearest_name_is_offered_only_when_one_is_near(text: str, kind: AliasKind, near: str | None) -> None:
    assert near_name(text, kind, LEXICON) == near


@pytest.mark.parametrize(("text", "kind", "message"), [
    ("mosull", "place", "'mosull' is not a known place; did you mean 'mosul'? (or teach a new word with "
                        "`alias add place`)"),
    ("nowhere", "actor", "'nowhere' is not a known actor (or teach a new word with `alias add actor`)"),
    ("Airwar", "reporter", "'Airwar' is not a known reporter; did you mean 'airwars'? (or add it with `source add`)"),
])
def test_an_unknown_name_says_what_is_near_and_how_to_teach_it(text: str, kind: AliasKind, message: str) -> None:
    assert unknown_name_message(text, kind, LEXICON) == message


def test_a_resolution_is_never_answered_from_another_vocabularys_cache() -> None:
    assert resolve_name("mosul", "place", LEXICON) == "mosul"
    without_mosul = Lexicon(replace(VOCABULARY, terms=tuple(t for t in VOCABULARY.terms if t.key != "mosul")))
    assert resolve_name("mosul", "place", without_mosul) is None
