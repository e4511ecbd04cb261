"""`incidents.reading`: whether a question is about the incident records, and which place, time, grading, measures,
code or ranking it asks for; every word it could not read is said back. (Their sums, from the real records, are in
tests/incidents/test_questions.py.)"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.domain.incidents.reading import MAX_RANKED, IncidentQuestion, read

STRIKES = "strikes (the records count incidents of alleged civilian harm, not strikes)"


def asked(question: IncidentQuestion) -> dict[str, Any]:
    """What a reading holds, without its empty fields."""
    held = {"code": question.code, "town": question.town and question.town.name,
            "governorate": question.governorate and question.governorate.name, "syria": question.syria,
            "iraq": question.iraq, "russia": question.russia, "start": question.start, "end": question.end,
            "gradings": question.gradings, "measures": question.measures, "ranked": question.ranked,
            "unread": question.unread, "corrections": question.corrections, "arabic": question.arabic}
    return {k: v for k, v in held.items() if v not in (None, False, (), "")}


@pytest.mark.parametrize("question", [
    # The figures' questions: no town, code or Syrian records named.
    "civilian deaths", "civilian deaths in Iraq and Syria", "incidents in Iraq", "Syria", "how many strikes",
    "civilians killed since 2014",
])
def test_a_question_naming_no_records_is_left_to_the_figures(question: str) -> None:
    assert read(question) is None


@pytest.mark.parametrize("question,expected", [
    ("how many civilians were killed in Raqqa in 2017",
     {"town": "Raqqa", "start": date(2017, 1, 1), "end": date(2018, 1, 1), "measures": ("killed",)}),
    ("incidents in Manbij between June and August 2016",
     {"town": "Manbij", "start": date(2016, 6, 1), "end": date(2016, 9, 1), "measures": ("incidents",)}),
    ("how many incidents in Syria in March 2017",
     {"syria": True, "start": date(2017, 3, 1), "end": date(2017, 4, 1), "measures": ("incidents",)}),
    # Spellings people type, and near misses said back as corrections.
    ("incidents in Rakka", {"town": "Raqqa", "measures": ("incidents",)}),
    ("incidents in Raqa", {"town": "Raqqa", "measures": ("incidents",)}),
    ("civilians killed in ar-Raqa in 2017",
     {"town": "Raqqa", "start": date(2017, 1, 1), "end": date(2018, 1, 1), "measures": ("killed",)}),
    ("incidents in raqqqa", {"town": "Raqqa", "measures": ("incidents",), "corrections": (("raqqqa", "Raqqa"),)}),
    ("incidents in manbji", {"town": "Manbij", "measures": ("incidents",), "corrections": (("manbji", "Manbij"),)}),
    # A short word is never taken for a near miss: French "sous" is not Al Soussa.
    ("combien de civils tués sous les frappes à Raqqa",
     {"town": "Raqqa", "unread": ("combien", "de", "civils", "tués", "sous", "les", "frappes", "à")}),
    # A governorate, and a town's name with "province".
    ("incidents in Deir ez-Zor province in 2018",
     {"governorate": "Deir ez-Zor", "start": date(2018, 1, 1), "end": date(2019, 1, 1), "measures": ("incidents",)}),
    ("Raqqa province in 2017", {"governorate": "Raqqa", "start": date(2017, 1, 1), "end": date(2018, 1, 1)}),
    # Arabic.
    ("الرقة", {"town": "Raqqa", "arabic": True}),
    ("كم عدد المدنيين الذين قتلوا في الرقة", {"town": "Raqqa", "measures": ("killed",), "arabic": True}),
    # Codes, gradings, measures in the order asked, rankings (capped).
    ("CS1706", {"code": "CS1706"}),
    ("what happened in cs 1706", {"code": "CS1706"}),
    ("confirmed incidents in Manbij", {"town": "Manbij", "gradings": ("Confirmed",), "measures": ("incidents",)}),
    ("how many children were killed in Raqqa", {"town": "Raqqa", "measures": ("children", "killed")}),
    ("women injured in Hajin", {"town": "Hajin", "measures": ("women", "injured")}),
    ("the 3 deadliest incidents in Syria", {"syria": True, "measures": ("incidents",), "ranked": 3}),
    ("deadliest incident in Syria", {"syria": True, "measures": ("incidents",), "ranked": 1}),
    ("top 40 deadliest incidents in Syria", {"syria": True, "measures": ("incidents",), "ranked": MAX_RANKED}),
    # A place the records do not cover is named, to be answered "Syria only".
    ("incidents in Mosul", {"iraq": "mosul", "measures": ("incidents",)}),
    # What the records cannot answer is said back, never dropped.
    ("strikes in Raqqa", {"town": "Raqqa", "unread": (STRIKES,)}),
    ("Russian strikes in Raqqa", {"town": "Raqqa", "russia": True, "unread": (STRIKES,)}),
    ("incidents in Raqqa with bananas", {"town": "Raqqa", "measures": ("incidents",), "unread": ("bananas",)}),
    ("how many incidents in Tabqah and Raqqa", {"town": "Tabqa", "measures": ("incidents",), "unread": ("raqqa",)}),
    ("incidents in Deir ez-Zor city",
     {"governorate": "Deir ez-Zor", "measures": ("incidents",),
      "unread": ("city (the records hold Deir ez-Zor as a governorate, not as a town)",)}),
    ("incidents in Raqqa according to the Coalition",
     {"town": "Raqqa", "measures": ("incidents",),
      "unread": ("according to the coalition (these are Airwars' records; the Coalition's own assessment is given "
                 "per incident, by code)",)}),
])
def test_a_question_about_the_records_is_read_word_for_word(question: str, expected: dict[str, Any]) -> None:
    reading = read(question)
    assert reading is not None
    assert asked(reading) == expected


@pytest.mark.parametrize("question,arabic,name", [
    ("incidents in Raqqa", False, "Raqqa"), ("Raqqa province in 2017", False, "Raqqa governorate"),
    ("الرقة", True, "الرقة"), ("the 3 deadliest incidents in Syria", False, "Syria"),
])
def test_the_place_is_named_in_the_questions_language(question: str, arabic: bool, name: str) -> None:
    reading = read(question)
    assert reading is not None and reading.arabic is arabic
    assert reading.place_name() == name
