"""Entry point: parse the command line, load .env, build settings once, start what was asked for.

    python -m bot                      the Discord bot, or the console when no DISCORD_TOKEN is set
    python -m bot ask [--json] "Q"     one answer;  ask --jsonl  one answer per line of stdin
    python -m bot console              the interactive console
    python -m bot export / import      the figures file (CSV or JSON)
    python -m bot figure show|history N, figures, sources
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from dotenv import load_dotenv
from sqlalchemy.exc import SQLAlchemyError

from bot.config import ROOT, Settings
from bot.console import Console, figures_text, sources_text
from bot.domain.errors import TallyError, UsageError, ValidationError
from bot.domain.models import CLI_ACTOR
from bot.domain.names import figure_names
from bot.domain.render import figure_text, history_text
from bot.domain.service import Tally

log = logging.getLogger("bot")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Tally: campaign figures with their sources.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="start the Discord bot (or the console without a token)")
    ask = sub.add_parser("ask", help="answer one question, or one per line of stdin with --jsonl")
    ask.add_argument("question", nargs="*", help="the question, in your own words")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print the Answer JSON object")
    mode.add_argument("--jsonl", action="store_true", help="read questions from stdin, print one JSON object each")
    sub.add_parser("console", help="the interactive console")
    export = sub.add_parser("export", help="write the figures as CSV or JSON")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--status", choices=("current", "all"), default="all",
                        help="current figures only, or all (superseded and retracted too); default all")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    imp = sub.add_parser("import", help="import a figures file: all of it or nothing")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="validate and show what would change; write nothing")
    imp.add_argument("--format", choices=("csv", "json"), help="default: from the file name or content")
    imp.add_argument("--reason", default=None, help="why (kept in every revision); default names the file")
    fig = sub.add_parser("figure", help="one figure: show or history")
    fig.add_argument("action", choices=("show", "history"))
    fig.add_argument("id", type=int)
    figs = sub.add_parser("figures", help="list the current figures")
    figs.add_argument("--metric")
    figs.add_argument("--reporter")
    sub.add_parser("sources", help="the reporters, with descriptions")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    load_dotenv(ROOT / ".env", override=False)
    try:
        settings = Settings.from_env(os.environ)
        return dispatch(args, settings)
    except UsageError as e:
        print(f"tally: {e.message}" + (f"\n  {e.hint}" if e.hint else ""), file=sys.stderr)
        return 2
    except ValidationError as e:
        print("tally: refused — " + "\n  ".join(str(p) for p in e.problems), file=sys.stderr)
        if e.hint:
            print(f"  {e.hint}", file=sys.stderr)
        return 1
    except TallyError as e:
        print(f"tally: {e.message}" + (f"\n  {e.hint}" if e.hint else ""), file=sys.stderr)
        return 1
    except SQLAlchemyError as e:
        # The store failed mid-way (the server went away, a file was replaced): say so in one line.
        detail = str(getattr(e, "orig", e)).strip().splitlines()
        print(f"tally: the database failed: {detail[0] if detail else type(e).__name__}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def dispatch(args: argparse.Namespace, settings: Settings) -> int:
    command = args.command or "run"
    if command == "run" and settings.discord_token:
        from bot.client import run_bot

        discord_logging(settings.log_level)
        return run_bot(settings, open_tally(settings))
    # The command line and console print their results; the log says only what went wrong.
    logging.basicConfig(level=max(logging.WARNING, getattr(logging, settings.log_level)),
                        format="%(levelname)s %(name)s: %(message)s")
    if command == "ask" and not args.jsonl and not " ".join(args.question).strip():
        raise UsageError("The question is empty.",
                         'Type it after ask, e.g.: python -m bot ask "civilians since Nov 2016"')
    tally = open_tally(settings)
    if command == "run":
        print("No DISCORD_TOKEN set: opening the terminal console on the embedded store "
              f"({describe_store(settings)}).", flush=True)
        return Console(tally).run()
    if command == "console":
        return Console(tally).run()
    if command == "ask":
        return ask(tally, args)
    if command == "export":
        statuses = ("current",) if args.status == "current" else None
        text = tally.export(args.format, statuses)
        if args.output:
            args.output.write_text(text, encoding="utf-8")
            print(f"Wrote {len(tally.figures(statuses))} figures to {args.output}.", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return 0
    if command == "import":
        return import_file(tally, args)
    if command == "figure":
        if args.action == "history":
            print(history_text(args.id, tally.history(args.id)))
        else:
            figure = tally.figure(args.id)
            print(figure_text(figure, figure_names(figure, tally.vocabulary)))
        return 0
    if command == "figures":
        print(figures_text(tally, args.metric, args.reporter))
        return 0
    if command == "sources":
        print(sources_text(tally))
        return 0
    raise UsageError(f"Unknown command {command!r}.", "See python -m bot --help.")


def ask(tally: Tally, args: argparse.Namespace) -> int:
    if not args.jsonl:
        answer = tally.ask(" ".join(args.question))
        print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else answer.text)
        return 0
    for line in sys.stdin:
        question = line.rstrip("\r\n")
        try:
            reply = tally.ask(question).to_json()
        except UsageError as e:
            reply = {"question": question, "status": "no_match", "error": e.message, "answers": [], "suggestions": []}
        print(json.dumps(reply, ensure_ascii=False), flush=True)
    return 0


def import_file(tally: Tally, args: argparse.Namespace) -> int:
    try:
        content = args.file.read_bytes()
    except OSError as e:
        raise UsageError(f"Cannot read {args.file}: {e.strerror}.", "Give the path of a CSV or JSON file.") from None
    rows = tally.read_file(content, args.file.name, args.format)
    if args.dry_run:
        plan = tally.preview_import(rows)
        print(f"Dry run of {args.file.name}: {plan.summary()}. Nothing was written.")
    else:
        plan = tally.import_rows(rows, CLI_ACTOR, args.reason or f"import of {args.file.name}")
        print(f"Imported {args.file.name}: {plan.summary()}.")
    for change in plan.changes:
        print(f"  {change.describe()}")
    return 0


def discord_logging(level: str) -> None:
    import discord

    discord.utils.setup_logging(level=getattr(logging, level), root=True)


def open_tally(settings: Settings) -> Tally:
    from bot.store.engine import open_store

    return Tally(open_store(settings.database_url, settings.data_dir))


def describe_store(settings: Settings) -> str:
    from bot.store.engine import describe

    return describe(settings.database_url)


if __name__ == "__main__":
    sys.exit(main())
