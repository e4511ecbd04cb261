"""Entry point: parse the command line, load .env, build settings once, start what was asked for.

    python -m bot                      the Discord bot, or the console when no DISCORD_TOKEN is set
    python -m bot ask [--json] "Q"     one answer;  ask --jsonl  one answer per line of stdin
    python -m bot console              the interactive console
    python -m bot export / import      the figures file (CSV or JSON)
    python -m bot figure show|history N, figures, sources
    python -m bot incidents import|export|chart|history, map   Airwars' incident records
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from dotenv import dotenv_values, load_dotenv
from sqlalchemy.exc import SQLAlchemyError

from bot import incidents_cli, matplotlib_home
from bot.config import ROOT, Settings, near_misses
from bot.console import Console, figures_text, sources_text
from bot.domain import figure_files
from bot.domain.errors import TallyError, UsageError, ValidationError
from bot.domain.figure_rows import VALUE_FORMS, split_value
from bot.domain.models import ALIAS_KINDS, CLI_EDITOR, SOURCE_KINDS
from bot.domain.moderation import EDITABLE
from bot.domain.names import figure_names
from bot.domain.render import answer_json, figure_text, history_text, render_text
from bot.domain.service import Tally
from bot.logs import redact_handlers

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
    export.add_argument("--history", action="store_true", help="write every revision (JSON) instead of the figures")
    imp = sub.add_parser("import", help="import a figures file: all of it or nothing")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="validate and show what would change; write nothing")
    imp.add_argument("--format", choices=("csv", "json"), help="default: from the file name or content")
    imp.add_argument("--reason", default=None, help="why (kept in every revision); default names the file")
    fig = sub.add_parser("figure", help="one figure: show, history; moderators: add, edit, supersede, retract, restore")
    actions = fig.add_subparsers(dest="action", required=True)
    for name in ("show", "history"):
        actions.add_parser(name).add_argument("id", type=int)
    add = actions.add_parser("add", help="add a figure (every field as in the import format; without actor or "
                                         "place, the campaign's)")
    _figure_fields(add, required=True)
    for name, helptext in (("edit", "correct fields of a figure"),
                           ("supersede", "add a newer figure of the same series, replacing this one")):
        action = actions.add_parser(name, help=helptext)
        action.add_argument("id", type=int)
        _figure_fields(action, required=False)
        action.add_argument("--version", type=int, help="the version you read (refused if it changed since)")
        if name == "edit":
            action.add_argument("--keep-quote", action="store_true",
                                help="the value changes but the quote stays, as the report's wording")
    for name in ("retract", "restore"):
        action = actions.add_parser(name, help=f"{name} a figure (nothing is ever deleted)")
        action.add_argument("id", type=int)
        action.add_argument("--reason", required=True)
        action.add_argument("--version", type=int, help="the version you read (refused if it changed since)")
    alias = sub.add_parser("alias", help="teach or unteach the vocabulary a word")
    alias_actions = alias.add_subparsers(dest="action", required=True)
    for name in ("add", "remove"):
        action = alias_actions.add_parser(name)
        action.add_argument("kind", choices=ALIAS_KINDS)
        action.add_argument("name", help="the metric, concept, actor, place or reporter, by name or key")
        action.add_argument("alias", help="the word people type")
        action.add_argument("--reason", required=True)
    source = sub.add_parser("source", help="add or edit a reporter")
    source_actions = source.add_subparsers(dest="action", required=True)
    for name in ("add", "edit"):
        action = source_actions.add_parser(name)
        action.add_argument("key", help="a short lower-case key, e.g. airwars")
        action.add_argument("--name", required=name == "add")
        action.add_argument("--kind", choices=SOURCE_KINDS, required=name == "add")
        action.add_argument("--description")
        action.add_argument("--url")
        action.add_argument("--reason", required=True)
    figs = sub.add_parser("figures", help="list the current figures")
    figs.add_argument("--metric", help="only this metric, named as in a question: 'civilians killed'")
    figs.add_argument("--reporter", help="only this reporter's, by its name or any alias")
    sub.add_parser("sources", help="the reporters, with descriptions")
    chart = sub.add_parser("chart", help="draw a metric over time as a PNG")
    chart.add_argument("metric", help="e.g. civilian_deaths or 'civilian deaths'")
    chart.add_argument("--reporter", help="only this reporter's line")
    chart.add_argument("-o", "--output", type=Path, required=True, help="the PNG file to write")
    incidents_cli.add_parsers(sub)
    return parser


FIELD_OPTIONS = tuple(f for f in EDITABLE)


VALUE_HELP = {
    "value": f"{VALUE_FORMS}, as /mod figure takes it",
    "value_low": "the value as an export file writes it: the low end (exact or 'at least' by --value-high)",
    "value_high": "the high end; the same as --value-low for an exact count, left out for 'at least'",
}


def _figure_fields(parser: argparse.ArgumentParser, required: bool) -> None:
    # --value reads a value as Discord's `value:` does ("3500" is exactly 3,500); --value-low/--value-high are the
    # export file's columns, where a low end alone is open-ended. One or the other, never both.
    values = parser.add_mutually_exclusive_group(required=required)
    values.add_argument("--value", help=VALUE_HELP["value"])
    for field in FIELD_OPTIONS:
        target = values if field == "value_low" else parser
        target.add_argument(f"--{field.replace('_', '-')}", dest=field, help=VALUE_HELP.get(field),
                            required=required and field in ("reporter", "metric", "published"))
    parser.add_argument("--reason", required=True, help="why (kept in the revision)")


def _fields(args: argparse.Namespace) -> dict[str, str | None]:
    fields: dict[str, str | None] = {f: getattr(args, f) for f in FIELD_OPTIONS if getattr(args, f, None) is not None}
    if args.value is not None:
        if args.value_high is not None:
            raise UsageError("--value says the whole value: give it alone, or --value-low with --value-high.",
                             "For example --value 8194-13249, or --value-low 8194 --value-high 13249.")
        fields.update(split_value(args.value))
    return fields


def stop_on_sigterm() -> None:
    """Leave on SIGTERM as on Ctrl-C, unwinding (an open transaction rolls back). As PID 1 in a container a
    process without a handler never sees SIGTERM, and `docker stop` kills it after 10 s."""
    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def main(argv: Sequence[str] | None = None) -> int:
    stop_on_sigterm()
    matplotlib_home.configure()
    args = build_parser().parse_args(argv)
    load_dotenv(ROOT / ".env", override=False)
    for warning in near_misses(dotenv_values(ROOT / ".env")):
        print(f"tally: warning: {warning} (in .env)", file=sys.stderr)
    try:
        settings = Settings.from_env(os.environ)
        return dispatch(args, settings)
    except UsageError as e:
        print(f"tally: {e}", file=sys.stderr)
        return 2
    except ValidationError as e:
        print("tally: refused — " + "\n  ".join(str(p) for p in e.problems), file=sys.stderr)
        if e.hint:
            print(f"  {e.hint}", file=sys.stderr)
        return 1
    except TallyError as e:
        # One line, what and how to fix it: operators grep logs and read `docker logs` tails.
        print(f"tally: {e}", file=sys.stderr)
        return 1
    except SQLAlchemyError as e:
        # The store failed mid-way (the server went away, a file was replaced): say so in one line.
        detail = str(getattr(e, "orig", e)).strip().splitlines()
        print(f"tally: the database failed: {detail[0] if detail else type(e).__name__}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def dispatch(args: argparse.Namespace, settings: Settings) -> int:
    command = args.command or "run"
    if command == "run" and settings.discord_token:
        from bot.client import run_bot

        settings.check_moderation()
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
        if args.history:
            text = tally.export_history()
            if args.output:
                args.output.write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)
            return 0
        if args.output:
            with args.output.open("w", encoding="utf-8", newline="") as out:
                count = tally.export_to(out, args.format, statuses)
            print(f"Wrote {count} figures to {args.output}.", file=sys.stderr)
        else:
            tally.export_to(sys.stdout, args.format, statuses)
        return 0
    if command == "import":
        return import_file(tally, args)
    if command == "figure":
        return figure_command(tally, args)
    if command == "alias":
        change = tally.add_alias if args.action == "add" else tally.remove_alias
        label = change(args.kind, args.name, args.alias, CLI_EDITOR, args.reason)
        verb = "now means" if args.action == "add" else "no longer means"
        print(f"{args.alias!r} {verb} {label}.")
        return 0
    if command == "source":
        saved = tally.save_source(args.key, CLI_EDITOR, args.reason, new=args.action == "add", name=args.name,
                                  kind=args.kind, description=args.description, url=args.url)
        print(f"{'Added' if args.action == 'add' else 'Saved'} reporter {saved.name} ({saved.key}).")
        return 0
    if command == "figures":
        print(figures_text(tally, args.metric, args.reporter))
        return 0
    if command == "chart":
        from bot.charts import render

        data = tally.chart(args.metric, args.reporter)
        _, png = render(data)
        try:
            args.output.write_bytes(png)
        except OSError as e:
            raise UsageError(f"Cannot write {args.output}: {e.strerror}.", "Give a path in a folder you can write.") \
                from None
        print(f"Wrote {args.output}: {data.title} — {data.reports} report{'' if data.reports == 1 else 's'} from "
              f"{', '.join(line.reporter for line in data.lines)}.")
        return 0
    if command == "sources":
        print(sources_text(tally))
        return 0
    if command in incidents_cli.COMMANDS:
        return incidents_cli.run(tally.incidents, args)
    raise UsageError(f"Unknown command {command!r}.", "See python -m bot --help.")


def figure_command(tally: Tally, args: argparse.Namespace) -> int:
    if args.action == "history":
        print(history_text(args.id, tally.history(args.id)))
        return 0
    if args.action == "show":
        figure = tally.figure(args.id)
    elif args.action == "add":
        figure = tally.add_figure(_fields(args), CLI_EDITOR, args.reason)
    elif args.action == "edit":
        figure = tally.edit_figure(args.id, _fields(args), CLI_EDITOR, args.reason, args.version, args.keep_quote)
    elif args.action == "supersede":
        figure = tally.supersede_figure(args.id, _fields(args), CLI_EDITOR, args.reason, args.version)
    elif args.action == "retract":
        figure = tally.retract_figure(args.id, CLI_EDITOR, args.reason, args.version)
    else:
        figure = tally.restore_figure(args.id, CLI_EDITOR, args.reason, args.version)
    print(figure_text(figure, figure_names(figure, tally.refresh().vocabulary)))
    return 0


def ask(tally: Tally, args: argparse.Namespace) -> int:
    if not args.jsonl:
        answer = tally.ask(" ".join(args.question))
        print(json.dumps(answer_json(answer), ensure_ascii=False) if args.json else render_text(answer))
        return 0
    for line in sys.stdin:
        question = line.rstrip("\r\n")
        try:
            reply = answer_json(tally.ask(question))
        except UsageError as e:
            reply = {"question": question, "status": "no_match", "error": e.message, "answers": [], "suggestions": []}
        except TallyError as e:
            # The store went away for this question: say so for it and read the next (it may be back by then).
            reply = {"question": question, "status": "error", "error": e.message, "answers": [], "suggestions": []}
        print(json.dumps(reply, ensure_ascii=False), flush=True)
    return 0


def import_file(tally: Tally, args: argparse.Namespace) -> int:
    try:
        # Read at most one byte past the limit: a huge file is refused without being held in memory.
        with args.file.open("rb") as f:
            content = f.read(figure_files.MAX_BYTES + 1)
    except OSError as e:
        raise UsageError(f"Cannot read {args.file}: {e.strerror}.", "Give the path of a CSV or JSON file.") from None
    rows = tally.read_file(content, args.file.name, args.format)
    if args.dry_run:
        plan = tally.preview_import(rows)
        print(f"Dry run of {args.file.name}: {plan.summary()}. Nothing was written.")
    else:
        plan = tally.import_rows(rows, CLI_EDITOR, args.reason or f"import of {args.file.name}")
        print(f"Imported {args.file.name}: {plan.summary()}.")
    vocabulary = tally.refresh().vocabulary
    for change in plan.changes:
        print(f"  {change.describe(vocabulary)}")
    return 0


def discord_logging(level: str) -> None:
    import discord

    discord.utils.setup_logging(level=getattr(logging, level), root=True)
    redact_handlers()


def open_tally(settings: Settings) -> Tally:
    from bot.store.engine import open_store
    from bot.store.incidents import IncidentRepository

    store = open_store(settings.database_url, settings.data_dir)
    return Tally(store, stale_after_months=settings.stale_after_months, incidents=IncidentRepository(store))


def describe_store(settings: Settings) -> str:
    from bot.store.engine import describe

    return describe(settings.database_url)


if __name__ == "__main__":
    sys.exit(main())
