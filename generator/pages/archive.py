"""The archive's pages: home, the indexes, and each paper's, meeting's and
inspection's own page, with the content files each one shows."""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from generator.derive.records import InspectionRecord
from generator.engine.page import Page
from generator.model.objects import Meeting, Paper
from generator.model.sections import Section, neighbours, rebase_links
from generator.pages import addresses
from generator.pages.render import Renderer


def archive_pages(renderer: Renderer) -> list[Page]:
    return [
        renderer.render("home.md.j2", addresses.HOME),
        renderer.render("papers.md.j2", addresses.PAPERS),
        renderer.render("meetings.md.j2", addresses.MEETINGS),
        renderer.render("inspections.md.j2", addresses.INSPECTIONS),
        *(paper_page(renderer, paper) for paper in renderer.derived.papers_by_date),
        *(page for paper in renderer.derived.papers_by_date for page in section_pages(renderer, paper)),
        *(meeting_page(renderer, meeting) for meeting in sorted(renderer.content.meetings.values(), key=lambda m: m.date.value)),
        *(inspection_page(renderer, record) for record in renderer.derived.inspections),
    ]


def archive_pages_about(renderer: Renderer, changed_paths: Set[Path]) -> list[Page]:
    """The papers', meetings' and inspections' own pages whose files are among changed_paths."""
    derived, content = renderer.derived, renderer.content
    return [
        *(page for paper in derived.papers_by_date if paper_files(renderer, paper) & changed_paths for page in [paper_page(renderer, paper), *section_pages(renderer, paper)]),
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
    sections, here = renderer.sections(paper), addresses.paper_uri(paper.identifier)
    texts = {section.slug: renderer.expand_directives(paper, section.text, here) for section in sections}
    document = renderer.documents.get(paper.identifier)
    return renderer.render("paper.md.j2", addresses.paper_docs_path(paper.identifier), paper=paper, sections=sections, texts=texts, document=document)


def section_pages(renderer: Renderer, paper: Paper) -> list[Page]:
    """A page per section, as on the SPA site (model/sections.py)."""
    sections = renderer.sections(paper)
    return [section_page(renderer, paper, sections, section) for section in sections]


def section_page(renderer: Renderer, paper: Paper, sections: list[Section], section: Section) -> Page:
    previous, following = neighbours(sections, section)
    text = renderer.expand_directives(paper, rebase_links(section.text), addresses.section_uri(paper.identifier, section.slug))
    values = {"sections": sections, "previous": previous, "next": following, "document": renderer.documents.get(paper.identifier)}
    return renderer.render("paper-section.md.j2", addresses.section_docs_path(paper.identifier, section.slug), paper=paper, section=section, text=text, **values)


def meeting_page(renderer: Renderer, meeting: Meeting) -> Page:
    return renderer.render("meeting.md.j2", addresses.meeting_docs_path(meeting.identifier), meeting=meeting)


def inspection_page(renderer: Renderer, record: InspectionRecord) -> Page:
    return renderer.render("inspection.md.j2", addresses.inspection_docs_path(record.inspection.identifier), record=record)
