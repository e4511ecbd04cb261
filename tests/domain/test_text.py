"""`text`: normalising what people type, folding words for comparison, and finding the question in a post."""

from __future__ import annotations

import pytest

from bot.domain.text import MAX_QUESTION_CHARS, fold, normalize, phrase, question_sentences, split_sentences


def test_normalize_folds_case_punctuation_emoji_and_repeats() -> None:
    assert normalize("  CIVILIANS   civilians since Nov. 2016?!! 🙏 ") == "civilians since nov 2016"
    assert normalize("The Coalition’s count") == "the coalition count"
    assert normalize("nov '16") == "nov 2016"
    assert normalize("x" * 5000) == "x" * MAX_QUESTION_CHARS


@pytest.mark.parametrize("typed,normal", [
    ("3,164 civilians", "3164 civilians"),
    ("3.164 civils", "3164 civils"),
    ("cjtf-oir = ?", "cjtf-oir means"),
    ("u.s. strikes in iraq&syria", "u.s strikes in iraq&syria"),
    ("iraq & syria", "iraq syria"),
    ("since 2016/11", "since 2016/11"),
    ("l'évaluation d'incidents", "évaluation incidents"),
    ("airwars' count", "airwars count"),
    ("¿cuántos civiles?", "cuántos civiles"),
    ("snake_case words", "snake case words"),
    ("—dashes— and ‘quotes’", "dashes and quotes"),
])
def test_normalize_keeps_what_dates_and_names_need(typed: str, normal: str) -> None:
    assert normalize(typed) == normal


@pytest.mark.parametrize("word,folded", [
    ("évaluación", "evaluacion"), ("Straße", "strasse"), ("CIVILIANS", "civilians"), ("naïve", "naive"),
])
def test_fold_drops_accents_and_case(word: str, folded: str) -> None:
    assert fold(word) == folded


@pytest.mark.parametrize("alias,normal", [
    ("  Body-Count!! ", "body-count"), ("US-led", "us-led"), ("Évaluation", "evaluation"), ("?!", ""),
])
def test_an_alias_has_the_normal_form_of_a_question(alias: str, normal: str) -> None:
    assert phrase(alias) == normal


@pytest.mark.parametrize("text,sentences", [
    ("how many strikes", ["how many strikes"]),
    ("", []),
    ("Hello there. How many strikes?", ["Hello there.", "How many strikes?"]),
    # A full stop after an abbreviation or before a number ends no sentence.
    ("civilians since nov. 2016? thanks", ["civilians since nov. 2016?", "thanks"]),
    ("u.s. strikes. how many", ["u.s. strikes.", "how many"]),
    ("approx. 300 killed", ["approx. 300 killed"]),
    ("the total was 3. 164 more", ["the total was 3. 164 more"]),
    ("one\ntwo", ["one", "two"]),
])
def test_a_message_is_split_into_sentences(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


@pytest.mark.parametrize("message,short,question", [
    ("Hello. how many strikes", False, "Hello. how many strikes"),  # a short message is its own question
    ("Hello. How many strikes? Thanks.", True, "How many strikes?"),
    ("Nice day. and how many sorties were flown. bye", True, "and how many sorties were flown."),
    ("Long story: how many strikes?", True, "how many strikes?"),
    ("No question here. None at all.", True, "No question here. None at all."),
])
def test_the_question_sentences_of_a_message_are_kept(message: str, short: bool, question: str) -> None:
    assert question_sentences(message, short) == question
