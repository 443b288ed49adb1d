"""The tracker's pages: one per recommendation, the lists, the dashboard,
the open data page with its files, and the Atom feed of papers.

Every page reads the one Tracker that derive.py builds; the exports come
from exports.py, the chart's geometry from chart.py, all markup from
templates.
"""

from __future__ import annotations

import uuid
from collections.abc import Set
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.about_pages import mark_acronyms_on_pages
from generator.chart import status_chart
from generator.exports import EXPORTS, export_files
from generator.render import Page, Renderer, page_uri
from generator.tracker import Group, TrackedRecommendation, recommendation_docs_path

FEED_PATH = "feed.xml"
# Stable Atom ids without a domain of our own: name-based UUIDs of site paths.
FEED_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "hmics-progress-site")


@dataclass(frozen=True)
class ListPage:
    """One of the lists of open recommendations."""

    docs_path: str
    kind: str
    title: str

    @property
    def uri(self) -> str:
        return page_uri(self.docs_path)


LISTS = (
    ListPage("recommendations/index.md", "by-inspection", "Open recommendations by inspection"),
    ListPage("recommendations/by-status.md", "by-status", "Open recommendations by status"),
    ListPage("recommendations/by-theme.md", "by-theme", "Open recommendations by theme"),
    ListPage("recommendations/by-lead.md", "by-lead", "Open recommendations by lead"),
    ListPage("recommendations/oldest-open.md", "oldest-open", "Open recommendations, oldest first"),
)


def feed_id(uri: str) -> str:
    """The Atom id of a site address: the same for every build of the same content."""
    return f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, uri)}"


def tracker_pages(renderer: Renderer) -> list[Page]:
    return [*recommendation_pages(renderer), *list_pages(renderer), dashboard_page(renderer), *data_pages(renderer), feed(renderer)]


def pages_about(renderer: Renderer, changed_paths: Set[Path]) -> list[Page]:
    """The pages about what changed: papers', meetings', inspections' and
    recommendations' own pages, as the full render makes them (the preview
    shows these first)."""
    recommendations = [tracked for tracked in renderer.derived.tracker.recommendations if tracked_files(tracked) & changed_paths]
    return site_wide_passes(renderer, [*renderer.pages_about(changed_paths), *map(partial(recommendation_page, renderer), recommendations)])


def site_wide_passes(renderer: Renderer, pages: list[Page]) -> list[Page]:
    """The passes every page goes through, whichever function made it: the
    full render's list and the preview's first pages alike (acronyms)."""
    return mark_acronyms_on_pages(pages, renderer.content.glossary, renderer.env)


def tracked_files(tracked: TrackedRecommendation) -> set[Path]:
    """The files a recommendation's page shows: its inspection's, its plan's and those of the papers reporting on it."""
    papers = (entry.paper.location.path for entry in tracked.record.history)
    plans = (planned.plan.location.path for planned in tracked.actions)
    return {tracked.inspection.location.path, *papers, *plans}


def recommendation_pages(renderer: Renderer) -> list[Page]:
    return [recommendation_page(renderer, tracked) for tracked in renderer.derived.tracker.recommendations]


def recommendation_page(renderer: Renderer, tracked: TrackedRecommendation) -> Page:
    return renderer.render("recommendation.md.j2", recommendation_docs_path(tracked.inspection.identifier, tracked.number), tracked=tracked)


def _groups(renderer: Renderer, kind: str) -> list[Group]:
    tracker = renderer.derived.tracker
    if kind == "oldest-open":
        return [Group("Oldest first", "oldest-first", tracker.oldest_open())]
    return {"by-inspection": tracker.by_inspection, "by-status": tracker.by_status, "by-theme": tracker.by_theme, "by-lead": tracker.by_lead}[kind]()


def list_pages(renderer: Renderer) -> list[Page]:
    return [renderer.render("recommendation-list.md.j2", item.docs_path, kind=item.kind, title=item.title, groups=_groups(renderer, item.kind), lists=LISTS) for item in LISTS]


def dashboard_page(renderer: Renderer) -> Page:
    chart = status_chart(renderer.derived.inspections)
    return renderer.render("dashboard.md.j2", "dashboard/index.md", chart=chart, exports=EXPORTS, lists=LISTS, feed_path=FEED_PATH)


def data_pages(renderer: Renderer) -> list[Page]:
    files = [Page(path, text) for path, text in export_files(renderer.derived.tracker)]
    return [renderer.render("data.md.j2", "data/index.md", exports=EXPORTS, feed_path=FEED_PATH), *files]


def feed(renderer: Renderer) -> Page:
    return renderer.render("feed.xml.j2", FEED_PATH, feed_id=feed_id, site_url=renderer.site_url)
