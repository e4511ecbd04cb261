"""/ask under a steady load, through a fake Discord on 127.0.0.1, against the real bot process.

    .venv/bin/python bench/interactions.py [--rate 100] [--seconds 30]

Sends INTERACTION_CREATE at a steady rate (from many users, questions from tests/eval) and prints the time
from each event to the bot's callback (what Discord's 3-second deadline measures) and to its answer, how many
missed the deadline, and the bot's longest event-loop stall — measured from outside by asking for a heartbeat
(gateway op 1) once a second: the bot answers only when its loop is free. The baseline line is the same probe
with the bot idle, in the same run.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_discord import APP_ID, BOT_TOKEN, GUILD_ID, FakeDiscord  # noqa: E402

DEADLINE = 3.0


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


async def main(rate: float, seconds: float) -> int:
    fake = await FakeDiscord().start()
    tmp = tempfile.mkdtemp()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": f"{ROOT / 'tests' / 'fake_discord_site'}:{ROOT}",
        "TALLY_FAKE_DISCORD": fake.url,
        "DISCORD_TOKEN": BOT_TOKEN,
        "HOME_GUILD_IDS": GUILD_ID,
        "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
        "LOG_LEVEL": "WARNING",
    }
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", cwd=ROOT, env=env)
    try:
        await asyncio.wait_for(fake.identified.wait(), 60)
        await asyncio.sleep(3)  # on_ready and the guild cache settle
        idle = await probe_stalls(fake, 3)
        asked = questions()
        users = [{"id": str(920_000_000_000_000_000 + i), "username": f"user{i}", "discriminator": "0",
                  "avatar": None} for i in range(1000)]
        sent: dict[str, tuple[float, str]] = {}
        start = time.perf_counter()
        total = int(rate * seconds)
        prober = asyncio.create_task(probe_stalls(fake, seconds + 1))
        for i in range(total):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            payload = await fake.slash("ask", user=users[i % len(users)], question=asked[i % len(asked)])
            sent[payload["id"]] = (time.perf_counter(), payload["token"])
        sending = time.perf_counter() - start
        loaded = await prober
        await asyncio.sleep(DEADLINE + 2)
        callbacks = {r.path.split("/")[2]: r.at for r in fake.requests if r.path.endswith("/callback")}
        answers = {r.path.split("/")[3]: r.at for r in fake.requests
                   if r.method == "POST" and r.path.startswith(f"/webhooks/{APP_ID}/")}
        to_callback = [callbacks[i] - at for i, (at, _) in sent.items() if i in callbacks]
        to_answer = [answers[token] - at for i, (at, token) in sent.items() if token in answers]
        missed = sum(1 for i, (at, _) in sent.items() if i not in callbacks or callbacks[i] - at > DEADLINE)
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 20)
        await fake.stop()
    ms = 1000
    print(f"sent {total} /ask interactions in {sending:.1f} s ({total / sending:.1f}/s) from {len(users)} users")
    print(f"event → callback: p50 {percentile(to_callback, 50) * ms:.1f} ms, p99 {percentile(to_callback, 99) * ms:.1f}"
          f" ms, max {max(to_callback) * ms:.1f} ms ({len(to_callback)} callbacks)")
    print(f"event → answer:   p50 {percentile(to_answer, 50) * ms:.1f} ms, p99 {percentile(to_answer, 99) * ms:.1f}"
          f" ms ({len(to_answer)} answers)")
    print(f"missed the {DEADLINE:.0f} s deadline: {missed}")
    print(f"event loop (op 1 → heartbeat): idle baseline max {max(idle) * ms:.1f} ms; under load p50 "
          f"{percentile(loaded, 50) * ms:.1f} ms, p99 {percentile(loaded, 99) * ms:.1f} ms, longest stall "
          f"{max(loaded) * ms:.1f} ms ({max(loaded) / max(idle):.1f}× idle)")
    return 0 if missed == 0 else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--seconds", type=float, default=30)
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main(arguments.rate, arguments.seconds)))
