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
from generator.content.statuses import is_open, label, open_list_order
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
    unchanged, no-longer-stated, not-stated. `target_change` is one of
    moved (a stated revision with a new date), first-stated, unchanged,
    revised-without-date, none: restating the initial target never moves
    anything. The templates word them.
    """

    recommendation: Recommendation
    entry: HistoryEntry
    previous: HistoryEntry | None
    status_change: str
    target_change: str
    target_in_force: PaperDate | None = None
    target_before: PaperDate | None = None

    @property
    def revised_without_date(self) -> bool:
        return self.entry.revised_without_date


def _status_change(entry: HistoryEntry, previous: HistoryEntry | None) -> str:
    if previous is None:
        return "first-report"
    return _compare(previous.status, entry.status, "changed")


def target_in_force(entry: HistoryEntry, before: PaperDate | None) -> PaperDate | None:
    """The target in force after a report: its stated revision, else what was in force, else the initial target it gives."""
    if entry.revised_target:
        return entry.revised_target
    if before or entry.revised_without_date:
        return before
    return entry.initial_target


def _target_change(entry: HistoryEntry, before: PaperDate | None, after: PaperDate | None) -> str:
    if entry.revised_without_date:
        return "revised-without-date"
    if after is None:
        return "none"
    if before is None:
        return "first-stated"
    if entry.revised_target and entry.revised_target.value != before.value:
        return "moved"
    return "unchanged" if entry.revised_target or entry.initial_target else "none"


def _compare(before: str | None, after: str | None, differs: str) -> str:
    """The kind of change between two stated values, either possibly missing."""
    if before is None:
        return "first-stated" if after else "not-stated"
    if after is None:
        return "no-longer-stated"
    return "unchanged" if before == after else differs


def changes_of(recommendation: Recommendation, history: list[HistoryEntry]) -> list[Change]:
    """One change per report, each against the report before it; the target in force carried along."""
    changes = []
    in_force: PaperDate | None = None
    for index, entry in enumerate(history):
        previous = history[index - 1] if index else None
        after = target_in_force(entry, in_force)
        changes.append(Change(recommendation, entry, previous, _status_change(entry, previous), _target_change(entry, in_force, after), after, in_force))
        in_force = after
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
        if self.pooled_in:
            return "Counted in a paper's figures, which do not say which status"
        return label(self.status, anywhere=True)

    @property
    def status_source(self) -> str | None:
        entry = self.status_entry
        return entry.status_source if entry else None

    @property
    def pooled_in(self) -> Paper | None:
        """The paper whose figures count it without saying which status it has."""
        return self.record.pooled_in

    @property
    def status_entry(self) -> HistoryEntry | None:
        return self.record.latest_status

    @property
    def is_open(self) -> bool:
        """Open by its latest status (stated or implied), or with none; not
        when a paper's figures count it without saying which (see Pool)."""
        return not self.pooled_in and is_open(self.status)

    @property
    def over_two_years(self) -> bool:
        return self.is_open and self.months_since_published > TWO_YEARS_IN_MONTHS

    @property
    def initial_target(self) -> PaperDate | None:
        """The initial target, as the earliest report that states it gives it."""
        return next((e.initial_target for e in self.record.history if e.initial_target), None)

    @property
    def latest_target(self) -> PaperDate | None:
        """The target in force: the latest stated revision with a date, else the initial target."""
        return self.changes[-1].target_in_force if self.changes else None

    @property
    def revised_since(self) -> bool:
        """A later report says the target was revised without giving the new date."""
        return bool(self.changes) and self.changes[-1].revised_without_date


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
    unnamed_open: list[tuple[Inspection, int]] = field(default_factory=list)

    @property
    def open_total(self) -> int:
        """Every open recommendation: those listed, and those the papers count without naming."""
        return len(self.open) + sum(count for _, count in self.unnamed_open)

    def find(self, inspection_id: str, number: int) -> TrackedRecommendation | None:
        return next((t for t in self.recommendations if t.inspection.identifier == inspection_id and t.number == number), None)

    @property
    def open(self) -> list[TrackedRecommendation]:
        return [t for t in self.recommendations if t.is_open]

    def by_inspection(self) -> list[Group]:
        """A group per inspection with open recommendations, listed or counted without a name."""
        groups = {g.anchor: g for g in _group(self.open, lambda t: t.inspection.identifier, lambda t: t.inspection.title, None)}
        for inspection, _ in self.unnamed_open:
            groups.setdefault(inspection.identifier, Group(inspection.title, inspection.identifier, []))
        order = list(dict.fromkeys([t.inspection.identifier for t in self.recommendations]))
        return sorted(groups.values(), key=lambda g: order.index(g.anchor) if g.anchor in order else len(order))

    def unnamed_in(self, inspection_id: str) -> int:
        """How many open recommendations of an inspection the papers count without naming."""
        return next((count for inspection, count in self.unnamed_open if inspection.identifier == inspection_id), 0)

    def by_status(self) -> list[Group]:
        """A group for every open status that has members, in the vocabulary's order, then those with none."""
        ordered = sorted(self.open, key=lambda t: open_list_order(t.status))
        return _group(ordered, lambda t: t.status or "not-reported", lambda t: t.status_label, None)

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
    tracked = [_tracked(content, record, item, as_at) for record in inspections for item in record.shown]
    for item in tracked:
        for reference in item.see_also:
            target = next((t for t in tracked if t.recommendation is reference), None)
            if target:
                target.referenced_by.append(item.recommendation)
    unnamed = [(record.inspection, record.open_count - sum(1 for t in tracked if t.inspection is record.inspection and t.is_open)) for record in inspections]
    return Tracker(as_at, tracked, [(inspection, count) for inspection, count in unnamed if count])


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
