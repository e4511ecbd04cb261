"""Reading a question: text → a structured question, before any figure is looked at.

A question is one or more parts ("how many sorties and how many incidents are still being assessed"
has two). Each part has a kind (a figure, a comparison, a figure named by its number, a question
about a source, a request for every figure, or chit-chat), the metric(s), reporters, actor, place
and period it names, the words that were read, and the words that were not. A word that was not
read and could narrow the question (a nationality, a group, a weapon, a source, an arithmetic, a
time, a place, a name) is kept with what it is, so that the answer can say first what no figure
covers, and is never exact. Filler ("please", "lol", "I was wondering") is dropped here.

A new kind of question is added in `Kind` and `Reader._kind`; selection dispatches on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from bot.domain.date_phrases import DateReading, read_period
from bot.domain.dates import Period
from bot.domain.lexicon import Lexicon, Match, Reading
from bot.domain.models import Vocabulary
from bot.domain.text import fold, normalize, phrase, question_sentences, split_sentences, word_phrase

Kind = Literal["figure", "comparison", "figure_by_number", "about_source", "list", "chit_chat"]
UnreadKind = Literal["source", "group", "nationality", "weapon", "arithmetic", "time", "place", "actor", "name",
                     "word"]
_CLASSES: tuple[UnreadKind, ...] = ("group", "nationality", "weapon", "arithmetic", "time")
CHANGE = "change"
"""The vocabulary's concept for asking how a count moved ("how did it change since 2017")."""
_NAMED_BONUS = 2
_OPEN_SPAN = re.compile(r"(?:^|\s)(?:between|entre|zwischen|\u0628\u064a\u0646)\s+(?:\S+\s+){0,3}\S+\s*$",
                        re.IGNORECASE)
_SENTENCES = re.compile(r"[?;؟\n]+|(?:^|\s)\d\)\s")
_CLAUSES = re.compile(r"(,(?!\d{3})\s*|\s*\+\s*|\s+(?:and|&|plus|as well as|or|vs\.?|versus|compared to|et|ou|y|o|"
                      r"und|oder|"
                      r"\u0648|\u0627\u0648)\s+"
                      r"|\s+\u0648(?=\u0643\u0645))", re.IGNORECASE)
_PRONOUNS = frozenset({"it", "its", "they", "their", "them", "il", "ils", "elle", "ella", "ellos", "sie", "er"})
_SENTENCE_BREAK = re.compile(r"[.!?\u061f]\s+\S")
_JOINS = frozenset({"and", "&", "or", "et", "ou", "y", "o", "und", "oder", "vs", "versus", "\u0648"})
_PER = frozenset({"per"})
"""English "per" says who ("per Airwars") or an arithmetic ("per sortie"); other languages use two words."""
_NUMBER = re.compile(r"^\d+$")
_YEARISH = re.compile(r"^(?:19|20)\d{2}$")
_WORD = re.compile(r"[\w'-]+")


@dataclass(frozen=True)
class Unread:
    """Words of the question that were not read, as typed, and what they seem to be."""

    text: str
    what: UnreadKind
    after: str = ""
    """The word before it ("by" in "killed by Iranian militias": they did it, they were not counted)."""


@dataclass(frozen=True)
class Part:
    kind: Kind
    metrics: tuple[str, ...] = ()
    """The metric asked about; more than one when the question could mean either."""
    reporters: tuple[str, ...] = ()
    actor: str | None = None
    place: str | None = None
    period: Period | None = None
    change: bool = False
    numbers: tuple[int, ...] = ()
    concepts: tuple[str, ...] = ()
    read: tuple[str, ...] = ()
    """The words that were read, in order, as typed."""
    unread: tuple[Unread, ...] = ()
    """Meaningful words that were not read: the answer is at best partial."""
    missing_core: tuple[str, ...] = ()
    """Concepts that define the chosen metric and that the question did not name (no "civilians")."""
    corrections: tuple[tuple[str, str], ...] = ()
    unknown_places: tuple[str, ...] = ()
    date_problem: str | None = None
    words: tuple[str, ...] = ()
    """Every word of the part as compared (folded), for what refers back to another part ("it", "they")."""
    compares: bool = False
    """Says "vs", "which is higher", "difference"...: a comparison was asked for."""


@dataclass(frozen=True)
class Question:
    text: str
    """As typed."""
    parts: tuple[Part, ...] = field(default_factory=tuple)

    @property
    def kind(self) -> Kind:
        return self.parts[0].kind if self.parts else "chit_chat"


def _positions(words: list[str], text: str) -> range:
    """Where the matched words `text` stand in `words` (the first occurrence)."""
    size = len(text.split())
    for i in range(len(words) - size + 1):
        if " ".join(words[i:i + size]) == text:
            return range(i, i + size)
    return range(0)


class Reader:
    """Built once per vocabulary: the cost of reading does not grow with the stored figures."""

    def __init__(self, vocabulary: Vocabulary, lexicon: Lexicon, reporter_metrics: dict[str, frozenset[str]],
                 today: Callable[[], date], reference: date | None = None) -> None:
        self.vocabulary = vocabulary
        self.lexicon = lexicon
        self._reporter_metrics = reporter_metrics
        self._today = today
        self._reference = reference
        self._metrics = {t.key: t for t in vocabulary.of_kind("metric")}
        self._concepts = {t.key: t for t in vocabulary.of_kind("concept")}
        self._campaign_words = tuple(sorted({word_phrase(a) for a in vocabulary.campaign.aliases} - {""}))
        self._lists = {name: frozenset(word_phrase(w) for w in vocabulary.word_list(name)) - {""}
                       for name in vocabulary.words}
        # Each list's cues: single words, and the cues of several words by their first word (a lookup per word).
        self._cue_forms: dict[str, tuple[frozenset[str], dict[str, list[tuple[str, ...]]]]] = {}
        for name, ws in self._lists.items():
            multi: dict[str, list[tuple[str, ...]]] = {}
            for cue in sorted(w for w in ws if " " in w):
                multi.setdefault(cue.split()[0], []).append(tuple(cue.split()))
            self._cue_forms[name] = (frozenset(w for w in ws if " " not in w), multi)
        self._cues = frozenset().union(*(self._lists.get(n, frozenset()) for n in
                                         ("comparison", "about", "list", "list_what", "chat", "source_verbs")))
        self._multi_cues: dict[str, list[tuple[str, ...]]] = {}
        for name in ("comparison", "about", "list", "list_what", "chat"):
            for first, cues in self._cue_forms.get(name, (frozenset(), {}))[1].items():
                self._multi_cues.setdefault(first, []).extend(cues)

    def words(self, name: str) -> frozenset[str]:
        return self._lists.get(name, frozenset())

    # -- the whole question ----------------------------------------------------------------------

    def read(self, question: str) -> Question:
        asked = self._asked_sentences(question)
        typed = normalize(asked)
        shown: dict[str, str] = {}
        for key, word in zip(fold(typed).split(), typed.split(), strict=False):
            shown.setdefault(key, word)
        words = _WORD.findall(asked)
        capitalised = set(fold(w.lower()) for i, w in enumerate(words)
                                if i and w[:1].isupper() and not words[i - 1].endswith((".", "?", "!")))
        # "US", "UN": an acronym typed in capitals is a name even where its letters spell a stopword ("us").
        capitalised |= {fold(w.lower()) for w in words if len(w) > 1 and w.isupper() and w.isalpha()}
        parts: list[Part] = []
        groups = self._groups(asked)
        periods: dict[int, DateReading] = {}
        for sentence, text in groups:
            folded = fold(typed if text == asked else normalize(text))
            dates = read_period(folded, self._today(), self.vocabulary.campaign.start, self._campaign_words,
                                self._reference)
            if dates.period or dates.problem:
                periods.setdefault(sentence, dates)
            parts.append(self._part(dates.rest, dates.period, dates.problem, shown, frozenset(capitalised)))
        # "civilian deaths and strikes since 2016": a period said once in a sentence holds for all of it.
        parts = [p if p.period or p.date_problem or sentence not in periods else
                 replace(p, period=periods[sentence].period, date_problem=periods[sentence].problem)
                 for (sentence, _), p in zip(groups, parts, strict=True)]
        return Question(question, tuple(self._refer_back(parts)))

    def _asked_sentences(self, question: str) -> str:
        """A short message of several sentences ("My teacher said ... What is the coalition's own count?") is
        read for its question sentences too, when they name what is counted, or who counted it, on their own."""
        asked = question_sentences(question)
        if asked != question or not _SENTENCE_BREAK.search(question.strip()):
            return asked
        questions = question_sentences(question, short=True)
        if questions == question or not questions.strip():
            return asked
        reading = self.lexicon.read(phrase(questions), folded=True)
        named_number = any(_NUMBER.match(w) and not _YEARISH.match(w) for w in reading.words)
        if not (self.choose_metrics(reading, reading.keys("reporter")) or named_number):
            return asked
        # "How many civilians died? The French ones.": a word around the question that could narrow it
        # (a nationality, a name, a weapon...) keeps the whole message, so it is said, never dropped.
        capitalised = frozenset(fold(w.lower()) for i, w in enumerate(_WORD.findall(question)) if i and w[:1].isupper())
        whole = self.lexicon.read(phrase(question), folded=True)
        narrowing = {u.text for u in self._unread(whole, {}, capitalised) if u.what != "word"}
        if narrowing - {u.text for u in self._unread(reading, {}, capitalised)}:
            return asked
        # "civilian deaths? civilian deaths in mosul", "… strikes", "… airwars", "… since november": a place, an
        # actor, a metric, a reporter or a period that the question sentences do not name is read with them, never
        # dropped as talk around them.
        if any(set(whole.keys(kind)) - set(reading.keys(kind)) for kind in ("place", "actor", "metric", "reporter")):
            return asked
        if self._period(question) not in (None, self._period(questions)):
            return asked
        return questions

    def _period(self, text: str) -> Period | None:
        return read_period(fold(normalize(text)), self._today(), self.vocabulary.campaign.start, self._campaign_words,
                           self._reference).period

    def _refer_back(self, parts: list[Part]) -> list[Part]:
        """"How many sorties has the coalition flown? ... does it admit killing?": "it" is the Coalition."""
        for n in range(1, len(parts)):
            part, before = parts[n], parts[n - 1]
            if part.reporters or part.actor or not _PRONOUNS & set(part.words):
                continue
            if before.reporters:
                parts[n] = replace(part, reporters=before.reporters)
            elif before.actor:
                own = self._own(before.actor)
                said = f" {' '.join(part.words)} "
                if own and self._has(said, "source_verbs"):
                    parts[n] = replace(part, reporters=own)
                else:
                    parts[n] = replace(part, actor=before.actor)
        return parts

    def _own(self, actor: str | None) -> tuple[str, ...]:
        return tuple(s.key for s in self.vocabulary.sources if actor and s.speaks_for == actor)

    def _groups(self, text: str) -> list[tuple[int, str]]:
        """The parts of a message: its sentences and clauses, grouped so that each names its own metric.

        "sorties? civilian deaths since nov 2016?" and "the sorties, the civilian deaths and the incidents
        still under assessment" ask several things; "between nov 2016 and march 2017" and "iraq and syria"
        do not, so a clause that names no metric of its own stays with its neighbour.
        """
        # "total sorties. total civilian deaths.": full stops end sentences too ("nov. 2016" does not).
        sentences = [s for full in split_sentences(text) for s in _SENTENCES.split(full) if s and s.strip()]
        if len(sentences) == 1 and not _CLAUSES.search(text):
            return [(0, text)]  # one clause: nothing to split (most questions)
        groups: list[list[str | int]] = []
        pending = ""
        for n, sentence in enumerate(sentences):
            pieces = _CLAUSES.split(sentence)
            clauses: list[tuple[str, str]] = []
            glued = ""
            for i in range(0, len(pieces), 2):
                clause, joint = glued + pieces[i], pieces[i + 1] if i + 1 < len(pieces) else " "
                # "between November 2016 and March 2017": the "and" of a span of time splits nothing.
                if _OPEN_SPAN.search(clause) and joint.strip() and i + 2 < len(pieces):
                    glued = clause + joint
                    continue
                glued = ""
                clauses.append((clause, joint))
            for clause, joint in clauses:
                reading = self.lexicon.read(phrase(clause), folded=True)
                if self._asked(reading) and self.choose_metrics(reading, ()):
                    groups.append([n, pending + clause + joint])
                    pending = ""
                elif groups:
                    groups[-1][1] = f"{groups[-1][1]}{clause}{joint}"
                else:
                    pending += clause + joint
            if groups:
                groups[-1][1] = f"{groups[-1][1]} . "
        if len(groups) < 2:
            return [(0, text)]
        if pending:
            groups[-1][1] = f"{groups[-1][1]} {pending}"
        metrics = [tuple(self.choose_metrics(self.lexicon.read(phrase(str(t)), folded=True), ())) for _, t in groups]
        if len(set(metrics)) < len(metrics):
            return [(0, text)]
        return [(int(n), str(t)) for n, t in groups]

    # -- one part --------------------------------------------------------------------------------

    def _part(self, text: str, period: Period | None, problem: str | None, shown: dict[str, str],
              capitalised: frozenset[str]) -> Part:
        reading = self.lexicon.read(text, folded=True)
        self._names_among_stopwords(reading, capitalised)
        vocab = self.vocabulary
        reporters = tuple(reading.keys("reporter"))
        actor = next(iter(reading.keys("actor")), None)
        place = next(iter(reading.keys("place")), None)
        numbers = tuple(int(w) for w in reading.words if _NUMBER.match(w) and not _YEARISH.match(w))
        said = f" {' '.join(reading.words)} "
        comparison = reading.comparison or self._has(said, "comparison")
        own = self._own(actor)
        if not reporters and own and (self._has(said, "source_verbs") or not self._asked(reading)):
            # "how many civilians does the coalition say it killed", "coalition number": the Coalition's own count.
            reporters, actor = tuple(own), None
        if comparison or self._joined(reading):
            # "coalition vs airwars", "airwars and the coalition": the actor set beside a reporter stands for its
            # own reporter.
            own = [s.key for s in vocab.sources if reporters and actor and s.speaks_for == actor
                   and s.key not in reporters]
            if own:
                reporters, actor = (*own, *reporters), None
        metrics = tuple(self.choose_metrics(reading, reporters))
        asked = self._asked(reading)
        missing: tuple[str, ...] = ()
        if len(metrics) == 1:
            missing = tuple(c for c in self._metrics[metrics[0]].core if c not in asked
                            and self._concepts.get(c) and self._concepts[c].family == "subject")
        unread = self._unread(reading, shown, capitalised) + self._second_scope(reading)
        kind = self._kind(reading, said, metrics, reporters, numbers, period, comparison, bool(unread))
        return Part(
            kind=kind, metrics=metrics, reporters=reporters, actor=actor, place=place, period=period,
            change=CHANGE in reading.keys("concept"), numbers=numbers, concepts=tuple(sorted(asked)),
            read=tuple(shown.get(m.text, m.text) for m in sorted(reading.matches, key=lambda m: said.find(m.text))),
            unread=unread, missing_core=missing,
            corrections=tuple(reading.corrections()), unknown_places=tuple(reading.unknown_places),
            date_problem=problem, words=tuple(reading.words), compares=comparison,
        )

    def _joined(self, reading: Reading) -> bool:
        """A reporter and an actor joined by "and"/"or" ("airwars and the coalition"), in either order."""
        words = reading.words
        spans = {kind: [_positions(words, m.text) for m in reading.matches if m.ref[0] == kind]
                 for kind in ("reporter", "actor")}
        for a in spans["reporter"]:
            for b in spans["actor"]:
                if not a or not b:
                    continue
                first, second = (a, b) if a.start < b.start else (b, a)
                between = [w for w in words[first.stop:second.start] if w not in ("the", "la", "le", "die", "el")]
                if between and all(w in _JOINS for w in between):
                    return True
        return False

    def _second_scope(self, reading: Reading) -> tuple[Unread, ...]:
        """'compared to isis', 'in iraq or syria': a second actor or place is read, but a part answers for one
        scope only, so it is said first as what these figures do not cover (never silently dropped)."""
        vocab = self.vocabulary
        extra: list[Unread] = []
        for kind in ("actor", "place"):
            keys = reading.keys(kind)
            # The first is the scope (or, for "coalition vs airwars", stands for its own reporter).
            chosen = keys[0] if keys else None
            for key in keys[1:]:
                if chosen and key not in vocab.ancestors(kind, chosen) and chosen not in vocab.ancestors(kind, key):
                    extra.append(Unread(vocab.label(kind, key), kind))
        return tuple(extra)

    def _names_among_stopwords(self, reading: Reading, capitalised: frozenset[str]) -> None:
        """'US airstrikes', 'us strikes', 'strikes by the us': the stopword "us" names the United States when typed
        in capitals, after "the" or before a word for strikes; then it is read as the actor it names."""
        words = reading.words
        for i in list(reading.stopped):
            word = words[i]
            refs = [r for r in self.lexicon.refs(word) if r[0] in ("actor", "place", "reporter")]
            before_strikes = i + 1 < len(words) and ("concept", "strike") in self.lexicon.refs(words[i + 1])
            if refs and (word in capitalised or (i and words[i - 1] == "the") or before_strikes):
                reading.matches.extend(Match(ref, word, word, 100.0) for ref in refs)
                reading.stopped.remove(i)

    def _kind(self, reading: Reading, said: str, metrics: Sequence[str], reporters: Sequence[str],
              numbers: Sequence[int], period: Period | None, comparison: bool, unread: bool) -> Kind:
        asked = self._asked(reading)
        if numbers:
            return "figure_by_number"
        if comparison and metrics:
            return "comparison"
        if reporters and not asked and not reading.keys("metric") and self._has(said, "about") \
                and not self._has(said, "about_not"):
            return "about_source"
        scoped = reading.keys("place") or reading.keys("actor") or period
        if not scoped and self._has(said, "list") and (self._has(said, "list_what") or (
                not (metrics or asked or reporters or unread) and self._count(said, "list") > 1
                and not self._has(self._without_filler(said), "chat"))):
            # "show me every figure"; "zeig mir alles was du hast" names nothing but asks twice for all there is
            # ("thanks all, you have been great" is chat; "please", "lol" change nothing).
            return "list"
        named = reporters or asked or reading.keys("place") or reading.keys("actor") or period
        if not named and not metrics and (self._has(said, "chat") or not unread):
            return "chit_chat"
        return "figure"

    def _has(self, said: str, name: str) -> bool:
        """Whether `said` (the words of a part, space-padded) holds one of the cues of list `name`."""
        return self._count(said, name, first=True) > 0

    def _without_filler(self, said: str) -> str:
        return f" {' '.join(w for w in said.split() if w not in self.lexicon.filler)} "

    def _count(self, said: str, name: str, first: bool = False) -> int:
        """How many of the cues of list `name` `said` holds (`first`: stop at the first)."""
        single, multi = self._cue_forms.get(name, (frozenset(), {}))
        words = said.split()
        count = len(single.intersection(words))
        if count and first:
            return count
        for start, word in enumerate(words):
            for cue in multi.get(word, ()):
                if tuple(words[start:start + len(cue)]) == cue:
                    count += 1
                    if first:
                        return count
        return count

    def _asked(self, reading: Reading) -> set[str]:
        asked = set(reading.keys("concept"))
        for key in reading.keys("metric"):
            if key in self._metrics:
                # What a metric named outright is ("civilian casualties": civilians, deaths), not all it may touch.
                asked |= set(self._metrics[key].core)
        return asked

    def _unread(self, reading: Reading, shown: dict[str, str], capitalised: frozenset[str]) -> tuple[Unread, ...]:
        """The words no alias took, less filler and the cues of the question's kind, with what each seems to be."""
        words = reading.words
        cued = self._cued(words)
        kept = [i for i in reading.unused if words[i] not in self.lexicon.filler and words[i] not in self._cues
                and i not in cued and not _NUMBER.match(words[i])]
        # A stopword that names a source right after "according to" ("according to the UN") is a source.
        kept += [i for i in reading.stopped if words[i] in self.words("source") and self._after_cue(words, i)]
        # "per sortie", "per day": an arithmetic, unless what follows is who said it ("per airwars").
        taken = {i for m in reading.matches if m.ref[0] in ("reporter", "actor") for i in _positions(words, m.text)}
        arithmetic = [i for i in range(len(words) - 1) if words[i] in _PER and i + 1 not in taken
                      and words[i + 1] not in ("the", "a", "an")]
        kept = sorted(set(kept) | set(arithmetic) | {i + 1 for i in arithmetic})
        spans: list[list[int]] = []
        for i in kept:
            if spans and spans[-1][-1] == i - 1:
                spans[-1].append(i)
            else:
                spans.append([i])
        found: list[Unread] = []
        for span in spans:
            text = " ".join(words[i] for i in span)
            if words[span[0]] in _PER:
                found.append(Unread(" ".join(shown.get(words[i], words[i]) for i in span), "arithmetic"))
                continue
            if self._after_cue(words, span[0]) or any(f" {s} " in f" {text} " for s in self.words("source")):
                found.append(Unread(" ".join(shown.get(words[i], words[i]) for i in span), "source"))
                continue
            for i in span:
                what = self._what(words[i], reading, capitalised)
                if found and found[-1].what == what and what in ("name", "word", "weapon") and i - 1 in span:
                    found[-1] = replace(found[-1], text=f"{found[-1].text} {shown.get(words[i], words[i])}")
                else:
                    found.append(Unread(shown.get(words[i], words[i]), what, words[span[0] - 1] if span[0] else ""))
        return tuple(found)

    def _cued(self, words: list[str]) -> set[int]:
        """Where the words of a cue of several words stand ("way more", "by how much", "have you got"): read."""
        found: set[int] = set()
        for start, word in enumerate(words):
            for cue in self._multi_cues.get(word, ()):
                if tuple(words[start:start + len(cue)]) == cue:
                    found.update(range(start, start + len(cue)))
        return found

    def _after_cue(self, words: list[str], i: int) -> bool:
        before = " " + " ".join(w for w in words[:i] if w not in ("the", "a", "an", "le", "la", "les", "el", "die",
                                                                   "der"))
        return any(before.endswith(f" {cue}") for cue in self.words("source_cue") if cue not in _PER)

    def _what(self, word: str, reading: Reading, capitalised: frozenset[str]) -> UnreadKind:
        # An Arabic word is looked up with and without its article ("الطائرات": the aircraft).
        forms = {word, word[2:]} if word.startswith("\u0627\u0644") and len(word) > 4 else {word}
        for what in _CLASSES:
            if not forms.isdisjoint(self.words(what)):
                return what
        if word in reading.unknown_places:
            return "place"
        return "name" if word in capitalised else "word"

    # -- which metric ----------------------------------------------------------------------------

    def choose_metrics(self, reading: Reading, reporters: Sequence[str]) -> list[str]:
        named = set(reading.keys("metric"))
        asked = self._asked(reading)
        scored: list[tuple[int, str]] = []
        for metric in self._metrics.values():
            if not asked & set(metric.core):
                continue
            allowed = set(metric.concepts) | set(metric.tolerates)
            if any(self._family(c) and c not in allowed for c in asked):
                continue  # asks about fighters, injuries, ...: not what this metric counts
            # A metric named outright ("civilian deaths") outweighs one word of another, not a phrase
            # as specific as "no civilians died".
            bonus = _NAMED_BONUS if metric.key in named else 0
            scored.append((bonus + sum(self._weight(c) for c in asked & set(metric.concepts)), metric.key))
        # A metric another candidate refines, where the question says how ("incidents" with "civilian
        # casualties"), gives way to the refinement.
        keys = {key for _, key in scored}
        scored = [(score, key) for score, key in scored if not any(
            self._refines(other, key, asked) for other in keys if other != key
        )]
        if scored:
            best = max(score for score, _ in scored)
            return [key for score, key in sorted(scored, reverse=True) if score == best]
        if asked or not reporters:
            return []
        # Only reporters named ("airwars estimate", "airwars vs cjtf-oir"): what they have in common.
        common = set.intersection(*(set(self._reporter_metrics.get(r, frozenset())) for r in reporters))
        return sorted(common, key=lambda k: list(self._metrics).index(k) if k in self._metrics else 99)

    def _refines(self, narrow: str, broad: str, asked: set[str]) -> bool:
        n, b = set(self._metrics[narrow].concepts), set(self._metrics[broad].concepts)
        return b < n and bool((n - b) & asked)

    def _family(self, concept: str) -> str | None:
        term = self._concepts.get(concept)
        return term.family if term else None

    def _weight(self, concept: str) -> int:
        term = self._concepts.get(concept)
        return term.weight if term else 1
