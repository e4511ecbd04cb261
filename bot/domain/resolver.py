"""One resolver for every way of asking: /ask, autocomplete, "did you mean", the console, the CLI.

question → normalised text → the period asked about → the vocabulary's reading of the rest →
the metric, reporters, actor and place → candidate figures (looked up by metric and scope, so the
cost does not grow with the number of stored figures) → the best figure of each reporter, exact or
partial, with every difference said plainly → an Answer.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from bot.domain import timeline, wording
from bot.domain.answers import Answer, AnswerItem, Candidate, Interpretation, Names
from bot.domain.dates import Period
from bot.domain.lexicon import Lexicon
from bot.domain.models import Figure, Term, Vocabulary
from bot.domain.names import figure_names
from bot.domain.ports import FigureLookup
from bot.domain.reading import Part, Question, Reader
from bot.domain.selection import Scope, best_per_reporter, comparison, fit, nearest_starts
from bot.domain.text import phrase, word_phrase

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


possessive = wording.possessive


class Resolver:
    def __init__(
        self,
        vocabulary: Vocabulary,
        figures: FigureLookup,
        reporter_metrics: dict[str, frozenset[str]],
        today: Callable[[], date],
        stale_after_months: int = 12,
    ) -> None:
        self._stale_after_months = stale_after_months
        self.vocabulary = vocabulary
        self.lexicon = Lexicon(vocabulary)
        self._figures = figures
        self._reporter_metrics = reporter_metrics
        self._today = today
        self._metrics = {t.key: t for t in vocabulary.of_kind("metric")}
        self._concepts = {t.key: t for t in vocabulary.of_kind("concept")}
        self.reader = self._reader()

    def _reader(self) -> Reader:
        campaign = self.vocabulary.campaign
        headline = [f for m in self._metrics for f in self._figures.find_figures(m, places=[campaign.place],
                                                                                 actors=[campaign.actor])]
        # A month named without a year ("between November and March") is read against the latest report.
        reference = max((f.published.last_day for f in headline), default=None)
        return Reader(self.vocabulary, self.lexicon, self._reporter_metrics, self._today, reference)

    def with_figures(self, figures: FigureLookup, reporter_metrics: dict[str, frozenset[str]]) -> Resolver:
        """The same vocabulary over other figures: after a change of figures, the lexicon (the costly part to
        build) is kept; the reader, which knows what each reporter reports and the latest report's date, is not."""
        resolver = copy.copy(self)
        resolver._figures, resolver._reporter_metrics = figures, reporter_metrics
        resolver.reader = resolver._reader()
        return resolver

    # -- one question, every kind ----------------------------------------------------------------

    def read(self, question: str) -> Question:
        return self.reader.read(question)

    def resolve(self, question: str) -> Answer:
        read = self.reader.read(question)
        answers = [self._answer_part(question, part) for part in read.parts]
        if len(answers) == 1:
            return answers[0]
        metrics = {p.metrics for p in read.parts}
        if any(p.compares for p in read.parts) and len(metrics) > 1:
            # "which is bigger: incidents still being assessed or incidents where civilians were harmed"
            answers[0] = replace(answers[0], notes=(wording.NOT_COMPARABLE, *answers[0].notes))
        return _combined(question, answers)

    def _interpretation(self, part: Part) -> Interpretation:
        vocab = self.vocabulary
        interpretation = Interpretation(
            reporters=tuple(vocab.label("reporter", r) for r in part.reporters),
            actor=vocab.label("actor", part.actor) or None,
            place=vocab.label("place", part.place) or None,
            period=part.period,
            ignored=tuple(u.text for u in part.unread),
            corrections=part.corrections,
            kind=part.kind,
            read=part.read,
            numbers=part.numbers,
        )
        if len(part.metrics) == 1:
            interpretation = _with_metric(interpretation, self._metrics[part.metrics[0]])
        return interpretation

    def _answer_part(self, question: str, part: Part) -> Answer:
        interpretation = self._interpretation(part)
        if part.kind == "chit_chat":
            return Answer(question, "no_match", interpretation, lines=(wording.chit_chat(" ".join(part.words)),),
                          suggestions=tuple(self.examples()[:4]))
        if part.kind == "about_source":
            answer = self._about_source(question, interpretation, part)
        elif part.kind == "list":
            answer = self._every_figure(question, interpretation, part)
        elif part.kind == "figure_by_number":
            answer = self._by_number(question, interpretation, part)
        else:
            answer = self._figure(question, interpretation, part)
        if part.unread and answer.items:
            # Exact means every word was read: whatever the kind, a word left unread leaves it partial.
            metric = self._metrics[part.metrics[0]] if len(part.metrics) == 1 else None
            return self._narrowed(answer, part, metric)
        return answer

    def _figure(self, question: str, interpretation: Interpretation, part: Part) -> Answer:
        vocab = self.vocabulary
        metrics = list(part.metrics)
        period = part.period
        if part.date_problem:
            labels = [self._metrics[m].label for m in metrics]
            return Answer(question, "no_match", interpretation, notes=(part.date_problem,),
                          suggestions=tuple(labels[:5]))
        if not metrics:
            return self._unknown_metric(question, interpretation, part)
        if len(metrics) > 1:
            return self._ambiguous(question, interpretation, metrics, part.reporters, period)
        metric = self._metrics[metrics[0]]
        if part.unknown_places and part.place is None:
            where = part.unknown_places[0]
            covered = vocab.label("place", vocab.campaign.place)
            return Answer(question, "no_match", interpretation, notes=(wording.unknown_place(where, covered),),
                          suggestions=(metric.label,))
        subjects = [u for u in part.unread if u.what in ("group", "name", "word", "nationality")]
        if part.unread and (any(u.what == "group" for u in part.unread) or (part.missing_core and subjects)):
            # "how many taliban did the coalition kill": the word that names who was counted is not one Tally counts.
            outcome = next((self._concepts[c].label for c in metric.core
                            if c in self._concepts and self._concepts[c].family == "outcome"), metric.label)
            who = [u for u in part.unread if u.what == "group"] or subjects
            note = wording.not_counted(who, outcome, self._counted(), vocab.label("actor", vocab.campaign.actor))
            return Answer(question, "no_match", interpretation, notes=(note,), suggestions=(metric.label,))
        reporters = part.reporters if part.kind != "comparison" or len(part.reporters) > 1 else ()
        answer = self._answer(question, interpretation,
                              Scope(metric, reporters, part.actor, part.place, period, part.change))
        return answer

    def _narrowed(self, answer: Answer, part: Part, metric: Term | None) -> Answer:
        """An answer that left a meaningful word unread: partial at best, with what no figure covers said first."""
        vocab = self.vocabulary
        actor = vocab.label("actor", part.actor or vocab.campaign.actor)
        reporters = [s.name for s in vocab.sources]
        label = metric.label if metric else "these figures"
        said = tuple(dict.fromkeys(wording.uncovered(u, label, actor, self._counted(), reporters)
                                   for u in part.unread))
        items = tuple(replace(i, match="partial", difference=" ".join((*said, *([i.difference] if i.difference
                                                                                 else []))))
                      for i in answer.items)
        return replace(answer, items=items, uncovered=said, comparison=None)

    def _counted(self) -> list[str]:
        return list(dict.fromkeys(self._concepts[c].label for m in self._metrics.values() for c in m.core[:1]
                                  if c in self._concepts))

    def _about_source(self, question: str, interpretation: Interpretation, part: Part) -> Answer:
        lines = []
        suggestions: list[str] = []
        for key in part.reporters:
            source = self.vocabulary.source(key)
            if source is None:
                continue
            metrics = [self._metrics[m] for m in self._metrics if m in self._reporter_metrics.get(key, ())]
            lines.append(wording.about_source(source.name, source.kind, source.description,
                                              [m.label for m in metrics]))
            if source.url:
                lines.append(f"<{source.url}>")
            suggestions += [f"{source.name} {m.label}" for m in metrics]
        return Answer(question, "answered", interpretation, lines=tuple(lines), suggestions=tuple(suggestions[:5]))

    def _every_figure(self, question: str, interpretation: Interpretation, part: Part, limit: int = 25) -> Answer:
        """Every current figure ("show me every figure"), or every one of the metric or reporter named."""
        order = list(self._metrics)
        figures = [f for f in self._named_figures(part.metrics or None)
                   if (not part.metrics or f.metric in part.metrics)
                   and (not part.reporters or f.reporter in part.reporters)]
        figures.sort(key=lambda f: (order.index(f.metric) if f.metric in order else len(order), f.id))
        items = tuple(self._item(Candidate(f, "exact", 0.0)) for f in figures[:limit])
        return Answer(question, "answered", interpretation, items=items,
                      lines=(wording.every_figure(len(figures), len(items)),))

    def _named_figures(self, metrics: Sequence[str] | None = None) -> list[Figure]:
        """The current figures of every place and actor the vocabulary names (looked up by metric and scope,
        like any answer, so the cost does not grow with a store's history)."""
        vocab = self.vocabulary
        places = [t.key for t in vocab.of_kind("place")]
        actors = [t.key for t in vocab.of_kind("actor")]
        return [f for m in (metrics or self._metrics) for f in self._figures.find_figures(m, places=places,
                                                                                          actors=actors)]

    def _named_fit(self, figure: Figure, part: Part) -> Candidate:
        """A figure named by its number, against the place or actor the question adds ("the 20,205 sorties, how
        many were in iraq"; "does 352 cover yemen"): what it does not cover makes it partial, said plainly."""
        metric = self._metrics.get(figure.metric)
        allowed = set(metric.concepts) | set(metric.tolerates) if metric else set()
        # "how many of the 352 were children": a subject the figure does not count separately.
        narrower = [self._concepts[c].label for c in part.concepts
                    if c in self._concepts and c not in allowed and self._concepts[c].family]
        if narrower:
            return Candidate(figure, "partial", 0.0, [wording.not_broken_down(narrower)])
        keys = [k for k in (part.place, part.actor) if k]
        if not keys:
            return Candidate(figure, "exact", 0.0)
        excluded = [k for k in keys if k in figure.excludes]
        if excluded:
            labels = [self.vocabulary.label(kind, k) for k in excluded for kind in ("place", "actor")
                      if self.vocabulary.term(kind, k)]
            return Candidate(figure, "partial", 0.0, [wording.excludes(labels)])
        found = fit(figure, Scope(metric, (), part.actor, part.place, None), self.vocabulary) if metric else None
        return found or Candidate(figure, "exact", 0.0)

    def _by_number(self, question: str, interpretation: Interpretation, part: Part) -> Answer:
        """'is the 352 an exact count?': that figure, how exact it is, and the notes that bear on the question."""
        vocab = self.vocabulary
        asked_metric = part.metrics[0] if len(part.metrics) == 1 else None
        current = self._named_figures()
        found = [f for n in part.numbers for f in current if n in (f.value_low, f.value_high)]
        if asked_metric and any(f.metric == asked_metric for f in found):
            found = [f for f in found if f.metric == asked_metric]
        if not found:
            label = self._metrics[asked_metric].label if asked_metric else None
            note = wording.by_number_missing(part.numbers, label)
            if asked_metric:
                answer = self._figure(question, interpretation, replace(part, kind="figure", numbers=()))
                return replace(answer, uncovered=(note, *answer.uncovered),
                               items=tuple(replace(i, match="partial", difference=" ".join(
                                   x for x in (note, i.difference) if x)) for i in answer.items))
            return Answer(question, "no_match", interpretation, notes=(note,),
                          suggestions=tuple(m.label for m in self._metrics.values())[:5])
        lines: list[str] = []
        notes: list[str] = []
        keys = [k for k in (part.place, part.actor) if k]
        for f in dict.fromkeys(found):
            reporter = vocab.label("reporter", f.reporter)
            lines.append(wording.by_number_found(f.value_low, reporter, vocab.label("metric", f.metric)))
            exactness = wording.by_number_qualifier(f.qualifier, f.value_high, f.value_low)
            if exactness:
                lines.append(exactness)
            asked_core = set(self._metrics[asked_metric].core) if asked_metric else set()
            found_concepts = set(self._metrics[f.metric].concepts) if f.metric in self._metrics else set()
            # "does 352 cover strikes in yemen" asks about the 352 (whose strikes), not about the count of strikes.
            if asked_metric and f.metric != asked_metric and not asked_core <= found_concepts:
                lines.append(wording.by_number_other_metric(f.value_low, vocab.label("metric", f.metric),
                                                            self._metrics[asked_metric].label))
            if keys:
                notes += self._scope_notes([f], keys)
        items = tuple(self._item(self._named_fit(f, part)) for f in dict.fromkeys(found))
        # "the coalition says 352, what does airwars say?": the other reporter's figure of the same metric.
        others = [r for r in part.reporters if r not in {f.reporter for f in found}]
        if others:
            metric = self._metrics.get(found[0].metric)
            if metric:
                more = self._answer(question, interpretation, Scope(metric, tuple(others), None, None, part.period))
                items += tuple(i for i in more.items if i.figure not in found)
        return Answer(question, "answered", interpretation, items=items, lines=tuple(dict.fromkeys(lines)),
                      notes=tuple(dict.fromkeys(notes)), comparison=comparison(items))

    def examples(self) -> list[str]:
        """Questions to offer before anything is typed: every metric, and every reporter's headline."""
        examples = [m.label for m in self._metrics.values()]
        examples += [f"{s.name} {self._metrics[m].label}" for s in self.vocabulary.sources
                     for m in sorted(self._reporter_metrics.get(s.key, ())) if m in self._metrics][:10]
        if len(self.vocabulary.sources) > 1:
            examples.append(" vs ".join(s.name for s in self.vocabulary.sources[:2]))
        return examples

    def question_for(self, figure: Figure) -> str:
        """A question this figure answers exactly: how a suggestion or an autocomplete choice asks for it."""
        vocab = self.vocabulary
        campaign = vocab.campaign
        metric = self._metrics.get(figure.metric)
        parts = [vocab.label("reporter", figure.reporter), metric.label if metric else figure.metric]
        if figure.place != campaign.place:
            parts.append(f"in {vocab.label('place', figure.place)}")
        if figure.period_start and not figure.period_start.agrees(campaign.start):
            if figure.period_end:
                parts.append(f"between {figure.period_start.label()} and {figure.period_end.label()}")
            else:
                parts.append(f"since {figure.period_start.label()}")
        return " ".join(parts)

    # -- answers -------------------------------------------------------------------------------

    def _answer(self, question: str, interpretation: Interpretation, scope: Scope) -> Answer:
        vocab = self.vocabulary
        campaign = vocab.campaign
        places = vocab.ancestors("place", scope.place) if scope.place else [campaign.place]
        actors = vocab.ancestors("actor", scope.actor) if scope.actor else [campaign.actor]
        period = scope.selection

        def lookup(as_of: date | None = None) -> list[Figure]:
            found = self._figures.find_figures(scope.metric.key, places=places, actors=actors,
                                               reporters=scope.reporters or None, as_of=as_of)
            return timeline.current_on(found, as_of) if as_of else found

        reported_then: set[int] = set()
        if period and period.mode == "as_of" and period.end:
            figures = lookup(period.end.last_day)
        else:
            figures = lookup()
            if period and period.mode == "in" and period.start:
                # "in March 2019": where a reporter published within that span, its report current then answers.
                span = period.start
                within = [f for f in lookup(span.last_day) if timeline.published_within(f, span)]
                reported_then = {f.id for f in within}
                figures = within + [f for f in figures if f.reporter not in {w.reporter for w in within}]
        asked_keys = {k for k in (scope.place, scope.actor) if k}
        excluded = [f for f in figures if asked_keys & set(f.excludes)]
        figures = [f for f in figures if f not in excluded]
        notes: list[str] = []
        if not figures and period and period.mode == "as_of" and not excluded:
            assert period.end is not None  # an as_of period always names its date
            return Answer(question, "no_match", interpretation,
                          notes=(wording.none_published(scope.metric.label, period.end.label()),),
                          suggestions=(scope.metric.label,))
        if not figures:
            return self._nothing_in_scope(question, interpretation, scope, excluded)

        candidates = [c for f in figures if (c := fit(f, scope, self.vocabulary, f.id in reported_then)) is not None]
        if not candidates:
            latest = max(figures, key=lambda f: f.published)
            what = scope.metric.label
            if period and period.mode == "as_of":
                assert period.end is not None
                notes.append(wording.none_published(what, period.end.label()))
            else:
                notes.append(wording.none_covers(what, wording.period_words(period), latest.published.label(),
                                                 wording.span_label(latest)))
            return Answer(question, "no_match", interpretation, notes=tuple(notes),
                          suggestions=self._series_suggestions(scope.metric, figures))

        chosen = best_per_reporter(candidates)
        if period and period.mode == "since" and period.start and not any(c.match == "exact" for c in chosen):
            chosen = nearest_starts(chosen, period.start)
        if any(c.match == "exact" for c in chosen):
            for c in chosen:
                if c.match != "exact":
                    notes.append(wording.reporter_has_none(vocab.label("reporter", c.figure.reporter),
                                                           scope.metric.label, wording.period_words(period)))
            chosen = [c for c in chosen if c.match == "exact"]
        order = [s.key for s in vocab.sources]
        chosen.sort(key=lambda c: order.index(c.figure.reporter) if c.figure.reporter in order else len(order))
        items, changes = self._over_time(chosen, scope, dated=bool(period and period.mode == "as_of"))
        if scope.change and not changes:
            notes.append(wording.NO_CHANGE)
        answered_by = {c.figure.reporter for c in chosen}
        for reporter, metrics in sorted(self._reporter_metrics.items()):
            if scope.metric.key in metrics and reporter not in answered_by and (
                not scope.reporters or reporter in scope.reporters
            ) and not any(vocab.label("reporter", reporter) in n for n in notes):
                notes.append(wording.reporter_has_none(vocab.label("reporter", reporter), scope.metric.label,
                                                       "for this"))
        shown_series = {c.figure.series for c in chosen}
        others = [f for f in figures if f.series not in shown_series and f.reporter in answered_by]
        return Answer(
            question, "answered", interpretation, items=items, notes=tuple(notes),
            comparison=comparison(items), suggestions=self._series_suggestions(scope.metric, others),
            changes=changes,
        )

    def _over_time(self, chosen: list[Candidate], scope: Scope,
                   dated: bool) -> tuple[tuple[AnswerItem, ...], tuple[timeline.Difference, ...]]:
        """Each answer with where its series came from, its age, and (if asked) the change derived from it."""
        items: list[AnswerItem] = []
        changes: list[timeline.Difference] = []
        today = self._today()
        for candidate in chosen:
            item = self._item(candidate)
            figure = item.figure
            since = scope.period.start if scope.change and scope.period else None
            series = self._figures.series_excerpt(figure, since) if figure.supersedes or scope.change else None
            trend = timeline.trend_note(figure, series) if series else None
            age = None if dated else timeline.age_note(figure, today, self._stale_after_months)
            items.append(replace(item, trend=trend, age_note=age))
            if scope.change and series:
                change = timeline.change_since(series, figure, since, item.names.reporter)
                if change:
                    changes.append(change)
        return tuple(items), tuple(changes)

    def _item(self, candidate: Candidate) -> AnswerItem:
        names = Names(**figure_names(candidate.figure, self.vocabulary))
        return AnswerItem(candidate.figure, names, candidate.match, " ".join(candidate.differences) or None)

    def _nothing_in_scope(
        self, question: str, interpretation: Interpretation, scope: Scope, excluded: list[Figure]
    ) -> Answer:
        vocab = self.vocabulary
        what = scope.metric.label
        notes = [wording.nothing_in_scope(what, [vocab.label("reporter", r) for r in scope.reporters],
                                          vocab.label("actor", scope.actor), vocab.label("place", scope.place))]
        if not excluded and (scope.place or scope.actor):
            campaign = vocab.campaign
            excluded = [
                f for f in self._figures.find_figures(
                    scope.metric.key, places=[campaign.place], actors=[campaign.actor], reporters=None
                )
                if {scope.place, scope.actor} & set(f.excludes)
            ]
        notes.extend(self._scope_notes(excluded, [k for k in (scope.place, scope.actor) if k]))
        suggestions = [what]
        if scope.reporters:
            suggestions += [f"{vocab.label('reporter', r)} figures" for r in scope.reporters]
        return Answer(question, "no_match", interpretation, notes=tuple(dict.fromkeys(notes)),
                      suggestions=tuple(dict.fromkeys(suggestions)))

    def _scope_notes(self, figures: list[Figure], keys: list[str]) -> list[str]:
        """The sentences of the figures' notes that speak of what was asked for (Yemen, Russia)."""
        vocab = self.vocabulary
        words: set[str] = set()
        for key in keys:
            for kind in ("place", "actor"):
                term = vocab.term(kind, key)
                if term:
                    words |= {word_phrase(w) for w in (term.label, *term.aliases)}
        notes: list[str] = []
        for f in figures:
            sentences = _SENTENCE.split(f.notes or "")
            # Only the sentences that bear on what was asked (Yemen, Russia), never the rest of the notes.
            said = [s for s in sentences if words & set(phrase(s).split())]
            for sentence in said:
                if sentence:
                    notes.append(f"{vocab.label('reporter', f.reporter)}: {sentence}")
        return list(dict.fromkeys(notes))

    def _series_suggestions(self, metric: Term, figures: list[Figure]) -> tuple[str, ...]:
        suggestions: list[str] = []
        for f in sorted(figures, key=lambda f: (f.period_start is None, f.period_start or f.published)):
            if f.period_start and not f.period_start.agrees(self.vocabulary.campaign.start):
                suggestions.append(f"{metric.label} since {f.period_start.label()}")
            else:
                suggestions.append(metric.label)
        return tuple(dict.fromkeys(suggestions))[:5]

    def _unknown_metric(self, question: str, interpretation: Interpretation, part: Part) -> Answer:
        vocab = self.vocabulary
        asked = [self._concepts[c].label for c in part.concepts if c in self._concepts and c != "change"]
        held = [m.label for m in self._metrics.values()]
        # What Tally holds is said once, as the suggestions (buttons on Discord), not also in the sentence.
        note = wording.no_metric(asked, interpretation.reporters)
        if part.actor or part.place:
            keys = [k for k in (part.actor, part.place) if k]
            campaign = vocab.campaign
            figures = [
                f for m in self._metrics
                for f in self._figures.find_figures(m, places=[campaign.place], actors=[campaign.actor])
                if set(keys) & set(f.excludes)
            ]
            scope = self._scope_notes(figures, keys)
            return Answer(question, "no_match", interpretation, notes=(note, *scope), suggestions=tuple(held[:5]))
        return Answer(question, "no_match", interpretation, notes=(note,), suggestions=tuple(held[:5]))

    def _ambiguous(
        self, question: str, interpretation: Interpretation, metrics: list[str],
        reporters: Sequence[str], period: Period | None,
    ) -> Answer:
        labels = [self._metrics[m].label for m in metrics if m in self._metrics]
        prefix = " ".join(self.vocabulary.label("reporter", r) for r in reporters)
        suffix = f" {period.label()}" if period else ""
        readings = tuple(f"{prefix} {label}{suffix}".strip() for label in labels)[:5]
        note = wording.ambiguous(len(readings))
        return Answer(question, "ambiguous", interpretation, notes=(note,), suggestions=readings)


def _with_metric(interpretation: Interpretation, metric: Term) -> Interpretation:
    return replace(interpretation, metric=metric.key, metric_label=metric.label)


def _combined(question: str, answers: list[Answer]) -> Answer:
    """A message asking several things: every part's answer, in order; the first part's reading heads it."""
    statuses = [a.status for a in answers]
    status = "answered" if "answered" in statuses else ("ambiguous" if "ambiguous" in statuses else "no_match")
    items = tuple(i for a in answers for i in a.items)
    return Answer(question, status, answers[0].interpretation, items=items, parts=tuple(answers),
                  suggestions=tuple(dict.fromkeys(s for a in answers for s in a.suggestions))[:5])


