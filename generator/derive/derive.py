"""Derive: every figure the site shows, computed from positions.

Nothing here is typed by an editor: counts, totals, each inspection's last
update and number of updates, each recommendation's history and current
status all come from the papers' recorded positions, so no two pages can
disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.derive.records import HistoryEntry, InspectionRecord, RecommendationRecord, StatusTable
from generator.derive.tracker import Tracker, track
from generator.model.objects import Appendix, Content, Inspection, Paper, Plan, Position, StatusCounts
from generator.model.status import count_statuses


@dataclass
class Derived:
    """All derived figures for the render stage."""

    inspections: list[InspectionRecord]
    papers_by_date: list[Paper]
    appendix_of: dict[str, list[Paper]]
    tracker: Tracker
    plan_appendices: dict[str, list[tuple[Paper, Appendix]]] = field(default_factory=dict)

    @property
    def open_recommendations(self) -> int:
        return sum(record.open_count for record in self.inspections)

    @property
    def inspections_with_open(self) -> int:
        return sum(1 for record in self.inspections if record.open_count)

    def inspections_reported_by(self, paper: Paper) -> list[Inspection]:
        """The inspections a paper reports on (search filters a paper's page by them)."""
        return [record.inspection for record in self.inspections if any(reported is paper for reported in record.papers)]


def derive(content: Content) -> Derived:
    papers = sorted(content.papers.values(), key=lambda p: (p.date.value, p.identifier))
    reporting = papers_reporting(content, papers)
    records = [_inspection_record(content, inspection, reporting.get(inspection.identifier, [])) for inspection in content.inspections.values()]
    records.sort(key=lambda r: (r.inspection.published.value, r.inspection.identifier))
    appendix_of: dict[str, list[Paper]] = {}
    plan_appendices: dict[str, list[tuple[Paper, Appendix]]] = {}
    for paper in papers:
        for appendix in paper.appendices:
            if appendix.paper_id:
                appendix_of.setdefault(appendix.paper_id, []).append(paper)
            if appendix.plan_id:
                plan_appendices.setdefault(appendix.plan_id, []).append((paper, appendix))
    return Derived(records, papers, appendix_of, track(content, records, papers), plan_appendices)


def papers_reporting(content: Content, papers: list[Paper]) -> dict[str, list[Paper]]:
    """For each inspection, in date order, the papers that report on it:
    positions or a plan appendix. One pass over the papers, not one per inspection."""
    reporting: dict[str, list[Paper]] = {}
    for paper in papers:
        inspection_ids = {block.inspection_id for block in paper.inspection_positions}
        inspection_ids |= {content.plans[a.plan_id].inspection_id for a in paper.appendices if a.plan_id in content.plans}
        for inspection_id in sorted(inspection_ids):
            reporting.setdefault(inspection_id, []).append(paper)
    return reporting


def _inspection_record(content: Content, inspection: Inspection, reporting: list[Paper]) -> InspectionRecord:
    plans = sorted((p for p in content.plans.values() if p.inspection_id == inspection.identifier), key=lambda p: p.date.value)
    records = [RecommendationRecord(r) for r in sorted(inspection.recommendations, key=lambda r: r.number)]
    for paper in reporting:
        positions = {p.number: p for block in paper.inspection_positions if block.inspection_id == inspection.identifier for p in block.positions}
        appended = [content.plans[a.plan_id] for a in paper.appendices if a.plan_id in content.plans]
        plans_here = [plan for plan in appended if plan.inspection_id == inspection.identifier]
        for record in records:
            entry = _history_entry(paper, positions.get(record.recommendation.number), plans_here, record.recommendation.number)
            if entry:
                record.history.append(entry)
    return InspectionRecord(inspection, reporting, plans, records, _current_table(inspection, reporting, records))


def _history_entry(paper: Paper, position: Position | None, plans: list[Plan], number: int) -> HistoryEntry | None:
    """The paper's report on a recommendation, if it makes one."""
    for plan in plans:
        for planned in plan.recommendations:
            if planned.number == number:
                return HistoryEntry(paper, position, plan, planned)
    return HistoryEntry(paper, position) if position else None


def status_table_as_at(paper: Paper, inspection_id: str) -> StatusTable | None:
    """The paper's own status table for an inspection, if it gives one."""
    for block in paper.inspection_positions:
        if block.inspection_id == inspection_id and block.stated_counts:
            return StatusTable(block.stated_counts, paper)
    return None


def _current_table(inspection: Inspection, reporting: list[Paper], records: list[RecommendationRecord]) -> StatusTable:
    """The latest figures: derived when every recommendation has a status,
    otherwise the latest paper's stated table, otherwise what is recorded."""
    statuses = [record.status for record in records]
    complete = len(records) == inspection.total_recommendations and all(statuses)
    if not complete:
        for paper in reversed(reporting):
            stated = status_table_as_at(paper, inspection.identifier)
            if stated:
                return stated
    counts = count_statuses(statuses)
    if not complete:
        counts = StatusCounts(inspection.total_recommendations, counts.closed, counts.ongoing_on_track, counts.ongoing_delayed)
    return StatusTable(counts, None)
