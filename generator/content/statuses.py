"""The statuses a paper can give a recommendation, declared once, in the papers' words.

Everything else is read from here: the schema's allowed values (and so
validation, the JSON Schemas and the reference), the labels the site and
the open data show with whose word each status is, which statuses count as
open, the order of the list of open recommendations by status, and the
status-table column each one counts in (the checks of a paper's stated
figures, the statuses they imply, the derived tables, the dashboard's chart).
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
# Open, with no paper saying on track or delayed: counted in no column of a status table.
OPEN_PACE = Column("open", "Open, pace not stated")
CLOSED_FIELD, ON_TRACK_FIELD, DELAYED_FIELD, OPEN_PACE_FIELD = (column.field for column in (*COLUMNS, OPEN_PACE))


@dataclass(frozen=True)
class Status:
    """A status as papers use it: what editors write, the words shown, whose word it is, how tables count it."""

    name: str
    label: str
    whose: str
    column: Column
    list_order: int = 0  # where an open status's group comes in the list by status
    discharged: bool = False  # closed by HMICS itself: a later open status contradicts it (model/contradictions.py)
    stated: bool = True  # False: never written by an editor, only implied by a paper's figures

    @property
    def is_open(self) -> bool:
        """Not closed (discharged, completed, proposed or submitted for closure): still to be done."""
        return self.column is not CLOSED


VOCABULARY = (
    Status("discharged", "Closed: discharged by HMICS", "HMICS", CLOSED, discharged=True),
    Status("completed", "Completed or considered closed by Police Scotland, not yet discharged by HMICS", "Police Scotland", CLOSED),
    Status("proposed-for-closure", "Proposed for closure", "Police Scotland", CLOSED),
    Status("submitted-for-closure", "Submitted to HMICS for closure", "Police Scotland", CLOSED),
    Status("counted-closed", "Counted as closed", "the paper's figures", CLOSED, stated=False),
    Status("ongoing-delayed", "Open and delayed", "Police Scotland", DELAYED, list_order=1),
    Status("ongoing-on-track", "Open and on track", "Police Scotland", ON_TRACK, list_order=2),
    Status("open", "Open, pace not stated", "Police Scotland", OPEN_PACE, list_order=3),
)
STATUSES = tuple(status for status in VOCABULARY if status.stated)  # what editors may write
BY_NAME = {status.name: status for status in VOCABULARY}
STATUS_NAMES = STATED_STATUSES = tuple(status.name for status in STATUSES)
STATUS_LABELS = {status.name: status.label for status in VOCABULARY}
CLOSED_STATUSES = tuple(status.name for status in VOCABULARY if not status.is_open)
OPEN_ORDER = tuple(status.name for status in sorted(VOCABULARY, key=lambda s: s.list_order) if status.is_open)
DISCHARGED = next(status.name for status in VOCABULARY if status.discharged)
NOT_REPORTED = "Not reported in this paper"
NOT_REPORTED_ANYWHERE = "Not reported in any paper held"
NOT_STATED = OPEN_PACE.label  # the chart's and tables' name for what no column counts
IMPLIED_WORDS = "implied by the paper's status table"
SOURCES = {
    "stated": "stated by the paper",
    "implied-by-status-table": IMPLIED_WORDS,
    "implied-by-stated-figures": "implied by the figures the paper states in words",
}


def label(name: str | None, *, anywhere: bool = False) -> str:
    """A status in words; no status is "not reported"."""
    if name is None:
        return NOT_REPORTED_ANYWHERE if anywhere else NOT_REPORTED
    return BY_NAME[name].label


def column(name: str | None) -> str | None:
    """The status-table field a status counts in (OPEN_PACE_FIELD: open, in no column)."""
    return BY_NAME[name].column.field if name else None


def is_open(name: str | None) -> bool:
    """Open unless a paper (or its figures) counts it closed; no status counts as open."""
    return name is None or BY_NAME[name].is_open


def open_list_order(status: str | None) -> int:
    """The place of an open status's group in the list by status: delayed, on track, pace not stated, then none."""
    return BY_NAME[status].list_order if status else len(VOCABULARY)
