"""The console's commands on the seeded store: what a person typing at `tally>` sees."""

from __future__ import annotations

import pytest

from bot.console import Console, figures_text
from bot.domain.models import CLI_EDITOR
from bot.domain.service import Tally
from tests.figure_filters import CASES, REFUSAL, REFUSED, listed


@pytest.mark.parametrize("line,said", [
    ("figure abc", "! `figure` needs a figure id (a number), e.g. `figure 3`."),
    ("figure", "! `figure` needs a figure id (a number), e.g. `figure 3`."),
    ("history x", "! `history` needs a figure id (a number), e.g. `history 3`."),
])
def test_figure_and_history_say_an_id_is_needed(seeded: Tally, line: str, said: str) -> None:
    reply = Console(seeded).handle(line)
    assert reply is not None and reply.startswith(said)


def test_history_counts_revisions_in_english_and_keeps_at_least(seeded: Tally) -> None:
    reply = Console(seeded).handle("history 1") or ""
    assert reply.startswith("History of figure 1 (1 revision):")
    assert "value: at least 352, status current" in reply


def test_figures_show_each_figure_period(seeded: Tally) -> None:
    lines = (Console(seeded).handle("figures") or "").splitlines()
    assert lines[1] == "#2 CJTF-OIR: 45 civilians killed, since November 2016 (published 30 Apr 2017)"
    assert "November 2016 – March 2017" in lines[4]


def test_figures_name_metrics_and_reporters_as_discord_and_the_command_line_do(seeded: Tally) -> None:
    console = Console(seeded)
    for metric, reporter, ids in CASES:
        line = "figures" + (f" {metric}" if metric else "") + (f" reporter: {reporter}" if reporter else "")
        assert listed(console.handle(line) or "") == ids, line
    assert listed(console.handle("figures metric: civilian deaths reporter: CJTF-OIR") or "") == [1, 2]
    for metric in REFUSED:
        assert REFUSAL in (console.handle(f"figures {metric}") or ""), metric
    assert console.handle("figures incidents with") == ("! 'incidents with' is not a known metric; did you mean "
                                                        "'incidents with civilian casualties'? (or teach a new word "
                                                        "with `alias add metric`)")


def test_a_question_is_answered_with_one_list_of_suggestions(seeded: Tally) -> None:
    reply = Console(seeded).handle("zzzz qqqq") or ""
    assert reply.count("incidents still being assessed") == 1 and "Ask about" not in reply, reply


def test_a_listed_figure_says_its_place_and_actor_when_not_the_campaigns(tally: Tally) -> None:
    fields: dict[str, str | None] = {"reporter": "Airwars", "metric": "civilian deaths", "value_low": "5000",
                                     "value_high": "5000", "published": "2017-05-09"}
    mosul = tally.add_figure({**fields, "place": "mosul"}, CLI_EDITOR, "Mosul report")
    russia = tally.add_figure({**fields, "actor": "russia", "place": "syria"}, CLI_EDITOR, "Russia report")
    lines = {line.split(" ", 1)[0]: line for line in figures_text(tally, "civilian deaths", "airwars").splitlines()}
    # "#16 Airwars: 5,000 civilians killed" alone reads as the campaign's whole count
    assert "Mosul" in lines[f"#{mosul.id}"]
    assert "Russia" in lines[f"#{russia.id}"] and "Syria" in lines[f"#{russia.id}"]
