"""Reading the words of a question against the vocabulary: aliases first, then fuzzy matches.

Built once from the vocabulary (not from the stored figures), so reading costs the same whether
the store holds seven figures or a million.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from bot.domain.models import AliasKind, Vocabulary
from bot.domain.scripts import has_arabic
from bot.domain.text import phrase, word_phrase

Ref = tuple[AliasKind, str]
"""What a word names: ("metric", "civilian_deaths"), ("reporter", "airwars"), ("place", "iraq"), ..."""

# Words after which an unknown word is most likely a place we do not know ("in iran").
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "across", "around", "within", "outside",
                                 "en", "dans", "im", "bei", "\u0641\u064a"})
_COMPARISON = frozenset({"vs", "v", "versus", "compare", "compared", "comparison", "against", "or"})
_ARABIC_PREFIXES = ("\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0644\u0644", "\u0627\u0644",
                    "\u0648", "\u0628", "\u0644")
"""wa-al-, bi-al-, li-l-, al-, wa-, bi-, li-: the article and conjunctions written joined to a word."""
_MIN_FUZZY_LEN = 4
_MAX_PHRASE_WORDS = 8


@dataclass(frozen=True)
class Match:
    ref: Ref
    text: str
    """The words of the question that matched."""
    alias: str
    score: float
    """100 for an alias typed exactly; the rapidfuzz ratio for a near miss."""


@dataclass
class Reading:
    matches: list[Match] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    """Words that are neither vocabulary nor filler: shown back so a reader sees what was not understood."""
    unknown_places: list[str] = field(default_factory=list)
    comparison: bool = False
    """The question sets sources against each other ("X vs Y", "compare")."""
    words: list[str] = field(default_factory=list)
    """The words read, as the vocabulary compares them (Arabic prefixes taken off where that names a word)."""
    stopped: list[int] = field(default_factory=list)
    """Positions of stopwords no alias took ("un" is French for "a", and the UN too)."""
    unused: list[int] = field(default_factory=list)
    """Positions in `words` that no alias took and that are not stopwords: `ignored`, in order."""

    def keys(self, kind: AliasKind) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.matches:
            if m.ref[0] == kind:
                seen.setdefault(m.ref[1], None)
        return list(seen)

    def corrections(self) -> list[tuple[str, str]]:
        return [(m.text, m.alias) for m in self.matches if m.score < 100]


class Lexicon:
    def __init__(self, vocabulary: Vocabulary) -> None:
        names: dict[str, set[Ref]] = defaultdict(set)
        for term in vocabulary.terms:
            for text in (term.key.replace("_", " "), term.label, *term.aliases):
                names[word_phrase(text)].add((term.kind, term.key))
        for source in vocabulary.sources:
            for text in (source.key, source.name, *source.aliases):
                names[word_phrase(text)].add(("reporter", source.key))
        names.pop("", None)
        # "قيد التقييم" is also met as "قيد" + "تقييم" once the article is taken off a word the vocabulary
        # knows without it: each Arabic phrase is known in that form too.
        for alias in [a for a in names if " " in a and has_arabic(a)]:
            bare = " ".join(w[2:] if w.startswith("\u0627\u0644") and len(w) > 4 else w for w in alias.split())
            if bare != alias:
                names[bare] |= names[alias]
        self._names = {k: frozenset(v) for k, v in names.items()}
        self._longest = min(_MAX_PHRASE_WORDS, max((len(k.split()) for k in self._names), default=1))
        self._stopwords = frozenset(word_phrase(w) for w in vocabulary.stopwords)
        self.filler = frozenset(word_phrase(w) for w in vocabulary.word_list("filler"))
        # Words the reading knows as filler or as cues of a question's kind are never taken for near misses
        # ("alle" is German for "all", not a typo of "fälle").
        self._plain = self.filler | frozenset(word_phrase(w) for words in vocabulary.words.values() for w in words)
        self._single = [k for k in self._names if " " not in k and len(k) >= _MIN_FUZZY_LEN]
        self._multi = [k for k in self._names if " " in k]

    def names_of(self, kind: AliasKind) -> list[tuple[str, str]]:
        """Every name (alias or label, normalised) of `kind`, with the key it names."""
        return [(name, ref[1]) for name, refs in self._names.items() for ref in sorted(refs) if ref[0] == kind]

    def refs(self, text: str) -> frozenset[Ref]:
        """What an alias names, exactly as typed (after normalising)."""
        return self._names.get(phrase(text), frozenset())

    def read(self, text: str, folded: bool = False) -> Reading:
        """Read `text`; `folded` says it is already in the vocabulary's form (`text.phrase`), as the reading's is."""
        text = text if folded else phrase(text)
        words: list[str] = [] if "-" in text else [self._known_form(w) for w in text.split()]
        for word in text.split() if "-" in text else ():
            pieces = word.split("-")
            # "still-being-assessed", "no-civilian-deaths": words joined by hyphens that no alias names as one
            # ("cjtf-oir", "al-qaeda", "f-16" stay whole) are read one by one.
            if len(pieces) > 1 and word not in self._names and all(p.isalpha() for p in pieces):
                words.extend(pieces)
            else:
                words.append(self._known_form(word))
        used = [False] * len(words)
        reading = Reading(comparison=bool(_COMPARISON & set(words)), words=words)
        # Longest aliases first, so "no civilians died" wins over "civilians" and "died".
        for size in range(min(self._longest, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                if any(used[i : i + size]):
                    continue
                span = " ".join(words[i : i + size])
                refs = self._names.get(span)
                if refs is None or (size == 1 and span in self._stopwords and not self._strong(refs)):
                    continue
                for ref in sorted(refs):
                    reading.matches.append(Match(ref, span, span, 100.0))
                used[i : i + size] = [True] * size
        self._read_near_misses(words, used, reading)
        for i, word in enumerate(words):
            if not used[i] and word in self._stopwords:
                reading.stopped.append(i)
            if used[i] or word in self._stopwords or word.isdigit():
                continue
            if i > 0 and words[i - 1] in _PLACE_PREPOSITIONS and word.isalpha():
                reading.unknown_places.append(word)
            reading.ignored.append(word)
            reading.unused.append(i)
        return reading

    def _known_form(self, word: str) -> str:
        """An Arabic word with its article or a clinging conjunction ("والغارات") as the vocabulary has it."""
        if word in self._names or not has_arabic(word):
            return word
        for prefix in _ARABIC_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                bare = word[len(prefix):]
                for form in (bare, "\u0627\u0644" + bare):
                    if form in self._names or form in self._stopwords:
                        return form
        return word

    @staticmethod
    def _strong(refs: frozenset[Ref]) -> bool:
        # A stopword that is also an alias counts only where it is a reporter's or place's name ("official").
        return any(kind in ("reporter", "place") for kind, _ in refs)

    def _read_near_misses(self, words: list[str], used: list[bool], reading: Reading) -> None:
        """Typos: two-word near misses against multi-word aliases, then single words. A clear winner or nothing."""
        for i in range(len(words) - 1):
            if used[i] or used[i + 1] or words[i] in self._stopwords or words[i + 1] in self._stopwords:
                continue
            pair = f"{words[i]} {words[i + 1]}"
            hit = self._clear_winner(pair, self._multi, cutoff=88)
            if hit:
                alias, score = hit
                reading.matches.extend(Match(ref, pair, alias, score) for ref in sorted(self._names[alias]))
                used[i] = used[i + 1] = True
        for i, word in enumerate(words):
            if used[i] or word in self._stopwords or word in self._plain or len(word) < _MIN_FUZZY_LEN \
                    or not word.isalpha():
                continue
            hit = self._clear_winner(word, self._single, cutoff=85 if len(word) < 7 else 80)
            if hit:
                alias, score = hit
                reading.matches.extend(Match(ref, word, alias, score) for ref in sorted(self._names[alias]))
                used[i] = True

    def _clear_winner(self, text: str, choices: list[str], cutoff: float) -> tuple[str, float] | None:
        found = process.extract(text, choices, scorer=fuzz.ratio, processor=utils.default_process,
                                limit=3, score_cutoff=cutoff)
        if not found:
            return None
        best, score, _ = found[0]
        for other, other_score, _ in found[1:]:
            if self._names[other] != self._names[best] and score - other_score < 4:
                return None
        return best, score


# -- a name typed for one word of the vocabulary ---------------------------------------------------

@functools.lru_cache(maxsize=4096)
def resolve_name(text: str, kind: AliasKind, lexicon: Lexicon) -> str | None:
    """The key of the one `kind` that `text` names (a key, name or alias), else None (unknown, or ambiguous)."""
    # Cached: an import names the same few reporters, actors and places on every row. The cache holds the
    # lexicon it was given, so an entry never answers for another vocabulary.
    keys = sorted(key for k, key in lexicon.refs(text) if k == kind)
    if not keys and kind == "metric":
        keys = sorted(key for k, key in lexicon.refs(text.replace("_", " ")) if k == kind)
    return keys[0] if len(keys) == 1 else None


NEAR = 80
"""How alike (rapidfuzz ratio, 0-100) a typed name and a known one must be to offer it as "did you mean"."""


def near_name(text: str, kind: AliasKind, lexicon: Lexicon) -> str | None:
    """A known name close to `text` — a typo of it, or a name that holds every word typed — else None: "did you
    mean" only when something is actually near."""
    typed = phrase(text)
    words = set(typed.split())
    best: tuple[float, str] | None = None
    for name, _key in lexicon.names_of(kind):
        score = max(fuzz.ratio(typed, name), 90.0 if words and words <= set(name.split()) else 0.0)
        if score >= NEAR and (best is None or score > best[0]):
            best = (score, name)
    return best[1] if best else None


def unknown_name_message(text: str, kind: AliasKind, lexicon: Lexicon) -> str:
    """Why `text` names no `kind`, with the nearest name if one is near and how to teach the word."""
    near = near_name(text, kind, lexicon)
    hint = f"; did you mean {near!r}?" if near else ""
    how = "add it with `source add`" if kind == "reporter" else f"teach a new word with `alias add {kind}`"
    return f"{text!r} is not a known {kind}{hint} (or {how})"
