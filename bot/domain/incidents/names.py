"""The one normal form of place names and questions, shared by the reading and the store (its `place_key`)."""

from __future__ import annotations

import re

from bot.domain.scripts import fold_arabic

_PUNCT = re.compile(r"[^\w\s'&/-]|_")
_CLITICS = re.compile(r"(?<!\S)(?:[وفب]?لل|[وفبك]ال)(?=\S{2,})")
# "بالرقة", "والرقة", "للرقة" name الرقة: the one-letter clitics (and, with, for) are joined to the word.


def normal(text: str) -> str:
    """Lower case, Arabic folded, punctuation dropped; the same form for questions and place names."""
    text = fold_arabic(text).lower().replace("’", "'").replace("‘", "'")
    text = _PUNCT.sub(" ", text)
    text = _CLITICS.sub("ال", text)
    return " ".join(text.split())


_HEAD = re.compile(r"[:,(\[]")


def place_key(place: str) -> str:
    """A published place's name as people would type it: the text before its first ':', ',', '(' or '['
    (the data README's rule for town groups), in normal form. "Tokhar (near Manbij)" -> "tokhar"."""
    return normal(_HEAD.split(place, maxsplit=1)[0])
