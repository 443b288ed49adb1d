"""Statuses and how they fold into the four columns of a status table.

Shared by the checks (a paper's stated counts) and the derivations (counts
computed from positions), so both count a status the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.model.objects import StatusCounts

DISCHARGED = "closed"  # closed by HMICS itself: a later open status contradicts it (model/contradictions.py)
CLOSED_STATUSES = (DISCHARGED, "proposed-for-closure", "submitted-for-closure")

STATUS_LABELS = {
    "closed": "Closed (discharged by HMICS)",
    "proposed-for-closure": "Proposed for closure",
    "submitted-for-closure": "Submitted for closure",
    "ongoing-on-track": "Ongoing – on track",
    "ongoing-delayed": "Ongoing – delayed",
}
NOT_STATED = "Not stated"


def count_statuses(statuses: Iterable[str | None]) -> StatusCounts:
    """Counts per status-table column; unknown statuses count only in the total."""
    listed = list(statuses)
    return StatusCounts(
        total=len(listed),
        closed=sum(1 for s in listed if s in CLOSED_STATUSES),
        ongoing_on_track=sum(1 for s in listed if s == "ongoing-on-track"),
        ongoing_delayed=sum(1 for s in listed if s == "ongoing-delayed"),
    )
