"""`render`: how a figure's value, period, wording, citation and history read as plain text."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.domain.models import Editor
from bot.domain.names import figure_names
from bot.domain.render import (
    KEPT_QUOTE,
    cite,
    clip,
    figure_text,
    history_text,
    number,
    period_phrase,
    quoted,
    revision_changes,
    scope_phrase,
    value_phrase,
)
from bot.domain.service import Tally
from tests.domain.figures import VOCABULARY, figure


@pytest.mark.parametrize("text,limit,clipped", [
    ("short", 10, "short"),
    ("abcdefghij", 10, "abcdefghij"),
    ("abcdefghijk", 10, "abcdefghi…"),
    ("abc def ghi", 5, "abc…"),  # no space left before the ellipsis
    ("abc", 1, "…"),
    ("abc", 0, "…"),
])
def test_clip_cuts_to_the_limit_with_an_ellipsis(text: str, limit: int, clipped: str) -> None:
    assert clip(text, limit) == clipped and len(clip(text, limit)) <= max(limit, 1)


@pytest.mark.parametrize("value,shown", [(0, "0"), (999, "999"), (3164, "3,164"), (1234567, "1,234,567")])
def test_numbers_are_written_with_thousands_separators(value: int, shown: str) -> None:
    assert number(value) == shown


@pytest.mark.parametrize("low,high,qualifier,unit,phrase", [
    (352, None, None, "", "at least 352"),  # open-ended: "at least", as every answer says it
    (352, None, None, "civilians killed", "at least 352 civilians killed"),
    (45, 45, None, "civilians killed", "45 civilians killed"),
    (8194, 13249, None, "", "8,194–13,249"),
    (352, None, "at least (more likely than not)", "civilians killed",
     "at least 352 civilians killed (more likely than not)"),
    (300, None, "nearly", "", "nearly 300"),  # the source's own words replace "at least"
    (300, 300, "About", "", "About 300"),
    (1000, 1000, "over (per Airwars)", "strikes", "over 1,000 strikes (per Airwars)"),
    # The source's wording that would read oddly before the number is left to the quote.
    (3164, 3164, "claims", "civilians killed", "3,164 civilians killed"),
    (20205, 20205, "a total of", "", "20,205"),
    (300, 300, "more likely than not", "", "300 (more likely than not)"),
])
def test_a_value_reads_with_its_qualifier_and_unit(low: int, high: int | None, qualifier: str | None, unit: str,
                                                   phrase: str) -> None:
    assert value_phrase(figure(low=low, high=high, qualifier=qualifier), unit) == phrase


@pytest.mark.parametrize("start,end,phrase", [
    (None, None, "as assessed in the report of 30 April 2017"),
    ("2014", None, "since 2014"),
    ("2014-08-08", None, "since 8 August 2014"),
    ("2016-11", None, "since November 2016"),
    ("2016-11", "2017-03", "November 2016 – March 2017"),
])
def test_a_period_reads_in_full_words(start: str | None, end: str | None, phrase: str) -> None:
    assert period_phrase(figure(start=start, end=end)) == phrase


@pytest.mark.parametrize("actor,place,phrase", [
    ("coalition", "iraq_and_syria", ""),  # the campaign's own: nothing to say
    ("coalition", "mosul", "in Mosul"),
    ("russia", "iraq_and_syria", "by Russia"),
    ("russia", "syria", "by Russia in Syria"),
])
def test_a_scope_other_than_the_campaigns_is_said(actor: str, place: str, phrase: str) -> None:
    shown = figure(actor=actor, place=place)
    assert scope_phrase(shown, VOCABULARY) == phrase


CORRECTION = "Value corrected from 45 civilians killed to 46 civilians killed (typo in the release); "


@pytest.mark.parametrize("quote,notes,escape,shown", [
    ("45 civilians", None, str, "“45 civilians”"),
    ("45 civilians", "Counted from Nov 2016.", str.upper, "“45 CIVILIANS”"),
    # After a correction that kept the quote, the quote is named as the report's wording, then the correction.
    ("45 civilians", f"Counted from Nov 2016. {CORRECTION}{KEPT_QUOTE}", str,
     "The report's wording: “45 civilians” — value corrected from 45 civilians killed to 46 civilians killed "
     "(typo in the release)."),
    ("45 civilians", f"{CORRECTION}{KEPT_QUOTE}", str.upper,
     "The report's wording: “45 CIVILIANS” — VALUE CORRECTED FROM 45 CIVILIANS KILLED TO 46 CIVILIANS KILLED "
     "(TYPO IN THE RELEASE)."),
    ("45 civilians", f"{CORRECTION}and more said after it.", str, "“45 civilians”"),
])
def test_a_quote_kept_under_a_corrected_value_says_so(quote: str, notes: str | None, escape: Any, shown: str) -> None:
    assert quoted(figure(quote=quote, notes=notes), escape) == shown


@pytest.mark.parametrize("fields,kwargs,cited", [
    ({"title": "CJTF-OIR press release", "outlet": "RT News; The Hill"}, {},
     "CJTF-OIR press release, 30 Apr 2017 (reported by RT News, The Hill)"),
    ({}, {}, "CJTF-OIR, 30 Apr 2017"),  # no title: the reporter's name
    ({"url": "https://example.org/r"}, {}, "CJTF-OIR, 30 Apr 2017 <https://example.org/r>"),
    ({"title": "a_b", "url": "https://example.org/r"},
     {"escape": lambda t: t.replace("_", "\\_"), "link": lambda u: f"[link]({u})"},
     "a\\_b, 30 Apr 2017 [link](https://example.org/r)"),
])
def test_a_citation_names_the_document_its_date_who_carried_it_and_the_link(fields: dict[str, Any],
                                                                            kwargs: dict[str, Any],
                                                                            cited: str) -> None:
    assert cite(figure(**fields), "CJTF-OIR", **kwargs) == cited


@pytest.mark.parametrize("fields,lines", [
    ({}, ["Figure 1 [current] — CJTF-OIR: 100 civilians killed",
          "  what: civilian deaths · by US-led Coalition · Iraq and Syria · since August 2014",
          "  published: 30 Apr 2017",
          "  version 1"]),
    ({"id": 8, "value_high": None, "qualifier": "at least", "status": "superseded", "quote": "at least 100",
      "title": "Release", "outlet": "RT News; The Hill", "url": "https://example.org/r", "notes": "Cumulative.",
      "supersedes": 1, "version": 3, "reporter": "airwars", "place": "syria"},
     ["Figure 8 [superseded] — Airwars: at least 100 civilians killed",
      "  what: civilian deaths · by US-led Coalition · Syria · since August 2014",
      "  wording: “at least 100”",
      "  published: 30 Apr 2017 — Release, RT News, The Hill, https://example.org/r",
      "  notes: Cumulative.",
      "  supersedes figure 1",
      "  version 3"]),
])
def test_a_figure_in_full_shows_every_part_it_has(fields: dict[str, Any], lines: list[str]) -> None:
    shown = figure(**{"low": 100, **fields})
    assert figure_text(shown, figure_names(shown, VOCABULARY)).splitlines() == lines


@pytest.mark.store
def test_a_history_lists_each_revision_with_what_it_changed(tally: Tally) -> None:
    alice = Editor("1001", "alice")
    tally.edit_figure(2, {"outlet": "CENTCOM", "value_low": "46", "value_high": "46", "quote": "46 civilians"}, alice,
                      "fuller citation")
    ranged = tally.add_figure({"reporter": "Airwars", "metric": "civilian_deaths", "value_low": "8194",
                               "value_high": "13249", "actor": "US-led Coalition", "place": "Iraq and Syria",
                               "period_start": "2014-08", "published": "2018"}, alice, "a range")
    seed, edit = tally.store.history(2)
    assert revision_changes(seed) == ["value: 45, status current"]
    assert revision_changes(tally.store.history(1)[0]) == ["value: at least 352, status current"]
    assert revision_changes(tally.store.history(ranged.id)[0]) == ["value: 8194–13249, status current"]
    assert revision_changes(edit) == ["value_low: 45 → 46", "value_high: 45 → 46",
                                      "quote: '45 civilians have been killed by airstrikes since November 2016' → "
                                      "'46 civilians'", "outlet: 'RT News; The Hill' → 'CENTCOM'"]
    text = history_text(2, [seed, edit])
    assert re.fullmatch(
        r"History of figure 2 \(2 revisions\):\n"
        rf"  #{seed.id} \d{{4}}-\d\d-\d\d \d\d:\d\d UTC · seed by seed data — seed data from data/figures\.csv\n"
        r"      value: 45, status current\n"
        rf"  #{edit.id} \d{{4}}-\d\d-\d\d \d\d:\d\d UTC · edit by alice — fuller citation\n"
        r"      value_low: 45 → 46\n      value_high: 45 → 46\n      quote: .* → '46 civilians'\n"
        r"      outlet: 'RT News; The Hill' → 'CENTCOM'", text), text
    assert history_text(2, [seed]).splitlines()[0] == "History of figure 2 (1 revision):"
