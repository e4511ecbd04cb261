"""Incident questions at 2k and 1M synthetic incidents, and the import of the real file, on a real SQLite file.

    .venv/bin/python bench/incidents.py [--sizes 2000,1000000] [--rounds 2]

The questions are the test case set (tests/incidents/test_questions.py: towns, Arabic, misspellings,
governorates, months, spans, gradings) plus rankings and code look-ups, asked through `Tally.ask` as every
front end asks them. Synthetic incidents are the real file's rows (real towns, governorates, gradings,
coordinates) repeated with dates drawn over the real years 2014-2025. The baseline, measured in the same run
on the same store, sums the same filter straight from the incident table (indexed columns, no monthly
rollup): what the store would cost without the rollup. Prints p50/p99 per size and the growth between sizes,
and the time to import the real 2,190-row file into an empty store.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.domain.incidents.model import IncidentFilter  # noqa: E402
from bot.domain.incidents.reading import read  # noqa: E402
from bot.domain.models import CLI_EDITOR  # noqa: E402
from bot.domain.service import Tally  # noqa: E402
from bot.store.engine import open_store  # noqa: E402
from bot.store.incidents import _ROLLUP_SUMS, _T, IncidentRepository, _columns, _where  # noqa: E402
from tests.incidents.test_questions import CASES  # noqa: E402

FILE = ROOT / "data" / "examples" / "airwars-syria-coalition-incidents.csv"
EXTRA = ["the 5 deadliest in Raqqa", "deadliest incidents in syria", "top 3 deadliest incidents in manbij",
         "CS1706", "RS1274", "civilians killed in mosul", "russian strikes in raqqa"]


def questions() -> list[str]:
    return [q for q, _, _ in CASES] + EXTRA


def open_tally(path: Path) -> Tally:
    repository = open_store(f"sqlite:///{path}", ROOT / "data")
    return Tally(repository, incidents=IncidentRepository(repository))


def fill(tally: Tally, count: int, seed: int = 13) -> None:
    """`count` incidents: the real rows (the first 2,190) and then copies of them on other days."""
    assert tally.incidents is not None
    real = tally.incidents.read_file(FILE.read_bytes())
    tally.incidents.import_rows(real[:count], CLI_EDITOR, "real file")
    rng = random.Random(seed)
    store = tally.incidents.store
    assert isinstance(store, IncidentRepository)  # open_tally's: the SQL store, whose table this writes straight to
    now = datetime.now(UTC)
    start, days = date(2014, 9, 23), (date(2025, 12, 31) - date(2014, 9, 23)).days
    batch: list[dict[str, object]] = []
    with store.engine.begin() as connection:
        for n in range(len(real), count):
            model = real[rng.randrange(len(real))]
            day = start + timedelta(days=rng.randrange(days))
            copy = replace(model, code=f"SYN{n}", airwars_id=10_000_000 + n, date=day, date_end=None,
                           previous_codes="")
            batch.append(_columns(copy) | {"version": 1, "created_at": now, "updated_at": now})
            if len(batch) == 20_000:
                connection.execute(insert(_T), batch)
                batch = []
        if batch:
            connection.execute(insert(_T), batch)
    with store.transaction() as tx:
        tx.rebuild_months()


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(run: Callable[[str], object], asked: list[str], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        for question in asked:
            began = time.perf_counter()
            run(question)
            samples.append((time.perf_counter() - began) * 1000)
    return samples


def baseline_for(tally: Tally) -> Callable[[str], None]:
    """The same filter summed from the incident table itself (its indexes, no rollup)."""
    assert tally.incidents is not None and isinstance(tally.incidents.store, IncidentRepository)  # open_tally's
    engine = tally.incidents.store.engine

    def run(question: str) -> None:
        asked = read(question)
        if asked is None or asked.code or asked.iraq or asked.russia:
            return
        where = IncidentFilter(asked.town.name if asked.town else None,
                               asked.governorate.name if asked.governorate else None, asked.start, asked.end,
                               asked.gradings)
        with engine.connect() as connection:
            if asked.ranked:
                connection.execute(select(_T).where(_where(where)).order_by(_T.c.killed_max.desc())
                                   .limit(asked.ranked)).all()
            else:
                connection.execute(select(*_ROLLUP_SUMS).where(_where(where))).one()
    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,1000000", help="incident counts, comma-separated")
    parser.add_argument("--rounds", type=int, default=3, help="times each question is asked per size")
    args = parser.parse_args()
    asked = questions()
    with tempfile.TemporaryDirectory() as tmp:
        timings = []
        for n in range(3):
            tally = open_tally(Path(tmp) / f"import-{n}.db")
            assert tally.incidents is not None
            began = time.perf_counter()
            tally.incidents.import_rows(tally.incidents.read_file(FILE.read_bytes()), CLI_EDITOR, "bench")
            timings.append(time.perf_counter() - began)
            tally.store.close()
        print(f"import of the real file (2,190 incidents, parse + validate + write + rollup), empty SQLite file: "
              f"best {min(timings):.2f} s, worst {max(timings):.2f} s of {len(timings)}")
        print(f"{len(asked)} questions × {args.rounds} rounds per size")
        print(f"{'incidents':>10} | {'fill s':>7} | {'Tally p50 ms':>12} {'p99 ms':>8} | "
              f"{'baseline p50':>12} {'p99 ms':>8} | p99 ratio")
        first: float | None = None
        for size in (int(s) for s in args.sizes.split(",")):
            tally = open_tally(Path(tmp) / f"size-{size}.db")
            began = time.perf_counter()
            fill(tally, size)
            filled = time.perf_counter() - began
            for question in asked:  # warm the caches once, as a running bot has them
                tally.ask(question)
            ours = measure(tally.ask, asked, args.rounds)
            theirs = measure(baseline_for(tally), asked, args.rounds)
            p99 = percentile(ours, 99)
            first = first or p99
            print(f"{size:>10,} | {filled:>7.1f} | {percentile(ours, 50):>12.2f} {p99:>8.2f} | "
                  f"{percentile(theirs, 50):>12.2f} {percentile(theirs, 99):>8.2f} | "
                  f"{percentile(theirs, 99) / p99:>8.1f}×   growth of Tally's p99 vs the first size: "
                  f"{p99 / first:.2f}×")
            tally.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
