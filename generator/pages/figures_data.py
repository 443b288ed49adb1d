"""Open data about figures: each inspection's one count, and every figure a
paper states (its status tables and its counts in words, with the words).

The inspection rows come from the same count the home page, the dashboard,
the inspection pages and the lists show (derive.standing), so a reader who
downloads them finds the site's figures; the stated rows are the papers'
own, so a reader can check one against the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.derive.derive import Derived
from generator.pages.addresses import inspection_uri, paper_uri

Value = str | int | bool | list[str] | None


@dataclass(frozen=True)
class Field:
    """A column of an export: name, type and what it means."""

    name: str
    type: str  # string, integer, boolean, date or list
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None


INSPECTION_FIELDS = (
    Field("inspection", "string", "Identifier of the inspection.", True),
    Field("inspection_title", "string", "Title of the inspection.", True),
    Field("published", "date", "When the inspection was published.", True),
    Field("total", "integer", "How many recommendations it made (those whose text no paper held gives included).", True),
    Field("closed", "integer", "Closed: discharged, completed, proposed or submitted for closure, or counted as closed by a paper's figures.", True),
    Field("ongoing_on_track", "integer", "Open and on track.", True),
    Field("ongoing_delayed", "integer", "Open and delayed.", True),
    Field("open_pace_not_stated", "integer", "Open (or not reported) with no paper saying whether on track or delayed.", True),
    Field("open", "integer", "Open: the total less those closed; the figure the home page, dashboard, inspection page and lists show.", True),
    Field("open_not_named", "integer", "Of those open, how many the papers count without naming them (not in recommendations.csv as open).", True),
    Field("figures_paper", "string", "Identifier of the paper whose figures count recommendations it does not name, where the count rests on them."),
    Field("page_url", "string", "Address of the inspection's page, relative to the site's root.", True),
)

STATED_FIELDS = (
    Field("paper", "string", "Identifier of the paper stating the figures.", True),
    Field("paper_date", "date", "Date of the paper.", True),
    Field("paper_url", "string", "Address of the paper's page, relative to the site's root.", True),
    Field("inspection", "string", "Identifier of the inspection the figures are about.", True),
    Field("of", "string", "What the figures count.", True, ("recommendations", "areas-for-development")),
    Field("source", "string", "Where the paper states them: its status table, or a sentence.", True, ("status table", "words")),
    Field("words", "string", "The sentence, verbatim, for figures stated in words."),
    Field("total", "integer", "Total, where stated."),
    Field("closed", "integer", "Closed, where stated."),
    Field("ongoing_on_track", "integer", "Ongoing – on track, where stated."),
    Field("ongoing_delayed", "integer", "Ongoing – delayed, where stated."),
    Field("open", "integer", "Open (remaining), where stated in words."),
)


def inspection_rows(derived: Derived) -> list[dict[str, Value]]:
    """One row per inspection: the site's one count."""
    rows: list[dict[str, Value]] = []
    for record in derived.inspections:
        counts = record.status_table.counts
        stated_by = record.status_table.stated_by
        rows.append(
            {
                "inspection": record.inspection.identifier,
                "inspection_title": record.inspection.title,
                "published": record.inspection.published.iso,
                "total": counts.total,
                "closed": counts.closed,
                "ongoing_on_track": counts.ongoing_on_track,
                "ongoing_delayed": counts.ongoing_delayed,
                "open_pace_not_stated": counts.pace_not_known,
                "open": counts.open,
                "open_not_named": derived.tracker.unnamed_in(record.inspection.identifier),
                "figures_paper": stated_by.identifier if stated_by else None,
                "page_url": inspection_uri(record.inspection.identifier),
            }
        )
    return rows


def stated_rows(derived: Derived) -> list[dict[str, Value]]:
    """One row per figure statement of a paper: a status table or a sentence."""
    rows: list[dict[str, Value]] = []
    for paper in derived.papers_by_date:
        for block in paper.inspection_positions:
            for stated in block.stated:
                row: dict[str, Value] = {
                    "paper": paper.identifier,
                    "paper_date": paper.date.iso,
                    "paper_url": paper_uri(paper.identifier),
                    "inspection": block.inspection_id,
                    "of": stated.of,
                    "source": "words" if stated.words else "status table",
                    "words": stated.words,
                }
                row.update({name: getattr(stated, name) for name in ("total", "closed", "ongoing_on_track", "ongoing_delayed", "open")})
                rows.append(row)
    return rows
