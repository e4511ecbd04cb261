"""`audit`: what the audit channel posts in one message — one change, or one whole import, never half of one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.audit import whole_batches
from bot.domain.models import Action, Editor, Revision, Subject

ALICE, BOB = Editor("1", "alice", "Home (9) · #mods (8)"), Editor("2", "bob", "Home (9) · #mods (8)")


def revision(n: int, action: Action = "edit", editor: Editor = ALICE, reason: str = "fix") -> Revision:
    return Revision(Subject.figure(n), action, editor, reason, None, {}, id=n,
                    at=datetime(2026, 1, 1, tzinfo=UTC))


IMPORT = [revision(1, "import", reason="file"), revision(2, "import", reason="file"),
          revision(3, "supersede", reason="automatic: newer report")]


@pytest.mark.parametrize("revisions,limit,batches", [
    ([revision(1), revision(2)], 10, [[1], [2]]),  # one message per change
    (IMPORT, 10, [[1, 2, 3]]),  # an import and what it superseded: one message
    ([revision(0), *IMPORT], 5, [[0], [1, 2, 3]]),  # the read was not cut short: the import is whole
    ([revision(0), *IMPORT[:2]], 3, [[0]]),  # cut short inside an import: it waits for the next read
    (IMPORT[:2], 2, [[1, 2]]),  # only an import, cut short: posted anyway, or it would never be
    ([revision(1, "import", reason="a"), revision(2, "import", reason="b")], 10, [[1], [2]]),  # two imports
    ([revision(1, "import"), revision(2, "import", editor=BOB)], 10, [[1], [2]]),  # two moderators
    ([revision(1), revision(2, "import"), revision(3)], 3, [[1], [2], [3]]),  # an edit after an import
])
def test_revisions_are_posted_one_change_or_one_whole_import_at_a_time(revisions: list[Revision], limit: int,
                                                                        batches: list[list[int]]) -> None:
    assert [[r.id for r in batch] for batch in whole_batches(revisions, limit)] == batches
