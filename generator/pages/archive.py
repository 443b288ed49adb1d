"""The archive's pages: home, the indexes, and each paper's, meeting's and
inspection's own page, with the content files each one shows."""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from generator.derive.records import InspectionRecord
from generator.engine.page import Page
from generator.model.objects import Meeting, Paper
from generator.pages import addresses
from generator.pages.render import Renderer


def archive_pages(renderer: Renderer) -> list[Page]:
    return [
        renderer.render("home.md.j2", addresses.HOME),
        renderer.render("papers.md.j2", addresses.PAPERS),
        renderer.render("meetings.md.j2", addresses.MEETINGS),
        renderer.render("inspections.md.j2", addresses.INSPECTIONS),
        *(paper_page(renderer, paper) for paper in renderer.derived.papers_by_date),
        *(meeting_page(renderer, meeting) for meeting in sorted(renderer.content.meetings.values(), key=lambda m: m.date.value)),
        *(inspection_page(renderer, record) for record in renderer.derived.inspections),
    ]


def archive_pages_about(renderer: Renderer, changed_paths: Set[Path]) -> list[Page]:
    """The papers', meetings' and inspections' own pages whose files are among changed_paths."""
    derived, content = renderer.derived, renderer.content
    return [
        *(paper_page(renderer, paper) for paper in derived.papers_by_date if paper_files(renderer, paper) & changed_paths),
        *(meeting_page(renderer, meeting) for meeting in content.meetings.values() if meeting.location.path in changed_paths),
        *(inspection_page(renderer, record) for record in derived.inspections if inspection_files(record) & changed_paths),
    ]


def paper_files(renderer: Renderer, paper: Paper) -> set[Path]:
    """The files a paper's page shows: the paper's and those of the plans it appends."""
    plans = (renderer.content.plans.get(appendix.plan_id or "") for appendix in paper.appendices)
    return {paper.location.path, *(plan.location.path for plan in plans if plan)}


def inspection_files(record: InspectionRecord) -> set[Path]:
    """The files an inspection's page (and its recommendations' pages) show first of all."""
    return {record.inspection.location.path, *(plan.location.path for plan in record.plans)}


def paper_page(renderer: Renderer, paper: Paper) -> Page:
    return renderer.render("paper.md.j2", addresses.paper_docs_path(paper.identifier), paper=paper, body=renderer.expand_directives(paper))


def meeting_page(renderer: Renderer, meeting: Meeting) -> Page:
    return renderer.render("meeting.md.j2", addresses.meeting_docs_path(meeting.identifier), meeting=meeting)


def inspection_page(renderer: Renderer, record: InspectionRecord) -> Page:
    return renderer.render("inspection.md.j2", addresses.inspection_docs_path(record.inspection.identifier), record=record)
