"""Resolver speed with the seed data plus 1k, 100k and 1M synthetic figures, against a naive baseline.

    .venv/bin/python bench/resolve.py [--sizes 1000,100000,1000000] [--rounds 3000]

For each size, the real resolver (on a real SQLite file store) answers the question sets of tests/eval
over and over; the baseline, measured in the same run on the same figures, is what a bot without a
vocabulary would do: rapidfuzz `process.extract` of the question over every figure's full text.
Synthetic figures are history, as a real store grows: many districts' series, mostly superseded.
Prints questions per second, p50/p99 latency, and the ratios.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from rapidfuzz import process
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.domain import date_phrases  # noqa: E402
from bot.domain.service import Tally  # noqa: E402
from bot.store.engine import open_store  # noqa: E402
from bot.store.tables import FigureRow  # noqa: E402

METRICS = ("civilian_deaths", "strikes", "strikes_no_civcas", "civcas_incidents", "incidents_under_assessment")
REPORTERS = ("cjtf-oir", "airwars")
SERIES_LENGTH = 50


def questions(sets: str) -> list[str]:
    found = []
    for name in sets.split(","):
        for line in (ROOT / "tests" / "eval" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(json.loads(line)["q"])
    return found


def synthetic_rows(count: int, seed: int = 7) -> list[dict]:
    """District-level series of monthly reports: the newest of each series current, the rest superseded."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    rows = []
    series_count = max(1, count // SERIES_LENGTH)
    for i in range(count):
        s = i % series_count
        step = i // series_count
        metric, reporter = METRICS[s % len(METRICS)], REPORTERS[(s // len(METRICS)) % len(REPORTERS)]
        place = f"district-{s // (len(METRICS) * len(REPORTERS)):05d}"
        published = date(2015 + step // 12 % 10, 1 + step % 12, 1 + rng.randrange(28))
        last = step == (count - 1 - s) // series_count
        value = 10 + step * rng.randrange(1, 40)
        rows.append({
            "reporter": reporter, "metric": metric, "value_low": value, "value_high": None, "qualifier": "at least",
            "actor": "coalition", "place": place, "period_start": date(2014, 8, 1), "period_start_precision": "month",
            "period_end": None, "period_end_precision": None, "published": published, "published_precision": "day",
            "title": f"Synthetic report {i}", "outlet": "Synthetic Wire", "url": None,
            "quote": f"at least {value} in {place}", "notes": None, "excludes": "",
            "status": "current" if last else "superseded", "series": f"{reporter}|{metric}|coalition|{place}|operation",
            "supersedes_id": None, "version": 1, "created_at": now, "updated_at": now,
        })
    return rows


def figure_text(row: dict) -> str:
    return (f"{row['reporter']} {row['metric'].replace('_', ' ')} {row['value_low']} {row['place']} "
            f"{row['period_start']} {row['published']} {row['quote'] or ''}")


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def measure(run, asked: list[str]) -> tuple[float, float, float]:
    samples = []
    start = time.perf_counter()
    for q in asked:
        t = time.perf_counter()
        run(q)
        samples.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    return len(asked) / total, percentile(samples, 50) * 1000, percentile(samples, 99) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--rounds", type=int, default=3000, help="questions asked of the resolver per size")
    parser.add_argument("--sets", default="questions.jsonl,cases.jsonl,people.jsonl",
                        help="question sets of tests/eval to ask (the first two alone are what earlier runs asked)")
    parser.add_argument("--baseline-seconds", type=float, default=20, help="time budget of the baseline per size")
    args = parser.parse_args()
    asked_all = questions(args.sets)
    print(f"{len(asked_all)} distinct questions; resolver: {args.rounds} per size; baseline: as many as fit in "
          f"{args.baseline_seconds:.0f} s\n")
    print(f"{'figures':>9} | {'resolver q/s':>12} {'p50 ms':>8} {'p99 ms':>8} | {'baseline q/s':>12} {'p50 ms':>8} "
          f"{'p99 ms':>8} | {'q/s ratio':>9} {'p99 ratio':>9}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            repo = open_store(f"sqlite:///{tmp}/bench.db", ROOT / "data")
            rows = synthetic_rows(size)
            with repo.engine.begin() as connection:
                for chunk in range(0, len(rows), 50_000):
                    connection.execute(insert(FigureRow), rows[chunk:chunk + 50_000])
            tally = Tally(repo)
            date_phrases._parse_span.cache_clear()  # each size starts as cold as the first
            asked = [asked_all[i % len(asked_all)] for i in range(args.rounds)]
            tally.ask(asked[0])  # warm: dateparser's first call loads its language data
            ours = measure(tally.ask, asked)
            texts = [figure_text(r) for r in rows] + [f"{f.reporter} {f.metric} {f.value_low} {f.quote}"
                                                      for f in tally.figures(None)]
            def baseline(question: str, texts: list[str] = texts) -> object:
                return process.extract(question, texts, limit=5)

            per_question = measure(baseline, asked_all[:1])[1] / 1000
            n = max(3, min(len(asked_all), int(args.baseline_seconds / max(per_question, 1e-6))))
            base = measure(baseline, asked_all[:n])
            repo.engine.dispose()
        print(f"{size + 7:>9,} | {ours[0]:>12,.0f} {ours[1]:>8.2f} {ours[2]:>8.2f} | {base[0]:>12,.1f} {base[1]:>8.2f} "
              f"{base[2]:>8.2f} | {ours[0] / base[0]:>8,.0f}× {base[2] / ours[2]:>8,.0f}×", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
