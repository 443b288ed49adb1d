"""Stage 4, derive: statuses a paper's stated figures imply, and the share
of its figures no position accounts for.

A paper may state figures (a status table, or "the last remaining of 8")
without naming every recommendation. Where the figures leave only one
possible status for a recommendation (0 on track, so every open one is
delayed; 8 of 8 closed once 5 are named), that status is implied and is
always labelled so. What stays undetermined is a Pool: the recommendations
the paper counts but does not name, with their share of its figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.statuses import CLOSED_FIELD as CLOSED
from generator.content.statuses import DELAYED_FIELD as DELAYED
from generator.content.statuses import ON_TRACK_FIELD as ON_TRACK
from generator.content.statuses import column
from generator.model.objects import Inspection
from generator.model.positions import InspectionPositions, StatusCounts


@dataclass(frozen=True)
class Figures:
    """Everything a paper states in figures for one inspection, completed where sums allow."""

    total: int
    closed: int | None
    on_track: int | None
    delayed: int | None

    @property
    def open(self) -> int | None:
        return None if self.closed is None else self.total - self.closed


@dataclass(frozen=True)
class Pool:
    """Recommendations a paper counts without naming or implying their status,
    and the share of its figures that is theirs (with that of the named
    recommendations it calls open without saying on track or delayed)."""

    numbers: tuple[int, ...]
    paced: tuple[int, ...]  # named as open, pace not stated: their pace is in `counts`
    counts: StatusCounts

    @property
    def unnamed_open(self) -> int:
        return self.counts.open - len(self.paced)


def stated_figures(block: InspectionPositions) -> Figures | None:
    """The paper's figures for the inspection's recommendations, merged and completed."""
    given: dict[str, int] = {}
    for stated in block.recommendation_counts:
        given = {**stated.given(), **given}
    if "total" not in given:
        return None
    total = given["total"]
    closed = given.get("closed", total - given["open"] if "open" in given else None)
    return Figures(total, closed, given.get("ongoing_on_track"), given.get("ongoing_delayed"))


def implied_by(block: InspectionPositions) -> str:
    """Where a status implied by this paper comes from: its status table, or figures it states in words."""
    return "implied-by-status-table" if block.stated_counts else "implied-by-stated-figures"


def imply(inspection: Inspection, block: InspectionPositions) -> tuple[dict[int, str], Pool | None]:
    """Statuses the paper's figures imply, by recommendation number, and what stays pooled."""
    figures = stated_figures(block)
    if figures is None or figures.closed is None:
        return {}, None
    named = {p.number: column(p.status) for p in block.positions if p.status}
    unstated = [p.number for p in block.positions if not p.status]
    counted = range(1, inspection.total_recommendations + 1) if figures.total == inspection.total_recommendations else []
    unnamed = sorted({*unstated, *(n for n in counted if n not in named)})
    closed = figures.closed - sum(1 for c in named.values() if c == CLOSED)
    remaining = {
        CLOSED: closed,
        ON_TRACK: None if figures.on_track is None else figures.on_track - sum(1 for c in named.values() if c == ON_TRACK),
        DELAYED: None if figures.delayed is None else figures.delayed - sum(1 for c in named.values() if c == DELAYED),
    }
    paced = [n for n in named if _named_open(block, n)]
    pace = _only_pace(remaining)
    implied: dict[int, str] = {}
    if pace:
        implied.update({n: pace for n in paced})
        key = ON_TRACK if pace == "ongoing-on-track" else DELAYED
        remaining[key] = (remaining[key] or 0) - len(paced)
        paced = []
    implied.update(_unnamed(unnamed, closed, pace, complete=bool(counted)))
    pooled = tuple(n for n in unnamed if implied.get(n, "open") == "open")
    if not pooled and not paced:
        return implied, None
    counts = StatusCounts(len(pooled) + len(paced), closed if pooled else 0, remaining[ON_TRACK] or 0, remaining[DELAYED] or 0)
    return implied, Pool(pooled, tuple(paced), counts)


def _unnamed(unnamed: list[int], closed: int, pace: str | None, complete: bool) -> dict[int, str]:
    """All unnamed closed, or all open (with their pace if only one is left).

    When the paper counts fewer recommendations than the inspection has, the
    closed it does not place may be ones it neither names nor counts: only
    "none closed" then says anything about those it names without a status.
    """
    if complete and closed == len(unnamed):
        return {n: "counted-closed" for n in unnamed}
    if closed == 0:
        return {n: pace or "open" for n in unnamed}
    return {}


def _named_open(block: InspectionPositions, number: int) -> bool:
    """A position stated as open with no pace (a position with no status says nothing)."""
    return any(p.number == number and p.status == "open" for p in block.positions)


def _only_pace(remaining: dict[str, int | None]) -> str | None:
    """The one pace left for open recommendations, if the figures leave only one."""
    if remaining[ON_TRACK] == 0 and remaining[DELAYED] is not None:
        return "ongoing-delayed"
    if remaining[DELAYED] == 0 and remaining[ON_TRACK] is not None:
        return "ongoing-on-track"
    return None
