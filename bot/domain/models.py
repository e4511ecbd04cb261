"""What Tally knows: reported figures (claims with a source), sources, vocabulary and revisions."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from typing import Any, Literal, get_args

from bot.domain.dates import PartialDate, same_date

Status = Literal["current", "superseded", "retracted"]
STATUSES: tuple[Status, ...] = ("current", "superseded", "retracted")
TermKind = Literal["metric", "concept", "actor", "place"]
TERM_KINDS: tuple[TermKind, ...] = get_args(TermKind)
AliasKind = Literal["metric", "concept", "actor", "place", "reporter"]
ALIAS_KINDS: tuple[AliasKind, ...] = ("metric", "concept", "actor", "place", "reporter")
SourceKind = Literal["military", "monitor", "media", "government", "other"]
SOURCE_KINDS: tuple[SourceKind, ...] = ("military", "monitor", "media", "government", "other")


@dataclass(frozen=True, slots=True)
class FigureRecord:
    """The content of a reported figure, as a moderator or an import file states it.

    `reporter`, `metric`, `actor` and `place` are vocabulary keys. `value_high` is None for an
    open-ended figure ("at least 352"); equal to `value_low` for an exact one.
    """

    reporter: str
    metric: str
    value_low: int
    value_high: int | None
    actor: str
    place: str
    period_start: PartialDate | None
    """None when the source states no period (a count "as assessed in this release")."""
    published: PartialDate
    period_end: PartialDate | None = None
    qualifier: str | None = None
    quote: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    notes: str | None = None
    excludes: tuple[str, ...] = ()

    @property
    def outlets(self) -> tuple[str, ...]:
        """Who carried it: `outlet` holds one or several, separated by ";"."""
        return tuple(o.strip() for o in (self.outlet or "").split(";") if o.strip())

    def series_fields(self) -> tuple[str, str, str, str]:
        return (self.reporter, self.metric, self.actor, self.place)

    def same_report(self, other: FigureRecord) -> bool:
        """The same claim: same series, same publication, same value (whatever outlet carried it)."""
        return (
            self.report_key() == other.report_key()
            and same_date(self.period_start, other.period_start)
            and self.published.agrees(other.published)
        )

    def report_key(self) -> tuple[object, ...]:
        """Records that may be the same report (`same_report`) share this key, so finding a restated report
        among many is a dict lookup: dates that agree at any precision share their year."""
        start = self.period_start
        return (*self.series_fields(), self.value_low, self.value_high, self.published.value.year,
                start.value.year if start is not None else None)

    def content(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(FigureRecord)}


@dataclass(frozen=True, slots=True)
class Figure(FigureRecord):
    """A stored figure: its record plus identity, lifecycle and the version used for optimistic locking."""

    id: int = 0
    status: Status = "current"
    series: str = ""
    supersedes: int | None = None
    version: int = 1

    def record(self) -> FigureRecord:
        return FigureRecord(**self.content())

    def with_record(self, record: FigureRecord) -> Figure:
        return replace(self, **record.content())

    def snapshot(self) -> dict[str, Any]:
        """A JSON-ready picture of the figure, kept in revisions."""
        data = {k: _plain(v) for k, v in self.content().items()}
        data.update(id=self.id, status=self.status, series=self.series, supersedes=self.supersedes,
                    version=self.version)
        return data


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


@dataclass(frozen=True)
class Source:
    """Who reports figures (a reporter): the Coalition's task force, a monitor, a newspaper."""

    key: str
    name: str
    kind: SourceKind
    description: str = ""
    url: str | None = None
    aliases: tuple[str, ...] = ()
    speaks_for: str | None = None
    """The actor whose own reporting this is (CJTF-OIR for the Coalition): "coalition vs airwars" means it."""


@dataclass(frozen=True)
class Term:
    """A word of the vocabulary: a metric, a concept that metrics are made of, an actor or a place.

    - metric: `concepts` it is made of, `core` (one of which a question must mention), `unit` (how a
      value reads: "civilians killed"), optional `excludes_concepts`;
    - concept: `family` (concepts of one family exclude each other: civilian vs combatant);
    - place / actor: `within` (a broader place or actor that contains it).
    """

    kind: TermKind
    key: str
    label: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    concepts: tuple[str, ...] = ()
    core: tuple[str, ...] = ()
    unit: str = ""
    tolerates: tuple[str, ...] = ()
    """Concepts a question may mention without counting against the metric ("still assessing if civilians died")."""
    weight: int = 1
    family: str | None = None
    within: str | None = None


@dataclass(frozen=True)
class Campaign:
    """The operation the figures are about: its name, start, default scope, and the words people use for it."""

    name: str
    start: PartialDate
    place: str
    """The place a question that names none is about."""
    actor: str
    """The actor (whose strikes) a question that names none is about."""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    campaign: Campaign
    terms: tuple[Term, ...]
    sources: tuple[Source, ...]
    stopwords: frozenset[str] = field(default_factory=frozenset)
    words: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    """Word lists that steer the reading, in every language: "filler" (changes nothing), the kinds of
    words that narrow a question Tally cannot narrow ("nationality", "group", "weapon", "arithmetic",
    "time", "source_cue"), and the cues of a question's kind ("comparison", "about", "list", "chat")."""

    def word_list(self, name: str) -> tuple[str, ...]:
        return self.words.get(name, ())

    def term(self, kind: TermKind, key: str) -> Term | None:
        return next((t for t in self.terms if t.kind == kind and t.key == key), None)

    def of_kind(self, kind: TermKind) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.kind == kind)

    def source(self, key: str) -> Source | None:
        return next((s for s in self.sources if s.key == key), None)

    def label(self, kind: TermKind | Literal["reporter"], key: str | None) -> str:
        """The name to show for a key; the key itself when the vocabulary no longer knows it."""
        if key is None:
            return ""
        if kind == "reporter":
            source = self.source(key)
            return source.name if source else key
        term = self.term(kind, key)
        return term.label if term else key

    def ancestors(self, kind: TermKind, key: str) -> list[str]:
        """`key` and every place or actor that contains it, nearest first."""
        chain: list[str] = []
        current: str | None = key
        while current and current not in chain:
            chain.append(current)
            term = self.term(kind, current)
            current = term.within if term else None
        return chain


Action = Literal["add", "edit", "supersede", "retract", "restore", "import", "seed", "remove"]
SubjectKind = Literal["figure", "incident", "alias", "source"]
ACTIONS: tuple[Action, ...] = get_args(Action)
SUBJECT_KINDS: tuple[SubjectKind, ...] = get_args(SubjectKind)


@dataclass(frozen=True)
class Editor:
    """Who made a change: a Discord user (id and name) or the command line ("cli"), and where they made it."""

    id: str
    name: str
    where: str | None = None
    """The Discord server and channel the change came from ("Community (123) · #general (456)")."""


CLI_EDITOR = Editor("cli", "cli")
SEED_EDITOR = Editor("seed", "seed data")


@dataclass(frozen=True)
class Subject:
    """What a revision changed: a figure or an incident (by id), or a word's aliases or a reporter (by key)."""

    kind: SubjectKind
    key: str
    """The figure's or incident's id as text; for an alias, the key of the word it names; for a source, its key."""

    @classmethod
    def figure(cls, figure_id: int) -> Subject:
        return cls("figure", str(figure_id))

    @classmethod
    def incident(cls, incident_id: int) -> Subject:
        return cls("incident", str(incident_id))

    @property
    def id(self) -> int:
        """The figure's or incident's id."""
        return int(self.key)


@dataclass(frozen=True)
class RevisionDraft:
    """One change as the domain writes it: what it changed, how, by whom and why, with the before and after."""

    subject: Subject
    action: Action
    editor: Editor
    reason: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class Revision(RevisionDraft):
    """A change as stored, numbered in the order it was written. Append-only: never edited or deleted.
    `editor.where` is None for changes made outside Discord."""

    id: int = field(kw_only=True)
    at: datetime = field(kw_only=True)


@dataclass(frozen=True)
class PendingImport:
    """A previewed file waiting for Confirm, kept in the store: it survives a restart and any process can confirm it.
    The file itself is kept, and read and planned again at Confirm (the store may have changed meanwhile)."""

    token: str
    editor: Editor
    filename: str
    reason: str
    content: bytes
    summary: str
    created: datetime
    expires: datetime
