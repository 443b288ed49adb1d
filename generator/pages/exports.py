"""Open data: the tracker's records as CSV and JSON, with their schemas.

Each export is declared once as a list of fields; the CSV header, the
JSON records, the Table Schema (frictionless data) for each CSV, the JSON
Schema for the JSON and the data page's column lists all come from that
declaration, and every value from the tracker, so the files say what the
pages say. Dates are ISO 8601 in the precision the paper gave
(`2024-09-18` or `2024-09`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.content.dates import PaperDate
from generator.content.statuses import BY_NAME, IMPLIED_WORDS, SOURCES, VOCABULARY, label
from generator.derive.derive import Derived
from generator.derive.tracker import Change, TrackedRecommendation, Tracker
from generator.pages.addresses import data_file, paper_uri, recommendation_uri
from generator.pages.figures_data import INSPECTION_FIELDS, STATED_FIELDS, Field, Value, inspection_rows, stated_rows

DATE_PATTERN = r"^\d{4}-\d{2}(-\d{2})?$"
IDENTIFIER_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

STATUS_CODES = tuple(status.name for status in VOCABULARY)
STATUS_SOURCES = tuple(SOURCES)
STATUS_CHANGES = ("first-report", "changed", "first-stated", "unchanged", "no-longer-stated", "not-stated")
TARGET_CHANGES = ("moved", "first-stated", "unchanged", "revised-without-date", "none")

RECOMMENDATION_FIELDS = (
    Field("inspection", "string", "Identifier of the inspection that made the recommendation.", True),
    Field("inspection_title", "string", "Title of the inspection.", True),
    Field("number", "integer", "The recommendation's number in the inspection.", True),
    Field("text", "string", "The recommendation as the papers quote it; empty when no paper held quotes it."),
    Field("lead", "string", "The lead named in the papers."),
    Field("themes", "list", "Themes (Governance, Guidelines, Compliance, Resources, Human Error, Better Practice); in CSV separated by '; '."),
    Field("status", "string", "Latest status a paper states or its figures imply; empty when none does.", enum=STATUS_CODES),
    Field("status_label", "string", "The status in words.", True),
    Field(
        "status_source",
        "string",
        f'Where the status comes from: stated by the paper, implied by its status table (shown as "{IMPLIED_WORDS}") or by figures it states in words; empty when there is none.',
        enum=STATUS_SOURCES,
    ),
    Field("status_whose_word", "string", "Whose word the status is (HMICS, Police Scotland, or the paper's status table)."),
    Field("status_date", "date", "Date of the paper that stated or implied the status."),
    Field("status_paper", "string", "Identifier of that paper."),
    Field("status_paper_url", "string", "Address of that paper's page, relative to the site's root."),
    Field("counted_unnamed_in", "string", "Identifier of the paper whose figures count this recommendation without naming it or implying its status (then status is empty)."),
    Field("initial_target", "date", "The initial target, as the earliest paper that states it gives it."),
    Field("latest_target", "date", "The target in force: the latest revised target a paper states with its date, else the initial target."),
    Field("target_revised_without_date", "boolean", "The latest paper on it says the target was revised without giving a new date.", True),
    Field("open", "boolean", "Open by its latest status, or with none; false when closed or counted unnamed (see counted_unnamed_in).", True),
    Field("months_since_inspection", "integer", "Whole months from the inspection's publication to the latest paper held.", True),
    Field("open_over_two_years", "boolean", "Open and published more than 24 months before the latest paper held.", True),
    Field("reports", "integer", "How many papers report on it.", True),
    Field("page_url", "string", "Address of the recommendation's page, relative to the site's root.", True),
)

POSITION_FIELDS = (
    Field("inspection", "string", "Identifier of the inspection.", True),
    Field("number", "integer", "The recommendation's number in the inspection.", True),
    Field("paper", "string", "Identifier of the paper reporting on it.", True),
    Field("paper_date", "date", "Date of the paper.", True),
    Field("paper_title", "string", "Title of the paper.", True),
    Field("paper_url", "string", "Address of the paper's page, relative to the site's root.", True),
    Field(
        "reported_in",
        "string",
        "Whether the paper records a position, appends an improvement plan, or both; or only counts it in figures that imply its status.",
        True,
        ("position", "plan", "position and plan", "figures"),
    ),
    Field("status", "string", "Status the paper states, or its figures imply; empty when neither.", enum=STATUS_CODES),
    Field("status_label", "string", "The status in words.", True),
    Field("status_source", "string", "Where the status comes from: stated by the paper, or implied by its status table or by figures it states in words.", enum=STATUS_SOURCES),
    Field("stated_initial_target", "date", "The initial target the paper restates (or its appended plan's first date)."),
    Field("stated_revised_target", "date", "A revised target the paper states, with its date (or its appended plan's latest revision)."),
    Field("target_revised_without_date", "boolean", "The paper says the target was revised without giving a new date.", True),
    Field("stated_reopened", "boolean", "The paper says the recommendation was reopened after an earlier paper recorded it discharged by HMICS.", True),
    Field("target_in_force", "date", "The target in force after this paper: derived only from stated revisions."),
    Field("narrative", "string", "What the paper says of the recommendation, verbatim (Markdown), from the body text its marker links."),
    Field("previous_paper", "string", "Identifier of the previous paper that reported on the recommendation."),
    Field("status_change", "string", "How the status differs from the previous paper's.", True, STATUS_CHANGES),
    Field("target_change", "string", "How the target date differs from the previous paper's.", True, TARGET_CHANGES),
)


def _iso(date: PaperDate | None) -> str | None:
    return date.iso if date else None


def _whose(status: str | None) -> str | None:
    return BY_NAME[status].whose if status else None


def recommendation_values(tracked: TrackedRecommendation) -> dict[str, Value]:
    """One recommendation's record, keyed by RECOMMENDATION_FIELDS."""
    entry = tracked.status_entry
    recommendation = tracked.recommendation
    return {
        "inspection": tracked.inspection.identifier,
        "inspection_title": tracked.inspection.title,
        "number": tracked.number,
        "text": recommendation.text,
        "lead": recommendation.lead,
        "themes": list(recommendation.themes),
        "status": tracked.status,
        "status_label": tracked.status_label,
        "status_source": tracked.status_source,
        "status_whose_word": _whose(tracked.status),
        "status_date": entry.paper.date.iso if entry else None,
        "status_paper": entry.paper.identifier if entry else None,
        "status_paper_url": paper_uri(entry.paper.identifier) if entry else None,
        "counted_unnamed_in": tracked.pooled_in.identifier if tracked.pooled_in else None,
        "initial_target": _iso(tracked.initial_target),
        "latest_target": _iso(tracked.latest_target),
        "target_revised_without_date": tracked.revised_since,
        "open": tracked.is_open,
        "months_since_inspection": tracked.months_since_published,
        "open_over_two_years": tracked.over_two_years,
        "reports": len(tracked.changes),
        "page_url": recommendation_uri(tracked.inspection.identifier, tracked.number),
    }


def position_values(change: Change) -> dict[str, Value]:
    """One paper's report on one recommendation, keyed by POSITION_FIELDS."""
    entry = change.entry
    reported_in = " and ".join(kind for kind, present in (("position", entry.position), ("plan", entry.plan)) if present) or "figures"
    return {
        "inspection": change.recommendation.inspection_id,
        "number": change.recommendation.number,
        "paper": entry.paper.identifier,
        "paper_date": entry.paper.date.iso,
        "paper_title": entry.paper.title,
        "paper_url": paper_uri(entry.paper.identifier),
        "reported_in": reported_in,
        "status": entry.status,
        "status_label": label(entry.status),
        "status_source": entry.status_source,
        "stated_initial_target": _iso(entry.initial_target),
        "stated_revised_target": _iso(entry.revised_target),
        "target_revised_without_date": entry.revised_without_date,
        "stated_reopened": entry.stated_reopened,
        "target_in_force": _iso(change.target_in_force),
        "narrative": entry.narrative.text if entry.narrative else None,
        "previous_paper": change.previous.paper.identifier if change.previous else None,
        "status_change": change.status_change,
        "target_change": change.target_change,
    }


def recommendation_rows(tracker: Tracker) -> list[dict[str, Value]]:
    return [recommendation_values(tracked) for tracked in tracker.recommendations]


def position_rows(tracker: Tracker) -> list[dict[str, Value]]:
    return [position_values(change) for tracked in tracker.recommendations for change in tracked.changes]


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def to_csv(fields: tuple[Field, ...], rows: list[dict[str, Value]]) -> str:
    """RFC 4180 CSV with a header row (the csv module's quoting, CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([f.name for f in fields])
    for row in rows:
        writer.writerow([_csv_cell(row[f.name]) for f in fields])
    return buffer.getvalue()


def to_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def recommendations_json(tracker: Tracker) -> str:
    as_at = tracker.as_at.date.iso if tracker.as_at else None
    return to_json({"as_at": as_at, "recommendations": recommendation_rows(tracker)})


_TABLE_TYPES = {"string": "string", "integer": "integer", "boolean": "boolean", "date": "string", "list": "string"}


def table_schema(fields: tuple[Field, ...], primary_key: list[str]) -> dict[str, Any]:
    """A Table Schema (https://specs.frictionlessdata.io/table-schema/) for a CSV export."""
    described = []
    for f in fields:
        constraints: dict[str, Any] = {"required": True} if f.required else {}
        if f.enum:
            constraints["enum"] = list(f.enum)
        if f.type == "date":
            constraints["pattern"] = DATE_PATTERN
        entry: dict[str, Any] = {"name": f.name, "type": _TABLE_TYPES[f.type], "description": f.description}
        if constraints:
            entry["constraints"] = constraints
        described.append(entry)
    schema: dict[str, Any] = {"fields": described, "missingValues": [""]}
    return {**schema, "primaryKey": primary_key} if primary_key else schema


def _json_property(f: Field) -> dict[str, Any]:
    if f.type == "list":
        return {"type": "array", "items": {"type": "string"}, "description": f.description}
    base: dict[str, Any] = {"type": "string" if f.type == "date" else f.type}
    if f.type == "date":
        base["pattern"] = DATE_PATTERN
    if f.enum:
        base["enum"] = list(f.enum) + ([] if f.required else [None])
    if not f.required:
        base["type"] = [base["type"], "null"]
    return {**base, "description": f.description}


def recommendations_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of recommendations.json."""
    record = {
        "type": "object",
        "properties": {f.name: _json_property(f) for f in RECOMMENDATION_FIELDS},
        "required": [f.name for f in RECOMMENDATION_FIELDS],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "HMICS recommendations and their latest status",
        "type": "object",
        "properties": {
            "as_at": {"type": ["string", "null"], "pattern": DATE_PATTERN, "description": "Date of the latest paper held: the date the figures are as at."},
            "recommendations": {"type": "array", "items": record},
        },
        "required": ["as_at", "recommendations"],
        "additionalProperties": False,
    }


@dataclass(frozen=True)
class Export:
    """A data file and what the data page says of it."""

    docs_path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    schema_path: str
    text: Callable[[Derived], str]
    schema: Callable[[], dict[str, Any]]


EXPORTS = (
    Export(
        data_file("recommendations.csv"),
        "Recommendations (CSV)",
        "One row per recommendation: its inspection, number, text, lead, themes, latest status with its date and paper, targets and page.",
        RECOMMENDATION_FIELDS,
        data_file("recommendations.csv.schema.json"),
        lambda derived: to_csv(RECOMMENDATION_FIELDS, recommendation_rows(derived.tracker)),
        lambda: table_schema(RECOMMENDATION_FIELDS, ["inspection", "number"]),
    ),
    Export(
        data_file("recommendations.json"),
        "Recommendations (JSON)",
        "The same records as recommendations.csv, with themes as a list, under `recommendations`; `as_at` is the date of the latest paper held.",
        RECOMMENDATION_FIELDS,
        data_file("recommendations.schema.json"),
        lambda derived: recommendations_json(derived.tracker),
        recommendations_json_schema,
    ),
    Export(
        data_file("positions.csv"),
        "Positions (CSV)",
        "One row per paper per recommendation it reports on, in date order, with what changed since the previous paper.",
        POSITION_FIELDS,
        data_file("positions.csv.schema.json"),
        lambda derived: to_csv(POSITION_FIELDS, position_rows(derived.tracker)),
        lambda: table_schema(POSITION_FIELDS, ["inspection", "number", "paper"]),
    ),
    Export(
        data_file("inspections.csv"),
        "Inspections (CSV)",
        "One row per inspection: the figures every page shows (total, closed, on track, delayed, open), including recommendations the papers count without naming.",
        INSPECTION_FIELDS,
        data_file("inspections.csv.schema.json"),
        lambda derived: to_csv(INSPECTION_FIELDS, inspection_rows(derived)),
        lambda: table_schema(INSPECTION_FIELDS, ["inspection"]),
    ),
    Export(
        data_file("stated-figures.csv"),
        "Figures the papers state (CSV)",
        "One row per status table or sentence of figures a paper states about an inspection, with the sentence verbatim: the papers' own figures, against which the site checks its positions.",
        STATED_FIELDS,
        data_file("stated-figures.csv.schema.json"),
        lambda derived: to_csv(STATED_FIELDS, stated_rows(derived)),
        lambda: table_schema(STATED_FIELDS, []),
    ),
)


def export_files(derived: Derived) -> list[tuple[str, str]]:
    """(docs path, text) of every data file and its schema."""
    files = []
    for export in EXPORTS:
        files.append((export.docs_path, export.text(derived)))
        files.append((export.schema_path, to_json(export.schema())))
    return files
