"""Status charts: geometry computed here, markup in a template.

One bar per inspection, stacked by status-table column. The dashboard's
chart is drawn from the same status tables the inspection pages show; a
paper's figure ([[status-chart <caption>]], e.g. Figure 1 of the 18
September 2024 paper) from the status tables that paper states. The
template (status-chart.svg.j2) draws it; the table beside each chart reads
the same bars, so chart and table cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.statuses import COLUMNS, NOT_STATED
from generator.derive.records import InspectionRecord
from generator.model.objects import Inspection, Paper
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

    inspection: Inspection
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
    title: str = "Status of recommendations for each inspection"
    key: str = "status-chart"  # prefix of the SVG's ids, one chart's apart from another's
    categories: tuple[tuple[str, str], ...] = CATEGORIES
    label_x: int = LABEL_WIDTH - 8


def category_counts(counts: StatusCounts) -> dict[str, int]:
    """A status table's figures by chart category; the rest of the total is "not stated"."""
    stated = {column.name: getattr(counts, column.field) for column in COLUMNS}
    return {**stated, "not-stated": max(counts.total - sum(stated.values()), 0)}


def status_chart(records: list[InspectionRecord]) -> Chart:
    """The dashboard's chart: each inspection's current status table."""
    return chart_of([(record.inspection, record.status_table.counts) for record in records])


def paper_chart(paper: Paper, inspections: dict[str, Inspection], caption: str) -> Chart:
    """A paper's figure: the status tables the paper states, in its order, titled by its caption."""
    rows = [(inspections[block.inspection_id], block.stated_counts) for block in paper.inspection_positions if block.stated_counts]
    return chart_of(rows, caption, f"figure-{paper.identifier}")


def chart_of(rows: list[tuple[Inspection, StatusCounts]], title: str = Chart.title, key: str = Chart.key) -> Chart:
    """Bars scaled to the largest total, one per inspection, below the legend."""
    largest = max((counts.total for _, counts in rows), default=1) or 1
    scale = BAR_AREA_WIDTH / largest
    bars = [_bar(inspection, counts, LEGEND_HEIGHT + index * (BAR_HEIGHT + BAR_GAP), scale) for index, (inspection, counts) in enumerate(rows)]
    legend = [LegendItem(category, label, index * 150) for index, (category, label) in enumerate(CATEGORIES)]
    height = LEGEND_HEIGHT + len(rows) * (BAR_HEIGHT + BAR_GAP)
    return Chart(LABEL_WIDTH + BAR_AREA_WIDTH + TOTAL_WIDTH, height, bars, legend, title, key)


def _bar(inspection: Inspection, counts: StatusCounts, y: float, scale: float) -> Bar:
    labels = dict(CATEGORIES)
    x = float(LABEL_WIDTH)
    segments = []
    for category, count in category_counts(counts).items():
        if count:
            segments.append(Segment(category, labels[category], count, x, count * scale))
            x += count * scale
    return Bar(inspection, y, counts.total, segments)
