"""The one declaration of the statuses papers use (the content format's vocabulary).

Each status has its name (what editors write), its words on the page, whose
word it is, its place in the order lists use, the column of a status table
it counts in, and whether it is open. Validation, the JSON Schemas, the
reference, the checks of stated counts, the derived figures, the lists and
the open data all read this one tuple; model/status.py counts by it.
"""

from __future__ import annotations

from dataclasses import dataclass

CLOSED, ON_TRACK, DELAYED, OPEN_PACE = "closed", "ongoing_on_track", "ongoing_delayed", "open"


@dataclass(frozen=True)
class Status:
    """A status as papers use it."""

    name: str
    label: str
    whose: str
    column: str  # CLOSED, ON_TRACK, DELAYED or OPEN_PACE (open, column not known)
    stated: bool = True  # False: never stated by an editor, only derived

    @property
    def is_open(self) -> bool:
        return self.column != CLOSED


VOCABULARY = (
    Status("discharged", "Closed: discharged by HMICS", "HMICS", CLOSED),
    Status("completed", "Completed or considered closed by Police Scotland, not yet discharged by HMICS", "Police Scotland", CLOSED),
    Status("proposed-for-closure", "Proposed for closure", "Police Scotland", CLOSED),
    Status("submitted-for-closure", "Submitted to HMICS for closure", "Police Scotland", CLOSED),
    Status("counted-closed", "Counted as closed", "the paper's figures", CLOSED, stated=False),
    Status("ongoing-delayed", "Open and delayed", "Police Scotland", DELAYED),
    Status("ongoing-on-track", "Open and on track", "Police Scotland", ON_TRACK),
    Status("open", "Open, pace not stated", "Police Scotland", OPEN_PACE),
)
BY_NAME = {status.name: status for status in VOCABULARY}
STATED_STATUSES = tuple(status.name for status in VOCABULARY if status.stated)
OPEN_ORDER = tuple(status.name for status in VOCABULARY if status.is_open)
NOT_REPORTED = "Not reported in this paper"
NOT_REPORTED_ANYWHERE = "Not reported in any paper held"
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
    return BY_NAME[name].column if name else None


def is_open(name: str | None) -> bool:
    """Open unless a paper (or its table) counts it closed; no status counts as open."""
    return name is None or BY_NAME[name].is_open
