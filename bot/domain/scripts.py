"""Folding the letters of other scripts so that what people type matches the vocabulary.

Arabic is written with optional diacritics, a stretching character (tatweel), several hamza forms of
alef, and interchangeable final letters (ta marbuta / ha, alef maqsura / ya). People type them
inconsistently, so a question and an alias are compared after folding each to one form. These are the
usual rules of Arabic search normalisation; they are few enough to keep here rather than pull in a package.
"""

from __future__ import annotations

import re

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0622": "\u0627",  # alef with madda -> alef
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0629": "\u0647",  # ta marbuta -> ha
        "\u0649": "\u064a",  # alef maqsura -> ya
        "\u0624": "\u0648",  # waw with hamza -> waw
        "\u0626": "\u064a",  # ya with hamza -> ya
    }
)
# Arabic-Indic (U+0660..) and Eastern Arabic-Indic (U+06F0..) digits, and the Arabic comma and
# question mark, so numbers and sentence ends read the same in any script.
_DIGITS = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)},
     "\u060c": ",", "\u061f": "?", "\u066b": ".", "\u066c": ","}
)


def fold_arabic(text: str) -> str:
    """One spelling for the variants of Arabic letters; digits become ASCII digits."""
    text = _ARABIC_DIACRITICS.sub("", text).replace(_TATWEEL, "")
    return text.translate(_ARABIC_LETTERS).translate(_DIGITS)


def has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)
