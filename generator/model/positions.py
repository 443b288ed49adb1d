"""Stage 3, model: what papers state of recommendations, as objects.

A position is what one paper states of one recommendation; stated counts
are the figures a paper gives for an inspection, in a table or in words.
Like model.py, nothing here reports problems: checks.py does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.common.problems import Location
from generator.content.dates import PaperDate
from generator.content.narratives import Narrative

Values = dict[str, Any]  # a validated mapping, with where each of its fields is written


def where(path: Path, values: Values) -> Location:
    """The location recorded for a validated mapping (content/validate.py records it)."""
    return Location(path, int(values.get("__line__", 1)), int(values.get("__column__", 1)))


def field_location(path: Path, values: Values, name: str) -> Location:
    """Where a field's name is written, for a message about its value."""
    line, column = values.get("__fields__", {}).get(name, (values.get("__line__", 1), values.get("__column__", 1)))
    return Location(path, int(line), int(column))


def complete(values: Values, *names: str) -> bool:
    """Whether every required value survived validation."""
    return all(name in values for name in names)


@dataclass(frozen=True)
class StatusCounts:
    total: int
    closed: int
    ongoing_on_track: int
    ongoing_delayed: int

    @property
    def open(self) -> int:
        return self.total - self.closed

    @property
    def pace_not_known(self) -> int:
        """Open, but counted in neither on track nor delayed."""
        return self.open - self.ongoing_on_track - self.ongoing_delayed


@dataclass(frozen=True)
class StatedCounts:
    """Figures a paper states for one inspection: its status table, or a
    sentence such as "This is the last remaining of 8 recommendations".
    A figure the paper does not give is None."""

    total: int | None
    closed: int | None
    ongoing_on_track: int | None
    ongoing_delayed: int | None
    open: int | None
    words: str | None  # the sentence, verbatim; None for a status table
    of: str  # "recommendations" or "areas-for-development"
    location: Location

    def given(self) -> dict[str, int]:
        """The figures stated, by name."""
        names = ("total", "closed", "ongoing_on_track", "ongoing_delayed", "open")
        return {name: value for name in names if (value := getattr(self, name)) is not None}


@dataclass
class Position:
    """What one paper states of one recommendation: its status in the
    paper's words, the initial target it restates, the revised target it
    states, or that the target was revised without a new date.

    `reopened` is where the editor wrote `reopened: true`: that the paper
    says the recommendation was reopened after an earlier paper recorded it
    discharged. It is the editor's acknowledgement, so contradictions.py
    expects the status after closed instead of warning of it.
    """

    inspection_id: str
    number: int
    status: str | None
    initial_target: PaperDate | None
    revised_target: PaperDate | None
    location: Location
    revised_without_date: bool = False
    narrative: Narrative | None = None
    reopened: Location | None = None


@dataclass
class InspectionPositions:
    inspection_id: str
    stated_counts: StatusCounts | None
    positions: list[Position]
    location: Location
    counts_location: Location
    stated: list[StatedCounts] = field(default_factory=list)

    @property
    def recommendation_counts(self) -> list[StatedCounts]:
        """Every figure stated about the recommendations: the table and the sentences."""
        return [counts for counts in self.stated if counts.of == "recommendations"]


def inspection_positions(path: Path, values: Values) -> InspectionPositions:
    stated = values.get("stated_counts")
    counts = None
    if stated and complete(stated, "total", "closed", "ongoing_on_track", "ongoing_delayed"):
        counts = StatusCounts(stated["total"], stated["closed"], stated["ongoing_on_track"], stated["ongoing_delayed"])
    positions = [
        Position(
            values["inspection"],
            p["number"],
            p.get("status"),
            p.get("initial_target"),
            p.get("revised_target"),
            where(path, p),
            p.get("target_revised") == "without a new date",
            reopened=field_location(path, p, "reopened") if p.get("reopened") is True else None,
        )
        for p in values.get("recommendations", [])
        if complete(p, "number")
    ]
    counts_location = where(path, stated) if stated else where(path, values)
    in_words = [_stated_counts(path, c, c.get("words")) for c in values.get("counts_in_words", []) if complete(c, "words")]
    table = [_stated_counts(path, stated, None)] if stated and counts else []
    return InspectionPositions(values["inspection"], counts, positions, where(path, values), counts_location, table + in_words)


def _stated_counts(path: Path, values: Values, words: str | None) -> StatedCounts:
    total, closed, on_track, delayed, remaining = (values.get(name) for name in ("total", "closed", "ongoing_on_track", "ongoing_delayed", "open"))
    return StatedCounts(total, closed, on_track, delayed, remaining, words, values.get("of", "recommendations"), where(path, values))


def with_narratives(blocks: list[InspectionPositions], narratives: list[Narrative]) -> list[InspectionPositions]:
    """Each narrative linked to its positions; a narrative about a
    recommendation with no position in the front matter records one with
    no status (the paper reports on it without stating a status)."""
    by_inspection = {block.inspection_id: block for block in blocks}
    for narrative in narratives:
        block = by_inspection.get(narrative.inspection_id)
        if block is None:
            block = by_inspection[narrative.inspection_id] = InspectionPositions(narrative.inspection_id, None, [], narrative.location, narrative.location)
            blocks.append(block)
        for number in narrative.numbers:
            position = next((p for p in block.positions if p.number == number), None)
            if position is None:
                position = Position(narrative.inspection_id, number, None, None, None, narrative.location)
                block.positions.append(position)
            if position.narrative is None:
                position.narrative = narrative
    return blocks
