"""`answers`: the Answer JSON (README, "The Answer JSON") — fields are only ever added to it."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.models import CLI_EDITOR
from bot.domain.render import answer_json
from bot.domain.service import Tally

ANSWER = {"question", "status", "interpretation", "answers", "suggestions", "notes", "comparison", "derived", "kind",
          "uncovered", "parts", "text"}
INTERPRETATION = {"metric", "reporter", "reporters", "place", "actor", "period", "ignored", "kind", "read"}
ITEM = {"figure_id", "metric", "value_low", "value_high", "qualifier", "reporter", "actor", "place", "period_start",
        "period_end", "published", "citation", "match", "quote", "notes", "difference", "status", "as_of",
        "age_note", "trend"}
DERIVED = {"derived", "reporter", "from_figure_id", "to_figure_id", "change_low", "change_high", "from_published",
           "to_published", "text"}
NO_PERIOD = {"start": None, "end": None, "mode": None}


def test_answer_json_contract(seeded: Tally) -> None:
    data = answer_json(seeded.ask("civilians since Nov 2016"))
    assert set(data) >= ANSWER and set(data["interpretation"]) >= INTERPRETATION
    assert data["interpretation"]["metric"] == "civilian_deaths"
    assert data["interpretation"]["reporter"] is None
    assert data["interpretation"]["period"] == {"start": "2016-11", "end": None, "mode": "since"}
    [a] = data["answers"]
    assert set(a) >= ITEM
    assert a["figure_id"] == 2 and a["value_low"] == 45 and a["value_high"] == 45 and a["qualifier"] is None
    assert (a["reporter"], a["actor"], a["place"]) == ("CJTF-OIR", "US-led Coalition", "Iraq and Syria")
    assert (a["period_start"], a["period_end"], a["published"], a["as_of"]) == ("2016-11", None, "2017-04-30",
                                                                               "2017-04-30")
    assert a["citation"] == {"outlet": "RT News; The Hill", "url": None, "title": "CJTF-OIR press release"}
    assert (a["match"], a["status"], a["difference"], a["trend"]) == ("exact", "current", None, None)
    assert a["quote"] == "45 civilians have been killed by airstrikes since November 2016"
    assert a["age_note"] == "Published 30 Apr 2017, more than 9 years ago: newer figures may exist."
    open_ended = answer_json(seeded.ask("CJTF-OIR death toll"))["answers"][0]
    assert open_ended["value_low"] == 352 and open_ended["value_high"] is None


@pytest.mark.parametrize("question,expected,answers", [
    # What the answer says besides its figures; then (figure_id, match) of each answer.
    ("what time is it", {"status": "no_match", "kind": "chit_chat", "comparison": None, "parts": [],
                         "suggestions": ["civilian deaths", "strikes", "strikes with no evidence of civilian deaths",
                                         "incidents with civilian casualties"],
                         "interpretation": {"metric": None, "reporter": None, "reporters": [], "place": None,
                                            "actor": None, "period": NO_PERIOD, "ignored": [], "kind": "chit_chat",
                                            "read": []}}, []),
    ("airwars vs coalition civilian deaths",
     {"status": "answered", "kind": "comparison", "comparison": "Airwars' count is 9.0× CJTF-OIR's, 2,812 more.",
      "interpretation": {"metric": "civilian_deaths", "reporter": None, "reporters": ["CJTF-OIR", "Airwars"],
                         "place": None, "actor": None, "period": NO_PERIOD, "ignored": [], "kind": "comparison",
                         "read": ["airwars", "coalition", "civilian deaths"]}},
     [(1, "exact"), (7, "exact")]),
    ("civilian deaths in mosul since 2016 according to airwars",
     {"status": "answered", "kind": "figure", "uncovered": [], "parts": [],
      "interpretation": {"metric": "civilian_deaths", "reporter": "Airwars", "reporters": ["Airwars"],
                         "place": "Mosul", "actor": None, "period": {"start": "2016", "end": None, "mode": "since"},
                         "ignored": [], "kind": "figure", "read": ["civilian deaths", "mosul", "airwars"]}},
     [(7, "partial")]),
    # A message asking two things: each part's status, interpretation and figure ids; `answers` holds them all.
    ("how many sorties and how many incidents are still being assessed",
     {"status": "answered", "parts": [
         {"status": "answered", "figure_ids": [3], "interpretation": {
             "metric": "strikes", "reporter": None, "reporters": [], "place": None, "actor": None,
             "period": NO_PERIOD, "ignored": [], "kind": "figure", "read": ["sorties"]}},
         {"status": "answered", "figure_ids": [6], "interpretation": {
             "metric": "incidents_under_assessment", "reporter": None, "reporters": [], "place": None,
             "actor": None, "period": NO_PERIOD, "ignored": [], "kind": "figure",
             "read": ["incidents", "still being assessed"]}}]},
     [(3, "exact"), (6, "exact")]),
])
def test_each_kind_of_answer_fills_the_contract(seeded: Tally, question: str, expected: dict[str, Any],
                                                answers: list[tuple[int, str]]) -> None:
    data = answer_json(seeded.ask(question))
    assert set(data) >= ANSWER and data["question"] == question
    assert {k: data[k] for k in expected} == expected
    assert [(a["figure_id"], a["match"]) for a in data["answers"]] == answers
    assert all(set(a) >= ITEM for a in data["answers"])
    assert isinstance(data["text"], str) and data["text"]


@pytest.mark.store
def test_a_derived_change_is_in_the_json_with_its_text(tally: Tally) -> None:
    newer = ("reporter,metric,value_low,actor,place,period_start,published\n"
             "CJTF-OIR,civilian_deaths,484,US-led Coalition,Iraq and Syria,2014-08,2017-06-02\n")
    tally.import_rows(tally.read_file(newer, "newer.csv"), CLI_EDITOR, "June release")
    [derived] = answer_json(tally.ask("how did the coalition's count change since 2017"))["derived"]
    assert set(derived) >= DERIVED
    assert {k: derived[k] for k in DERIVED - {"text", "to_figure_id"}} == {
        "derived": True, "reporter": "CJTF-OIR", "from_figure_id": 1, "change_low": 132, "change_high": None,
        "from_published": "2017-04-30", "to_published": "2017-06-02"}
    assert derived["text"].startswith("Derived by Tally from two CJTF-OIR reports: its count of civilian deaths "
                                      "rose by 132 from 352 (30 Apr 2017) to 484 (2 Jun 2017)")
