"""The sentences of answers, from what was read and chosen: no vocabulary, no store."""

from __future__ import annotations

import pytest

from bot.domain import wording
from bot.domain.reading import Unread

COUNTED = ["civilians", "strikes", "incidents"]
REPORTERS = ["CJTF-OIR", "Airwars"]


@pytest.mark.parametrize("unread,sentence", [
    (Unread("french", "nationality"), "No figure counts French strikes alone; the nearest covers the whole "
                                      "US-led Coalition."),
    (Unread("human rights watch", "source"), "No figure from Human Rights Watch; Tally's reporters are CJTF-OIR "
                                             "and Airwars."),
    (Unread("per month", "arithmetic"), "No figure gives civilian deaths per month (an average, rate or share); "
                                        "the figures are totals over their periods."),
    (Unread("drones", "weapon"), "No figure counts strikes by drones alone; the nearest covers every US-led "
                                 "Coalition strike."),
    (Unread("at night", "time"), "No figure covers at night alone; the nearest covers every time of day and year."),
    (Unread("wagner", "name"), "No figure covers 'wagner'; the nearest answers the rest of the question."),
])
def test_what_no_figure_covers(unread: Unread, sentence: str) -> None:
    assert wording.uncovered(unread, "civilian deaths", "US-led Coalition", COUNTED, REPORTERS) == sentence


def test_whom_no_figure_counts_victims_or_perpetrators() -> None:
    assert wording.not_counted([Unread("taliban", "group")], "deaths", COUNTED, "US-led Coalition") == (
        "No figure counts Taliban deaths; Tally's figures count civilians, strikes and incidents.")
    assert wording.not_counted([Unread("militias", "group", after="by")], "deaths", COUNTED, "US-led Coalition") == (
        "No figure counts harm done by Militias; Tally's figures count strikes by the US-led Coalition and their toll.")


@pytest.mark.parametrize("qualifier,high,low,said", [
    ("at least (more likely than not)", None, 352, 'It is a lower bound ("at least"), not an exact count.'),
    (None, 13249, 8194, "It is a range, 8,194–13,249, not an exact count."),
    ("claims", 3164, 3164, 'The source words it "claims".'),
    (None, 45, 45, None),
])
def test_how_exact_a_number_is(qualifier: str | None, high: int | None, low: int, said: str | None) -> None:
    assert wording.by_number_qualifier(qualifier, high, low) == said


@pytest.mark.parametrize("words,first", [
    ("thanks a lot", wording.THANKS), ("who made you", wording.WHO_I_AM), ("hey there", wording.GREETING),
    ("merci", wording.THANKS),
])
def test_chit_chat_is_one_line_and_how_to_ask(words: str, first: str) -> None:
    line = wording.chit_chat(words)
    assert line == f"{first} {wording.HOW_TO_ASK}"


def test_comparison_says_ratio_difference_and_different_periods() -> None:
    assert wording.comparison("Airwars", "CJTF-OIR", 9.0, 2812) == "Airwars' count is 9.0× CJTF-OIR's, 2,812 more."
    periods = wording.different_periods("Airwars", "since Aug 2014", "CJTF-OIR", "since Nov 2016")
    assert periods == "They count different periods: Airwars since Aug 2014, CJTF-OIR since Nov 2016."
