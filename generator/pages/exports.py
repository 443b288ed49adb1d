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
from generator.content.statuses import STATUS_NAMES, label
from generator.derive.tracker import Change, TrackedRecommendation, Tracker
from generator.pages.addresses import data_file, paper_uri, recommendation_uri

DATE_PATTERN = r"^\d{4}-\d{2}(-\d{2})?$"
IDENTIFIER_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Value = str | int | bool | list[str] | None


@dataclass(frozen=True)
class Field:
    """A column of an export: name, type and what it means."""

    name: str
    type: str  # string, integer, boolean, date or list
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None


STATUS_CODES = STATUS_NAMES
STATUS_CHANGES = ("first-report", "changed", "first-stated", "unchanged", "no-longer-stated", "not-stated")
TARGET_CHANGES = ("moved", "first-stated", "unchanged", "no-longer-stated", "none")

RECOMMENDATION_FIELDS = (
    Field("inspection", "string", "Identifier of the inspection that made the recommendation.", True),
    Field("inspection_title", "string", "Title of the inspection.", True),
    Field("number", "integer", "The recommendation's number in the inspection.", True),
    Field("text", "string", "The recommendation as the papers quote it; empty when no paper held quotes it."),
    Field("lead", "string", "The lead named in the papers."),
    Field("themes", "list", "Themes (Governance, Guidelines, Compliance, Resources, Human Error, Better Practice); in CSV separated by '; '."),
    Field("status", "string", "Latest status stated by a paper; empty when none states one.", enum=STATUS_CODES),
    Field("status_label", "string", "The status in words.", True),
    Field("status_date", "date", "Date of the paper that stated the status."),
    Field("status_paper", "string", "Identifier of the paper that stated the status."),
    Field("status_paper_url", "string", "Address of that paper's page, relative to the site's root."),
    Field("initial_target", "date", "The first target date any paper gave."),
    Field("latest_target", "date", "The target date given by the latest paper that gives one."),
    Field("open", "boolean", "Whether no paper records it as closed, proposed or submitted for closure.", True),
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
    Field("reported_in", "string", "Whether the paper records a position, appends an improvement plan, or both.", True, ("position", "plan", "position and plan")),
    Field("status", "string", "Status the paper states; empty when it states none.", enum=STATUS_CODES),
    Field("status_label", "string", "The status in words.", True),
    Field("initial_target", "date", "Initial target date the paper gives."),
    Field("latest_target", "date", "The target date in force in this paper: its revision, else the initial one."),
    Field("narrative", "string", "What the paper says of the recommendation, verbatim (Markdown), where recorded."),
    Field("previous_paper", "string", "Identifier of the previous paper that reported on the recommendation."),
    Field("status_change", "string", "How the status differs from the previous paper's.", True, STATUS_CHANGES),
    Field("target_change", "string", "How the target date differs from the previous paper's.", True, TARGET_CHANGES),
)


def _iso(date: PaperDate | None) -> str | None:
    return date.iso if date else None


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
        "status_date": entry.paper.date.iso if entry else None,
        "status_paper": entry.paper.identifier if entry else None,
        "status_paper_url": paper_uri(entry.paper.identifier) if entry else None,
        "initial_target": _iso(tracked.initial_target),
        "latest_target": _iso(tracked.latest_target),
        "open": tracked.is_open,
        "months_since_inspection": tracked.months_since_published,
        "open_over_two_years": tracked.over_two_years,
        "reports": len(tracked.changes),
        "page_url": recommendation_uri(tracked.inspection.identifier, tracked.number),
    }


def position_values(change: Change) -> dict[str, Value]:
    """One paper's report on one recommendation, keyed by POSITION_FIELDS."""
    entry = change.entry
    reported_in = " and ".join(kind for kind, present in (("position", entry.position), ("plan", entry.plan)) if present)
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
        "initial_target": _iso(entry.initial_target),
        "latest_target": _iso(entry.latest_target),
        "narrative": entry.narrative,
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
    return {"fields": described, "primaryKey": primary_key, "missingValues": [""]}


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
    text: Callable[[Tracker], str]
    schema: Callable[[], dict[str, Any]]


EXPORTS = (
    Export(
        data_file("recommendations.csv"),
        "Recommendations (CSV)",
        "One row per recommendation: its inspection, number, text, lead, themes, latest status with its date and paper, targets and page.",
        RECOMMENDATION_FIELDS,
        data_file("recommendations.csv.schema.json"),
        lambda tracker: to_csv(RECOMMENDATION_FIELDS, recommendation_rows(tracker)),
        lambda: table_schema(RECOMMENDATION_FIELDS, ["inspection", "number"]),
    ),
    Export(
        data_file("recommendations.json"),
        "Recommendations (JSON)",
        "The same records as recommendations.csv, with themes as a list, under `recommendations`; `as_at` is the date of the latest paper held.",
        RECOMMENDATION_FIELDS,
        data_file("recommendations.schema.json"),
        recommendations_json,
        recommendations_json_schema,
    ),
    Export(
        data_file("positions.csv"),
        "Positions (CSV)",
        "One row per paper per recommendation it reports on, in date order, with what changed since the previous paper.",
        POSITION_FIELDS,
        data_file("positions.csv.schema.json"),
        lambda tracker: to_csv(POSITION_FIELDS, position_rows(tracker)),
        lambda: table_schema(POSITION_FIELDS, ["inspection", "number", "paper"]),
    ),
)


def export_files(tracker: Tracker) -> list[tuple[str, str]]:
    """(docs path, text) of every data file and its schema."""
    files = []
    for export in EXPORTS:
        files.append((export.docs_path, export.text(tracker)))
        files.append((export.schema_path, to_json(export.schema())))
    return files
