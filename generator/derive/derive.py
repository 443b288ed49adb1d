"""Derive: every figure the site shows, computed from positions.

Nothing here is typed by an editor: counts, totals, each inspection's last
update and number of updates, each recommendation's history and current
status all come from the papers' recorded positions, so no two pages can
disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.derive.implied import Pool, implied_by, imply
from generator.derive.records import HistoryEntry, InspectionRecord, RecommendationRecord, StatusTable
from generator.derive.tracker import Tracker, track
from generator.model.objects import Appendix, Content, Inspection, Paper, Plan
from generator.model.positions import Position, StatusCounts
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
    records = [RecommendationRecord(r) for r in inspection.every_recommendation()]
    pool: tuple[Paper, Pool] | None = None
    for paper in reporting:
        block = next((b for b in paper.inspection_positions if b.inspection_id == inspection.identifier), None)
        positions = {p.number: p for p in block.positions} if block else {}
        implied, paper_pool = imply(inspection, block) if block else ({}, None)
        if block and block.recommendation_counts:
            pool = (paper, paper_pool) if paper_pool else None
        appended = [content.plans[a.plan_id] for a in paper.appendices if a.plan_id in content.plans]
        plans_here = [plan for plan in appended if plan.inspection_id == inspection.identifier]
        for record in records:
            number = record.recommendation.number
            entry = _history_entry(paper, positions.get(number), plans_here, number, implied.get(number), implied_by(block) if block else "")
            if entry:
                record.history.append(entry)
    return InspectionRecord(inspection, reporting, plans, records, standing(records, pool))


def _history_entry(paper: Paper, position: Position | None, plans: list[Plan], number: int, implied: str | None, source: str) -> HistoryEntry | None:
    """The paper's report on a recommendation, if it makes one."""
    for plan in plans:
        for planned in plan.recommendations:
            if planned.number == number:
                return HistoryEntry(paper, position, plan, planned, implied, source)
    return HistoryEntry(paper, position, implied=implied, implied_by=source) if position or implied else None


def status_table_as_at(paper: Paper, inspection_id: str) -> StatusTable | None:
    """The paper's own status table for an inspection, if it gives one."""
    for block in paper.inspection_positions:
        if block.inspection_id == inspection_id and block.stated_counts:
            return StatusTable(block.stated_counts, paper)
    return None


def standing(records: list[RecommendationRecord], pool: tuple[Paper, Pool] | None) -> StatusTable:
    """The one count of an inspection, used by every page and export.

    Each recommendation counts by its latest status (stated or implied).
    Those the latest paper with figures counts without naming a status for
    count by that paper's share of its figures (the pool), unless a later
    paper reports on one of them, which leaves the pool's share unknown.
    """
    if pool is not None and _reported_after(records, *pool):
        pool = None
    for record in records:
        unnamed = pool is not None and record.recommendation.number in pool[1].numbers
        record.pooled_in = pool[0] if pool and unnamed and not _implied_open(record, pool[0]) else None
    if pool is None:
        return StatusTable(count_statuses(record.status for record in records), None)
    paper, share = pool
    kept = [r for r in records if r.pooled_in or (_member(r, share) and r.latest_status is not None and r.latest_status.paper is paper)]
    counted = count_statuses(r.status for r in records if r not in kept)
    open_share = len(kept) - share.counts.closed
    on_track = min(share.counts.ongoing_on_track, open_share)
    delayed = min(share.counts.ongoing_delayed, open_share - on_track)
    counts = StatusCounts(len(records), counted.closed + share.counts.closed, counted.ongoing_on_track + on_track, counted.ongoing_delayed + delayed)
    return StatusTable(counts, paper, share)


def _member(record: RecommendationRecord, share: Pool) -> bool:
    return record.recommendation.number in (*share.numbers, *share.paced)


def _reported_after(records: list[RecommendationRecord], paper: Paper, share: Pool) -> bool:
    """Whether a later paper reports on one of the pool's recommendations."""
    return any(entry.paper.date.value > paper.date.value for r in records if _member(r, share) for entry in r.history)


def _implied_open(record: RecommendationRecord, paper: Paper) -> bool:
    """Whether the paper's figures imply the recommendation is open (pace not known)."""
    return any(entry.paper is paper and entry.implied == "open" for entry in record.history)
