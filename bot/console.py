"""The terminal console: the same answers and commands as Discord, against the same store."""

from __future__ import annotations

import re
import sys
from typing import TextIO

from bot.domain.errors import TallyError, UsageError
from bot.domain.names import figure_names
from bot.domain.render import figure_text, history_text, period_phrase, render_text, scope_phrase, value_phrase
from bot.domain.service import Tally

HELP = """Ask a question in your own words, for example:
  civilians since Nov 2016 · airwars vs cjtf-oir · how many sorties · incidents still under assessment
  with Airwars' incident records imported: civilians killed in Raqqa in 2017 · the 5 deadliest in Manbij · CS1706
Commands:
  figure N      one figure with its citation       history N   its revisions
  figures       the current figures; only some: figures civilian deaths reporter: airwars
  sources       who reports them                   help        this text
  quit          leave (Ctrl-D works too)"""
_FILTERS = re.compile(r"(?:metric:)?\s*(?P<metric>.*?)\s*(?:\breporter:\s*(?P<reporter>.*))?", re.IGNORECASE)
"""After `figures`: a metric, then `reporter:` and a reporter, each named as in a question (both optional)."""


class Console:
    def __init__(self, tally: Tally) -> None:
        self.tally = tally

    def handle(self, line: str) -> str | None:
        """The reply to one line; None means leave."""
        words = line.strip().split()
        if not words:
            return ""
        command, rest = words[0].lower(), words[1:]
        try:
            if command in ("quit", "exit", "q"):
                return None
            if command in ("help", "?"):
                return HELP
            if command == "sources":
                return sources_text(self.tally)
            if command == "figures":
                named = _FILTERS.fullmatch(line.strip()[len(words[0]):].strip())
                return figures_text(self.tally, named and named["metric"], named and named["reporter"])
            if command in ("figure", "history"):
                if len(rest) != 1 or not rest[0].lstrip("#").isdigit():
                    raise UsageError(f"`{command}` needs a figure id (a number), e.g. `{command} 3`.",
                                     "`figures` lists the figures with their ids.")
                figure_id = int(rest[0].lstrip("#"))
                if command == "history":
                    return history_text(figure_id, self.tally.history(figure_id))
                figure = self.tally.figure(figure_id)
                return figure_text(figure, figure_names(figure, self.tally.refresh().vocabulary))
            return render_text(self.tally.ask(line))
        except TallyError as e:
            return f"! {e}"

    def run(self, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
        interactive = stdin.isatty()
        print("Tally console — ask about the campaign's figures; 'help' lists commands, 'quit' leaves.", file=stdout)
        while True:
            if interactive:
                try:
                    line = input("tally> ")
                except EOFError:
                    print(file=stdout)
                    return 0
            else:
                stdout.write("tally> ")
                stdout.flush()
                line = stdin.readline()
                if not line:
                    print(file=stdout)
                    return 0
            reply = self.handle(line)
            if reply is None:
                return 0
            if reply:
                print(reply, file=stdout, flush=True)


def sources_text(tally: Tally) -> str:
    lines = []
    for s in tally.sources():
        link = f" <{s.url}>" if s.url else ""
        lines.append(f"{s.name} ({s.kind}){link}: {s.description}")
    return "\n".join(lines)


def figures_text(tally: Tally, metric: str | None = None, reporter: str | None = None) -> str:
    """The current figures, only a metric's or a reporter's when they are named (by any name they go by)."""
    figures = tally.figures(metric=metric, reporter=reporter)
    vocabulary = tally.refresh().vocabulary
    lines = []
    for f in figures:
        names = figure_names(f, vocabulary)
        scope = scope_phrase(f, vocabulary)
        lines.append(f"#{f.id} {names['reporter']}: {value_phrase(f, names['unit'])}{' ' + scope if scope else ''}, "
                     f"{period_phrase(f)} (published {f.published.label()})")
    return "\n".join(lines) or "No figures."
