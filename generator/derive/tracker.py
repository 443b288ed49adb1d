"""The tracker: each recommendation's record, its changes and lists.

Built from the derived histories (records.py, made by derive.py), once, so that the
recommendation pages, the paper pages' "what changed", the dashboard, the
lists and the open data all read the same figures. Time open is measured to
the date of the latest paper in content, not to today, so a build of the
same content always gives the same site.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from generator.content.dates import PaperDate
from generator.content.schema import THEMES
from generator.content.statuses import CLOSED_STATUSES, label, open_list_order
from generator.derive.records import HistoryEntry, InspectionRecord, RecommendationRecord
from generator.model.objects import Action, AreaForDevelopment, Content, Inspection, Paper, Plan, Recommendation, TargetDate, Update

TWO_YEARS_IN_MONTHS = 24


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from one date to another (0 when end is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


@dataclass(frozen=True)
class Change:
    """What a report said of a recommendation, against the previous report.

    `status_change` is one of first-report, changed, first-stated,
    unchanged, no-longer-stated, not-stated; `target_change` one of moved,
    first-stated, unchanged, no-longer-stated, none. The templates word them.
    """

    recommendation: Recommendation
    entry: HistoryEntry
    previous: HistoryEntry | None
    status_change: str
    target_change: str


def _status_change(entry: HistoryEntry, previous: HistoryEntry | None) -> str:
    if previous is None:
        return "first-report"
    return _compare(previous.status, entry.status, "changed")


def _target_change(entry: HistoryEntry, previous: HistoryEntry | None) -> str:
    before = previous.latest_target if previous else None
    after = entry.latest_target
    if before is not None and after is not None and before.value == after.value:
        return "unchanged"
    return _compare(before.text if before else None, after.text if after else None, "moved")


def _compare(before: str | None, after: str | None, differs: str) -> str:
    """The kind of change between two stated values, either possibly missing."""
    if before is None:
        return "first-stated" if after else ("not-stated" if differs == "changed" else "none")
    if after is None:
        return "no-longer-stated"
    return "unchanged" if before == after else differs


def changes_of(recommendation: Recommendation, history: list[HistoryEntry]) -> list[Change]:
    """One change per report, each against the report before it."""
    changes = []
    for index, entry in enumerate(history):
        previous = history[index - 1] if index else None
        changes.append(Change(recommendation, entry, previous, _status_change(entry, previous), _target_change(entry, previous)))
    return changes


@dataclass(frozen=True)
class PlannedAction:
    """An improvement action, with its updates in date order and its target dates."""

    plan: Plan
    action: Action
    updates: list[Update]

    @property
    def initial_target(self) -> TargetDate | None:
        return self.action.target_dates[0] if self.action.target_dates else None

    @property
    def revisions(self) -> list[TargetDate]:
        return self.action.target_dates[1:]


def updates_in_date_order(updates: list[Update]) -> list[Update]:
    """Dated updates in date order; an undated one keeps its place after the one before it."""
    keyed = []
    last = dt.date.min
    for index, update in enumerate(updates):
        last = update.date.value if update.date else last
        keyed.append((last, index, update))
    return [update for _, _, update in sorted(keyed, key=lambda item: (item[0], item[1]))]


@dataclass
class TrackedRecommendation:
    """A recommendation as the tracker shows it: status, age, history, actions, links."""

    record: RecommendationRecord
    inspection: Inspection
    changes: list[Change]
    actions: list[PlannedAction]
    areas: list[AreaForDevelopment]
    see_also: list[Recommendation]
    referenced_by: list[Recommendation] = field(default_factory=list)
    months_since_published: int = 0

    @property
    def recommendation(self) -> Recommendation:
        return self.record.recommendation

    @property
    def number(self) -> int:
        return self.recommendation.number

    @property
    def status(self) -> str | None:
        return self.record.status

    @property
    def status_label(self) -> str:
        return label(self.status)

    @property
    def status_entry(self) -> HistoryEntry | None:
        return self.record.latest_status

    @property
    def is_open(self) -> bool:
        """Not recorded as closed, proposed or submitted for closure."""
        return self.status not in CLOSED_STATUSES

    @property
    def over_two_years(self) -> bool:
        return self.is_open and self.months_since_published > TWO_YEARS_IN_MONTHS

    @property
    def initial_target(self) -> PaperDate | None:
        """The first target any report gave."""
        return next((e.initial_target for e in self.record.history if e.initial_target), None)

    @property
    def latest_target(self) -> PaperDate | None:
        """The target given by the latest report that gives one."""
        return next((e.latest_target for e in reversed(self.record.history) if e.latest_target), None)


@dataclass(frozen=True)
class Group:
    """A titled group of recommendations in a list page."""

    title: str
    anchor: str
    items: list[TrackedRecommendation]


@dataclass(frozen=True)
class ThemeCount:
    theme: str
    anchor: str
    total: int
    open: int


@dataclass(frozen=True)
class PaperChanges:
    """One inspection's changes reported by one paper."""

    inspection: Inspection
    changes: list[Change]


@dataclass
class Tracker:
    """Every recommendation tracked, the date figures are as at, and the lists."""

    as_at: Paper | None
    recommendations: list[TrackedRecommendation]

    def find(self, inspection_id: str, number: int) -> TrackedRecommendation | None:
        return next((t for t in self.recommendations if t.inspection.identifier == inspection_id and t.number == number), None)

    @property
    def open(self) -> list[TrackedRecommendation]:
        return [t for t in self.recommendations if t.is_open]

    def by_inspection(self) -> list[Group]:
        return _group(self.open, lambda t: t.inspection.identifier, lambda t: t.inspection.title, None)

    def by_status(self) -> list[Group]:
        ordered = sorted(self.open, key=lambda t: open_list_order(t.status))
        return _group(ordered, lambda t: t.status or "not-stated", lambda t: t.status_label, None)

    def by_lead(self) -> list[Group]:
        ordered = sorted(self.open, key=lambda t: (t.recommendation.lead is None, t.recommendation.lead or ""))
        return _group(ordered, lambda t: _anchor(t.recommendation.lead or "lead not stated"), lambda t: t.recommendation.lead or "Lead not stated", None)

    def by_theme(self) -> list[Group]:
        groups = [Group(theme, _anchor(theme), [t for t in self.open if theme in t.recommendation.themes]) for theme in THEMES]
        unthemed = [t for t in self.open if not t.recommendation.themes]
        return [*groups, Group("No theme recorded", "no-theme-recorded", unthemed)]

    def oldest_open(self) -> list[TrackedRecommendation]:
        return sorted(self.open, key=lambda t: (-t.months_since_published, t.inspection.identifier, t.number))

    def theme_counts(self) -> list[ThemeCount]:
        return [
            ThemeCount(theme, _anchor(theme), sum(1 for t in self.recommendations if theme in t.recommendation.themes), sum(1 for t in self.open if theme in t.recommendation.themes))
            for theme in THEMES
        ]

    def changes_in(self, paper: Paper) -> list[PaperChanges]:
        """The changes a paper reports, grouped by inspection in site order."""
        grouped: dict[str, PaperChanges] = {}
        for tracked in self.recommendations:
            for change in tracked.changes:
                if change.entry.paper is paper:
                    grouped.setdefault(tracked.inspection.identifier, PaperChanges(tracked.inspection, [])).changes.append(change)
        return list(grouped.values())


def _anchor(text: str) -> str:
    """A fragment identifier: the words' letters and digits, joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def _group(
    items: Iterable[TrackedRecommendation],
    key: Callable[[TrackedRecommendation], str],
    title: Callable[[TrackedRecommendation], str],
    anchor: Callable[[TrackedRecommendation], str] | None,
) -> list[Group]:
    """Consecutive items with the same key, as groups in first-seen order."""
    groups: dict[str, Group] = {}
    for item in items:
        name = key(item)
        if name not in groups:
            groups[name] = Group(title(item), anchor(item) if anchor else name, [])
        groups[name].items.append(item)
    return list(groups.values())


def track(content: Content, inspections: list[InspectionRecord], papers_by_date: list[Paper]) -> Tracker:
    """The tracker for every recommendation, as at the latest paper."""
    as_at = papers_by_date[-1] if papers_by_date else None
    tracked = [_tracked(content, record, item, as_at) for record in inspections for item in record.records]
    for item in tracked:
        for reference in item.see_also:
            target = next((t for t in tracked if t.recommendation is reference), None)
            if target:
                target.referenced_by.append(item.recommendation)
    return Tracker(as_at, tracked)


def _tracked(content: Content, inspection_record: InspectionRecord, record: RecommendationRecord, as_at: Paper | None) -> TrackedRecommendation:
    inspection = inspection_record.inspection
    number = record.recommendation.number
    actions = [
        PlannedAction(plan, action, updates_in_date_order(action.updates))
        for plan in inspection_record.plans
        for planned in plan.recommendations
        if planned.number == number
        for action in planned.actions
    ]
    action_numbers = {item.action.number for item in actions}
    areas = [area for area in inspection.areas_for_development if action_numbers.intersection(area.action_numbers)]
    see_also = [r for r in (_recommendation(content, ref.inspection_id, ref.number) for ref in record.recommendation.see_also) if r]
    months = months_between(inspection.published.value, as_at.date.value) if as_at else 0
    return TrackedRecommendation(record, inspection, changes_of(record.recommendation, record.history), actions, areas, see_also, [], months)


def _recommendation(content: Content, inspection_id: str, number: int) -> Recommendation | None:
    inspection = content.inspections.get(inspection_id)
    return inspection.recommendation(number) if inspection else None
