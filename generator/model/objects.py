"""The model: plain typed objects built from validated values.

Nothing here reads files or reports problems: validate.py has already
checked every value, so these constructors only arrange them. Cross-file
references are still identifiers here; checks.py resolves and checks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from generator.common.problems import Location
from generator.content.dates import PaperDate
from generator.content.narratives import Narrative, find_narratives
from generator.model.positions import InspectionPositions, Values, complete, field_location, inspection_positions, where, with_narratives
from generator.model.positions import Position as Position
from generator.model.positions import StatusCounts as StatusCounts


@dataclass(frozen=True)
class CrossReference:
    inspection_id: str
    number: int
    location: Location | None = field(default=None, compare=False)


@dataclass
class Recommendation:
    inspection_id: str
    number: int
    text: str | None
    lead: str | None
    themes: list[str]
    see_also: list[CrossReference]
    location: Location
    listed: bool = True  # False: counted by the inspection, not in its file


@dataclass
class AreaForDevelopment:
    section: str
    text: str
    number: int | None
    action_numbers: list[str]
    location: Location


@dataclass
class Inspection:
    identifier: str
    inspectorate: str
    title: str
    short_title: str
    published: PaperDate
    type: str
    stated_total: int | None
    recommendations: list[Recommendation]
    areas_for_development: list[AreaForDevelopment]
    location: Location

    @property
    def total_recommendations(self) -> int:
        """The report's own count where given, else the recommendations listed."""
        return self.stated_total or len(self.recommendations)

    def recommendation(self, number: int) -> Recommendation | None:
        return next((r for r in self.recommendations if r.number == number), None)

    def counts(self, number: int) -> bool:
        """Whether the inspection has this recommendation: listed, or within its stated total."""
        return self.recommendation(number) is not None or (self.stated_total is not None and 1 <= number <= self.stated_total)

    def every_recommendation(self) -> list[Recommendation]:
        """Every recommendation it counts, those whose text no paper held gives included."""
        listed = {r.number: r for r in self.recommendations}
        numbers = range(1, max([self.total_recommendations, *listed]) + 1)
        return [listed.get(n) or Recommendation(self.identifier, n, None, None, [], [], self.location, listed=False) for n in numbers]


@dataclass
class AgendaItem:
    paper_id: str
    item: str | None
    location: Location


@dataclass
class Meeting:
    identifier: str
    committee: str
    date: PaperDate
    location_name: str
    agenda: list[AgendaItem]
    location: Location

    @property
    def name(self) -> str:
        """How the SPA names a meeting: "Policing Performance Committee - 18 September 2024"."""
        return f"{self.committee} - {self.date.long}"


@dataclass
class CoverSheet:
    meeting: str
    date: PaperDate
    location: str
    title: str
    presented_by: str
    recommendation_to_members: str
    appendix_attached: str


@dataclass
class Appendix:
    label: str
    title: str
    paper_id: str | None
    plan_id: str | None
    location: Location


@dataclass
class Table:
    name: str
    caption: str
    columns: list[str]
    rows: list[list[str]]
    note: str | None
    location: Location


@dataclass
class Paper:
    identifier: str
    title: str
    meeting_id: str
    cover_sheet: CoverSheet | None
    stated_date: PaperDate | None
    summary: str
    appendices: list[Appendix]
    inspection_positions: list[InspectionPositions]
    tables: dict[str, Table]
    body: str
    body_line: int
    location: Location
    narratives: list[Narrative] = field(default_factory=list)
    meeting_location: Location | None = field(default=None, compare=False)

    @property
    def has_full_text(self) -> bool:
        """A paper held as its full document (cover sheet and all), not only its web page."""
        return self.cover_sheet is not None

    @property
    def date(self) -> PaperDate:
        """The cover sheet's date, else the date given for a paper known from its web page."""
        if self.cover_sheet:
            return self.cover_sheet.date
        # None only in a paper checks.py refuses ("a paper with no cover_sheet needs its date")
        return cast(PaperDate, self.stated_date)


@dataclass
class TargetDate:
    date: PaperDate
    label: str | None
    range: str | None
    rationale: str | None


@dataclass
class Update:
    date: PaperDate | None
    label: str | None
    text: str
    location: Location | None = field(default=None, compare=False)

    @property
    def heading(self) -> str | None:
        """The update's heading as the plan gives it."""
        if self.label:
            return self.label
        return f"Update {self.date.text}" if self.date else None


@dataclass
class Action:
    number: str
    text: str
    owner: str | None
    updates: list[Update]
    target_dates: list[TargetDate]
    completion_note: str | None
    location: Location

    @property
    def recommendation_number(self) -> int:
        return int(self.number.split(".")[0])


@dataclass
class PlanRecommendation:
    number: int
    text: str | None
    lead: str | None
    progress: str | None
    target_dates: list[PaperDate]
    actions: list[Action]
    location: Location


@dataclass
class DetailRow:
    label: str
    value: str


@dataclass
class Plan:
    identifier: str
    inspection_id: str
    title: str
    date: PaperDate
    details: list[DetailRow]
    introduction: str | None
    progress_heading: str | None
    recommendations: list[PlanRecommendation]
    closing: str | None
    location: Location


@dataclass
class GlossaryTerm:
    term: str
    expansion: str


@dataclass
class Content:
    """Everything in content/, as objects, keyed by identifier."""

    inspections: dict[str, Inspection] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    papers: dict[str, Paper] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    glossary: list[GlossaryTerm] = field(default_factory=list)
    not_acronyms: list[str] = field(default_factory=list)
    not_expanded: list[str] = field(default_factory=list)


def build_content(validated: list[tuple[str, str, Path, Values, str, int]]) -> Content:
    """Objects from (kind, identifier, path, values, body, body_line) tuples."""
    content = Content()
    for kind, identifier, path, values, body, body_line in validated:
        if kind == "inspection":
            content.inspections[identifier] = _inspection(identifier, path, values)
        elif kind == "meeting":
            content.meetings[identifier] = _meeting(identifier, path, values)
        elif kind == "paper":
            content.papers[identifier] = _paper(identifier, path, values, body, body_line)
        elif kind == "plan":
            content.plans[identifier] = _plan(identifier, path, values)
        elif kind == "glossary":
            content.glossary = [GlossaryTerm(t["term"], t["expansion"]) for t in values.get("terms", [])]
            content.not_acronyms = [str(word) for word in values.get("not_acronyms", [])]
            content.not_expanded = [str(word) for word in values.get("not_expanded", [])]
    return content


def _inspection(identifier: str, path: Path, values: Values) -> Inspection:
    recommendations = [
        Recommendation(
            identifier,
            r["number"],
            r.get("text"),
            r.get("lead"),
            list(r.get("themes", [])),
            [CrossReference(s["inspection"], s["recommendation"], where(path, s)) for s in r.get("see_also", []) if complete(s, "inspection", "recommendation")],
            where(path, r),
        )
        for r in values.get("recommendations", [])
        if complete(r, "number")
    ]
    areas = [
        AreaForDevelopment(a["section"], a["text"], a.get("number"), list(a.get("actions", [])), where(path, a)) for a in values.get("areas_for_development", []) if complete(a, "section", "text")
    ]
    return Inspection(
        identifier,
        values.get("inspectorate", ""),
        values.get("title", identifier),
        values.get("short_title", identifier),
        values["published"],
        values.get("type", ""),
        values.get("total_recommendations"),
        recommendations,
        areas,
        where(path, values),
    )


def _meeting(identifier: str, path: Path, values: Values) -> Meeting:
    agenda = [AgendaItem(a["paper"], a.get("item"), where(path, a)) for a in values.get("agenda", []) if complete(a, "paper")]
    return Meeting(identifier, values["committee"], values["date"], values["location"], agenda, where(path, values))


def _cover_sheet(cover: Values | None) -> CoverSheet | None:
    if cover is None:
        return None
    return CoverSheet(
        cover["meeting"],
        cover["date"],
        cover["location"],
        cover["title"],
        cover["presented_by"],
        cover["recommendation_to_members"],
        cover["appendix_attached"],
    )


def _paper(identifier: str, path: Path, values: Values, body: str, body_line: int) -> Paper:
    cover_sheet = _cover_sheet(values.get("cover_sheet"))
    narratives = find_narratives(path, body, body_line)
    appendices = [Appendix(a["label"], a["title"], a.get("paper"), a.get("plan"), where(path, a)) for a in values.get("appendices", []) if complete(a, "label", "title")]
    return Paper(
        identifier,
        values["title"],
        values["meeting"],
        cover_sheet,
        values.get("date"),
        values["summary"],
        appendices,
        with_narratives([inspection_positions(path, p) for p in values.get("positions", []) if complete(p, "inspection")], narratives),
        {name: _table(name, path, t) for name, t in values.get("tables", {}).items() if not name.startswith("__")},
        body,
        body_line,
        where(path, values),
        narratives,
        field_location(path, values, "meeting"),
    )


def _table(name: str, path: Path, values: Values) -> Table:
    return Table(name, values["caption"], list(values["columns"]), [list(row) for row in values["rows"]], values.get("note"), where(path, values))


def _plan(identifier: str, path: Path, values: Values) -> Plan:
    return Plan(
        identifier,
        values["inspection"],
        values["title"],
        values["date"],
        [DetailRow(d["label"], d["value"]) for d in values.get("details", []) if complete(d, "label", "value")],
        values.get("introduction"),
        values.get("progress_heading"),
        [_plan_recommendation(path, r) for r in values.get("recommendations", []) if complete(r, "number")],
        values.get("closing"),
        where(path, values),
    )


def _plan_recommendation(path: Path, values: Values) -> PlanRecommendation:
    actions = [
        Action(
            a["number"],
            a["text"],
            a.get("owner"),
            [Update(u.get("date"), u.get("label"), u["text"], where(path, u)) for u in a.get("updates", []) if complete(u, "text")],
            [_target_date(t) for t in a.get("target_dates", []) if complete(t, "date")],
            a.get("completion_note"),
            where(path, a),
        )
        for a in values.get("actions", [])
        if complete(a, "number", "text")
    ]
    return PlanRecommendation(
        values["number"],
        values.get("text"),
        values.get("lead"),
        values.get("progress"),
        list(values.get("target_dates", [])),
        actions,
        where(path, values),
    )


def _target_date(values: Values) -> TargetDate:
    return TargetDate(values["date"], values.get("label"), values.get("range"), values.get("rationale"))
