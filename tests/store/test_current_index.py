"""After changes by this process or another, the in-memory current figures equal the store's.

The resolver reads current figures from memory and brings them up to date from the revisions committed
since it last looked. Each step below changes the store through another `Tally` (as another bot process
would); the first one must then answer as a freshly built one does.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.models import CLI_EDITOR
from bot.domain.render import render_text
from bot.domain.service import Tally
from bot.store.repository import Repository
from bot.store.tables import AliasRow
from tests.conftest import ROOT, today

pytestmark = pytest.mark.store
EXAMPLE = ROOT / "data" / "examples" / "press-timeline.csv"
QUESTIONS = ("civilian deaths", "coalition civilian deaths", "sorties", "civcas according to airwars",
             "incidents still being assessed", "civilian deaths as of 2018")


def answers(tally: Tally) -> list[tuple[str, list[tuple[int, int, str]]]]:
    return [(tally.ask(q).status, [(i.figure.id, i.figure.value_low, i.match) for i in tally.ask(q).items])
            for q in QUESTIONS]


def check(live: Tally, repo: Repository) -> None:
    fresh = Tally(repo, today)
    live_ids = {f.id for figures in live.refresh()._figures._by_metric.values() for f in figures}  # type: ignore[attr-defined]
    assert live_ids == {f.id for f in repo.current_figures()}
    assert answers(live) == answers(fresh)


def test_every_kind_of_change_reaches_a_running_resolver(repo: Repository) -> None:
    live, other = Tally(repo, today), Tally(repo, today)
    check(live, repo)
    other.import_rows(other.read_file(EXAMPLE.read_bytes(), EXAMPLE.name), CLI_EDITOR, "press timeline")
    check(live, repo)
    newest = max((f for f in repo.current_figures() if f.metric == "civilian_deaths" and f.reporter == "cjtf-oir"),
                 key=lambda f: f.published.last_day)
    other.retract_figure(newest.id, CLI_EDITOR, "retracted to test")
    check(live, repo)
    other.restore_figure(newest.id, CLI_EDITOR, "restored to test")
    check(live, repo)
    other.edit_figure(newest.id, {"value_low": "1400", "quote": "At least 1,400 civilians"}, CLI_EDITOR, "edit test")
    check(live, repo)
    assert "1,400" in render_text(live.ask("coalition civilian deaths"))
    other.add_figure({"metric": "strikes", "value_low": "40500", "value_high": "40500", "reporter": "CJTF-OIR",
                      "published": "2026-10-01", "period_start": "2014", "actor": "US-led Coalition",
                      "place": "Iraq and Syria"},
                     CLI_EDITOR, "a newer sorties report")
    check(live, repo)
    assert "40,500" in render_text(live.ask("sorties"))


def test_a_new_alias_reaches_a_running_resolver(repo: Repository) -> None:
    live, other = Tally(repo, today), Tally(repo, today)
    before = live.ask("blorp count")
    assert before.status == "no_match"
    other.add_alias("metric", "strikes", "blorp count", CLI_EDITOR, "test alias")
    assert [i.figure.value_low for i in live.ask("blorp count").items] == [20205]


def test_a_change_no_revision_explains_reloads_everything(repo: Repository) -> None:
    # As a newer release does when it refreshes the seed's vocabulary at its start, beside a running bot.
    live = Tally(repo, today)
    assert live.ask("blorp count").status == "no_match"
    with repo.transaction() as tx:
        tx.session.add(AliasRow(kind="metric", key="strikes", text="blorp count", added_by="seed",
                                created_at=datetime.now(UTC)))
        tx.changed()
    assert [i.figure.value_low for i in live.ask("blorp count").items] == [20205]
