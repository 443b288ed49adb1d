"""Stage 2, validate: check each file against its kind's schema.

Walks the parsed YAML beside the schema declaration, collecting every
problem with its line, column and key path, and returns plain Python values
(str, int, PaperDate, dict, list) for the model stage. A value that fails its
check is left out of the result, so later stages never see it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.common.problems import Location, Problems
from generator.content.dates import ACCEPTED_FORMS, FULL_DATE_FORMS, DateError, PaperDate, Precision, parse_date
from generator.content.load import SourceFile
from generator.content.schema import (
    IDENTIFIER_PATTERN,
    ActionNumber,
    Choice,
    Date,
    Integer,
    ListOf,
    MapOf,
    Mapping,
    Markdown,
    Node,
    Ref,
    Text,
)
from generator.markup.untrusted import first_per_line, markdown_findings

IDENTIFIER = re.compile(IDENTIFIER_PATTERN)
ACTION_NUMBER = re.compile(r"^\d+\.\d+$")


class Invalid:
    """Marks a value that failed validation and must not be used."""


INVALID = Invalid()


@dataclass(frozen=True)
class Place:
    """Where a value sits: its file, line, column and key path."""

    source: SourceFile
    line: int
    column: int
    key_path: str

    def location(self) -> Location:
        return Location(self.source.path, self.line, self.column)

    def child(self, line: int, column: int, key_path: str) -> Place:
        return Place(self.source, line + self.source.line_offset, column, key_path)


def validate_source(source: SourceFile, problems: Problems) -> dict[str, Any]:
    """The file's values, checked against its kind; problems are collected."""
    if not IDENTIFIER.match(source.identifier):
        problems.add(
            Location(source.path, 1, 1),
            f'the file name "{source.path.name}" is not an identifier',
            "rename it with lower-case letters, digits and hyphens only, e.g. 2024-09-18-progress-summary",
        )
    place = Place(source, 1 + source.line_offset, 1, "")
    checked = _check(source.kind.root, source.data, place, problems)
    return checked if isinstance(checked, dict) else {}


def _check(node: Node, value: Any, place: Place, problems: Problems) -> Any:
    checker = _CHECKERS[type(node)]
    return checker(node, value, place, problems)


def _name(place: Place) -> str:
    return f'"{place.key_path}"' if place.key_path else "the file"


def _wrong_type(place: Place, problems: Problems, expected: str, value: Any, fix: str) -> Invalid:
    problems.add(place.location(), f"{_name(place)} must be {expected}, not {_describe(value)}", fix)
    return INVALID


def _describe(value: Any) -> str:
    if isinstance(value, (CommentedMap, dict)):
        return "a group of fields"
    if isinstance(value, (CommentedSeq, list)):
        return "a list"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if value is None:
        return "nothing"
    return f'"{value}"'


def _check_text(node: Text | Markdown, value: Any, place: Place, problems: Problems) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, (float, dict, list)):
        fix = 'write the text after the colon; put it in double quotes if it looks like a number or is "true"/"false"'
        return _wrong_type(place, problems, "text", value, fix)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if not text.strip():
        problems.add(place.location(), f"{_name(place)} is empty", "write the text, or remove the field if it is optional")
        return INVALID
    return text


def _check_markdown(node: Markdown, value: Any, place: Place, problems: Problems) -> Any:
    """Text read as Markdown: also nothing that could run in a browser."""
    text = _check_text(node, value, place, problems)
    if isinstance(text, str):
        for finding in first_per_line(markdown_findings(text)):
            problems.add(place.location(), f"{_name(place)}: {finding.message}", finding.fix)
    return text


def _check_integer(node: Integer, value: Any, place: Place, problems: Problems) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        return _wrong_type(place, problems, "a whole number", value, f"write a whole number such as {max(node.minimum, 1)}")
    if value < node.minimum:
        problems.add(place.location(), f"{_name(place)} must be at least {node.minimum}, not {value}", f"write a number of {node.minimum} or more")
        return INVALID
    return value


def _check_date(node: Date, value: Any, place: Place, problems: Problems) -> Any:
    if value is None and node.when_empty:
        problems.add(place.location(), f"{_name(place)} has no date", node.when_empty)
        return INVALID
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PaperDate(value.isoformat(), value, Precision.DAY)
    if not isinstance(value, str):
        return _wrong_type(place, problems, "a date", value, f"write it as {FULL_DATE_FORMS if node.full else ACCEPTED_FORMS}")
    forms = FULL_DATE_FORMS if node.full else ACCEPTED_FORMS
    try:
        date = parse_date(value)
    except DateError as error:
        problems.add(place.location(), f"{_name(place)} is not a date: {error}", f"write it as {forms}")
        return INVALID
    if node.full and date.precision is not Precision.DAY:
        problems.add(place.location(), f'{_name(place)} must be a full date with the day, not "{date.text}"', f"write it as {forms}")
        return INVALID
    return date


def _check_ref(node: Ref, value: Any, place: Place, problems: Problems) -> Any:
    if not isinstance(value, str) or not IDENTIFIER.match(value):
        fix = f"write the identifier of a {node.kind}: its file name without the extension"
        return _wrong_type(place, problems, f"the identifier of a {node.kind}", value, fix)
    return value


def _check_action_number(node: ActionNumber, value: Any, place: Place, problems: Problems) -> Any:
    if isinstance(value, str) and ACTION_NUMBER.match(value):
        return value
    fix = 'write the recommendation number, a dot and the action number, in quotes: "1.1"'
    return _wrong_type(place, problems, 'an action number such as "1.1"', value, fix)


def _check_choice(node: Choice, value: Any, place: Place, problems: Problems) -> Any:
    if isinstance(value, str) and value in node.choices:
        return value
    allowed = ", ".join(node.choices)
    close = difflib.get_close_matches(str(value), node.choices, n=1)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    problems.add(place.location(), f"{_name(place)} has an unknown value {_describe(value)}", f"{hint}use one of: {allowed}")
    return INVALID


def _check_list(node: ListOf, value: Any, place: Place, problems: Problems) -> Any:
    if not isinstance(value, CommentedSeq):
        return _wrong_type(place, problems, "a list", value, 'write each entry on its own line starting with "- "')
    if len(value) < node.min_items:
        problems.add(place.location(), f"{_name(place)} is empty", "add at least one entry")
        return INVALID
    checked = []
    for index, item in enumerate(value):
        line, column = value.lc.item(index)
        item_place = place.child(line + 1, column + 1, f"{place.key_path}[{index}]")
        result = _check(node.item, item, item_place, problems)
        if result is not INVALID:
            checked.append(result)
    return checked


def _check_mapping(node: Mapping, value: Any, place: Place, problems: Problems) -> Any:
    if not isinstance(value, CommentedMap):
        return _wrong_type(place, problems, "a group of fields", value, "write one field per line as name: value, indented under it")
    _report_unknown_keys(node, value, place, problems)
    checked: dict[str, Any] = {"__line__": place.line, "__column__": place.column}
    for key in node.keys:
        if key.name not in value:
            if key.required:
                problems.add(place.location(), f'{_within(place)}missing required field "{key.name}"', f'add "{key.name}:" with {_lower_first(key.node.description)}')
            continue
        result = _check(key.node, value[key.name], _value_place(value, key.name, place), problems)
        if result is not INVALID:
            checked[key.name] = result
    return checked


def _check_map_of(node: MapOf, value: Any, place: Place, problems: Problems) -> Any:
    if not isinstance(value, CommentedMap):
        return _wrong_type(place, problems, "a group of named entries", value, "write each entry as name: followed by its fields, indented")
    checked: dict[str, Any] = {}
    for name in value:
        entry_place = _value_place(value, name, place)
        if not isinstance(name, str) or not IDENTIFIER.match(name):
            problems.add(entry_place.location(), f'the name "{name}" is not an identifier', "use lower-case letters, digits and hyphens only")
            continue
        result = _check(node.value, value[name], entry_place, problems)
        if result is not INVALID:
            checked[name] = result
    return checked


def _value_place(mapping: CommentedMap, key: str, place: Place) -> Place:
    line, column = mapping.lc.key(key)
    key_path = f"{place.key_path}.{key}" if place.key_path else str(key)
    return place.child(line + 1, column + 1, key_path)


def _within(place: Place) -> str:
    return f"{place.key_path}: " if place.key_path else ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _report_unknown_keys(node: Mapping, value: CommentedMap, place: Place, problems: Problems) -> None:
    allowed = [key.name for key in node.keys]
    for key in value:
        if key in allowed:
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        fix = f'did you mean "{close[0]}"?' if close else f"remove it; the fields here are: {', '.join(allowed)}"
        problems.add(_value_place(value, key, place).location(), f'{_within(place)}unknown field "{key}"', fix)


_CHECKERS: dict[type, Any] = {
    Text: _check_text,
    Markdown: _check_markdown,
    Integer: _check_integer,
    Date: _check_date,
    Ref: _check_ref,
    ActionNumber: _check_action_number,
    Choice: _check_choice,
    ListOf: _check_list,
    Mapping: _check_mapping,
    MapOf: _check_map_of,
}
