"""Normalising what people type, before any matching.

Letters of every script are kept (accented Latin letters, Arabic): a question in French or Arabic is
read, not stripped to its ASCII remains. Matching then compares `fold`ed forms, so "évaluación" and
"evaluacion", or the hamza forms of an Arabic word, are the same word.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from bot.domain.scripts import fold_arabic

MAX_QUESTION_CHARS = 4000
"""Discord allows 4,000 characters in a message: all of it is read (the question sentences are found in it)."""
MAX_READ_CHARS = 600
"""What the vocabulary reads of one question after its question sentences are picked: bounded work."""
LONG_MESSAGE_CHARS = 280
"""Beyond this, a message is a post with a question somewhere in it, not a question."""

_QUOTES = str.maketrans({"‘": "'", "’": "'", "`": "'", "´": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                         "¿": " ", "¡": " ", "«": " ", "»": " ",
                         # "cjtf-oir = ?": an equals sign asks what a name means.
                         "=": " means "})
# Keep what dates and names need ("cjtf-oir", "u.s.", "2016/11", "nov '16", "iraq & syria"); drop the rest.
_DROP = re.compile(r"[^\w\s'&./-]|_")
_THOUSANDS = re.compile(r"(?<=\d)[,.\u202f\u00a0](?=\d{3}(?!\d))")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"(?<!\w)[-./&']+|[-./&']+(?!\w)")
# nov '16 -> nov 2016 (the campaign is this century's), before the apostrophe is stripped as punctuation.
_TWO_DIGIT_YEAR = re.compile(r"(?<![\w'])'(\d{2})\b")
_POSSESSIVE = re.compile(r"(?<=[a-z])'s\b|(?<=s)'(?=\s|$)")
# French and Italian elisions: "l'évaluation", "d'incidents", "qu'airwars" read as the word after them.
_ELISION = re.compile(r"\b(?:l|d|qu|j|n|s|c)'(?=\w)")
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")
# A full stop after an abbreviation ("nov. 2016", "u.s. strikes", "approx. 300") or before a number ends nothing.
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:(?:[^\W\d]\.)+|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mr|mrs|"
                           r"ms|dr|st|no|nr|vs|etc|approx|ca|cf|eg|ie|av|env|bzw|usw|ca|sr|sra|op|fig)\.)$",
                           re.IGNORECASE)
_QUESTION_START = re.compile(
    # "... there. And how many civilians?": a sentence may open with "and" before its question word.
    r"^(?:(?:and|also|plus|then|et|puis|y|und|\u0648)\s+)?(?:how|what|which|who|where|when|is|are|does|did|do|can|could|combien|quel|quelle|qui|cuánt|cuant|"
    r"qué|que|quién|wie|was|wer|welche|كم|ما|من|هل)\b", re.IGNORECASE,
)


def normalize(text: str) -> str:
    """Lower-case, fold look-alike characters, drop emoji and punctuation, collapse repeats."""
    text = unicodedata.normalize("NFKC", text[:MAX_QUESTION_CHARS]).translate(_QUOTES)
    text = fold_arabic(text).lower()
    text = _THOUSANDS.sub("", text)
    text = "".join(" " if unicodedata.category(ch)[0] in "CSZ" and ch not in "&" else ch for ch in text)
    text = _DROP.sub(" ", text)
    text = _TWO_DIGIT_YEAR.sub(r"20\1", text)
    text = _POSSESSIVE.sub("", text)
    text = _ELISION.sub("", text)
    text = _EDGE_PUNCT.sub(" ", text)
    words: list[str] = []
    for word in _SPACES.sub(" ", text).strip().split(" "):
        if word and (not words or words[-1] != word):
            words.append(word)
    return " ".join(words)


def fold(text: str) -> str:
    """The form words are compared in: no accents ("évaluación" = "evaluacion"), ß as ss."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))).casefold()


def phrase(text: str) -> str:
    """The normal form of a text: a question's words and the vocabulary's are folded alike, so they compare equal."""
    return fold(normalize(text))


@functools.lru_cache(maxsize=1 << 14)
def word_phrase(text: str) -> str:
    """`phrase` of one of the vocabulary's words, remembered: every resolver built (at each start, after each change
    of the vocabulary) reads the same few thousand aliases and cue words again, so this costs a lookup. Only the
    vocabulary's words come here; a question's text goes through `phrase` and is never kept."""
    return phrase(text)


def question_sentences(text: str, short: bool = False) -> str:
    """The sentence(s) of a long post that ask something; a short message is its own question.

    A post of up to 4,000 characters is split once (linear work); the sentences ending in a question
    mark are kept, else those opening with a question word, else the whole post (cut to what is read).
    `short` applies the same to a short message (the reader tries it when a short message has several sentences).
    """
    text = text[:MAX_QUESTION_CHARS]
    if len(text) <= LONG_MESSAGE_CHARS and not short:
        return text
    sentences = split_sentences(text)
    asked = [s for s in sentences if s.endswith(("?", "؟"))]
    if not asked:
        # "hey guys, I was wondering, how many strikes were there.": a question word may open any clause of it.
        asked = [s for s in sentences if any(_QUESTION_START.match(c.strip()) for c in _last_clause(s).split(","))]
    # "Anyway what I want to know is simple: how many ...?" — the part after the colon is the question.
    picked = " ".join(_last_clause(s) for s in asked) if asked else text
    return picked[:MAX_READ_CHARS]


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`: after ".", "!", "?" or a new line, except a full stop that ends an abbreviation or
    comes before a number ("since nov. 2016", "u.s. strikes", "approx. 300")."""
    sentences: list[str] = []
    if not _SENTENCE_END.search(text):
        return [text.strip()] if text.strip() else []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if sentences and sentences[-1].endswith(".") and (_ABBREVIATION.search(sentences[-1]) or piece[0].isdigit()):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences


def _last_clause(sentence: str) -> str:
    return sentence.rsplit(":", 1)[-1].strip() if ":" in sentence else sentence
