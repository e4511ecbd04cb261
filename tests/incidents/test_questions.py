"""Questions over Airwars' incident records, through the one `ask` every front end uses.

Each expected value is computed here from the CSV (tests/incidents/expected.py), with the data README's default
reading: civilian harm reported, Discounted left out unless a grading is asked, sums of min and of max.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.domain.render import answer_json, render_text
from bot.domain.service import Tally
from tests.incidents.expected import ALL, LIKELY, select, sums

CASES: list[tuple[str, str, dict[str, Any]]] = [
    # towns, in the data's spellings and others
    ("how many civilians were killed in Raqqa in 2017", "killed", {"group": "Raqqa", "year": 2017}),
    ("civilians killed in Ar Raqqah in 2016", "killed", {"group": "Raqqa", "year": 2016}),
    ("civilian deaths in Manbij in July 2016", "killed", {"group": "Manbij", "year": 2016, "month": 7}),
    ("what happened in Manbij in July 2016", "killed", {"group": "Manbij", "year": 2016, "month": 7}),
    ("incidents in Tabqa", "incidents", {"group": "Tabqa"}),
    ("how many incidents in al tabqah in 2017", "incidents", {"group": "Tabqa", "year": 2017}),
    ("civilians killed in Mayadin", "killed", {"group": "Mayadin"}),
    ("deaths in al mayadeen in 2017", "killed", {"group": "Mayadin", "year": 2017}),
    ("civilians killed in Al Soussa", "killed", {"group": "Al Soussa"}),
    ("civilian deaths in Baghouz in 2019", "killed", {"group": "Baghouz", "year": 2019}),
    ("civilians killed in Abu Kamal", "killed", {"group": "Abu Kamal"}),
    ("civilians killed in al bukamal in 2017", "killed", {"group": "Abu Kamal", "year": 2017}),
    ("civilians killed in Hajin in 2018", "killed", {"group": "Hajin", "year": 2018}),
    ("civilians killed in Al Shaafa", "killed", {"group": "Al Sha'afa"}),
    ("civilians killed in Al Mansoura in March 2017", "killed", {"group": "Al Mansoura", "year": 2017, "month": 3}),
    ("civilians killed in al-bab", "killed", {"group": "Al-Bab"}),
    ("civilians killed in shadadi", "killed", {"group": "Shadadi"}),
    ("incidents in Al-Bab in 2019", "incidents", {"group": "Al-Bab", "year": 2019}),
    ("civilians killed in manbij in 2021", "killed", {"group": "Manbij", "year": 2021}),
    # other published places, word for word
    ("civilians killed in kasrat faraj in 2017", "killed", {"head": "kasrat faraj", "year": 2017}),
    ("what happened in al mashlab", "killed", {"head": "al mashlab"}),
    ("deaths in hunaida", "killed", {"head": "hunaida"}),
    ("incidents in tokhar kabir", "incidents", {"head": "tokhar kabir"}),
    # measures
    ("civilians injured in Raqqa in 2017", "injured", {"group": "Raqqa", "year": 2017}),
    ("children killed in Raqqa in 2017", "children", {"group": "Raqqa", "year": 2017}),
    ("women killed in Mayadin", "women", {"group": "Mayadin"}),
    ("how many children were killed in Manbij", "children", {"group": "Manbij"}),
    ("wounded in hajin", "injured", {"group": "Hajin"}),
    # near misses
    ("civilians killed in raqqqa in 2017", "killed", {"group": "Raqqa", "year": 2017}),
    ("children killed in manbji", "children", {"group": "Manbij"}),
    ("deaths in mayadinn", "killed", {"group": "Mayadin"}),
    ("civilians killed in tabka in 2017", "killed", {"group": "Tabqa", "year": 2017}),
    ("civilians killed in hajeen", "killed", {"group": "Hajin"}),
    ("civilians killed in bagouz", "killed", {"group": "Baghouz"}),
    ("civilians killed in abu kamaal", "killed", {"group": "Abu Kamal"}),
    ("civilians killed in deir ezor in 2017", "killed", {"governorate": "Deir ez-Zor", "year": 2017}),
    # Arabic
    ("كم مدني قتل في الرقة", "killed", {"group": "Raqqa"}),
    ("كم مدني قتل في الرقة عام 2017", "killed", {"group": "Raqqa", "year": 2017}),
    ("كم عدد الحوادث في منبج", "incidents", {"group": "Manbij"}),
    ("ضحايا الطبقة", "killed", {"group": "Tabqa"}),
    ("قتلى الميادين في 2017", "killed", {"group": "Mayadin", "year": 2017}),
    ("كم طفلا قتل في الرقة", "children", {"group": "Raqqa"}),
    ("عدد القتلى المدنيين في دير الزور", "killed", {"governorate": "Deir ez-Zor"}),
    ("كم مدنيا قتل في الباغوز", "killed", {"group": "Baghouz"}),
    ("قتلى في البوكمال عام 2018", "killed", {"group": "Abu Kamal", "year": 2018}),
    ("الحوادث في الرقة في يوليو 2017", "incidents", {"group": "Raqqa", "year": 2017, "month": 7}),
    ("كم مدني قتل بالرقة", "killed", {"group": "Raqqa"}),
    ("كم مدنيًا قُتل في الرَّقَّة؟", "killed", {"group": "Raqqa"}),
    ("جرحى منبج", "injured", {"group": "Manbij"}),
    # governorates
    ("civilians killed in Deir ez-Zor in 2017", "killed", {"governorate": "Deir ez-Zor", "year": 2017}),
    ("civilians killed in Raqqa province", "killed", {"governorate": "Raqqa"}),
    ("incidents in Aleppo governorate", "incidents", {"governorate": "Aleppo"}),
    ("civilians killed in Hasakah province in 2019", "killed", {"governorate": "Al-Hasakah", "year": 2019}),
    ("civilians killed in Idlib", "killed", {"governorate": "Idlib"}),
    ("deaths in deir ezzor province in 2018", "killed", {"governorate": "Deir ez-Zor", "year": 2018}),
    ("كم مدني قتل في محافظة الرقة", "killed", {"governorate": "Raqqa"}),
    # years, months, spans
    ("civilians killed in syria in 2016", "killed", {"year": 2016}),
    ("incidents in syria in 2015", "incidents", {"year": 2015}),
    ("civilians killed in Raqqa between June and October 2017", "killed",
     {"group": "Raqqa", "between": ("2017-06-01", "2017-11-01")}),
    ("civilians killed in Raqqa from 2016 to 2018", "killed", {"group": "Raqqa", "years": (2016, 2018)}),
    ("civilians killed in Manbij since 2017", "killed", {"group": "Manbij", "years": (2017, 2100)}),
    ("civilian deaths in raqqa in 2017-08", "killed", {"group": "Raqqa", "year": 2017, "month": 8}),
    ("deaths in raqqa in 08/2017", "killed", {"group": "Raqqa", "year": 2017, "month": 8}),
    ("civilians killed in Tabqa in sept 2017", "killed", {"group": "Tabqa", "year": 2017, "month": 9}),
    ("civilians killed in Raqqa before 2017", "killed", {"group": "Raqqa", "years": (2000, 2016)}),
    # gradings
    ("confirmed incidents in raqqa", "incidents", {"group": "Raqqa", "gradings": ("Confirmed",)}),
    ("civilians killed in raqqa fair or better", "killed", {"group": "Raqqa", "gradings": LIKELY}),
    ("civilians killed in raqqa in 2017 including discounted", "killed",
     {"group": "Raqqa", "year": 2017, "gradings": ALL}),
    ("weak incidents in deir ez-zor", "incidents", {"governorate": "Deir ez-Zor", "gradings": ("Weak",)}),
    ("contested civilian deaths in raqqa in 2017", "killed",
     {"group": "Raqqa", "year": 2017, "gradings": ("Contested", "Contested, Discounted")}),
    ("discounted incidents in syria", "incidents", {"gradings": ("Discounted",)}),
    ("likely civilian deaths in syria in 2017", "killed", {"year": 2017, "gradings": LIKELY}),
    ("civilians killed in syria, all gradings", "killed", {"gradings": ALL}),
    ("civilian deaths in syria", "killed", {}),
]


def _ask(tally: Tally, question: str) -> dict[str, Any]:
    return answer_json(tally.ask(question))


@pytest.mark.parametrize(("question", "measure", "where"), CASES, ids=[c[0] for c in CASES])
def test_sums_are_the_records_sums(with_incidents: Tally, rows: list[dict[str, str]], question: str, measure: str,
                                   where: dict[str, Any]) -> None:
    expected = sums(select(rows, **where))
    reply = _ask(with_incidents, question)
    assert reply["status"] == "answered", reply["text"]
    derived = [a for a in reply["answers"] if a.get("derived")]
    by_metric = {a["metric"]: a for a in derived}
    assert by_metric["incident_incidents"]["value_low"] == expected.incidents
    if measure != "incidents":
        low, high = getattr(expected, measure)
        got = by_metric[f"incident_{measure}"]
        assert (got["value_low"], got["value_high"]) == (low, high), reply["text"]
    for answer in derived:
        assert answer["reporter"] == "Airwars" and answer["match"] == "exact", reply["text"]
        assert answer["figure_id"] is None
    assert "Airwars' incident records" in reply["text"] and "Derived by Tally" in reply["text"]
    assert f"{expected.incidents:,} incidents" in reply["text"]


def test_case_set_is_large_enough() -> None:
    assert len(CASES) >= 60


def _span_of_records(rows: list[dict[str, str]]) -> str:
    dates = sorted(date.fromisoformat(r["date"]) for r in rows if r["civilian_harm_reported"] == "Yes")
    return f"{dates[0].day} {dates[0]:%b %Y} – {dates[-1].day} {dates[-1]:%b %Y}"


def test_the_default_reading_is_said(with_incidents: Tally, rows: list[dict[str, str]]) -> None:
    text = render_text(with_incidents.ask("civilians killed in raqqa in 2017"))
    assert "civilian harm reported, Discounted left out" in text
    count = sum(1 for r in rows if r["civilian_harm_reported"] == "Yes")
    assert f"Data: Airwars' records of {count:,} incidents with civilian harm reported, dated " \
           f"{_span_of_records(rows)}" in text


def test_whole_campaign_shows_the_reported_figures_beside_the_sum(with_incidents: Tally,
                                                                  rows: list[dict[str, str]]) -> None:
    reply = _ask(with_incidents, "civilian deaths in syria")
    values = {(a["reporter"], a["value_low"], bool(a.get("derived"))) for a in reply["answers"]}
    assert ("Airwars", 3164, False) in values  # the seed's published total, labelled as reported
    expected = sums(select(rows))
    assert ("Airwars", expected.killed[0], True) in values
    assert "Reported figures (published totals, not Tally's sums):" in reply["text"]


def test_arabic_question_names_the_place_in_arabic(with_incidents: Tally) -> None:
    reply = _ask(with_incidents, "كم مدني قتل في الرقة عام 2017")
    assert reply["text"].startswith("الرقة")
    assert reply["interpretation"]["place"] == "الرقة"
    assert "Raqqa" not in reply["text"].splitlines()[0]


def test_children_not_recorded_is_said(with_incidents: Tally, rows: list[dict[str, str]]) -> None:
    expected = sums(select(rows, group="Manbij"))
    text = render_text(with_incidents.ask("children killed in manbij"))
    missing = expected.incidents - expected.children_given
    assert missing > 0
    assert f"not recorded for {missing:,} of the {expected.incidents:,} incidents" in text


def test_an_unknown_word_makes_the_answer_partial(with_incidents: Tally) -> None:
    reply = _ask(with_incidents, "how many civilians were killed by drones in raqqa in 2017")
    assert reply["answers"] and all(a["match"] == "partial" for a in reply["answers"])
    assert "drones" in reply["text"].splitlines()[0]


def test_zero_is_said_as_zero_when_the_records_cover_it(with_incidents: Tally, rows: list[dict[str, str]]) -> None:
    assert not select(rows, group="Manbij", year=2021)
    reply = _ask(with_incidents, "civilians killed in manbij in 2021")
    assert reply["status"] == "answered"
    assert {a["value_low"] for a in reply["answers"]} == {0}


@pytest.mark.parametrize("question", ["civilians killed in raqqa in 2013", "incidents in manbij in 2027"])
def test_a_year_outside_the_records_gets_no_number(with_incidents: Tally, rows: list[dict[str, str]],
                                                   question: str) -> None:
    reply = _ask(with_incidents, question)
    assert reply["status"] == "no_match" and reply["answers"] == []
    assert f"run from {_span_of_records(rows).replace(' – ', ' to ')}" in reply["text"]


@pytest.mark.parametrize("question", ["civilians killed in mosul", "incidents in fallujah in 2016",
                                      "كم مدني قتل في الموصل", "deadliest incidents in ramadi"])
def test_iraq_is_outside_the_records(with_incidents: Tally, question: str) -> None:
    reply = _ask(with_incidents, question)
    assert "cover Syria only" in reply["text"]
    assert not any(a.get("derived") for a in reply["answers"])
    assert not any(a["match"] == "exact" for a in reply["answers"])


@pytest.mark.parametrize("question", ["russian strikes in raqqa", "civilians killed by russia in idlib in 2017",
                                      "كم مدني قتل بالغارات الروسية في الرقة"])
def test_russian_strikes_are_not_in_these_records(with_incidents: Tally, question: str) -> None:
    reply = _ask(with_incidents, question)
    assert reply["status"] == "no_match" and reply["answers"] == []
    assert "Coalition only" in reply["text"] or "US-led Coalition only" in reply["text"]


@pytest.mark.parametrize(("question", "place", "count"), [
    ("the 5 deadliest in Raqqa", "Raqqa", 5),
    ("deadliest incidents in syria", None, 5),
    ("top 3 deadliest incidents in manbij", "Manbij", 3),
    ("the ten worst incidents in deir ez-zor", "Deir ez-Zor", 10),
])
def test_deadliest(with_incidents: Tally, rows: list[dict[str, str]], question: str, place: str | None,
                   count: int) -> None:
    governorate = place == "Deir ez-Zor"
    chosen = [r for r in select(rows, group=None if governorate else place, governorate=place if governorate else None)
              if r["civilians_killed_max"]]
    chosen.sort(key=lambda r: (-int(r["civilians_killed_max"]), -int(r["civilians_killed_min"] or 0), r["date"]))
    reply = _ask(with_incidents, question)
    got = [(a["code"], a["value_high"]) for a in reply["answers"]]
    assert [high for _, high in got] == [int(r["civilians_killed_max"]) for r in chosen[:count]]
    assert {code for code, _ in got} <= {r["code"] for r in chosen}


@pytest.mark.parametrize("typed", ["CS1706", "cs1706", "what is incident CS1706?", "S1504", "RS1274", "CS314"])
def test_one_incident_by_code(with_incidents: Tally, rows: list[dict[str, str]], typed: str) -> None:
    wanted = [r for r in rows if typed.split()[-1].rstrip("?").upper() in r["code"].upper().split()
              or typed.split()[-1].rstrip("?").upper() in r["previous_codes"].upper().split()]
    assert wanted
    reply = _ask(with_incidents, typed)
    assert reply["status"] == "answered"
    first = wanted[0]
    assert reply["answers"][0]["code"] == first["code"]
    assert reply["answers"][0]["value_low"] == int(first["civilians_killed_min"] or 0)
    assert first["url"] in reply["text"] and f"Graded {first['grading']}" in reply["text"]
    assert f"assessment: {first['coalition_assessment']}" in reply["text"]


def test_an_unknown_code_says_so(with_incidents: Tally) -> None:
    reply = _ask(with_incidents, "CS9999")
    assert reply["status"] == "no_match" and "No incident with the code CS9999" in reply["text"]


@pytest.mark.parametrize("question", ["civilian deaths", "sorties", "incidents still under assessment",
                                      "airwars vs cjtf-oir", "civilians since Nov 2016"])
def test_questions_about_reported_figures_are_unchanged(with_incidents: Tally, seeded: Tally, question: str) -> None:
    assert answer_json(with_incidents.ask(question)) == answer_json(seeded.ask(question))


def test_a_count_of_strikes_is_not_a_count_of_incidents(with_incidents: Tally) -> None:
    reply = _ask(with_incidents, "how many airstrikes hit Raqqa")
    assert all(a["match"] == "partial" for a in reply["answers"])
    assert "not strikes" in reply["text"].splitlines()[0]
    # ... while strikes as the cause of deaths are read: the answer stays exact.
    killed = _ask(with_incidents, "how many civilians were killed in airstrikes on raqqa in 2017")
    assert all(a["match"] == "exact" for a in killed["answers"])


def test_the_deadliest_incident_is_one(with_incidents: Tally, rows: list[dict[str, str]]) -> None:
    chosen = [r for r in select(rows, group="Hajin") if r["civilians_killed_max"]]
    top = max(chosen, key=lambda r: (int(r["civilians_killed_max"]), int(r["civilians_killed_min"] or 0)))
    reply = _ask(with_incidents, "most deadly incident in Hajin")
    assert [a["code"] for a in reply["answers"]] == [top["code"]]
    assert reply["text"].startswith("The deadliest incident — Hajin")


@pytest.mark.parametrize("question", [
    "how many civilians were killed by coalition airstrikes in iraq and syria since 2014",
    "civilian deaths in iraq",
    "كم مدنيا قتل منذ نوفمبر 2016",
])
def test_questions_for_the_figures_stay_with_the_figures(with_incidents: Tally, seeded: Tally, question: str) -> None:
    assert answer_json(with_incidents.ask(question)) == answer_json(seeded.ask(question))


@pytest.mark.parametrize(("question", "said"), [
    ("civilians killed in deir ez-zor city in 2017", "as a governorate, not as a town"),
    ("How many civilians were killed in Raqqa in 2017 according to the Coalition?", "these are Airwars' records"),
    ("civilians killed in raqqa in 2017 says cjtf-oir", "these are Airwars' records"),
])
def test_a_scope_the_records_do_not_have_is_said_and_partial(with_incidents: Tally, question: str, said: str) -> None:
    reply = _ask(with_incidents, question)
    assert reply["answers"] and all(a["match"] == "partial" for a in reply["answers"])
    assert said in reply["text"].splitlines()[0]
