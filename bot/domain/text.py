"""Normalising what people type, before any matching."""

from __future__ import annotations

import re
import unicodedata

MAX_QUESTION_CHARS = 500
"""Longer questions are cut here: nobody asks a 2,000-character question about one number."""

_QUOTES = str.maketrans({"‘": "'", "’": "'", "`": "'", "´": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
# Keep what dates and names need ("cjtf-oir", "u.s.", "2016/11", "nov '16", "iraq & syria"); drop the rest.
_DROP = re.compile(r"[^a-z0-9\s'&./-]")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"(?<![a-z0-9])[-./&']+|[-./&']+(?![a-z0-9])")
# nov '16 -> nov 2016 (the campaign is this century's), before the apostrophe is stripped as punctuation.
_TWO_DIGIT_YEAR = re.compile(r"(?<![\w'])'(\d{2})\b")
_POSSESSIVE = re.compile(r"(?<=[a-z])'s\b|(?<=s)'(?=\s|$)")


def normalize(text: str) -> str:
    """Lower-case, fold look-alike characters, drop emoji and punctuation, collapse repeats."""
    text = unicodedata.normalize("NFKC", text[: MAX_QUESTION_CHARS * 2]).translate(_QUOTES).lower()
    text = "".join(" " if unicodedata.category(ch)[0] in "CSZ" and ch not in "&" else ch for ch in text)
    text = _DROP.sub(" ", text)
    text = _TWO_DIGIT_YEAR.sub(r"20\1", text)
    text = _POSSESSIVE.sub("", text)
    text = _EDGE_PUNCT.sub(" ", text)
    words: list[str] = []
    for word in _SPACES.sub(" ", text).strip().split(" "):
        if word and (not words or words[-1] != word):
            words.append(word)
    return " ".join(words)[:MAX_QUESTION_CHARS].strip()


def phrase(text: str) -> str:
    """The normal form of a vocabulary alias: the same folding as a question, so they compare equal."""
    return normalize(text)
