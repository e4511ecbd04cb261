"""Import and export at scale, through the command line a moderator uses, with time and peak memory.

    .venv/bin/python bench/files.py [--rows 100000]

1. Writes a CSV of --rows reports in Tally's own format on the vocabulary's metrics, reporters, actors
   and places: the series of bench/resolve.py, each a run of reports of which the newest becomes current.
2. `python -m bot import FILE` into a fresh SQLite store: wall time and peak RSS of that process.
3. `python -m bot export --format csv` of that store: wall time and peak RSS; then the export is imported
   back into the same store: every row is recognised by its id, so nothing may change.
4. Baselines, same rows, same machine: `csv` + `sqlite3.executemany` straight into the figure table (no
   validation, no history, no series), and `sqlite3` + `csv.writer` straight out of it. They are the
   floor a plain script would reach, not something Tally could do: it must validate every row, keep a
   revision of each and place it in its series.
"""

from __future__ import annotations

import argparse
import csv
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from resolve import in_scope_rows  # noqa: E402

from bot.domain.figure_rows import COLUMNS  # noqa: E402

LABELS = {"cjtf-oir": "CJTF-OIR", "airwars": "Airwars", "coalition": "US-led Coalition", "us": "United States",
          "iraq_and_syria": "Iraq and Syria", "iraq": "Iraq", "syria": "Syria", "mosul": "Mosul",
          "fallujah": "Fallujah", "ramadi": "Ramadi", "raqqa": "Raqqa", "deir_ez_zor": "Deir ez-Zor",
          "kobani": "Kobani"}


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in in_scope_rows(rows):
            start = row["period_start"]
            writer.writerow({
                "id": "", "reporter": LABELS[str(row["reporter"])], "metric": row["metric"],
                "value_low": row["value_low"], "value_high": "", "qualifier": "at least",
                "actor": LABELS[str(row["actor"])], "place": LABELS[str(row["place"])],
                "period_start": str(start)[:7] if row["period_start_precision"] == "month" else str(start)[:4],
                "period_end": "", "published": row["published"], "title": "Periodic report",
                "outlet": "Synthetic Wire", "url": "", "quote": row["quote"], "notes": "", "excludes": "",
                "status": "",
            })


def run(args: list[str], database: Path, stdout: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `python -m bot` process (its own rusage, from wait4)."""
    env = {"DATABASE_URL": f"sqlite:///{database}", "PATH": "/usr/bin:/bin", "DISCORD_TOKEN": ""}
    t = time.perf_counter()
    with (stdout.open("wb") if stdout else open("/dev/null", "wb")) as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - t
        if child.returncode != 0:
            err.seek(0)
            raise SystemExit(f"python -m bot {' '.join(args)} failed:\n{err.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def count_figures(database: Path) -> tuple[int, int]:
    with sqlite3.connect(database) as c:
        total = c.execute("SELECT count(*) FROM figure").fetchone()[0]
        current = c.execute("SELECT count(*) FROM figure WHERE status = 'current'").fetchone()[0]
    return total, current


def baseline_import(path: Path, database: Path) -> float:
    t = time.perf_counter()
    with sqlite3.connect(database) as c, path.open(encoding="utf-8") as f:
        c.execute("CREATE TABLE figure (" + ", ".join(f'"{col}" TEXT' for col in COLUMNS) + ")")
        c.executemany(f"INSERT INTO figure VALUES ({', '.join('?' * len(COLUMNS))})",
                      (tuple(r[col] for col in COLUMNS) for r in csv.DictReader(f)))
    return time.perf_counter() - t


def baseline_export(database: Path, out: Path) -> float:
    t = time.perf_counter()
    with sqlite3.connect(database) as c, out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        cursor = c.execute("SELECT * FROM figure ORDER BY id")
        writer.writerow([d[0] for d in cursor.description])
        writer.writerows(cursor)
    return time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source, exported = folder / "reports.csv", folder / "export.csv"
        write_csv(source, args.rows)
        size = source.stat().st_size / 2**20
        print(f"{args.rows:,} rows, {size:.1f} MiB of CSV\n")
        print(f"{'step':<34} {'seconds':>8} {'peak MB':>8} | {'baseline s':>10} {'÷ baseline':>10}")
        base_in = baseline_import(source, folder / "plain.db")
        seconds, peak = run(["import", str(source), "--reason", "benchmark import"], folder / "a.db")
        total, current = count_figures(folder / "a.db")
        print(f"{'import (python -m bot import)':<34} {seconds:>8.1f} {peak:>8.0f} | {base_in:>10.2f} "
              f"{seconds / base_in:>9.0f}×")
        base_out = baseline_export(folder / "a.db", folder / "plain.csv")
        seconds, peak = run(["export", "--format", "csv"], folder / "a.db", stdout=exported)
        print(f"{'export (python -m bot export)':<34} {seconds:>8.1f} {peak:>8.0f} | {base_out:>10.2f} "
              f"{seconds / base_out:>9.0f}×")
        seconds, peak = run(["import", str(exported), "--reason", "the export again"], folder / "a.db")
        again = count_figures(folder / "a.db")
        print(f"{'import of that export, same store':<34} {seconds:>8.1f} {peak:>8.0f} |")
        print(f"\nstore after import: {total:,} figures ({current:,} current); "
              f"after importing its export again: {again[0]:,} ({again[1]:,} current)"
              + ("" if again == (total, current) else "  <-- DIFFERENT"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
