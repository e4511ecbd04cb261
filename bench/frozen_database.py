"""The bot under load while its PostgreSQL is frozen (SIGSTOP) for FREEZE seconds, then thawed.

    .venv/bin/python bench/frozen_database.py [--rate 4] [--seconds 60] [--freeze 20]     (or: make soak)

A PostgreSQL of its own on a spare port (tests/private_postgres.py), the real bot process against the fake
Discord, and a steady mix of /ask, /figures and autocomplete. Prints, for the frozen span and for the rest, how
many interactions were acknowledged after Discord's 3 s deadline, the bot's longest event-loop stall (op 1 →
heartbeat, as bench/interactions.py measures it), and how many tracebacks the log holds. A frozen database
must not stall the loop: every /ask is acknowledged in time, and answers come when the database does.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.interactions import DEADLINE, percentile, probe_stalls  # noqa: E402
from tests.fake_discord import BOT_TOKEN, GUILD_ID, FakeDiscord  # noqa: E402
from tests.private_postgres import PrivatePostgres, _bin_dir  # noqa: E402


async def main(rate: float, seconds: float, frozen_for: float) -> int:
    bin_dir = _bin_dir()
    if bin_dir is None:
        print("initdb/pg_ctl not found: install PostgreSQL's server package to run this benchmark")
        return 2
    folder = Path(tempfile.mkdtemp(prefix="tally-soak-"))
    user = None
    if os.geteuid() == 0:
        import pwd
        entry = pwd.getpwnam("postgres")
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        user = "postgres"
    server = PrivatePostgres(bin_dir, folder, user)
    server.init()
    server.start()
    fake = await FakeDiscord().start()
    log_path = folder / "bot.log"
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": f"{ROOT / 'tests' / 'fake_discord_site'}:{ROOT}",
           "TALLY_FAKE_DISCORD": fake.url, "DISCORD_TOKEN": BOT_TOKEN,
           "HOME_GUILD_IDS": GUILD_ID, "DATABASE_URL": server.url,
           "LOG_LEVEL": "WARNING"}
    with open(log_path, "wb") as log:
        process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", cwd=ROOT, env=env, stdout=log,
                                                       stderr=asyncio.subprocess.STDOUT)
    sent: list[tuple[float, str, dict]] = []
    try:
        await asyncio.wait_for(fake.identified.wait(), 60)
        await asyncio.sleep(3)
        start = time.perf_counter()
        freeze_at, thaw_at = start + (seconds - frozen_for) / 2, start + (seconds + frozen_for) / 2
        prober = asyncio.create_task(probe_stalls(fake, seconds))
        kinds = ("ask", "ask", "figures", "autocomplete")
        frozen = False
        for i in range(int(rate * seconds)):
            now = time.perf_counter()
            if not frozen and freeze_at <= now < thaw_at:
                server.signal_all(signal.SIGSTOP)
                frozen = True
            elif frozen and now >= thaw_at:
                server.signal_all(signal.SIGCONT)
                frozen = False
            delay = start + i / rate - now
            if delay > 0:
                await asyncio.sleep(delay)
            kind = kinds[i % len(kinds)]
            if kind == "ask":
                payload = await fake.slash("ask", question="civilians since Nov 2016")
            elif kind == "figures":
                payload = await fake.slash("figures")
            else:
                payload = await fake.autocomplete("ask", "question", "airwars")
            sent.append((time.perf_counter(), kind, payload))
        if frozen:
            server.signal_all(signal.SIGCONT)
        stalls = await prober
        await asyncio.sleep(DEADLINE + 10)
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 20)
        await fake.stop()
        server.stop()
    callbacks = {r.path.split("/")[2]: r.at for r in fake.requests if r.path.endswith("/callback")}
    print(f"{len(sent)} interactions at {rate}/s over {seconds:.0f} s; PostgreSQL frozen for {frozen_for:.0f} s "
          "in the middle")
    for span, inside in (("frozen", True), ("rest", False)):
        for kind in ("ask", "figures", "autocomplete"):
            mine = [(at, p) for at, k, p in sent if k == kind and (freeze_at <= at < thaw_at) == inside]
            late = sum(1 for at, p in mine if p["id"] not in callbacks or callbacks[p["id"]] - at > DEADLINE)
            waits = [callbacks[p["id"]] - at for at, p in mine if p["id"] in callbacks]
            print(f"  {span:6} {kind:12} {len(mine):4} sent, {late:3} acknowledged after {DEADLINE:.0f} s or never; "
                  f"p50 {percentile(waits, 50) * 1000:.0f} ms")
    text = log_path.read_text(errors="replace")
    print(f"event loop: longest stall {max(stalls) * 1000:.0f} ms (op 1 → heartbeat, once a second)")
    print(f"log: {text.count('Traceback')} tracebacks, {text.count('is unavailable')} outage start, "
          f"{text.count('is back')} outage end; exit code {code}")
    late_asks = sum(1 for at, k, p in sent if k == "ask" and (p["id"] not in callbacks
                                                                or callbacks[p["id"]] - at > DEADLINE))
    return 0 if late_asks == 0 and max(stalls) < DEADLINE else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=4)
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("SOAK_SECONDS", 60)))
    parser.add_argument("--freeze", type=float, default=20)
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main(arguments.rate, arguments.seconds, arguments.freeze)))
