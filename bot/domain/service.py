"""Tally's use cases, over any store: what the command line, the console and the cogs all call."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

from bot.domain import importing, records
from bot.domain.answers import Answer
from bot.domain.errors import NotFound, UsageError
from bot.domain.importing import ImportPlan
from bot.domain.models import Actor, Figure, Revision, Source, Vocabulary
from bot.domain.ports import FigureStore
from bot.domain.render import clip, value_phrase
from bot.domain.resolver import Resolver

MAX_ID = 2**31 - 1


class Tally:
    def __init__(self, store: FigureStore, today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.today = today
        self._lock = threading.Lock()
        self._resolver: Resolver | None = None
        self._version: int | None = None

    # -- reading -------------------------------------------------------------------------------

    def resolver(self) -> Resolver:
        """The resolver over the current vocabulary; rebuilt when any process changed the data."""
        version = self.store.data_version()
        with self._lock:
            if self._resolver is None or version != self._version:
                self._resolver = Resolver(self.store.vocabulary(), self.store, self.store.reporter_metrics(),
                                          self.today)
                self._version = version
            return self._resolver

    @property
    def vocabulary(self) -> Vocabulary:
        return self.resolver().vocabulary

    def ask(self, question: str) -> Answer:
        if not question or not question.strip():
            raise UsageError("The question is empty.", 'Ask about a figure, e.g. "civilians since Nov 2016".')
        return self.resolver().resolve(question)

    def autocomplete(self, text: str, limit: int = 25, width: int = 100) -> list[tuple[str, str]]:
        """Choices as someone types: (what is shown, the question it asks), each at most `width` long."""
        resolver = self.resolver()
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

    def figure(self, figure_id: int) -> Figure:
        if not 0 < figure_id <= MAX_ID:
            raise NotFound(f"There is no figure {figure_id}.", "Figure ids are positive whole numbers.")
        figure = self.store.figure(figure_id)
        if figure is None:
            raise NotFound(f"There is no figure {figure_id}.", "List the figures with `figures` to find an id.")
        return figure

    def history(self, figure_id: int) -> list[Revision]:
        self.figure(figure_id)
        return self.store.history(figure_id)

    def sources(self) -> tuple[Source, ...]:
        return self.vocabulary.sources

    def figures(self, statuses: tuple[str, ...] | None = ("current",)) -> list[Figure]:
        return self.store.all_figures(statuses)

    # -- files ---------------------------------------------------------------------------------

    def export(self, fmt: records.Format = "csv", statuses: tuple[str, ...] | None = None) -> str:
        return records.dump(self.store.all_figures(statuses), self.vocabulary, fmt)

    def read_file(self, content: bytes | str, name: str = "", fmt: records.Format | None = None) -> list[records.Row]:
        resolver = self.resolver()
        return records.parse(content, resolver.vocabulary, resolver.lexicon, self.today(), fmt, name)

    def preview_import(self, rows: list[records.Row]) -> ImportPlan:
        with self.store.transaction() as tx:
            return importing.plan(rows, tx)

    def import_rows(self, rows: list[records.Row], actor: Actor, reason: str) -> ImportPlan:
        if not reason.strip():
            raise UsageError("A reason is required for every change.", "Say where the figures come from.")
        with self.store.transaction() as tx:
            return importing.apply(rows, tx, actor, reason.strip(), self.vocabulary.campaign.start)
