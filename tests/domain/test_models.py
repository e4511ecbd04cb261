"""`models`: when two records are the same report, what a figure keeps in a revision, and names read off the
vocabulary (labels, the places and actors that contain one)."""

from __future__ import annotations

from typing import Any, Literal

import pytest

from bot.domain.models import Figure, Subject, TermKind
from tests.domain.figures import VOCABULARY, figure


@pytest.mark.parametrize("outlet,outlets", [
    (None, ()), ("", ()), ("RT News", ("RT News",)), ("RT News; The Hill", ("RT News", "The Hill")),
    (" RT News ;; The Hill ; ", ("RT News", "The Hill")),
])
def test_outlets_are_the_outlet_field_split_at_semicolons(outlet: str | None, outlets: tuple[str, ...]) -> None:
    assert figure(outlet=outlet).outlets == outlets


@pytest.mark.parametrize("changes,same", [
    ({}, True),
    # Another outlet, quote or id carries the same claim.
    ({"outlet": "The Hill", "quote": "other words", "figure_id": 9}, True),
    # Dates agree at the coarser of their precisions.
    ({"published": "2017-04"}, True), ({"published": "2017"}, True), ({"start": "2014"}, True),
    ({"published": "2017-05"}, False), ({"published": "2017-04-29"}, False), ({"start": "2014-09"}, False),
    # A stated start and none are different periods.
    ({"start": None}, False),
    # Another value, or another series.
    ({"low": 101}, False), ({"high": None}, False), ({"high": 120}, False),
    ({"reporter": "airwars"}, False), ({"metric": "strikes"}, False), ({"actor": "us"}, False),
    ({"place": "iraq"}, False),
])
def test_the_same_report_is_the_same_series_publication_and_value(changes: dict[str, Any], same: bool) -> None:
    one, other = figure(), figure(**changes)
    assert one.same_report(other) is same
    assert other.same_report(one) is same
    if same:
        # Finding a restated report among many is a lookup of this key: the same report always shares it.
        assert one.report_key() == other.report_key()


def test_a_snapshot_is_plain_json_and_a_record_round_trips() -> None:
    stored = figure(7, end="2017-03", excludes=("children",), status="superseded", supersedes=3, version=2)
    snapshot = stored.snapshot()
    assert (snapshot["period_start"], snapshot["period_end"], snapshot["published"]) == ("2014-08", "2017-03",
                                                                                         "2017-04-30")
    assert snapshot["excludes"] == ["children"]
    assert (snapshot["id"], snapshot["status"], snapshot["supersedes"], snapshot["version"]) == (7, "superseded", 3, 2)
    assert stored.with_record(stored.record()) == stored
    changed = stored.with_record(figure(low=5).record())
    assert (changed.value_low, changed.id, changed.status, changed.version) == (5, 7, "superseded", 2)
    assert isinstance(changed, Figure)


@pytest.mark.parametrize("kind,key,label", [
    ("reporter", "cjtf-oir", "CJTF-OIR"), ("reporter", "airwars", "Airwars"),
    ("metric", "civilian_deaths", "civilian deaths"), ("actor", "us", "United States"),
    # A key the vocabulary no longer knows is shown as it is; no key, nothing.
    ("reporter", "gone", "gone"), ("place", "atlantis", "atlantis"), ("place", None, ""),
])
def test_a_label_is_the_vocabularys_name_or_the_key(kind: TermKind | Literal["reporter"], key: str | None,
                                                     label: str) -> None:
    assert VOCABULARY.label(kind, key) == label


@pytest.mark.parametrize("kind,key,chain", [
    ("place", "mosul", ["mosul", "iraq", "iraq_and_syria"]),
    ("place", "raqqa", ["raqqa", "syria", "iraq_and_syria"]),
    ("place", "iraq_and_syria", ["iraq_and_syria"]),
    ("actor", "us", ["us", "coalition"]),
    ("place", "atlantis", ["atlantis"]),
])
def test_ancestors_are_the_key_then_what_contains_it_nearest_first(kind: TermKind, key: str,
                                                                   chain: list[str]) -> None:
    assert VOCABULARY.ancestors(kind, key) == chain


@pytest.mark.parametrize("subject,kind,key", [
    (Subject.figure(12), "figure", "12"), (Subject.incident(3), "incident", "3"),
])
def test_a_figure_or_incident_subject_is_its_id(subject: Subject, kind: str, key: str) -> None:
    assert (subject.kind, subject.key, subject.id) == (kind, key, int(key))
