"""`lexicon`: reading a question's words against the vocabulary — aliases longest first, then clear near misses."""

from __future__ import annotations

import pytest

from bot.domain.lexicon import Lexicon
from tests.domain.figures import VOCABULARY

LEXICON = Lexicon(VOCABULARY)


def test_aliases_win_longest_first() -> None:
    reading = LEXICON.read("strikes where no civilians died")
    assert ("concept", "no_evidence") in [m.ref for m in reading.matches]


def test_typos_are_read_as_the_nearest_word_with_a_clear_winner() -> None:
    reading = LEXICON.read("civilans killd")
    assert {m.ref for m in reading.matches} == {("metric", "civilian_deaths")}
    assert reading.corrections() == [("civilans killd", "civilians killed")]
    reading = LEXICON.read("airwar sorites")
    assert {m.ref for m in reading.matches} >= {("reporter", "airwars"), ("concept", "strike")}


def test_unknown_words_are_shown_back_not_guessed() -> None:
    reading = LEXICON.read("civilian deaths in narnia")
    assert reading.ignored == ["narnia"] and reading.unknown_places == ["narnia"]


@pytest.mark.parametrize("question,reporters,places,comparison,ignored", [
    ("airwars vs cjtf-oir", ["airwars", "cjtf-oir"], [], True, []),
    ("compare airwars and the coalition", ["airwars"], [], True, []),
    ("strikes in mosul", [], ["mosul"], False, []),
    ("strikes in atlantis", [], [], False, ["atlantis"]),
    ("strikes 2016", [], [], False, []),  # numbers are dates' business, never "not understood"
])
def test_a_reading_names_each_kind_of_word(question: str, reporters: list[str], places: list[str], comparison: bool,
                                           ignored: list[str]) -> None:
    reading = LEXICON.read(question)
    assert (reading.keys("reporter"), reading.keys("place"), reading.comparison) == (reporters, places, comparison)
    assert [w for w in reading.ignored if w not in LEXICON.filler] == ignored


@pytest.mark.parametrize("text,refs", [
    ("Airwars", {("reporter", "airwars")}),
    ("civilian deaths", {("metric", "civilian_deaths")}),
    ("  CIVILIAN   deaths!", {("metric", "civilian_deaths")}),
    ("civilian_deaths", {("metric", "civilian_deaths")}),  # a key, as its words
    ("narnia", set()),
])
def test_refs_are_what_an_alias_names_exactly(text: str, refs: set[tuple[str, str]]) -> None:
    assert set(LEXICON.refs(text)) == refs


def test_names_of_a_kind_are_every_alias_with_its_key() -> None:
    reporters = dict(LEXICON.names_of("reporter"))
    assert reporters["airwars"] == "airwars" and reporters["cjtf-oir"] == "cjtf-oir"
    assert set(reporters.values()) == {"airwars", "cjtf-oir"}
