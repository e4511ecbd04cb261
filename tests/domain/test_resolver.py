"""The resolver's answers on the seed data: what is said, and what must never be said."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.service import Tally


def test_the_example_from_the_issue(seeded: Tally) -> None:
    answer = seeded.ask("civilians since Nov 2016")
    assert answer.status == "answered"
    [item] = answer.items
    assert (item.figure.value_low, item.names.reporter, item.match) == (45, "CJTF-OIR", "exact")
    assert "CJTF-OIR press release, 30 Apr 2017 (reported by RT News, The Hill)" in answer.text
    assert "Read as: civilian deaths · any reporter · since Nov 2016" in answer.text


def test_reporters_side_by_side_with_their_ratio(seeded: Tally) -> None:
    answer = seeded.ask("civilian deaths")
    assert [(i.names.reporter, i.figure.value_low) for i in answer.items] == [("CJTF-OIR", 352), ("Airwars", 3164)]
    assert answer.comparison == "Airwars' count is 9.0× CJTF-OIR's, 2,812 more."
    assert "at least 352 civilians killed (more likely than not)" in answer.text.lower()


def test_yemen_is_excluded_and_said_so_without_a_number(seeded: Tally) -> None:
    answer = seeded.ask("civilian deaths in yemen")
    assert answer.status == "no_match" and not answer.items
    assert any("do not include civilian deaths from American airstrikes in Yemen" in n for n in answer.notes)
    assert not any(ch.isdigit() for ch in answer.text.replace("2017", "").replace("2014", ""))


def test_a_place_within_the_figure_place_is_a_partial_answer_that_says_so(seeded: Tally) -> None:
    answer = seeded.ask("civilian deaths in iraq")
    assert answer.items and all(i.match == "partial" for i in answer.items)
    assert answer.items[0].difference == "No figure covers Iraq alone; the nearest covers Iraq and Syria."
    assert answer.comparison is None, "partial figures are not compared as if they answered the question"


def test_russian_strikes_get_the_scope_note_not_a_number(seeded: Tally) -> None:
    answer = seeded.ask("how many civilians did russian strikes kill")
    assert answer.status == "no_match"
    assert any("gives no Russian figure" in n for n in answer.notes)


def test_ambiguous_questions_offer_readings_that_can_be_asked(seeded: Tally) -> None:
    answer = seeded.ask("incidents")
    assert answer.status == "ambiguous"
    for suggestion in answer.suggestions:
        assert seeded.ask(suggestion).status == "answered"


def test_no_match_offers_suggestions_that_answer(seeded: Tally) -> None:
    answer = seeded.ask("what time is it")
    assert answer.status == "no_match" and answer.suggestions
    assert all(seeded.ask(s).status == "answered" for s in answer.suggestions)


def test_answer_json_contract(seeded: Tally) -> None:
    data = seeded.ask("civilians since Nov 2016").to_json()
    assert set(data) >= {"question", "status", "interpretation", "answers", "suggestions", "text"}
    assert data["interpretation"]["metric"] == "civilian_deaths"
    assert data["interpretation"]["reporter"] is None
    assert data["interpretation"]["period"]["start"] == "2016-11" and data["interpretation"]["period"]["end"] is None
    [a] = data["answers"]
    assert a["figure_id"] == 2 and a["value_low"] == 45 and a["value_high"] == 45 and a["qualifier"] is None
    assert (a["reporter"], a["actor"], a["place"]) == ("CJTF-OIR", "US-led Coalition", "Iraq and Syria")
    assert (a["period_start"], a["period_end"], a["published"]) == ("2016-11", None, "2017-04-30")
    assert a["citation"]["outlet"] == "RT News; The Hill" and a["citation"]["url"] is None
    assert a["match"] == "exact"
    open_ended = seeded.ask("CJTF-OIR death toll").to_json()["answers"][0]
    assert open_ended["value_low"] == 352 and open_ended["value_high"] is None


def test_a_2000_character_question_is_answered_quickly_and_safely(seeded: Tally) -> None:
    question = ("civilian deaths since nov 2016 " + "blah " * 400)[:2000]
    answer = seeded.ask(question)
    assert answer.status == "answered" and answer.items[0].figure.value_low == 45
    assert len(answer.text) < 4000


def test_sql_looking_text_is_only_text(seeded: Tally) -> None:
    seeded.ask("civilians'; DELETE FROM figure; --")
    assert len(seeded.figures()) == 7


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_gives_a_valid_answer_and_no_exception(seeded: Tally, text: str) -> None:
    if not text.strip():
        return
    data = seeded.ask(text).to_json()
    json.dumps(data)
    assert data["status"] in ("answered", "ambiguous", "no_match")
    assert (data["status"] == "answered") == bool(data["answers"])
    assert all(a["match"] in ("exact", "partial") for a in data["answers"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["civilians", "since", "nov", "2016", "airwars", "in", "iraq", "yemen", "vs",
                                 "strikes", "no", "evidence", "incidents", "between", "and", "march", "2017",
                                 "as", "of", "'16", "11/2016", "russian", "🙏", "@everyone", "the"]), max_size=12))
def test_question_shaped_word_salad_never_raises(seeded: Tally, words: list[str]) -> None:
    if words:
        json.dumps(seeded.ask(" ".join(words)).to_json())


def test_every_figure_can_be_asked_for_by_the_question_offered_for_it(seeded: Tally) -> None:
    resolver = seeded.resolver()
    for figure in seeded.figures():
        question = resolver.question_for(figure)
        answer = seeded.ask(question)
        assert any(i.figure.id == figure.id and i.match == "exact" for i in answer.items), (question, answer.text)
