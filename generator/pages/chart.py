"""The dashboard's status chart: geometry computed here, markup in a template.

One bar per inspection, stacked by status-table column, from the same
status tables the inspection pages show. The template
(status-chart.svg.j2) draws it; the dashboard's table beside the chart
reads the same bars, so chart and table cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.statuses import COLUMNS, NOT_STATED
from generator.derive.records import InspectionRecord
from generator.model.positions import StatusCounts

# The status-table columns, and the rest of the total, which no paper states.
CATEGORIES = (*((column.name, column.label) for column in COLUMNS), ("not-stated", NOT_STATED))
LABEL_WIDTH = 190
BAR_AREA_WIDTH = 400
TOTAL_WIDTH = 40
BAR_HEIGHT = 26
BAR_GAP = 14
LEGEND_HEIGHT = 44
MIN_WIDTH_FOR_LABEL = 22


@dataclass(frozen=True)
class Segment:
    """One status's part of a bar."""

    category: str
    label: str
    count: int
    x: float
    width: float

    @property
    def centre(self) -> float:
        return self.x + self.width / 2

    @property
    def labelled(self) -> bool:
        """Wide enough to carry its count inside."""
        return self.width >= MIN_WIDTH_FOR_LABEL


@dataclass(frozen=True)
class Bar:
    """One inspection's bar and the figures it shows."""

    record: InspectionRecord
    y: float
    total: int
    segments: list[Segment]

    @property
    def counts(self) -> dict[str, int]:
        """Every category's count, zero included, in CATEGORIES order."""
        shown = {segment.category: segment.count for segment in self.segments}
        return {category: shown.get(category, 0) for category, _ in CATEGORIES}

    @property
    def end(self) -> float:
        return self.segments[-1].x + self.segments[-1].width if self.segments else LABEL_WIDTH


@dataclass(frozen=True)
class LegendItem:
    category: str
    label: str
    x: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    legend: list[LegendItem]
    categories: tuple[tuple[str, str], ...] = CATEGORIES
    label_x: int = LABEL_WIDTH - 8


def category_counts(counts: StatusCounts) -> dict[str, int]:
    """A status table's figures by chart category; the rest of the total is "not stated"."""
    stated = {column.name: getattr(counts, column.field) for column in COLUMNS}
    return {**stated, "not-stated": max(counts.total - sum(stated.values()), 0)}


def status_chart(records: list[InspectionRecord]) -> Chart:
    """Bars scaled to the largest total, one per inspection, below the legend."""
    largest = max((record.status_table.counts.total for record in records), default=1) or 1
    scale = BAR_AREA_WIDTH / largest
    bars = [_bar(record, LEGEND_HEIGHT + index * (BAR_HEIGHT + BAR_GAP), scale) for index, record in enumerate(records)]
    legend = [LegendItem(category, label, index * 150) for index, (category, label) in enumerate(CATEGORIES)]
    height = LEGEND_HEIGHT + len(records) * (BAR_HEIGHT + BAR_GAP)
    return Chart(LABEL_WIDTH + BAR_AREA_WIDTH + TOTAL_WIDTH, height, bars, legend)


def _bar(record: InspectionRecord, y: float, scale: float) -> Bar:
    labels = dict(CATEGORIES)
    x = float(LABEL_WIDTH)
    segments = []
    for category, count in category_counts(record.status_table.counts).items():
        if count:
            segments.append(Segment(category, labels[category], count, x, count * scale))
            x += count * scale
    return Bar(record, y, record.status_table.counts.total, segments)
