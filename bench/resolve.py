"""Resolver speed on a store that really grew, against fair naive baselines, in one run.

    .venv/bin/python bench/resolve.py [--sizes 100000,1000000] [--rounds 3000]

Stores measured, each a real SQLite file seeded like a fresh install:
- `seed`: the 7 seed figures alone, the reference every ratio is taken against;
- `in scope, N`: the seed plus N synthetic reports on the vocabulary's own metrics, reporters, actors and
  places (Iraq and Syria, Iraq, Mosul, Raqqa, ...), as series (one reporter counting one metric for one
  actor and place from one start), each series a run of reports of which only the newest is current. Every
  question about civilian deaths or strikes must choose among these: this is the store a real
  deployment grows into;
- `out of scope, N`: the same number of reports on places no question names (`district-00042`), for
  reference: the resolver never has to read them.

For each store the resolver answers the question sets of tests/eval over and over; it prints p50/p99, the
p99's ratio to the seed store's, and how many figures the store handed the resolver per question. The
baselines are what a bot without a vocabulary would do over the same store's current figures: rapidfuzz
`process.extract` of the question over each current figure's text, scored with WRatio and with
token_set_ratio, each over at least --baseline-min questions so that its p99 is a p99.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import Row, insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.domain import date_phrases  # noqa: E402
from bot.domain.current import CurrentFigures  # noqa: E402
from bot.domain.models import CLI_EDITOR, Figure  # noqa: E402
from bot.domain.service import Tally  # noqa: E402
from bot.store import repository  # noqa: E402
from bot.store.engine import open_store  # noqa: E402
from bot.store.tables import FigureRow  # noqa: E402

METRICS = ("civilian_deaths", "strikes", "strikes_no_civcas", "civcas_incidents", "incidents_under_assessment")
REPORTERS = ("cjtf-oir", "airwars")
ACTORS = ("coalition", "us")
PLACES = ("iraq_and_syria", "iraq", "syria", "mosul", "fallujah", "ramadi", "raqqa", "deir_ez_zor", "kobani")
# A series is counted from a start: the operation's (2014-08), November 2016 as in the seed, or a year's
# (not 2016's: a start of "2016" agrees with "2016-11", so its reports would restate the other series').
STARTS: tuple[tuple[date, str, str], ...] = (
    (date(2014, 8, 1), "month", "operation"),
    (date(2016, 11, 1), "month", "2016-11"),
    *((date(y, 1, 1), "year", str(y)) for y in range(2015, 2025) if y != 2016),
)
SERIES = [(r, m, a, p, s) for r in REPORTERS for m in METRICS for a in ACTORS for p in PLACES for s in STARTS]


def questions(sets: str) -> list[str]:
    found = []
    for name in sets.split(","):
        for line in (ROOT / "tests" / "eval" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(json.loads(line)["q"])
    return found


def _row(reporter: str, metric: str, actor: str, place: str, start: tuple[date, str, str], published: date,
         value: int, status: str, now: datetime) -> dict[str, object]:
    first, precision, start_key = start
    return {
        "reporter": reporter, "metric": metric, "value_low": value, "value_high": None, "qualifier": "at least",
        "actor": actor, "place": place, "period_start": first, "period_start_precision": precision,
        "period_end": None, "period_end_precision": None, "published": published, "published_precision": "day",
        "published_last": published, "title": "Periodic report", "outlet": "Synthetic Wire", "url": None,
        "quote": f"at least {value}", "notes": None, "excludes": "", "status": status,
        "series": f"{reporter}|{metric}|{actor}|{place}|{start_key}", "supersedes_id": None, "version": 1,
        "created_at": now, "updated_at": now,
    }


def in_scope_rows(count: int, seed: int = 7) -> Iterator[dict[str, object]]:
    """Every series of the vocabulary's scopes, its reports spread from its start to 2026, the last current."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    per_series, extra = divmod(count, len(SERIES))
    for index, (reporter, metric, actor, place, start) in enumerate(SERIES):
        length = per_series + (index < extra)
        begin = max(start[0], date(2015, 1, 1)).toordinal()
        span = date(2026, 10, 31).toordinal() - begin
        days = sorted(begin + rng.randrange(span) for _ in range(length))
        value = rng.randrange(5, 50)
        for step, day in enumerate(days):
            value += rng.randrange(1, 40)
            yield _row(reporter, metric, actor, place, start, date.fromordinal(day), value,
                       "current" if step == length - 1 else "superseded", now)


def out_of_scope_rows(count: int, seed: int = 7) -> Iterator[dict[str, object]]:
    """The old benchmark's store: the same shape of series, on districts that no question names."""
    for i, row in enumerate(in_scope_rows(count, seed)):
        district = f"district-{i % 2000:05d}"
        row["place"] = district
        row["series"] = f"{row['series']}|{district}"
        yield row


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def measure(run: Callable[[str], object], asked: list[str]) -> tuple[float, float]:
    samples = []
    for q in asked:
        t = time.perf_counter()
        run(q)
        samples.append(time.perf_counter() - t)
    return percentile(samples, 50) * 1000, percentile(samples, 99) * 1000


class ReadCounter:
    """Counts figures per question: those the store builds from rows (every row read goes through
    `to_figure`) and those handed to the resolver (from the store or from the in-memory current index)."""

    def __init__(self) -> None:
        self.store_reads = 0
        self.handed = 0
        self._to_figure = repository.to_figure
        self._find = CurrentFigures.find_figures

    def __enter__(self) -> ReadCounter:
        def to_figure(row: FigureRow | Row[Any]) -> Figure:
            self.store_reads += 1
            return self._to_figure(row)

        def find(*args: Any, **kwargs: Any) -> list[Figure]:
            found = self._find(*args, **kwargs)
            self.handed += len(found)
            return found
        repository.to_figure = to_figure
        CurrentFigures.find_figures = find
        return self

    def __exit__(self, *exc: object) -> None:
        repository.to_figure = self._to_figure
        CurrentFigures.find_figures = self._find


def rebuild_ms(tally: Tally, times: int = 6) -> tuple[float, float]:
    """Median ms to bring what answers read up to date after a moderator's change (a figure retracted, then
    restored: each restacks its series), and ms to build it from nothing (a process's first question)."""
    figure = tally.figures()[0]
    samples = []
    for i in range(times):
        change = tally.restore_figure if i % 2 else tally.retract_figure
        change(figure.id, CLI_EDITOR, "benchmark")
        t = time.perf_counter()
        tally.refresh()
        samples.append(time.perf_counter() - t)
    t = time.perf_counter()
    Tally(tally.store).refresh()
    return percentile(samples, 50) * 1000, (time.perf_counter() - t) * 1000


def fill(url: str, rows: Iterator[dict[str, object]]) -> Tally:
    repo = open_store(url, ROOT / "data")
    batch: list[dict[str, object]] = []
    with repo.engine.begin() as connection:
        for row in rows:
            batch.append(row)
            if len(batch) == 50_000:
                connection.execute(insert(FigureRow), batch)
                batch = []
        if batch:
            connection.execute(insert(FigureRow), batch)
    return Tally(repo)


def run_store(label: str, tally: Tally, asked: list[str], baseline_min: int) -> dict[str, float]:
    date_phrases._parse_span.cache_clear()  # each store starts as cold as the first
    tally.ask(asked[0])  # warm: dateparser's first call loads its language data
    with ReadCounter() as reads:
        p50, p99 = measure(tally.ask, asked)
    rebuild, cold = rebuild_ms(tally)
    current = tally.figures()  # before the rebuild measure changes them
    texts = [f"{f.reporter} {f.metric.replace('_', ' ')} {f.actor} {f.place} {f.value_low} {f.quote or ''}"
             for f in current]
    distinct = list(dict.fromkeys(asked))
    sample = [distinct[i % len(distinct)] for i in range(max(baseline_min, len(distinct)))]
    baselines = {}
    for name, scorer in (("WRatio", fuzz.WRatio), ("token_set", fuzz.token_set_ratio)):
        baselines[name] = measure(lambda q, s=scorer: process.extract(q, texts, scorer=s, limit=5), sample)[1]
    return {"p50": p50, "p99": p99, "reads": reads.store_reads / len(asked), "handed": reads.handed / len(asked),
            "rebuild": rebuild, "cold": cold, "current": len(current),
            "wratio": baselines["WRatio"], "token_set": baselines["token_set"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--rounds", type=int, default=3000, help="questions asked of the resolver per store")
    parser.add_argument("--sets", default="questions.jsonl,cases.jsonl,people.jsonl",
                        help="question sets of tests/eval to ask (the first two alone are what earlier runs asked)")
    parser.add_argument("--baseline-min", type=int, default=300, help="questions per baseline p99, at least")
    parser.add_argument("--no-out-of-scope", action="store_true", help="skip the reference stores")
    args = parser.parse_args()
    asked_all = questions(args.sets)
    asked = [asked_all[i % len(asked_all)] for i in range(args.rounds)]
    print(f"{len(asked_all)} distinct questions, {args.rounds} asked per store; {len(SERIES):,} in-scope series\n")
    print(f"{'store':>24} | {'p50 ms':>7} {'p99 ms':>7} {'÷ seed':>7} {'store/q':>7} {'figs/q':>7} "
          f"{'rebuild':>8} {'cold':>8} | {'current':>8} {'WRatio p99':>11} {'tset p99':>9} | {'base÷ours':>9}")
    stores: list[tuple[str, int, Callable[[int], Iterator[dict[str, object]]] | None]] = [("seed", 0, None)]
    for size in (int(s) for s in args.sizes.split(",")):
        stores.append((f"in scope, {size:,}", size, in_scope_rows))
        if not args.no_out_of_scope:
            stores.append((f"out of scope, {size:,}", size, out_of_scope_rows))
    seed_p99 = 0.0
    for label, size, make in stores:
        with tempfile.TemporaryDirectory() as tmp:
            tally = fill(f"sqlite:///{tmp}/bench.db", make(size) if make else iter(()))
            r = run_store(label, tally, asked, args.baseline_min)
            tally.store.close()
        seed_p99 = seed_p99 or r["p99"]
        best_base = min(r["wratio"], r["token_set"])
        print(f"{label:>24} | {r['p50']:>7.2f} {r['p99']:>7.2f} {r['p99'] / seed_p99:>6.2f}× {r['reads']:>7.1f} "
              f"{r['handed']:>7.1f} {r['rebuild']:>5.1f} ms {r['cold']:>5.0f} ms | "
              f"{r['current']:>8,.0f} {r['wratio']:>11.2f} {r['token_set']:>9.2f} | {best_base / r['p99']:>8.1f}×",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
