"""Tally's use cases, over any store: what the command line, the console and the cogs all call."""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Literal, TextIO, cast

from bot.domain import figure_files, importing, limits
from bot.domain.answers import Answer
from bot.domain.audit import FIGURES, WORDS, AuditBacklog, whole_batches
from bot.domain.charts import ChartData, chart_data
from bot.domain.current import CurrentFigures
from bot.domain.errors import Forbidden, NotFound, StoreUnavailable, UsageError
from bot.domain.figure_rows import Row
from bot.domain.importing import PENDING_MINUTES, ImportPlan
from bot.domain.incidents.ports import IncidentStore
from bot.domain.incidents.service import Incidents
from bot.domain.lexicon import resolve_name, unknown_name_message
from bot.domain.models import AliasKind, Editor, Figure, PendingImport, Revision, Source
from bot.domain.moderation import ModerationRules, checked_reason
from bot.domain.ports import FigureStore
from bot.domain.render import clip, value_phrase
from bot.domain.resolver import Resolver

NamedKind = Literal["metric", "reporter"]


class Tally:
    def __init__(self, store: FigureStore, today: Callable[[], date] = date.today,
                 stale_after_months: int = 12, now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 incidents: IncidentStore | None = None) -> None:
        self.store = store
        self.incidents = Incidents(incidents, now) if incidents is not None else None
        self.today = today
        self.now = now
        self.stale_after_months = stale_after_months
        self._lock = threading.Lock()
        self._resolver: Resolver | None = None
        self._current: CurrentFigures | None = None
        self._cursors = (0, 0)
        self._version: int | None = None

    # -- reading -------------------------------------------------------------------------------

    def refresh(self) -> Resolver:
        """The resolver (vocabulary, lexicon and current figures: all a reading needs), brought up to date when
        any process changed the data. It queries the store, so on the bot it runs in worker threads only.

        After a change only what changed is read again: the figures that new revisions touched, and the
        vocabulary only if it has a new revision. The cost follows the change, not the store's size. A change
        no revision explains (a newer release refreshing the seed's vocabulary at its start) reloads everything.
        """
        version = self.store.data_version()
        with self._lock:
            if self._resolver is None or self._current is None:
                self._load()
            elif version != self._version:
                figure_revision, vocabulary_revision, changed = self.store.changed_since(*self._cursors)
                if not changed and vocabulary_revision == self._cursors[1]:
                    self._load()
                else:
                    self._current = self._current.updated(changed)
                    if vocabulary_revision != self._cursors[1]:
                        self._resolver = Resolver(self.store.vocabulary(), self._current,
                                                  self._current.reporter_metrics, self.today, self.stale_after_months)
                    else:
                        self._resolver = self._resolver.with_figures(self._current, self._current.reporter_metrics)
                    self._cursors = (figure_revision, vocabulary_revision)
            self._version = version
            assert self._resolver is not None  # _load() made it
            return self._resolver

    def _load(self) -> None:
        # The cursors are read before the data, so replaying from them can only repeat a change.
        self._cursors = self.store.last_revision_ids()
        self._current = CurrentFigures(self.store.current_figures(), self.store)
        self._resolver = Resolver(self.store.vocabulary(), self._current, self._current.reporter_metrics,
                                  self.today, self.stale_after_months)

    def snapshot(self) -> Resolver:
        """The resolver last built by `refresh()`, without touching the store: what the event loop may read
        (labels, choices). It may lag the data by one change until the next refresh."""
        resolver = self._resolver
        if resolver is None:
            raise StoreUnavailable("Tally is still loading its figures; try again in a moment.")
        return resolver

    def ask(self, question: str) -> Answer:
        if not question or not question.strip():
            raise UsageError("The question is empty.", 'Ask about a figure, e.g. "civilians since Nov 2016".')
        resolver = self.refresh()
        # Questions about a town, a province, an incident code, "the deadliest", … are answered from Airwars'
        # incident records first (with any reported figure that also answers); everything else as before.
        answer = self.incidents.answer(question, resolver.resolve, self._version) if self.incidents else None
        return answer or resolver.resolve(question)

    def autocomplete(self, text: str, limit: int = 25, width: int = 100) -> list[tuple[str, str]]:
        """Choices as someone types: (what is shown, the question it asks), each at most `width` long."""
        resolver = self.refresh()
        typed = " ".join(text.split())[:width]
        if not typed:
            choices = [(q, q) for q in resolver.examples()]
        else:
            answer = resolver.resolve(typed)
            choices = [(typed, typed)]
            for item in answer.items:
                question = resolver.question_for(item.figure)
                shown = f"{item.names.reporter}: {value_phrase(item.figure, item.names.unit)}"
                choices.append((shown, question))
            choices += [(s, s) for s in answer.suggestions]
        seen: dict[str, tuple[str, str]] = {}
        for name, value in choices:
            value = value[:width]
            if value and value not in seen:
                seen[value] = (clip(name, width), value)
        return list(seen.values())[:limit]

    def filter_keys(self, metric: str | None, reporter: str | None) -> tuple[str | None, str | None]:
        """The metric and reporter keys of a filter as typed (/figures, /chart, `figures --metric`): by key, label
        or alias, else read as a question reads them; refused when the words name anything more."""
        return _filter_keys(self.refresh(), metric, reporter)

    def chart(self, metric: str, reporter: str | None = None) -> ChartData:
        """The series of a metric over time, every reporter's (or one's), ready to draw."""
        resolver = self.refresh()
        key, reporter_key = _filter_keys(resolver, metric, reporter)
        if key is None:
            raise UsageError("Name the metric to chart.", "For example: civilian deaths.")
        reporters = [reporter_key] if reporter_key else None
        vocabulary = resolver.vocabulary
        campaign = vocabulary.campaign
        figures = self.store.reports(key, places=[campaign.place], actors=[campaign.actor], reporters=reporters)
        if not figures:
            raise NotFound(f"There are no {vocabulary.label('metric', key)} figures to chart"
                           + (f" from {vocabulary.label('reporter', reporters[0])}." if reporters else "."))
        return chart_data(figures, vocabulary, key)

    def figure(self, figure_id: int) -> Figure:
        if not 0 < figure_id <= limits.FIGURE_ID:
            raise NotFound(f"There is no figure {figure_id}.", "Figure ids are positive whole numbers.")
        figure = self.store.figure(figure_id)
        if figure is None:
            raise NotFound(f"There is no figure {figure_id}.", "List the figures with `figures` to find an id.")
        return figure

    def history(self, figure_id: int) -> list[Revision]:
        self.figure(figure_id)
        return self.store.history(figure_id)

    def sources(self) -> tuple[Source, ...]:
        return self.refresh().vocabulary.sources

    def figures(self, statuses: tuple[str, ...] | None = ("current",), *, metric: str | None = None,
                reporter: str | None = None) -> list[Figure]:
        """The figures of these statuses (None: all), only of a metric and a reporter when they are named (as
        `filter_keys` reads them: the same on Discord, the console and the command line)."""
        metric_key, reporter_key = (None, None) if not (metric or reporter) else _filter_keys(self.refresh(), metric,
                                                                                              reporter)
        return [f for f in self.store.all_figures(statuses)
                if metric_key in (None, f.metric) and reporter_key in (None, f.reporter)]

    # -- the audit feed ------------------------------------------------------------------------

    def start_audit(self) -> None:
        """Start the audit feed at the latest revisions unless a process already did: the feed begins when the bot
        first starts (older history is in /figure history). Safe when several processes start at once."""
        for name, position in zip((FIGURES, WORDS), self.store.last_revision_ids(), strict=True):
            self.store.start_cursor(name, position)

    def audit_backlog(self, limit: int) -> AuditBacklog:
        """What the audit feed has not posted yet: at most `limit` figure revisions after its cursor, the vocabulary
        revisions after its other cursor, and the vocabulary to name them."""
        vocabulary = self.refresh().vocabulary
        revisions = self.store.revisions_after(self.store.cursor(FIGURES) or 0, limit)
        words = self.store.vocabulary_revisions_after(self.store.cursor(WORDS) or 0)
        return AuditBacklog(whole_batches(revisions, limit), words, vocabulary)

    def mark_posted(self, *, figure_revision: int | None = None, vocabulary_revision: int | None = None) -> None:
        """Move the audit feed past a revision it posted, so no process posts it again."""
        for name, position in ((FIGURES, figure_revision), (WORDS, vocabulary_revision)):
            if position is not None:
                self.store.set_cursor(name, position)

    def close(self) -> None:
        """Close the store's connections, when the bot stops."""
        self.store.close()

    # -- files ---------------------------------------------------------------------------------

    def export(self, fmt: figure_files.Format = "csv", statuses: tuple[str, ...] | None = None) -> str:
        return figure_files.dump(self.store.iter_figures(statuses), self.refresh().vocabulary, fmt)

    def export_to(self, out: TextIO, fmt: figure_files.Format = "csv", statuses: tuple[str, ...] | None = None) -> int:
        """Stream the export to `out`; returns how many figures were written."""
        return figure_files.write(self.store.iter_figures(statuses), self.refresh().vocabulary, fmt, out)

    def read_file(self, content: bytes | str, name: str = "", fmt: figure_files.Format | None = None) -> list[Row]:
        resolver = self.refresh()
        return figure_files.parse(content, resolver.vocabulary, resolver.lexicon, self.today(), fmt, name)

    def preview_import(self, rows: list[Row]) -> ImportPlan:
        start = self.refresh().vocabulary.campaign.start
        with self.store.transaction() as tx:
            return importing.plan(rows, tx, start)

    # -- moderation ----------------------------------------------------------------------------

    def _moderation(self) -> ModerationRules:
        resolver = self.refresh()
        return ModerationRules(resolver.vocabulary, resolver.lexicon, self.today())

    def add_figure(self, fields: dict[str, str | None], editor: Editor, reason: str) -> Figure:
        """Add a figure; one that names no actor or place is about the campaign's (as a question naming none)."""
        moderation = self._moderation()
        campaign = moderation.vocabulary.campaign
        fields = {**fields, **{name: default for name, default in (("actor", campaign.actor),
                                                                   ("place", campaign.place))
                               if not (fields.get(name) or "").strip()}}
        with self.store.transaction() as tx:
            return moderation.add(tx, fields, editor, reason)

    def edit_figure(self, figure_id: int, changes: dict[str, str | None], editor: Editor, reason: str,
                    expected_version: int | None = None, keep_quote: bool = False) -> Figure:
        moderation = self._moderation()
        with self.store.transaction() as tx:
            return moderation.edit(tx, figure_id, changes, editor, reason, expected_version, keep_quote)

    def supersede_figure(self, figure_id: int, changes: dict[str, str | None], editor: Editor, reason: str,
                         expected_version: int | None = None) -> Figure:
        moderation = self._moderation()
        with self.store.transaction() as tx:
            return moderation.supersede(tx, figure_id, changes, editor, reason, expected_version)

    def retract_figure(self, figure_id: int, editor: Editor, reason: str,
                       expected_version: int | None = None) -> Figure:
        moderation = self._moderation()
        with self.store.transaction() as tx:
            return moderation.retract(tx, figure_id, editor, reason, expected_version)

    def restore_figure(self, figure_id: int, editor: Editor, reason: str,
                       expected_version: int | None = None) -> Figure:
        moderation = self._moderation()
        with self.store.transaction() as tx:
            return moderation.restore(tx, figure_id, editor, reason, expected_version)

    def add_alias(self, kind: str, name: str, alias: str, editor: Editor, reason: str) -> str:
        """Teach a word; returns the name of what it now means."""
        return self._change_alias("add", kind, name, alias, editor, reason)

    def remove_alias(self, kind: str, name: str, alias: str, editor: Editor, reason: str) -> str:
        """Unteach a word; returns the name of what it meant."""
        return self._change_alias("remove", kind, name, alias, editor, reason)

    def _change_alias(self, action: str, kind: str, name: str, alias: str, editor: Editor, reason: str) -> str:
        moderation = self._moderation()
        change = moderation.add_alias if action == "add" else moderation.remove_alias
        with self.store.transaction() as tx:
            key = change(tx, kind, name, alias, editor, reason)
        # Named from the vocabulary that now holds the change (a new alias can be the word's only name). `change`
        # refused any kind that is not a kind of word.
        return self.refresh().vocabulary.label(cast(AliasKind, kind), key)

    def save_source(self, key: str, editor: Editor, reason: str, *, new: bool, **fields: str | None) -> Source:
        moderation = self._moderation()
        with self.store.transaction() as tx:
            return moderation.save_source(tx, key, editor, reason, new=new, **fields)

    def export_history(self) -> str:
        """Every revision of every figure, as JSON: what moderators may add to an export. The keys are a file
        format: the editor is still "actor_id" and "actor_name" in it."""
        revisions = [{"id": r.id, "figure_id": r.subject.id, "action": r.action, "actor_id": r.editor.id,
                      "actor_name": r.editor.name, "at": r.at.isoformat(), "reason": r.reason, "before": r.before,
                      "after": r.after} for r in self.store.all_revisions()]
        return json.dumps({"revisions": revisions}, indent=2, ensure_ascii=False) + "\n"

    def stage_import(self, content: bytes, filename: str, editor: Editor, reason: str) -> tuple[ImportPlan, str | None]:
        """Validate and preview a file; if it would change anything, keep it in the store for its uploader's
        Confirm. Returns the preview and the pending import's token (None when nothing would change)."""
        reason = checked_reason(reason)
        plan = self.preview_import(self.read_file(content, filename))
        if not plan.writes:
            return plan, None
        now = self.now()
        pending = PendingImport(secrets.token_hex(8), editor, filename[:200], reason, content, plan.summary(), now,
                                now + timedelta(minutes=PENDING_MINUTES))
        self.store.add_pending_import(pending)
        return plan, pending.token

    def pending_imports(self) -> list[PendingImport]:
        return self.store.pending_imports(self.now())

    def settle_import(self, token: str, editor: Editor, confirm: bool) -> tuple[PendingImport, ImportPlan | None]:
        """Confirm (write all of it or nothing) or cancel a pending import; only its uploader may."""
        waiting = next((p for p in self.pending_imports() if p.token == token), None)
        if waiting is None:
            raise UsageError(f"This import has expired (after {PENDING_MINUTES} minutes) or was already confirmed "
                             "or cancelled; nothing was written.", "Upload the file again to import it.")
        if waiting.editor.id != editor.id:
            raise Forbidden("Only the moderator who uploaded this file can confirm or cancel it.")
        pending = self.store.take_pending_import(token, self.now())
        if pending is None:
            raise UsageError("This import was just confirmed or cancelled elsewhere; nothing more was written.")
        if not confirm:
            return pending, None
        return pending, self.import_rows(self.read_file(pending.content, pending.filename), editor, pending.reason)

    def import_rows(self, rows: list[Row], editor: Editor, reason: str) -> ImportPlan:
        reason = checked_reason(reason)
        start = self.refresh().vocabulary.campaign.start
        with self.store.transaction() as tx:
            return importing.apply(rows, tx, editor, reason, start)


def _filter_keys(resolver: Resolver, metric: str | None, reporter: str | None) -> tuple[str | None, str | None]:
    """The metric and reporter keys of names typed into a filter (/figures, /chart): by key, label or alias, or
    else read as a question reads them ("civilians killed", "airwar"). A metric's words may name its reporter
    too ("airwars civilian deaths") when no reporter is given apart. Words that name anything else are refused,
    never dropped: listing the Coalition's civilian deaths for "civilian deaths by Russia" would state figures
    about something nobody asked."""
    # Blank is not given ("figures --metric ' '" lists all, as the console's "figures" does).
    metric, reporter = (metric or "").strip() or None, (reporter or "").strip() or None
    for what, name in (("metric", metric), ("reporter", reporter)):
        # As Discord's options are bounded: a name is never longer, and a refusal never echoes a page of text.
        if name and len(name) > limits.NAME:
            raise UsageError(f"The {what} given is {len(name):,} characters; a name is at most {limits.NAME}.",
                             "Give only its name, e.g. 'civilian deaths' or 'Airwars'.")
    reporter_key = _typed_key(resolver, "reporter", reporter) if reporter else None
    metric_key = None
    if metric:
        metric_key = _typed_key(resolver, "metric", metric)
        if metric_key is None:
            metric_key, named_reporter = _read_as_asked(resolver, metric, reporter_key)
        else:
            # "airwars count" names the metric and its reporter at once, as a question reads it.
            named = sorted({key for kind, key in resolver.lexicon.refs(metric) if kind == "reporter"})
            named_reporter = named[0] if len(named) == 1 else None
            if named_reporter and reporter_key not in (None, named_reporter):
                shown = resolver.vocabulary.label("metric", metric_key)
                raise _more_than_a_metric(metric, f" ({shown}): also a reporter", shown)
        reporter_key = reporter_key or named_reporter
    return metric_key, reporter_key


def _more_than_a_metric(name: str, said: str, example: str) -> NotFound:
    return NotFound(f"{name!r} names more than a metric{said}.",
                    f"Give only the metric, e.g. {example!r}, or ask the whole question with /ask (or `ask` on the "
                    "command line).")


def _typed_key(resolver: Resolver, kind: NamedKind, name: str) -> str | None:
    known = resolver.vocabulary.term(kind, name) if kind == "metric" else resolver.vocabulary.source(name)
    key = name if known else resolve_name(name, kind, resolver.lexicon)
    if key is None and kind == "reporter":
        # Read word by word as a question reads a reporter: "airwar", or "the coalition" for the reporter that
        # speaks for it (CJTF-OIR) — one reporter and no other word.
        reading = resolver.lexicon.read(name)
        speaking = {("actor", s.speaks_for): s.key for s in resolver.vocabulary.sources if s.speaks_for}
        found = {key for key in (speaking.get(m.ref, m.ref[1] if m.ref[0] == "reporter" else None)
                                 for m in reading.matches)}
        if len(found) != 1 or None in found or reading.ignored:
            raise NotFound(unknown_name_message(name, kind, resolver.lexicon))
        key = found.pop()
    return key


def _read_as_asked(resolver: Resolver, name: str, reporter: str | None) -> tuple[str, str | None]:
    """The metric (and the reporter they name, if it is the only one and agrees with `reporter`) of words read as
    a question reads them; refused when they name no metric, or more."""
    vocabulary = resolver.vocabulary
    answer = resolver.resolve(name)
    metrics = [part.interpretation.metric_label for part in answer.parts if part.interpretation.metric_label]
    if answer.parts and metrics:
        # "sorties and civilian deaths in mosul" asks two things: listing the first would drop the second.
        raise _more_than_a_metric(name, f": it asks {len(answer.parts)} things ({'; '.join(metrics)})", metrics[0])
    read = answer.interpretation
    # A question naming only a reporter is answered with its main count; a filter's metric must be in the words.
    named = {kind for kind, _ in (m.ref for m in resolver.lexicon.read(name).matches)}
    if read.metric is None or not named & {"metric", "concept"}:
        raise NotFound(unknown_name_message(name, "metric", resolver.lexicon))
    reporters = [s.key for label in read.reporters for s in vocabulary.sources if s.name == label]
    also = [what for what, named in (
        ("a reporter", reporters and (len(reporters) > 1 or reporter not in (None, reporters[0]))),
        ("an actor", read.actor), ("a place", read.place), ("a period", read.period), ("a number", read.numbers),
        ("words it could not read", read.ignored or answer.uncovered)) if named]
    if also:
        shown = vocabulary.label("metric", read.metric)
        raise _more_than_a_metric(name, f" ({shown}): also {', '.join(also)}", shown)
    return read.metric, reporters[0] if reporters else None
