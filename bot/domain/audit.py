"""What the audit channel has yet to post. Where it got to is kept in the store (two cursors), so every process
and every restart carries on from the same place."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.importing import import_batches
from bot.domain.models import Revision, Vocabulary

FIGURES, WORDS = "audit_figure_revision", "audit_vocabulary_revision"
"""The cursors' names: the last figure revision and the last vocabulary revision posted."""


@dataclass(frozen=True)
class AuditBacklog:
    batches: list[list[Revision]]
    """Figure revisions not yet posted, oldest first, one group per message: one change, or one whole import."""
    vocabulary_revisions: list[Revision]
    """Alias and source changes not yet posted, oldest first."""
    vocabulary: Vocabulary
    """The vocabulary that names what the figure revisions touch."""


def whole_batches(revisions: list[Revision], limit: int) -> list[list[Revision]]:
    """The revisions grouped for posting. When `limit` cut the read short in the middle of an import, that import
    is left for the next read, which starts at it, so it is posted whole."""
    batches = import_batches(revisions)
    if len(revisions) == limit and len(batches) > 1 and batches[-1][0].action == "import":
        batches.pop()
    return batches
