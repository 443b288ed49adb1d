"""Checks across files: references, counts and the Markdown bodies.

validate.py checks each file alone; this module checks what only the whole
content tree can tell: that references lead somewhere, that a paper's stated
counts agree with what is recorded, that actions are numbered once, and that
paper bodies keep to the rules of an accessible page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.common.problems import Location, Problems, Severity
from generator.content.directives import DIRECTIVE, DIRECTIVES
from generator.content.narratives import is_marker
from generator.markup.markdown_checks import markdown_shape
from generator.markup.untrusted import first_per_line, markdown_findings
from generator.model.check_positions import check_narratives, check_stated_positions
from generator.model.objects import AgendaItem, Content, Inspection, Paper, Plan
from generator.model.positions import InspectionPositions


@dataclass(frozen=True)
class Known:
    """Identifiers of every file found, valid or not, by kind.

    A reference to a file that exists but failed validation is not reported
    again: its own problems already say what to fix.
    """

    inspections: frozenset[str]
    meetings: frozenset[str]
    papers: frozenset[str]
    plans: frozenset[str]
    incomplete: frozenset[str] = frozenset()
    """Files with problems of their own: their objects hold only what passed
    (pipeline.partial_objects), so what they lack is not reported again."""


def check_content(content: Content, known: Known, problems: Problems) -> None:
    """Every cross-file check, each adding its problems to the list."""
    _check_inspections(content, known, problems)
    _check_meetings(content, known, problems)
    for paper in content.papers.values():
        _check_paper(content, known, paper, problems)
    _check_plans(content, known, problems)


def _check_inspections(content: Content, known: Known, problems: Problems) -> None:
    for inspection in content.inspections.values():
        numbers = Counter(r.number for r in inspection.recommendations)
        for recommendation in inspection.recommendations:
            if numbers[recommendation.number] > 1:
                problems.add(recommendation.location, f"recommendation {recommendation.number} is listed more than once", "give each recommendation once")
            if inspection.stated_total and recommendation.number > inspection.stated_total:
                problems.add(
                    recommendation.location,
                    f"recommendation {recommendation.number} is beyond total_recommendations ({inspection.stated_total})",
                    "correct the number or total_recommendations",
                )
            for reference in recommendation.see_also:
                _check_recommendation_ref(content, known, reference.inspection_id, reference.number, reference.location or recommendation.location, problems)
        _check_area_numbers(inspection, problems)
        if inspection.stated_total is not None and inspection.stated_total < len(inspection.recommendations):
            problems.add(
                inspection.location,
                f"total_recommendations is {inspection.stated_total} but {len(inspection.recommendations)} are listed",
                "correct total_recommendations",
            )


def _check_area_numbers(inspection: Inspection, problems: Problems) -> None:
    numbers = Counter(area.number for area in inspection.areas_for_development if area.number is not None)
    for area in inspection.areas_for_development:
        if area.number is not None and numbers[area.number] > 1:
            problems.add(area.location, f"Area for Development {area.number} is listed more than once", "give each Area for Development its own number")


def _check_recommendation_ref(content: Content, known: Known, inspection_id: str, number: int, location: Location, problems: Problems) -> None:
    inspection = content.inspections.get(inspection_id)
    if inspection is None:
        if inspection_id not in known.inspections:
            problems.add(location, f'there is no inspection "{inspection_id}"', f"create content/inspections/{inspection_id}.yml or correct the identifier")
        return
    if not inspection.counts(number) and inspection_id not in known.incomplete:
        problems.add(
            location,
            f'inspection "{inspection_id}" has no recommendation {number}',
            f"add recommendation {number} to content/inspections/{inspection_id}.yml or correct the number",
        )


def _check_meetings(content: Content, known: Known, problems: Problems) -> None:
    listed: dict[str, str] = {}
    for meeting in content.meetings.values():
        _check_agenda_items(meeting.agenda, problems)
        for item in meeting.agenda:
            if listed.get(item.paper_id) == meeting.identifier:
                problems.add(item.location, f'paper "{item.paper_id}" is listed twice on this agenda', "list it once")
            elif item.paper_id in listed:
                problems.add(
                    item.location,
                    f'paper "{item.paper_id}" is already on the agenda of "{listed[item.paper_id]}"',
                    "list each paper on one meeting's agenda only",
                )
            listed[item.paper_id] = meeting.identifier
            paper = content.papers.get(item.paper_id)
            if paper is None:
                if item.paper_id not in known.papers:
                    problems.add(item.location, f'there is no paper "{item.paper_id}"', f"create content/papers/{item.paper_id}.md or correct the identifier")
            elif paper.meeting_id != meeting.identifier:
                problems.add(
                    item.location,
                    f'paper "{item.paper_id}" is on this agenda, but its front matter says it went to "{paper.meeting_id}" ({paper.location.path.name} line {_meeting_line(paper)})',
                    "make the paper's meeting and the agenda agree",
                )


def _meeting_line(paper: Paper) -> int:
    return (paper.meeting_location or paper.location).line


def _check_agenda_items(agenda: list[AgendaItem], problems: Problems) -> None:
    numbers = Counter(item.item for item in agenda if item.item)
    for item in agenda:
        if item.item and numbers[item.item] > 1:
            problems.add(item.location, f'agenda item "{item.item}" is given to more than one paper', "give each paper its own item number, as the agenda does")


def _check_paper(content: Content, known: Known, paper: Paper, problems: Problems) -> None:
    if paper.cover_sheet is None and paper.stated_date is None:
        problems.add(paper.location, "a paper with no cover_sheet needs its date", "add date: with the meeting's date, e.g. date: 18 September 2024")
        return
    if paper.cover_sheet is not None and paper.stated_date is not None:
        problems.add(paper.location, "the paper gives both date and cover_sheet.date", "remove date: the cover sheet's date is the paper's date")
    meeting = content.meetings.get(paper.meeting_id)
    if meeting is None:
        if paper.meeting_id and paper.meeting_id not in known.meetings:
            problems.add(paper.meeting_location or paper.location, f'there is no meeting "{paper.meeting_id}"', f"create content/meetings/{paper.meeting_id}.yml or correct the identifier")
    else:
        if not any(item.paper_id == paper.identifier for item in meeting.agenda):
            problems.add(
                paper.location,
                f'meeting "{meeting.identifier}" does not list this paper on its agenda ({meeting.location.path.name})',
                f'add "- paper: {paper.identifier}" to its agenda',
            )
        if paper.date is not None and meeting.date is not None and meeting.date.value != paper.date.value:
            key = "cover_sheet.date" if paper.cover_sheet else "date"
            problems.add(
                paper.location,
                f'{key} is {paper.date.text} but meeting "{meeting.identifier}" is dated {meeting.date.text} ({meeting.location.path.name} line {meeting.location.line})',
                "make the two dates agree",
            )
    _check_appendices(content, known, paper, problems)
    seen: set[str] = set()
    for block in paper.inspection_positions:
        if block.inspection_id in seen:
            problems.add(block.location, f'positions for inspection "{block.inspection_id}" are given twice', "merge them into one entry")
        seen.add(block.inspection_id)
        _check_positions(content, known, block, problems)
    check_narratives(content.inspections, paper, problems)
    _check_body(content, known, paper, problems)
    _check_tables_placed(paper, problems)


def _check_tables_placed(paper: Paper, problems: Problems) -> None:
    placed = {match[2].strip() for match in (DIRECTIVE.match(line.strip()) for line in paper.body.split("\n")) if match and match[2] and _argument_names(match[1]) == "table"}
    for table in paper.tables.values():
        if table.name not in placed:
            problems.add(table.location, f'table "{table.name}" is never placed in the body', f"add a line [[table {table.name}]] where it belongs, or remove the table", Severity.WARNING)


def _check_appendices(content: Content, known: Known, paper: Paper, problems: Problems) -> None:
    for appendix in paper.appendices:
        if (appendix.paper_id is None) == (appendix.plan_id is None):
            problems.add(appendix.location, f"{appendix.label} must name either a paper or a plan", 'give exactly one of "paper:" or "plan:"')
        elif appendix.paper_id == paper.identifier:
            problems.add(appendix.location, f"{appendix.label} names this paper itself", "name another paper")
        elif appendix.paper_id and appendix.paper_id not in content.papers and appendix.paper_id not in known.papers:
            problems.add(appendix.location, f'there is no paper "{appendix.paper_id}"', f"create content/papers/{appendix.paper_id}.md or correct the identifier")
        elif appendix.plan_id and appendix.plan_id not in content.plans and appendix.plan_id not in known.plans:
            problems.add(appendix.location, f'there is no plan "{appendix.plan_id}"', f"create content/plans/{appendix.plan_id}.yml or correct the identifier")


def _check_positions(content: Content, known: Known, block: InspectionPositions, problems: Problems) -> None:
    inspection = content.inspections.get(block.inspection_id)
    if inspection is None:
        if block.inspection_id not in known.inspections:
            problems.add(
                block.location,
                f'there is no inspection "{block.inspection_id}"',
                f"create content/inspections/{block.inspection_id}.yml or correct the identifier",
            )
        return
    for position in block.positions:
        if not (position.narrative and position.location == position.narrative.location):  # a marker's own: check_narratives reports it
            _check_recommendation_ref(content, known, block.inspection_id, position.number, position.location, problems)
    check_stated_positions(inspection, block, problems)


def _check_body(content: Content, known: Known, paper: Paper, problems: Problems) -> None:
    for finding in first_per_line(markdown_findings(paper.body)):
        problems.add(Location(paper.location.path, paper.body_line + finding.line - 1, finding.column), finding.message, finding.fix)
    for finding in markdown_shape(paper.body):
        problems.add(Location(paper.location.path, paper.body_line + finding.line - 1, finding.column), finding.message, finding.fix)
    for offset, line in enumerate(paper.body.split("\n")):
        location = Location(paper.location.path, paper.body_line + offset, 1)
        directive = DIRECTIVE.match(line.strip())
        if directive:
            _check_directive(content, known, paper, directive[1], (directive[2] or "").strip(), location, problems)
        elif line.strip().startswith("[["):
            problems.add(location, f"unknown directive {line.strip()}", f"use one of: {', '.join('[[' + d + ' ...]]' for d in DIRECTIVES)}")


def _check_directive(content: Content, known: Known, paper: Paper, name: str, argument: str, location: Location, problems: Problems) -> None:
    directive = DIRECTIVES.get(name)
    if directive is None:
        problems.add(location, f"unknown directive [[{name}]]", f"use one of: {', '.join(DIRECTIVES)}")
    elif name == "narrative":
        if not is_marker(f"[[narrative {argument}]]"):
            problems.add(
                location,
                f"[[narrative {argument}]] does not name an inspection and recommendation numbers",
                "write it as [[narrative <inspection> <number> ...]], e.g. [[narrative crime-audit-2020 3 4]]",
            )
    elif directive.argument == "table":
        if argument not in paper.tables:
            names = ", ".join(paper.tables) or "none are defined"
            problems.add(location, f'there is no table "{argument}" in this paper\'s front matter', f"define it under tables: or use one of: {names}")
    elif argument not in content.inspections:
        if argument in known.inspections:
            return
        problems.add(location, f'there is no inspection "{argument}"', "use the identifier of a file in content/inspections/")
    elif directive.needs_stated_counts and not any(b.inspection_id == argument and b.stated_counts for b in paper.inspection_positions):
        problems.add(location, f'[[{name} {argument}]] needs stated_counts for "{argument}" in this paper\'s positions', "add them from the paper's status table")


def _check_plans(content: Content, known: Known, problems: Problems) -> None:
    numbered: dict[tuple[str, str], Plan] = {}
    for plan in content.plans.values():
        inspection = content.inspections.get(plan.inspection_id)
        if inspection is None:
            if plan.inspection_id and plan.inspection_id not in known.inspections:
                problems.add(
                    plan.location,
                    f'there is no inspection "{plan.inspection_id}"',
                    f"create content/inspections/{plan.inspection_id}.yml or correct the identifier",
                )
            continue
        numbers = Counter(r.number for r in plan.recommendations)
        for recommendation in plan.recommendations:
            if numbers[recommendation.number] > 1:
                problems.add(recommendation.location, f"recommendation {recommendation.number} is listed more than once in this plan", "give each recommendation once, with all its actions")
            _check_recommendation_ref(content, known, plan.inspection_id, recommendation.number, recommendation.location, problems)
            for action in recommendation.actions:
                key = (plan.inspection_id, action.number)
                if key in numbered:
                    problems.add(action.location, f"action {action.number} is numbered twice for this inspection", "give each action its own number")
                numbered[key] = plan
                if action.recommendation_number != recommendation.number:
                    problems.add(
                        action.location,
                        f"action {action.number} sits under recommendation {recommendation.number}",
                        f"number it {recommendation.number}.N or move it",
                    )
    for inspection in content.inspections.values():
        for area in inspection.areas_for_development:
            for number in area.action_numbers:
                if (inspection.identifier, number) not in numbered:
                    problems.add(area.location, f"Area for Development links to action {number}, which no plan of this inspection has", "correct the action number")


def _argument_names(directive_name: str) -> str | None:
    """What a directive's argument names ("table", "inspection"), or None for an unknown directive."""
    directive = DIRECTIVES.get(directive_name)
    return directive.argument if directive else None
