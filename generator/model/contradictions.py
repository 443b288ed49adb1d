"""Contradictions between files that may be real, and one that cannot be.

A recommendation discharged by HMICS and later reported as open again, or
a plan's update dated after the plan itself, is usually a typing slip, but
a paper may truly say so: these are warnings, which name both places, so
the editor checks the papers' words (pull requests are validated with
--strict, so a warning is still looked at). Where the later paper does
say the recommendation was reopened, the editor records `reopened: true`
on its position and the warning is not raised; that record where there
is nothing to acknowledge is itself a warning. Two papers that are each
other's appendix cannot both be true, and would send a reader round in a
circle: that is an error.
"""

from __future__ import annotations

from collections import defaultdict

from generator.common.problems import Location, Problems, Severity
from generator.content.dates import PaperDate
from generator.content.statuses import DISCHARGED
from generator.model.objects import Content, Paper
from generator.model.positions import Position


def check_contradictions(content: Content, problems: Problems) -> None:
    """Every check of this module, adding its problems to the list."""
    _check_reopened(content, problems)
    _check_circular_appendices(content, problems)
    _check_update_dates(content, problems)


def _check_reopened(content: Content, problems: Problems) -> None:
    """A status after "closed" (discharged by HMICS) in a later paper, unless
    the editor recorded there that the paper says it was reopened (then the
    papers after it are compared with nothing until the next discharge); and
    that record where it acknowledges nothing, so it never outlives its reason."""
    for reports in _histories(content).values():
        closed: tuple[Paper, Position] | None = None
        for paper, position in reports:
            if position.status == DISCHARGED:
                closed = paper, position
            reopens = closed is not None and paper.date.value > closed[0].date.value and position.status not in (DISCHARGED, None)
            if closed is not None and reopens and position.reopened is None:
                _report_reopened(position, closed[1], problems)
            elif reopens:  # the paper says it was reopened: later papers answer to the next discharge
                closed = None
            elif position.reopened is not None:
                _report_needless_reopened(position, position.reopened, problems)


def _report_reopened(position: Position, closed: Position, problems: Problems) -> None:
    """A status after an earlier paper's discharge, with no word of a reopening."""
    problems.add(
        position.location,
        f'recommendation {position.number} of "{position.inspection_id}" is "{position.status}" here, but an earlier paper records it as closed (discharged by HMICS): '
        f"{closed.location.path.name} line {closed.location.line}",
        "check both papers' words and correct the status; if this paper does say it was reopened, write reopened: true under its status",
        Severity.WARNING,
    )


def _histories(content: Content) -> dict[tuple[str, int], list[tuple[Paper, Position]]]:
    """Every dated paper's positions on each recommendation, oldest paper first."""
    history: dict[tuple[str, int], list[tuple[Paper, Position]]] = defaultdict(list)
    for paper in content.papers.values():
        if paper.date is None:  # no date at all: checks.py reports it
            continue
        for block in paper.inspection_positions:
            for position in block.positions:
                if position.status or position.reopened:
                    history[(block.inspection_id, position.number)].append((paper, position))
    for reports in history.values():
        reports.sort(key=lambda report: (report[0].date.value, report[0].identifier))
    return history


def _report_needless_reopened(position: Position, where: Location, problems: Problems) -> None:
    """`reopened: true` on a discharge, on no status, or where no earlier paper leaves it closed."""
    name = f'recommendation {position.number} of "{position.inspection_id}"'
    fix = "remove reopened: true; it is for the first paper after a discharge that gives another status"
    if position.status == DISCHARGED:
        message = f'{name} is "discharged" here and also marked reopened: true'
    elif position.status is None:
        message = f"{name} is marked reopened: true but has no status here"
        fix = "give the status the paper states, or remove reopened: true"
    else:
        message = f"{name} is marked reopened: true, but no earlier paper leaves it closed (discharged by HMICS)"
    problems.add(where, message, fix, Severity.WARNING)


def _check_circular_appendices(content: Content, problems: Problems) -> None:
    """Paper A an appendix of B, and B (perhaps through others) an appendix of A."""
    appended = {paper.identifier: [a.paper_id for a in paper.appendices if a.paper_id] for paper in content.papers.values()}
    for paper in content.papers.values():
        for appendix in paper.appendices:
            if appendix.paper_id and appendix.paper_id != paper.identifier and _reaches(appended, appendix.paper_id, paper.identifier):
                problems.add(
                    appendix.location,
                    f'{appendix.label} is the paper "{appendix.paper_id}", which has this paper among its own appendices',
                    "keep the appendix in the later paper only; a paper cannot be an appendix of its own appendix",
                )


def _reaches(appended: dict[str, list[str]], start: str, target: str) -> bool:
    """Whether `target` is among the appendices of `start`, at any depth."""
    seen, waiting = set(), [start]
    while waiting:
        current = waiting.pop()
        if current == target:
            return True
        if current not in seen:
            seen.add(current)
            waiting.extend(appended.get(current, []))
    return False


def _check_update_dates(content: Content, problems: Problems) -> None:
    """An update dated after the plan it is in, or before the inspection it answers was published."""
    for plan in content.plans.values():
        inspection = content.inspections.get(plan.inspection_id)
        for recommendation in plan.recommendations:
            for action in recommendation.actions:
                for update in action.updates:
                    if update.date is None:
                        continue
                    where = update.location or action.location
                    if _month(update.date) > _month(plan.date):
                        fix = "check the date against the plan; correct the update's date or the plan's date"
                        problems.add(where, f"the update of {update.date.text} is dated after the plan itself ({plan.date.text})", fix, Severity.WARNING)
                    if inspection is not None and _month(update.date) < _month(inspection.published):
                        fix = "check the date against the plan; an update cannot come before the inspection"
                        message = f"the update of {update.date.text} is dated before the inspection was published ({inspection.published.text})"
                        problems.add(where, message, fix, Severity.WARNING)


def _month(date: PaperDate) -> tuple[int, int]:
    """Dates compared by month: a plan dated "January 2023" holds updates of any day in it."""
    return date.value.year, date.value.month
