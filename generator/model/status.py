"""How statuses fold into the columns of a status table.

Shared by the checks (a paper's stated counts) and the derivations (counts
computed from positions), so both count a status the same way. The
statuses themselves are declared in content/statuses.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.content.statuses import BY_NAME, COLUMNS, Column
from generator.model.objects import StatusCounts


def count_statuses(statuses: Iterable[str | None]) -> StatusCounts:
    """Counts per status-table column; unknown statuses count only in the total."""
    listed = list(statuses)
    return StatusCounts(len(listed), **{column.field: sum(1 for s in listed if in_column(s, column)) for column in COLUMNS})


def in_column(status: str | None, column: Column) -> bool:
    """Whether a status counts in a status-table column."""
    return status in BY_NAME and BY_NAME[status].column is column
