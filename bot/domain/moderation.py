"""Moderators' changes to figures and vocabulary: validated like an import row, written with a revision each,
optimistically locked, never deleting anything."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bot.domain import figure_rows, limits
from bot.domain.errors import Conflict, NotFound, Problem, UsageError, ValidationError
from bot.domain.importing import restack_series, write
from bot.domain.lexicon import Lexicon, resolve_name, unknown_name_message
from bot.domain.literals import one_of
from bot.domain.models import (
    ALIAS_KINDS,
    SOURCE_KINDS,
    Action,
    AliasKind,
    Editor,
    Figure,
    FigureRecord,
    RevisionDraft,
    Source,
    Subject,
    Vocabulary,
)
from bot.domain.names import figure_names
from bot.domain.ports import FigureWriter
from bot.domain.render import KEPT_QUOTE, value_phrase
from bot.domain.series import placed, series_key
from bot.domain.text import phrase

EDITABLE = tuple(c for c in figure_rows.COLUMNS if c not in ("id", "status"))
_KEY = re.compile(rf"^[a-z0-9][a-z0-9_-]{{0,{limits.KEY - 1}}}$")


_NUMBER_WORDS = {w: n for n, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))}


def states_number(text: str, numbers: set[int]) -> bool:
    """Whether `text` states one of `numbers`, in digits (45, 3,164) or, for small ones, in words (nine)."""
    found = {int(d.replace(",", "")) for d in re.findall(r"\d[\d,]*", text) if d.replace(",", "").isdigit()}
    found |= {_NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _NUMBER_WORDS}
    return bool(found & numbers)


def checked_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise UsageError("A reason is required for every change.", "Say why, e.g. 'CENTCOM release of 2 June 2017'.")
    if len(reason) > limits.REASON:
        raise UsageError(f"The reason is {len(reason)} characters; at most {limits.REASON}.")
    return reason


class ModerationRules:
    """The changes, inside one transaction each (the caller opens it and passes the writer)."""

    def __init__(self, vocabulary: Vocabulary, lexicon: Lexicon, today: date) -> None:
        self.vocabulary = vocabulary
        self.lexicon = lexicon
        self.today = today
        self.campaign_start = vocabulary.campaign.start

    def _record(self, fields: dict[str, str | None], where: str = "") -> figure_rows.Row:
        unknown = [k for k in fields if k not in figure_rows.COLUMNS]
        if unknown:
            raise ValidationError([Problem(where, k, "is not a field of a figure") for k in unknown])
        row, problems = figure_rows.validate(fields, where, self.vocabulary, self.lexicon, self.today)
        if problems or row is None:
            raise ValidationError(problems)
        return row

    def _existing(self, tx: FigureWriter, figure_id: int, expected_version: int | None) -> Figure:
        figure = tx.get(figure_id)
        if figure is None:
            raise NotFound(f"There is no figure {figure_id}.", "List the figures with `figures` to find an id.")
        if expected_version is not None and figure.version != expected_version:
            raise self._conflict(figure)
        return figure

    def _conflict(self, current: Figure) -> Conflict:
        names = figure_names(current, self.vocabulary)
        return Conflict(
            f"Figure {current.id} was changed by someone else meanwhile: it is now "
            f"{value_phrase(current, names['unit'])}, {current.status} (version {current.version}).",
            current, f"Check it with `figure show {current.id}` and make your change again if it is still needed.",
        )

    def _write(self, tx: FigureWriter, before: Figure, after: Figure, action: Action, editor: Editor,
               reason: str) -> Figure:
        try:
            return write(tx, before, after, action, editor, reason)
        except Conflict as conflict:
            current = conflict.current if isinstance(conflict.current, Figure) else before
            raise self._conflict(current) from None

    # -- figures -------------------------------------------------------------------------------

    def add(self, tx: FigureWriter, fields: dict[str, str | None], editor: Editor, reason: str) -> Figure:
        reason = checked_reason(reason)
        row = self._record({k: v for k, v in fields.items() if k not in ("id", "status")})
        twin = next((f for f in tx.same_scope(*row.record.series_fields())
                     if f.status != "retracted" and f.record().same_report(row.record)), None)
        if twin:
            raise UsageError(f"That figure is already held as figure {twin.id}.",
                             f"Use `figure edit {twin.id}` to correct it.")
        new = Figure(**row.record.content(), series=series_key(row.record, self.campaign_start))
        stored = tx.add(placed(new, tx.in_series(new.series)))
        tx.log(RevisionDraft(Subject.figure(stored.id), "add", editor, reason, None, stored.snapshot()))
        restack_series(tx, {stored.series}, editor)
        tx.changed()
        return tx.get(stored.id) or stored

    def edit(self, tx: FigureWriter, figure_id: int, changes: dict[str, str | None], editor: Editor, reason: str,
             expected_version: int | None = None, keep_quote: bool = False) -> Figure:
        reason = checked_reason(reason)
        current = self._existing(tx, figure_id, expected_version)
        bad = [k for k in changes if k not in EDITABLE]
        if bad:
            raise ValidationError([Problem("", k, "cannot be edited; retract or restore to change a status")
                                   for k in bad])
        if not changes:
            raise UsageError("Nothing to change.", "Give at least one field with its new value.")
        fields = {**figure_rows.to_row(current, self.vocabulary), **changes}
        del fields["id"], fields["status"]
        record = self._record(fields).record
        if record == current.record():
            raise UsageError(f"Figure {figure_id} already says that; nothing was changed.")
        record = self._honest_quote(current, record, reason, keep_quote)
        after = replace(current.with_record(record), series=series_key(record, self.campaign_start))
        saved = self._write(tx, current, after, "edit", editor, reason)
        restack_series(tx, {current.series, saved.series}, editor)
        tx.changed()
        return tx.get(figure_id) or saved

    def _honest_quote(self, current: Figure, record: FigureRecord, reason: str, keep_quote: bool) -> FigureRecord:
        """A corrected value under a quote that still states the old number would read as the source saying the
        new one: refused, unless the quote changes too or the moderator keeps it as the report's wording — then a
        note says so, with the reason, wherever the figure is shown."""
        old, new = (current.value_low, current.value_high), (record.value_low, record.value_high)
        if old == new or not record.quote or record.quote != current.quote:
            return record
        if not states_number(record.quote, {n for n in old if n is not None}):
            return record
        unit = figure_names(current, self.vocabulary)["unit"]
        before, after = value_phrase(current, unit), value_phrase(record, unit)
        if not keep_quote:
            raise UsageError(
                f"The quote still says {before}, but the value becomes {after}.",
                "Change the quote too, or confirm that the quote stays as the report's wording (keep_quote) — "
                "the answer will then show the value as corrected, with your reason.")
        note = f"Value corrected from {before} to {after} ({reason}); {KEPT_QUOTE}"
        notes = f"{record.notes} {note}" if record.notes else note
        return replace(record, notes=notes[-limits.NOTES:])

    def supersede(self, tx: FigureWriter, old_id: int, changes: dict[str, str | None], editor: Editor, reason: str,
                  expected_version: int | None = None) -> Figure:
        """A newer report of the same series: a new figure, current, replacing `old_id`."""
        reason = checked_reason(reason)
        old = self._existing(tx, old_id, expected_version)
        if old.status == "retracted":
            raise UsageError(f"Figure {old_id} is retracted; restore it first or add a new figure.")
        if "published" not in changes or "value_low" not in changes:
            raise UsageError("A newer figure needs its own value and publication date.",
                             "Give value_low (and value_high if it is a range) and published.")
        inherited = figure_rows.to_row(old, self.vocabulary)
        for field in ("id", "status", "quote", "url", "title", "outlet", "qualifier", "value_high", "period_end"):
            inherited.pop(field)
        record = self._record({**inherited, **changes}).record
        if series_key(record, self.campaign_start) != old.series:
            raise UsageError("A superseding figure belongs to the same series: the same reporter, metric, actor, "
                             "place and period start.", "Use `figure add` for a figure of another series.")
        if record.published.last_day < old.published.first_day:
            raise UsageError(f"The new figure ({record.published}) is older than figure {old_id} ({old.published}).",
                             "A figure is superseded by a newer report.")
        new = tx.add(Figure(**record.content(), series=old.series, supersedes=old.id))
        tx.log(RevisionDraft(Subject.figure(new.id), "supersede", editor, reason, None, new.snapshot()))
        if old.status == "current":
            self._write(tx, old, replace(old, status="superseded"), "supersede", editor,
                        f"superseded by figure {new.id}: {reason}")
        restack_series(tx, {old.series}, editor)
        tx.changed()
        return tx.get(new.id) or new

    def retract(self, tx: FigureWriter, figure_id: int, editor: Editor, reason: str,
                expected_version: int | None = None) -> Figure:
        reason = checked_reason(reason)
        current = self._existing(tx, figure_id, expected_version)
        if current.status == "retracted":
            raise UsageError(f"Figure {figure_id} is already retracted.")
        saved = self._write(tx, current, replace(current, status="retracted"), "retract", editor, reason)
        restack_series(tx, {current.series}, editor)
        tx.changed()
        return tx.get(figure_id) or saved

    def restore(self, tx: FigureWriter, figure_id: int, editor: Editor, reason: str,
                expected_version: int | None = None) -> Figure:
        reason = checked_reason(reason)
        current = self._existing(tx, figure_id, expected_version)
        if current.status != "retracted":
            raise UsageError(f"Figure {figure_id} is not retracted; it is {current.status}.")
        saved = self._write(tx, current, replace(current, status="current"), "restore", editor, reason)
        restack_series(tx, {current.series}, editor)
        tx.changed()
        return tx.get(figure_id) or saved

    # -- vocabulary ----------------------------------------------------------------------------

    def _term_key(self, kind: str, name: str) -> tuple[AliasKind, str]:
        """The kind of word, checked, and the key of the one of that kind `name` names."""
        word_kind = one_of(kind, ALIAS_KINDS)
        if word_kind is None:
            raise UsageError(f"{kind!r} is not a kind of word.", f"Use one of: {', '.join(ALIAS_KINDS)}.")
        key = resolve_name(name, word_kind, self.lexicon)
        if key is None:
            raise NotFound(unknown_name_message(name, word_kind, self.lexicon))
        return word_kind, key

    def add_alias(self, tx: FigureWriter, kind: str, name: str, alias: str, editor: Editor, reason: str) -> str:
        """Teach a word: `alias` will mean the `kind` named `name`. Returns the term's key."""
        reason = checked_reason(reason)
        kind, key = self._term_key(kind, name)
        text = phrase(alias)
        if not text or len(alias) > limits.ALIAS:
            raise UsageError(f"An alias is 1 to {limits.ALIAS} characters of words.",
                             "e.g. civvies, US-led, Mosul city")
        owners = tx.alias_owner(kind, text)
        if key in owners:
            raise UsageError(f"{alias!r} already means {self.vocabulary.label(kind, key)}.")
        if owners:
            other = self.vocabulary.label(kind, owners[0])
            raise UsageError(f"{alias!r} already means {other}.", "Remove it there first with `alias remove`.")
        tx.add_alias(kind, key, text, editor)
        tx.log(RevisionDraft(Subject("alias", key), "add", editor, reason, None,
                             {"kind": kind, "key": key, "alias": text}))
        tx.changed()
        return key

    def remove_alias(self, tx: FigureWriter, kind: str, name: str, alias: str, editor: Editor, reason: str) -> str:
        reason = checked_reason(reason)
        kind, key = self._term_key(kind, name)
        text = phrase(alias)
        if not tx.remove_alias(kind, key, text, editor):
            raise NotFound(f"{alias!r} is not an alias of {self.vocabulary.label(kind, key)}.")
        tx.log(RevisionDraft(Subject("alias", key), "remove", editor, reason,
                             {"kind": kind, "key": key, "alias": text}, None))
        tx.changed()
        return key

    def save_source(self, tx: FigureWriter, key: str, editor: Editor, reason: str, *, new: bool,
                    name: str | None = None, kind: str | None = None, description: str | None = None,
                    url: str | None = None) -> Source:
        reason = checked_reason(reason)
        key = key.strip().lower()
        existing = tx.source(key)
        if new and existing:
            raise UsageError(f"A reporter with the key {key!r} exists already.", "Use `source edit` to change it.")
        if not new and not existing:
            raise NotFound(f"There is no reporter with the key {key!r}.",
                           "Keys: " + ", ".join(s.key for s in self.vocabulary.sources))
        problems: list[Problem] = []
        if new and not _KEY.match(key):
            problems.append(Problem("", "key", "use lower-case letters, digits, - and _ (e.g. airwars)"))
        source_kind = one_of(kind, SOURCE_KINDS)
        if kind is not None and source_kind is None:
            problems.append(Problem("", "kind", f"must be one of {', '.join(SOURCE_KINDS)}"))
        if url and len(url) > limits.URL:
            problems.append(Problem("", "url", f"is {len(url)} characters; at most {limits.URL}"))
        elif url and not figure_rows.URL.match(url):
            problems.append(Problem("", "url", f"{url!r} is not an http(s) link"))
        if name is not None and not 0 < len(name.strip()) <= limits.NAME:
            problems.append(Problem("", "name", f"is 1 to {limits.NAME} characters"))
        if description is not None and len(description) > limits.DESCRIPTION:
            problems.append(Problem("", "description", f"is at most {limits.DESCRIPTION:,} characters"))
        if new and (not name or not kind):
            problems.append(Problem("", "name and kind", "are required for a new reporter"))
        if problems:
            raise ValidationError(problems)
        base = existing or Source(key=key, name=name or key, kind=source_kind or "other")
        source = replace(base, name=(name or base.name).strip(), kind=source_kind or base.kind,
                         description=description if description is not None else base.description,
                         url=(url or None) if url is not None else base.url)
        if source == existing:
            raise UsageError("Nothing to change.")
        tx.save_source(source)
        before = _source_dict(existing) if existing else None
        tx.log(RevisionDraft(Subject("source", key), "add" if new else "edit", editor, reason, before,
                             _source_dict(source)))
        tx.changed()
        return source


def _source_dict(source: Source) -> dict[str, str | None]:
    return {"key": source.key, "name": source.name, "kind": source.kind, "description": source.description,
            "url": source.url}
