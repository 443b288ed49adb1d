"""The tracker's pages: one per recommendation, the lists, the dashboard,
the open data page with its files, and the Atom feed of papers.

Every page reads the one Tracker that derive/ builds; the exports come
from exports.py, the chart's geometry from chart.py, every address from
addresses.py, all markup from templates.
"""

from __future__ import annotations

import uuid
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

from generator.derive.tracker import Group, TrackedRecommendation
from generator.engine.page import Page
from generator.pages import addresses
from generator.pages.chart import status_chart
from generator.pages.exports import EXPORTS, export_files
from generator.pages.render import Renderer

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
        return addresses.uri(self.docs_path)


LISTS = (
    ListPage(addresses.RECOMMENDATION_LISTS["by-inspection"], "by-inspection", "Open recommendations by inspection"),
    ListPage(addresses.RECOMMENDATION_LISTS["by-status"], "by-status", "Open recommendations by status"),
    ListPage(addresses.RECOMMENDATION_LISTS["by-theme"], "by-theme", "Open recommendations by theme"),
    ListPage(addresses.RECOMMENDATION_LISTS["by-lead"], "by-lead", "Open recommendations by lead"),
    ListPage(addresses.RECOMMENDATION_LISTS["oldest-open"], "oldest-open", "Open recommendations, oldest first"),
)


def feed_id(uri: str) -> str:
    """The Atom id of a site address: the same for every build of the same content."""
    return f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, uri)}"


def tracker_pages(renderer: Renderer) -> list[Page]:
    return [*recommendation_pages(renderer), *list_pages(renderer), dashboard_page(renderer), *data_pages(renderer), feed(renderer)]


def tracker_pages_about(renderer: Renderer, changed_paths: Set[Path]) -> list[Page]:
    """The recommendations' own pages that show a file among changed_paths."""
    recommendations = [tracked for tracked in renderer.derived.tracker.recommendations if tracked_files(tracked) & changed_paths]
    return [recommendation_page(renderer, tracked) for tracked in recommendations]


def tracked_files(tracked: TrackedRecommendation) -> set[Path]:
    """The files a recommendation's page shows: its inspection's, its plan's and those of the papers reporting on it."""
    papers = (entry.paper.location.path for entry in tracked.record.history)
    plans = (planned.plan.location.path for planned in tracked.actions)
    return {tracked.inspection.location.path, *papers, *plans}


def recommendation_pages(renderer: Renderer) -> list[Page]:
    return [recommendation_page(renderer, tracked) for tracked in renderer.derived.tracker.recommendations]


def recommendation_page(renderer: Renderer, tracked: TrackedRecommendation) -> Page:
    return renderer.render("recommendation.md.j2", addresses.recommendation_docs_path(tracked.inspection.identifier, tracked.number), tracked=tracked)


def _groups(renderer: Renderer, kind: str) -> list[Group]:
    tracker = renderer.derived.tracker
    if kind == "oldest-open":
        return [Group("Oldest first", "oldest-first", tracker.oldest_open())]
    return {"by-inspection": tracker.by_inspection, "by-status": tracker.by_status, "by-theme": tracker.by_theme, "by-lead": tracker.by_lead}[kind]()


def list_pages(renderer: Renderer) -> list[Page]:
    return [renderer.render("recommendation-list.md.j2", item.docs_path, kind=item.kind, title=item.title, groups=_groups(renderer, item.kind), lists=LISTS) for item in LISTS]


def dashboard_page(renderer: Renderer) -> Page:
    chart = status_chart(renderer.derived.inspections)
    return renderer.render("dashboard.md.j2", addresses.DASHBOARD, chart=chart, exports=EXPORTS, lists=LISTS, feed_path=addresses.FEED)


def data_pages(renderer: Renderer) -> list[Page]:
    files = [Page(path, text) for path, text in export_files(renderer.derived)]
    return [renderer.render("data.md.j2", addresses.DATA, exports=EXPORTS, feed_path=addresses.FEED), *files]


def feed(renderer: Renderer) -> Page:
    return renderer.render("feed.xml.j2", addresses.FEED, feed_id=feed_id, site_url=renderer.site_url)
