"""Stage 2b, check across files: what a paper states of an inspection's
recommendations. Positions, the figures it states (a status table or a
sentence), the targets it gives and the narratives its body links must
agree with each other and with the inspection.
"""

from __future__ import annotations

from collections import Counter

from generator.common.problems import Problems
from generator.content.statuses import CLOSED_FIELD as CLOSED
from generator.content.statuses import DELAYED_FIELD as DELAYED
from generator.content.statuses import ON_TRACK_FIELD as ON_TRACK
from generator.content.statuses import column, is_open
from generator.model.objects import Inspection, Paper
from generator.model.positions import InspectionPositions, Position, StatedCounts

FIGURE_COLUMNS = {"closed": (CLOSED,), "ongoing_on_track": (ON_TRACK,), "ongoing_delayed": (DELAYED,)}


def check_stated_positions(inspection: Inspection, block: InspectionPositions, problems: Problems) -> None:
    """Duplicates, targets and every stated figure of one inspection in one paper."""
    numbers = Counter(p.number for p in block.positions)
    for position in block.positions:
        if numbers[position.number] > 1:
            problems.add(position.location, f"recommendation {position.number} has more than one position in this paper", "give each recommendation once")
        if position.revised_target and position.revised_without_date:
            problems.add(
                position.location,
                f"recommendation {position.number} gives revised_target {position.revised_target.text} and also target_revised: without a new date",
                "keep revised_target if the paper states the new date, else keep target_revised",
            )
    if block.stated_counts is not None:
        _check_table_sums(block, inspection, problems)
    for stated in block.recommendation_counts:
        _check_figures(stated, block.positions, problems)
    for stated in block.stated:
        _check_within_total(stated, inspection, problems)


def _check_table_sums(block: InspectionPositions, inspection: Inspection, problems: Problems) -> None:
    stated = block.stated_counts
    assert stated is not None
    parts = stated.closed + stated.ongoing_on_track + stated.ongoing_delayed
    if parts != stated.total:
        problems.add(
            block.counts_location,
            f"stated_counts: closed, ongoing_on_track and ongoing_delayed add up to {parts}, not the stated total {stated.total}",
            "copy the paper's status table again",
        )
    if stated.total > inspection.total_recommendations:
        problems.add(
            block.counts_location,
            f"stated_counts.total is {stated.total} but {inspection.location.path.name} line {inspection.location.line} gives the inspection {inspection.total_recommendations} recommendations",
            "correct the count or the inspection's total_recommendations",
        )


def _check_within_total(stated: StatedCounts, inspection: Inspection, problems: Problems) -> None:
    """No figure above the stated total, and Areas for Development counted no fewer than the inspection lists."""
    given = stated.given()
    total = given.get("total")
    for figure, value in given.items():
        if total is not None and figure != "total" and value > total:
            problems.add(stated.location, f"{_name(stated, figure)} is {value}, more than the total of {total} it states", "copy the figures from the paper again")
    listed = len(inspection.areas_for_development)
    if stated.of == "areas-for-development" and total is not None and total < listed:
        problems.add(
            stated.location,
            f"{_name(stated, 'total')} is {total}, but {inspection.location.path.name} lists {listed} Areas for Development",
            "correct the figure or the inspection's areas_for_development",
        )


def _name(stated: StatedCounts, figure: str) -> str:
    """How a message names a stated figure: the table's key, or the sentence."""
    return f"stated_counts.{figure}" if stated.words is None else f'"{stated.words}" ({figure})'


def _check_figures(stated: StatedCounts, positions: list[Position], problems: Problems) -> None:
    """No more positions in a column than the paper counts there; and none
    stated where the paper's figures leave no room (an implied status)."""
    given = stated.given()
    for figure, columns in FIGURE_COLUMNS.items():
        if figure in given:
            _check_at_most(stated, _name(stated, figure), given[figure], [p for p in positions if column(p.status) in columns], problems)
    if "open" in given:
        _check_at_most(stated, _name(stated, "open"), given["open"], [p for p in positions if p.status and is_open(p.status)], problems)
    if "total" in given:
        _check_room(stated, given, positions, problems)


def _check_at_most(stated: StatedCounts, name: str, value: int, recorded: list[Position], problems: Problems) -> None:
    if len(recorded) > value:
        lines = ", ".join(str(p.location.line) for p in recorded)
        problems.add(
            stated.location,
            f"{name} is {value}, but {len(recorded)} positions of this paper are recorded with that status (lines {lines})",
            "correct the statuses or the stated count",
        )


def _check_room(stated: StatedCounts, given: dict[str, int], positions: list[Position], problems: Problems) -> None:
    """A status the stated figures leave no room for contradicts what they imply."""
    total = given["total"]
    room = {
        "open": total - given["closed"] if "closed" in given and "open" not in given else None,
        "closed": total - given["open"] if "open" in given and "closed" not in given else None,
    }
    for kind, limit in room.items():
        if limit is None:
            continue
        recorded = [p for p in positions if p.status and is_open(p.status) == (kind == "open")]
        if len(recorded) > limit:
            first = recorded[limit]
            problems.add(
                first.location,
                f"recommendation {first.number} is stated as {first.status}, but the paper's figures ({_figures(given)}) leave {limit} {kind}, so they imply it is not {kind}",
                "correct the status or the stated figures",
            )


def _figures(given: dict[str, int]) -> str:
    return ", ".join(f"{name} {value}" for name, value in given.items())


def check_narratives(inspections: dict[str, Inspection], paper: Paper, problems: Problems) -> None:
    """Each marker names recommendations its inspection has, and no position has two narratives."""
    seen: dict[tuple[str, int], int] = {}
    for narrative in paper.narratives:
        inspection = inspections.get(narrative.inspection_id)
        for number in narrative.numbers:
            if inspection is not None and not inspection.counts(number):
                counted = f"{inspection.location.path.name} counts {inspection.total_recommendations}"
                problems.add(
                    narrative.location,
                    f'[[narrative {narrative.inspection_id} ...]] names recommendation {number}, which inspection "{narrative.inspection_id}" does not have ({counted})',
                    "correct the number in the marker, or add the recommendation to the inspection",
                )
            key = (narrative.inspection_id, number)
            if key in seen:
                problems.add(
                    narrative.location,
                    f'recommendation {number} of "{narrative.inspection_id}" already has its narrative, after the marker at line {seen[key]}',
                    "a position has one narrative: remove one of the two markers, or put the two texts under one marker",
                )
            seen.setdefault(key, narrative.location.line)
