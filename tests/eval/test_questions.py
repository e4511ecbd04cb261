"""Every question set through `python -m bot ask --jsonl`, as outside tools call it: one process for all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.eval.run_eval import judge

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
pytestmark = pytest.mark.slow  # the answers come from a `python -m bot` process
SETS = ("questions.jsonl", "cases.jsonl", "people.jsonl", "probes.jsonl")
"""people.jsonl: held-out questions written from the article and from how people talk (issue 9), not from the code.
probes.jsonl: questions tried while building the reading (issue 9), each answer reviewed by hand: what must and
must not be given, whether it may be exact, and the status."""


def _cases() -> list[dict]:
    cases = []
    for name in SETS:
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append({**json.loads(line), "set": name})
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def replies(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    db = tmp_path_factory.mktemp("eval") / "tally.db"
    stdin = "".join(c["q"].replace("\n", " ") + "\n" for c in CASES)
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--jsonl"], input=stdin, capture_output=True, text=True, cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{db}", "PYTHONPATH": str(ROOT)}, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == len(CASES)
    return lines


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{c['set'][:5]}:{c['q'][:50]}" for c in CASES])
def test_question(replies: list[dict], index: int) -> None:
    case, reply = CASES[index], replies[index]
    assert reply["question"] == case["q"]
    reason = judge(case, reply)
    assert reason is None, f"{case['q']!r}: {reason}\n{reply['text']}"
    if "status" in case:
        assert reply["status"] == case["status"], reply["text"]
    for answer in reply["answers"]:
        assert answer["reporter"] and answer["published"] and answer["match"] in ("exact", "partial")
        if answer["match"] == "partial":
            assert answer["difference"], "a partial answer must say what differs"
