"""Each vocabulary is declared once, and what uses it agrees with the declaration."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from generator.content.directives import DIRECTIVES
from generator.content.schema import KINDS, POSITION, STATED_COUNTS, Choice, ListOf, MapOf, Mapping
from generator.content.statuses import COLUMNS, OPEN_PACE, STATUS_NAMES, STATUSES
from generator.model.objects import Content, Inspection, Meeting, Paper, Plan, StatusCounts
from generator.pages.render import TEMPLATES_PATH, shared_environment


def test_every_directive_has_its_macro_in_the_blocks_template() -> None:
    module = shared_environment().get_template("blocks.html.j2").module
    for directive in DIRECTIVES.values():
        assert callable(getattr(module, directive.macro, None)), directive
        assert directive.argument in ("table", "inspection", "positions")


def test_the_schema_allows_exactly_the_declared_statuses() -> None:
    status = next(key.node for key in POSITION.keys if key.name == "status")
    assert isinstance(status, Choice)
    assert tuple(status.choices) == STATUS_NAMES == tuple(s.name for s in STATUSES)


def test_the_status_table_columns_are_the_stated_counts_and_the_counts_fields() -> None:
    fields = ("total", *(column.field for column in COLUMNS))
    assert tuple(key.name for key in STATED_COUNTS.keys) == fields
    assert tuple(field.name for field in dataclasses.fields(StatusCounts)) == fields
    # "open" (pace not stated) counts in no column of a status table: only in Total, as open.
    assert {status.column for status in STATUSES} == {*COLUMNS, OPEN_PACE}


def test_open_statuses_have_distinct_places_in_the_list_by_status() -> None:
    orders = [status.list_order for status in STATUSES if status.is_open]
    assert len(set(orders)) == len(orders) and 0 not in orders


def test_every_kind_is_declared_once_by_name() -> None:
    names = [kind.name for kind in KINDS]
    assert len(set(names)) == len(names)


# Where the model names a schema key differently, and why: references hold
# identifiers; a meeting's `location` would clash with the file location.
RENAMED = {
    "inspection": "inspection_id",
    "meeting": "meeting_id",
    "paper": "paper_id",
    "plan": "plan_id",
    "recommendation": "number",
    "total_recommendations": "stated_total",
    "positions": "inspection_positions",
}
RENAMED_IN = {
    ("Paper", "date"): "stated_date",
    ("Position", "target_revised"): "revised_without_date",
    ("InspectionPositions", "counts_in_words"): "stated",
    ("StatedCounts", "words"): "words",
    ("Meeting", "location"): "location_name",
    ("AreaForDevelopment", "actions"): "action_numbers",
    ("InspectionPositions", "recommendations"): "positions",
    ("Content", "terms"): "glossary",
}
MODEL_OF_KIND = {"inspection": Inspection, "meeting": Meeting, "paper": Paper, "plan": Plan, "glossary": Content}


def unmatched(mapping: Mapping, model: type[Any], where: str) -> list[str]:
    """Schema keys with no attribute of that name (or its known rename) on the model class, recursively."""
    hints = typing.get_type_hints(model)
    missing = []
    for key in mapping.keys:
        name = RENAMED_IN.get((model.__name__, key.name)) or (key.name if key.name in hints else RENAMED.get(key.name, key.name))
        if name not in hints:
            missing.append(f"{where}.{key.name}")
            continue
        node, hint = key.node, hints[name]
        while isinstance(node, (ListOf, MapOf)):
            node = node.item if isinstance(node, ListOf) else node.value
            arguments = typing.get_args(hint)
            hint = arguments[-1] if arguments else hint
        if isinstance(node, Mapping) and dataclasses.is_dataclass(hint):
            missing += unmatched(node, typing.cast(type[Any], hint), f"{where}.{key.name}")
    return missing


def test_every_schema_key_lands_on_a_model_attribute() -> None:
    missing = [key for kind in KINDS for key in unmatched(kind.root, MODEL_OF_KIND[kind.name], kind.name)]
    assert missing == []


def test_every_page_template_extends_the_base_page() -> None:
    """Front matter, breadcrumb and heading are written once, in page.md.j2."""
    pages = [path for path in TEMPLATES_PATH.glob("*.md.j2") if path.name not in ("page.md.j2", "reference.md.j2")]
    assert len(pages) >= 13
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert text.startswith('{% extends "page.md.j2" %}'), path.name
        assert "\n---\n" not in text and "blocks.breadcrumbs(" not in text, path.name
