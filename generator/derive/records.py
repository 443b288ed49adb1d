"""The records derive.py builds and the tracker reads: what the papers said
of each recommendation, and each inspection's figures.

Kept below both, so the tracker can take them from derive without derive
and the tracker importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.content.dates import PaperDate
from generator.model.objects import Inspection, Paper, Plan, PlanRecommendation, Position, Recommendation, StatusCounts


@dataclass(frozen=True)
class HistoryEntry:
    """One paper's report on one recommendation: the position it records,
    the improvement plan it appends, or both."""

    paper: Paper
    position: Position | None
    plan: Plan | None = None
    plan_recommendation: PlanRecommendation | None = None

    @property
    def status(self) -> str | None:
        return self.position.status if self.position else None

    @property
    def narrative(self) -> str | None:
        return self.position.narrative if self.position else None

    @property
    def initial_target(self) -> PaperDate | None:
        """The first target the report gives: the position's, else the plan's."""
        if self.position and self.position.initial_target:
            return self.position.initial_target
        dates = self.plan_recommendation.target_dates if self.plan_recommendation else []
        return dates[0] if dates else None

    @property
    def latest_target(self) -> PaperDate | None:
        """The target in force at this report: a revision, else the first."""
        if self.position and self.position.revised_target:
            return self.position.revised_target
        dates = self.plan_recommendation.target_dates if self.plan_recommendation else []
        return dates[-1] if dates else self.initial_target


@dataclass
class RecommendationRecord:
    """A recommendation with everything the papers said of it, in date order."""

    recommendation: Recommendation
    history: list[HistoryEntry] = field(default_factory=list)

    @property
    def latest_status(self) -> HistoryEntry | None:
        stated = [entry for entry in self.history if entry.status]
        return stated[-1] if stated else None

    @property
    def status(self) -> str | None:
        latest = self.latest_status
        return latest.status if latest else None


@dataclass(frozen=True)
class StatusTable:
    """A status table and where its figures come from."""

    counts: StatusCounts
    stated_by: Paper | None


@dataclass
class InspectionRecord:
    """An inspection with its papers, plans, records and derived figures."""

    inspection: Inspection
    papers: list[Paper]
    plans: list[Plan]
    records: list[RecommendationRecord]
    status_table: StatusTable

    @property
    def last_update(self) -> Paper | None:
        return self.papers[-1] if self.papers else None

    @property
    def open_count(self) -> int:
        counts = self.status_table.counts
        return counts.total - counts.closed
