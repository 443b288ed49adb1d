"""The statuses a paper can give a recommendation, declared once.

Everything else is read from here: the schema's allowed values (and so
validation, the JSON Schemas and the reference), the labels the site and
the open data show, which statuses count as open, the order of the list of
open recommendations by status, and the status-table column each one
counts in (the checks of a paper's stated table, the derived tables, the
dashboard's chart).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """A column of the papers' status tables (after Total)."""

    name: str  # also the chart's category and its CSS class
    label: str

    @property
    def field(self) -> str:
        """The attribute of StatusCounts and the key of stated_counts."""
        return self.name.replace("-", "_")


CLOSED = Column("closed", "Closed")
ON_TRACK = Column("ongoing-on-track", "Ongoing – on track")
DELAYED = Column("ongoing-delayed", "Ongoing – delayed")
COLUMNS = (CLOSED, ON_TRACK, DELAYED)


@dataclass(frozen=True)
class Status:
    """A status as editors write it, the site shows it, and the tables count it."""

    name: str
    label: str
    column: Column
    list_order: int = 0  # where an open status's group comes in the list by status
    discharged: bool = False  # closed by HMICS itself: a later open status contradicts it (model/contradictions.py)

    @property
    def is_open(self) -> bool:
        """Not closed, proposed or submitted for closure: still to be done."""
        return self.column is not CLOSED


STATUSES = (
    Status("closed", "Closed (discharged by HMICS)", CLOSED, discharged=True),
    Status("proposed-for-closure", "Proposed for closure", CLOSED),
    Status("submitted-for-closure", "Submitted for closure", CLOSED),
    Status("ongoing-on-track", "Ongoing – on track", ON_TRACK, list_order=2),
    Status("ongoing-delayed", "Ongoing – delayed", DELAYED, list_order=1),
)
NOT_STATED = "Not stated"  # the label of a recommendation no paper has given a status

BY_NAME = {status.name: status for status in STATUSES}
STATUS_NAMES = tuple(BY_NAME)
STATUS_LABELS = {status.name: status.label for status in STATUSES}
CLOSED_STATUSES = tuple(status.name for status in STATUSES if not status.is_open)
DISCHARGED = next(status.name for status in STATUSES if status.discharged)


def label(status: str | None) -> str:
    """The label of a status, or "Not stated" for none."""
    return STATUS_LABELS[status] if status else NOT_STATED


def open_list_order(status: str | None) -> int:
    """The place of an open status's group in the list by status: delayed, on track, then not stated."""
    return BY_NAME[status].list_order if status else len(STATUSES)
