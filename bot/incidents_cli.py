"""The command line's incident commands: `incidents import|export|chart|history` and `map`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.domain.errors import UsageError
from bot.domain.incidents.service import Incidents
from bot.domain.models import CLI_EDITOR
from bot.domain.render import history_text

COMMANDS = ("incidents", "map")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    incidents = sub.add_parser("incidents", help="Airwars' incident records: import, export, chart, history")
    actions = incidents.add_subparsers(dest="action", required=True)
    imp = actions.add_parser("import", help="import an incident CSV: all of it or nothing")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="validate and show what would change; write nothing")
    imp.add_argument("--reason", required=True, help="why (kept in every revision)")
    export = actions.add_parser("export", help="write the incident records as CSV")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    chart = actions.add_parser("chart", help="incidents and civilians killed per month, as a PNG")
    _picture_options(chart)
    for name in ("retract", "restore"):
        action = actions.add_parser(name, help=f"{name} one incident (nothing is ever deleted)")
        action.add_argument("code", help="its Airwars code, e.g. CS1706")
        action.add_argument("--reason", required=True)
    history = actions.add_parser("history", help="every revision of one incident")
    history.add_argument("code", help="its Airwars code, e.g. CS1706")
    picture = sub.add_parser("map", help="a map of the incidents of a place as a PNG")
    _picture_options(picture)


def _picture_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("place", nargs="?", default=None, help="a town or governorate (default: all of Syria)")
    parser.add_argument("--year", type=int)
    parser.add_argument("--grading", help="confirmed, fair, weak, contested, discounted, fair or better, all gradings")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the PNG file to write")


def run(incidents: Incidents | None, args: argparse.Namespace) -> int:
    if incidents is None:
        raise UsageError("This store has no incident records.", "Open it with python -m bot.")
    if args.command == "map":
        from bot.incident_map import render_map

        data = incidents.map_data(args.place, args.year, args.grading)
        _write(args.output, render_map(data))
        print(f"Wrote {args.output}: {data.title} — {len(data.incidents):,} incidents.")
        return 0
    if args.action == "chart":
        from bot.incident_map import render_monthly

        monthly = incidents.monthly(args.place, args.year, args.grading)
        _write(args.output, render_monthly(monthly))
        print(f"Wrote {args.output}: {monthly.title} — {len(monthly.months)} months.")
        return 0
    if args.action == "export":
        text = incidents.export()
        if args.output:
            _write(args.output, text.encode("utf-8"))
            print(f"Wrote {text.count(chr(10)) - 1:,} incidents to {args.output}.", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return 0
    if args.action in ("retract", "restore"):
        status = "retracted" if args.action == "retract" else "current"
        incident = incidents.set_status(args.code, status, CLI_EDITOR, args.reason)
        print(f"Incident {incident.code} is now {incident.status}.")
        return 0
    if args.action == "history":
        incident, revisions = incidents.history(args.code)
        text = history_text(incident.id or 0, revisions)
        print(text.replace(f"figure {incident.id}", f"incident {incident.code}", 1))
        return 0
    try:
        content = args.file.read_bytes()
    except OSError as e:
        raise UsageError(f"Cannot read {args.file}: {e.strerror}.", "Give the path of an incident CSV.") from None
    rows = incidents.read_file(content)
    if args.dry_run:
        plan = incidents.preview(rows)
        print(f"Dry run of {args.file.name}: {plan.summary()}. Nothing was written.")
    else:
        plan = incidents.import_rows(rows, CLI_EDITOR, args.reason)
        print(f"Imported {args.file.name}: {plan.summary()}.")
    for change in [c for c in plan.changes if c.kind != "unchanged"][:50]:
        print(f"  {change.describe()}")
    if plan.writes > 50:
        print(f"  … and {plan.writes - 50:,} more")
    return 0


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as e:
        raise UsageError(f"Cannot write {path}: {e.strerror}.", "Give a path in a folder you can write.") from None
