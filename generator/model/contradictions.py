"""Contradictions between files that may be real, and one that cannot be.

A recommendation discharged by HMICS and later reported as open again, or
a plan's update dated after the plan itself, is usually a typing slip, but
a paper may truly say so: these are warnings, which name both places, so
the editor checks the papers' words (pull requests are validated with
--strict, so a warning is still looked at). Two papers that are each
other's appendix cannot both be true, and would send a reader round in a
circle: that is an error.
"""

from __future__ import annotations

from collections import defaultdict

from generator.common.problems import Problems, Severity
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
    """A status after "closed" (discharged by HMICS) in a later paper."""
    history: dict[tuple[str, int], list[tuple[Paper, Position]]] = defaultdict(list)
    for paper in content.papers.values():
        if paper.date is None:  # no date at all: checks.py reports it
            continue
        for block in paper.inspection_positions:
            for position in block.positions:
                if position.status:
                    history[(block.inspection_id, position.number)].append((paper, position))
    for (inspection_id, number), reports in history.items():
        reports.sort(key=lambda report: (report[0].date.value, report[0].identifier))
        closed = next(((paper, position) for paper, position in reports if position.status == DISCHARGED), None)
        if closed is None:
            continue
        for paper, position in reports:
            if paper.date.value > closed[0].date.value and position.status != DISCHARGED:
                problems.add(
                    position.location,
                    f'recommendation {number} of "{inspection_id}" is "{position.status}" here, but an earlier paper records it as closed (discharged by HMICS): '
                    f"{closed[1].location.path.name} line {closed[1].location.line}",
                    "check both papers' words and correct the status; if the later paper does say it was reopened, the warning is expected",
                    Severity.WARNING,
                )


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
