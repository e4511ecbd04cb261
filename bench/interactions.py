"""/ask under a steady load, through fake Discords on 127.0.0.1, against real bot processes.

    .venv/bin/python bench/interactions.py [--rate 100,300,600,800] [--seconds 20] [--processes 1]
                                           [--database URL]

Starts --processes bot processes (`python -m bot`), process i running shard i of N (SHARD_IDS, SHARD_COUNT),
each connected to its own fake Discord, as Discord connects each shard to its own gateway session; all of
them on one store (a fresh SQLite file for one process; for several, the PostgreSQL database given by
--database or TALLY_BENCH_DATABASE_URL, whose tables are dropped first). For each rate it sends
INTERACTION_CREATE at that total rate for --seconds, spread over the shards, from enough users that none
reaches the per-user cooldown, with questions from tests/eval. It prints the time from each event to the
bot's callback (what Discord's 3-second deadline measures) and to its answer, how many missed the deadline,
and the longest event-loop stall, measured from outside by asking shard 0 for a heartbeat (gateway op 1)
once a second: a bot answers only when its loop is free. The baseline is the same probe with the bots idle,
in the same run. Then it names the knee: the highest rate with no miss and p99 to callback under 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_discord import APP_ID, BOT_TOKEN, GUILD_ID, FakeDiscord  # noqa: E402

DEADLINE = 3.0
KNEE_P99 = 0.3


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")


def questions() -> list[str]:
    found = []
    for name in ("questions.jsonl", "cases.jsonl"):
        for line in (ROOT / "tests" / "eval" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(json.loads(line)["q"][:500])
    return found


async def probe_stalls(fake: FakeDiscord, seconds: float) -> list[float]:
    """Round trips of op 1 → the bot's heartbeat, once a second."""
    stalls = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        seen = len(fake.heartbeats)
        sent = time.perf_counter()
        await fake.request_heartbeat()
        while len(fake.heartbeats) == seen and time.perf_counter() - sent < 10:
            await asyncio.sleep(0.001)
        stalls.append(time.perf_counter() - sent)
        # One probe a second: each costs the bot a gateway send, and discord.py allows 110 a minute.
        await asyncio.sleep(1.0)
    return stalls


@dataclass
class Result:
    rate: float
    sent: int
    sending: float
    to_callback: list[float]
    to_answer: list[float]
    missed: int
    stalls: list[float]

    @property
    def p99(self) -> float:
        return percentile(self.to_callback, 99)


def people(rate: float, first: int) -> list[dict]:
    """Enough users that none reaches the per-user cooldown (5 questions in 30 s) at this rate."""
    return [{"id": str(first + i), "username": f"user{i}", "discriminator": "0", "avatar": None}
            for i in range(max(1000, int(rate * 8)))]


async def load(fakes: list[FakeDiscord], rate: float, seconds: float, users: list[dict], asked: list[str]) -> Result:
    for fake in fakes:
        fake.requests.clear()
    sent: dict[str, tuple[float, str]] = {}
    total = int(rate * seconds)
    prober = asyncio.create_task(probe_stalls(fakes[0], seconds + 1))
    start = time.perf_counter()
    for i in range(total):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        payload = await fakes[i % len(fakes)].slash("ask", user=users[i % len(users)], question=asked[i % len(asked)])
        sent[payload["id"]] = (time.perf_counter(), payload["token"])
    sending = time.perf_counter() - start
    stalls = await prober
    await asyncio.sleep(DEADLINE + 2)
    requests = [r for fake in fakes for r in fake.requests]
    callbacks = {r.path.split("/")[2]: r.at for r in requests if r.path.endswith("/callback")}
    answers = {r.path.split("/")[3]: r.at for r in requests
               if r.method == "POST" and r.path.startswith(f"/webhooks/{APP_ID}/")}
    to_callback = [callbacks[i] - at for i, (at, _) in sent.items() if i in callbacks]
    to_answer = [answers[token] - at for i, (at, token) in sent.items() if token in answers]
    missed = sum(1 for i, (at, _) in sent.items() if i not in callbacks or callbacks[i] - at > DEADLINE)
    return Result(rate, total, sending, to_callback, to_answer, missed, stalls)


def reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


async def main(rates: list[float], seconds: float, processes: int, database: str | None) -> int:
    if database:
        reset_postgres(database)
    else:
        database = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    fakes = [await FakeDiscord().start() for _ in range(processes)]
    bots = []
    for shard, fake in enumerate(fakes):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": f"{ROOT / 'tests' / 'fake_discord_site'}:{ROOT}",
            "TALLY_FAKE_DISCORD": fake.url,
            "DISCORD_TOKEN": BOT_TOKEN,
            "HOME_GUILD_IDS": GUILD_ID,
            "DATABASE_URL": database,
            "SHARD_COUNT": str(processes),
            "SHARD_IDS": str(shard),
            "LOG_LEVEL": "WARNING",
        }
        bots.append(await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", cwd=ROOT, env=env))
    results: list[Result] = []
    try:
        for fake in fakes:
            await asyncio.wait_for(fake.identified.wait(), 90)
        await asyncio.sleep(3)  # on_ready and the guild cache settle
        idle = await probe_stalls(fakes[0], 3)
        asked = questions()
        store = "SQLite file" if database.startswith("sqlite") else "PostgreSQL"
        print(f"{processes} bot process(es) on one {store}, {seconds:.0f} s per rate; idle event-loop probe max "
              f"{max(idle) * 1000:.1f} ms\n")
        print(f"{'rate/s':>7} {'sent/s':>7} | {'cb p50':>7} {'cb p99':>7} {'cb max':>7} | {'ans p50':>7} "
              f"{'ans p99':>8} | {'missed':>6} | {'loop p99':>8} {'stall':>7}")
        for rate in rates:
            # New users for each rate, so no cooldown carries over from the one before.
            r = await load(fakes, rate, seconds, people(rate, 920_000_000_000_000_000 + len(results) * 10**7), asked)
            results.append(r)
            ms = 1000
            print(f"{rate:>7.0f} {r.sent / r.sending:>7.0f} | {percentile(r.to_callback, 50) * ms:>7.1f} "
                  f"{r.p99 * ms:>7.1f} {max(r.to_callback, default=float('nan')) * ms:>7.0f} | "
                  f"{percentile(r.to_answer, 50) * ms:>7.1f} {percentile(r.to_answer, 99) * ms:>8.1f} | "
                  f"{r.missed:>6} | {percentile(r.stalls, 99) * ms:>8.1f} {max(r.stalls) * ms:>7.0f}", flush=True)
    finally:
        for bot in bots:
            bot.send_signal(signal.SIGTERM)
        for bot in bots:
            await asyncio.wait_for(bot.wait(), 30)
        for fake in fakes:
            await fake.stop()
    good = [r.rate for r in results if r.missed == 0 and r.p99 < KNEE_P99]
    print(f"\nknee: {max(good):.0f}/s with no miss and p99 to callback under {KNEE_P99 * 1000:.0f} ms" if good
          else f"\nknee: below {min(rates):.0f}/s (every rate missed a deadline or had p99 ≥ {KNEE_P99 * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", default="100", help="total /ask per second; several, comma-separated, for a sweep")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--database", default=os.environ.get("TALLY_BENCH_DATABASE_URL"),
                        help="PostgreSQL URL (its tables are dropped); needed for more than one process")
    arguments = parser.parse_args()
    if arguments.processes > 1 and not (arguments.database or "").startswith("postgresql"):
        parser.error("several processes share one PostgreSQL: give --database postgresql+psycopg://…")
    sys.exit(asyncio.run(main([float(r) for r in arguments.rate.split(",")], arguments.seconds, arguments.processes,
                              arguments.database)))
