"""`incidents.names`: the one normal form of place names and questions."""

from __future__ import annotations

import pytest

from bot.domain.incidents.names import normal, place_key


@pytest.mark.parametrize("text,normalised", [
    ("Ar-Raqqah", "ar-raqqah"),
    ("  Deir   ez-Zor ", "deir ez-zor"),
    ("Tokhar (near Manbij)", "tokhar near manbij"),
    ("Al_Bab!", "al bab"),
    ("Sha’afa", "sha'afa"),
    # The one-letter clitics joined to an Arabic place name (with, and, for) name the place itself; the ta
    # marbuta is folded as every Arabic word is.
    ("بالرقة", "الرقه"),
    ("والرقة", "الرقه"),
    ("للرقة", "الرقه"),
    ("الرقة", "الرقه"),
    ("رقة", "رقه"),
])
def test_normal_is_the_form_questions_and_places_share(text: str, normalised: str) -> None:
    assert normal(text) == normalised


@pytest.mark.parametrize("place,key", [
    ("Tokhar (near Manbij)", "tokhar"),
    ("Al Soussa: Baghouz road", "al soussa"),
    ("Hajin, Deir ez-Zor", "hajin"),
    ("Raqqa [city]", "raqqa"),
    ("Mayadin", "mayadin"),
    ("(unknown)", ""),
])
def test_a_place_is_keyed_by_its_name_before_any_detail(place: str, key: str) -> None:
    assert place_key(place) == key
