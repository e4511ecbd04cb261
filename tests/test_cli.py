"""The command line as a person runs it: `python -m bot ...` in a fresh process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.domain.figure_files import MAX_BYTES
from bot.store.engine import open_store
from tests.conftest import DATA_DIR, today
from tests.figure_filters import CASES, REFUSAL, REFUSED, listed

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow  # every test starts `python -m bot`


def run(tmp_path: Path, *args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DISCORD_TOKEN": "",
                   "DATABASE_URL": f"sqlite:///{tmp_path / 'tally.db'}", **env}
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env=environment, timeout=120)


def test_ask_prints_the_number_its_source_and_how_it_was_read(tmp_path: Path) -> None:
    out = run(tmp_path, "ask", "civilians since Nov 2016")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("45 civilians killed")
    assert "— CJTF-OIR press release, 30 Apr 2017 (reported by RT News, The Hill)" in out.stdout
    assert "Read as: civilian deaths · any reporter · since Nov 2016" in out.stdout


def test_ask_json_and_jsonl(tmp_path: Path) -> None:
    one = json.loads(run(tmp_path, "ask", "--json", "airwars estimate").stdout)
    assert one["status"] == "answered" and one["answers"][0]["value_low"] == 3164
    many = run(tmp_path, "ask", "--jsonl", stdin="sorties\n\nzzzz qqqq\ncivilian deaths in yemen\n")
    replies = [json.loads(line) for line in many.stdout.splitlines()]
    assert [r["question"] for r in replies] == ["sorties", "", "zzzz qqqq", "civilian deaths in yemen"]
    assert [r["status"] for r in replies] == ["answered", "no_match", "no_match", "no_match"]
    assert replies[1]["error"] == "The question is empty."


def test_figures_name_metrics_and_reporters_as_discord_and_the_console_do(tmp_path: Path) -> None:
    for metric, reporter, ids in CASES:
        args = ["figures", *(["--metric", metric] if metric else []), *(["--reporter", reporter] if reporter else [])]
        out = run(tmp_path, *args)
        assert out.returncode == 0 and listed(out.stdout) == ids, (args, out.stdout, out.stderr)
    for metric in REFUSED:
        refused = run(tmp_path, "figures", "--metric", metric)
        assert refused.returncode == 1 and REFUSAL in refused.stderr and not listed(refused.stdout), metric
    wrong = run(tmp_path, "figures", "--reporter", "nobody")
    assert wrong.returncode == 1 and wrong.stderr.startswith("tally: 'nobody' is not a known reporter")


def test_figure_add_without_actor_or_place_is_about_the_campaigns(tmp_path: Path) -> None:
    out = run(tmp_path, "figure", "add", "--reporter", "Airwars", "--metric", "strikes", "--value-low", "1200",
              "--published", "2018-01-01", "--reason", "Airwars annual report")
    assert out.returncode == 0, out.stderr
    assert "what: strikes · by US-led Coalition · Iraq and Syria" in out.stdout
    store = open_store(f"sqlite:///{tmp_path / 'tally.db'}", DATA_DIR, today)
    try:
        added = next(f for f in store.all_figures(None) if f.value_low == 1200)
        campaign = store.vocabulary().campaign
        assert (added.actor, added.place) == (campaign.actor, campaign.place) == ("coalition", "iraq_and_syria")
    finally:
        store.engine.dispose()


@pytest.mark.parametrize("value,shown", [
    # --value reads a value as Discord's `value:` does: "3500" is exactly 3,500, never "at least".
    (["--value", "3500"], "Airwars: 3,500 civilians killed"),
    (["--value", "3500+"], "Airwars: at least 3,500 civilians killed"),
    (["--value", "3500-4000"], "Airwars: 3,500–4,000 civilians killed"),
    # The export file's columns: a low end alone is open-ended, as in a file.
    (["--value-low", "3500"], "Airwars: at least 3,500 civilians killed"),
    (["--value-low", "3500", "--value-high", "3500"], "Airwars: 3,500 civilians killed"),
])
def test_figure_add_reads_a_value_as_discord_or_as_the_file_does(tmp_path: Path, value: list[str],
                                                                 shown: str) -> None:
    out = run(tmp_path, "figure", "add", "--reporter", "Airwars", "--metric", "civilian deaths", *value,
              "--published", "2017-06-01", "--reason", "Airwars update")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].endswith(shown), out.stdout


@pytest.mark.parametrize("value,said", [
    (["--value", "3500", "--value-high", "4000"], "--value says the whole value"),
    (["--value", "3500", "--value-low", "3500"], "not allowed with argument --value"),
    (["--value", "lots"], "'lots' is not a number; write 352 (exact), 352+ (at least 352) or 8194-13249 (a range)"),
    ([], "one of the arguments --value --value-low is required"),
    (["--value", "10", "--published", "2010-01-01"], "2010-01-01 is before Operation Inherent Resolve began"),
])
def test_figure_add_refuses_a_value_said_twice_or_unreadable(tmp_path: Path, value: list[str], said: str) -> None:
    published = [] if "--published" in value else ["--published", "2017-06-01"]
    out = run(tmp_path, "figure", "add", "--reporter", "Airwars", "--metric", "civilian deaths", *value, *published,
              "--reason", "Airwars update")
    assert out.returncode != 0 and said in out.stderr, out.stderr
    assert "Figure 8" not in out.stdout


@pytest.mark.parametrize("args", [("ask",), ("ask", "   ")])
def test_an_empty_question_is_a_usage_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    out = run(tmp_path, *args)
    assert out.returncode == 2 and "The question is empty" in out.stderr and "Traceback" not in out.stderr


def test_an_unreachable_database_names_the_host_not_the_password(tmp_path: Path) -> None:
    out = run(tmp_path, "ask", "sorties", DATABASE_URL="postgresql+psycopg://tally:hunter2@127.0.0.1:1/tally")
    assert out.returncode == 1
    assert out.stderr.startswith("tally: Cannot use the database (postgresql at 127.0.0.1:1/tally)")
    assert "hunter2" not in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("name,value,message", [
    ("DATABASE_URL", "not a url", "DATABASE_URL is not a database URL"),
    ("ASK_COOLDOWN_RATE", "lots", "ASK_COOLDOWN_RATE='lots' is not a whole number"),
    ("MODERATOR_ROLE_IDS", "admins", "MODERATOR_ROLE_IDS='admins' must be Discord ids"),
    ("LOG_LEVEL", "loud", "LOG_LEVEL='LOUD' is not a log level"),
])
def test_a_malformed_setting_is_refused_by_name(tmp_path: Path, name: str, value: str, message: str) -> None:
    out = run(tmp_path, "ask", "sorties", **{name: value})
    assert out.returncode == 1 and message in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("url,says", [
    ("postgresql+psycopg://tally:pa@ss-Leak9@db.example/tally", "an unescaped @ in its user name or password"),
    ("postgresql+psycopg://tally:pw@db.example:notaport/tally", "its port is not a number"),
    ("sqlite:///{tmp}/plain/tally.db", "part of that path is a file"),
])
def test_an_unusable_database_url_is_one_line_that_quotes_no_secret(tmp_path: Path, url: str, says: str) -> None:
    (tmp_path / "plain").write_text("a file, not a folder")
    out = run(tmp_path, "ask", "sorties", DATABASE_URL=url.format(tmp=tmp_path))
    assert out.returncode == 1 and says in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
    assert "Leak9" not in out.stderr and "notaport" not in out.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any folder: run the suite as a normal user to test this")
def test_a_sqlite_folder_this_user_cannot_write_is_called_a_permission_problem(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    out = run(tmp_path, "ask", "sorties", DATABASE_URL=f"sqlite:///{locked / 'tally.db'}")
    assert out.returncode == 1 and "not writable by this user" in out.stderr and "Traceback" not in out.stderr


def test_import_refuses_a_bad_file_and_writes_nothing(tmp_path: Path) -> None:
    before = run(tmp_path, "export").stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(before.replace("2017-04-30,CJTF-OIR figures", "2017-04-31,CJTF-OIR figures"))
    out = run(tmp_path, "import", str(bad))
    assert out.returncode == 1
    assert "line 4, published: '2017-04-31' is not a real date" in out.stderr
    assert "Nothing was written" in out.stderr
    assert run(tmp_path, "export").stdout == before


def test_import_dry_run_then_import(tmp_path: Path) -> None:
    new = tmp_path / "new.json"
    new.write_text(json.dumps({"figures": [{
        "reporter": "Airwars", "metric": "civilian_deaths", "value_low": 5961, "value_high": None,
        "qualifier": "at least", "actor": "US-led Coalition", "place": "Iraq and Syria", "period_start": "2014-08",
        "published": "2017-11", "outlet": "The Guardian (via TRT World)"}]}))
    dry = run(tmp_path, "import", str(new), "--dry-run")
    assert dry.returncode == 0 and "1 to add" in dry.stdout and "Nothing was written" in dry.stdout
    assert "5961" not in run(tmp_path, "export").stdout
    done = run(tmp_path, "import", str(new), "--reason", "Guardian report")
    assert done.returncode == 0 and "1 to add" in done.stdout
    assert json.loads(run(tmp_path, "ask", "--json", "airwars").stdout)["answers"][0]["value_low"] == 5961
    assert "Guardian report" in run(tmp_path, "figure", "history", "8").stdout


def test_import_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    out = run(tmp_path, "import", str(tmp_path / "nope.csv"))
    assert out.returncode == 2 and "Cannot read" in out.stderr


def test_without_a_token_the_bot_opens_the_console(tmp_path: Path) -> None:
    out = run(tmp_path, stdin="civilians since Nov 2016\nfigure 2\nfigure 404\nhelp\nquit\n")
    assert out.returncode == 0, out.stderr
    first, *rest = out.stdout.splitlines()
    assert first.startswith("No DISCORD_TOKEN set: opening the terminal console on the embedded store")
    text = "\n".join(rest)
    assert "45 civilians killed" in text and "CJTF-OIR" in text
    assert "Figure 2 [current]" in text and "There is no figure 404" in text and "history N" in text


def test_chart_writes_a_png(tmp_path: Path) -> None:
    run(tmp_path, "import", str(ROOT / "data" / "examples" / "press-timeline.csv"))
    out = run(tmp_path, "chart", "civilian deaths", "-o", str(tmp_path / "chart.png"))
    assert out.returncode == 0, out.stderr
    assert "14 reports from CJTF-OIR, Airwars" in out.stdout
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    missing = run(tmp_path, "chart", "pizza", "-o", str(tmp_path / "x.png"))
    assert missing.returncode == 1 and "'pizza' is not a known metric" in missing.stderr


def test_a_file_over_the_size_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as f:
        f.truncate(2 * 1024**3)  # 2 GB of holes: reading it whole would take 2 GB of memory
    out = run(tmp_path, "import", str(huge))
    assert out.returncode == 1 and f"is larger than the limit of {MAX_BYTES:,} bytes" in out.stderr
