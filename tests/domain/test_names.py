"""`names`: the display names of a figure's keys."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot.domain.names import figure_names
from tests.domain.figures import VOCABULARY, figure


@pytest.mark.parametrize("keys,names", [
    ({}, {"reporter": "CJTF-OIR", "metric": "civilian deaths", "unit": "civilians killed",
          "actor": "US-led Coalition", "place": "Iraq and Syria"}),
    ({"reporter": "airwars", "metric": "strikes", "actor": "russia", "place": "mosul"},
     {"reporter": "Airwars", "metric": "strikes", "unit": "strikes", "actor": "Russia", "place": "Mosul"}),
    # A key the vocabulary no longer knows is shown as it is.
    ({"reporter": "ibc", "metric": "cats", "actor": "martians", "place": "narnia"},
     {"reporter": "ibc", "metric": "cats", "unit": "cats", "actor": "martians", "place": "narnia"}),
])
def test_each_key_is_named_by_the_vocabulary(keys: dict[str, Any], names: dict[str, str]) -> None:
    assert figure_names(figure(**keys), VOCABULARY) == names


def test_a_metric_without_a_unit_is_counted_in_its_label() -> None:
    terms = tuple(replace(t, unit="") if t.key == "civcas_incidents" else t for t in VOCABULARY.terms)
    names = figure_names(figure(metric="civcas_incidents"), replace(VOCABULARY, terms=terms))
    assert (names["metric"], names["unit"]) == ("incidents with civilian casualties",) * 2
    assert figure_names(figure(metric="civilian_deaths"), replace(VOCABULARY, terms=terms))["unit"] == \
        "civilians killed"
