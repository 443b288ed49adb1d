"""The records derive.py builds and the tracker reads: what the papers said
of each recommendation, and each inspection's figures.

Kept below both, so the tracker can take them from derive without derive
and the tracker importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.content.dates import PaperDate
from generator.content.narratives import Narrative
from generator.content.statuses import is_open
from generator.derive.implied import Pool
from generator.model.objects import Inspection, Paper, Plan, PlanRecommendation, Recommendation
from generator.model.positions import Position, StatusCounts


@dataclass(frozen=True)
class HistoryEntry:
    """One paper's report on one recommendation: the position it records,
    the improvement plan it appends, or both."""

    paper: Paper
    position: Position | None
    plan: Plan | None = None
    plan_recommendation: PlanRecommendation | None = None
    implied: str | None = None  # the status the paper's figures imply, when it states none
    implied_by: str = "implied-by-status-table"

    @property
    def stated_status(self) -> str | None:
        return self.position.status if self.position else None

    @property
    def status(self) -> str | None:
        """The status stated, refined or supplied by what the paper's figures imply."""
        return self.implied or self.stated_status

    @property
    def status_source(self) -> str | None:
        """Where the status comes from: "stated" by the paper, "implied" by its figures, or None."""
        if self.implied:
            return self.implied_by
        return "stated" if self.stated_status else None

    @property
    def narrative(self) -> Narrative | None:
        return self.position.narrative if self.position else None

    @property
    def initial_target(self) -> PaperDate | None:
        """The initial target the report restates: the position's, else the plan's first."""
        if self.position and self.position.initial_target:
            return self.position.initial_target
        dates = self.plan_recommendation.target_dates if self.plan_recommendation else []
        return dates[0] if dates else None

    @property
    def revised_target(self) -> PaperDate | None:
        """A revised target the report states: the position's, else the plan's latest revision."""
        if self.position and self.position.revised_target:
            return self.position.revised_target
        dates = self.plan_recommendation.target_dates if self.plan_recommendation else []
        return dates[-1] if len(dates) > 1 else None

    @property
    def revised_without_date(self) -> bool:
        return bool(self.position and self.position.revised_without_date)

    @property
    def stated_reopened(self) -> bool:
        """The paper says the recommendation was reopened after a discharge (the editor's `reopened: true`)."""
        return bool(self.position and self.position.reopened)


@dataclass
class RecommendationRecord:
    """A recommendation with everything the papers said of it, in date order."""

    recommendation: Recommendation
    history: list[HistoryEntry] = field(default_factory=list)

    pooled_in: Paper | None = None  # counted, not named, in this paper's figures: the latest word on it

    @property
    def latest_status(self) -> HistoryEntry | None:
        """The latest report with a status, unless a later paper's figures
        count it without saying which. An implied "open" says less than an
        earlier open status with its pace, so it does not replace it."""
        latest = None
        for entry in self.history:
            if entry.status and not (entry.implied == "open" and latest and is_open(latest.status)):
                latest = entry
        return None if self.pooled_in else latest

    @property
    def status(self) -> str | None:
        latest = self.latest_status
        return latest.status if latest else None


@dataclass(frozen=True)
class StatusTable:
    """An inspection's figures: counted from each recommendation's latest
    status, with the share of a paper's figures that names no one (pool)."""

    counts: StatusCounts
    stated_by: Paper | None  # the paper whose figures the pool comes from
    pool: Pool | None = None


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
        return self.status_table.counts.open

    @property
    def shown(self) -> list[RecommendationRecord]:
        """The recommendations with a page: listed in the inspection file, or reported on by a paper."""
        return [record for record in self.records if record.recommendation.listed or record.history]

    @property
    def unshown(self) -> list[RecommendationRecord]:
        """Recommendations the inspection counts that no file names or reports on."""
        return [record for record in self.records if not (record.recommendation.listed or record.history)]
