"""Statuses counted into the columns of a status table.

Shared by the checks (a paper's stated counts) and the derivations (counts
computed from positions), so both count a status the same way; the
statuses themselves are declared in content/status.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.content.status import CLOSED, DELAYED, ON_TRACK, column
from generator.model.positions import StatusCounts

DISCHARGED = "discharged"  # closed by HMICS itself: a later open status contradicts it (model/contradictions.py)


def count_statuses(statuses: Iterable[str | None]) -> StatusCounts:
    """Counts per status-table column; open with no pace and no status count as open only."""
    listed = [column(s) for s in statuses]
    return StatusCounts(
        total=len(listed),
        closed=listed.count(CLOSED),
        ongoing_on_track=listed.count(ON_TRACK),
        ongoing_delayed=listed.count(DELAYED),
    )
