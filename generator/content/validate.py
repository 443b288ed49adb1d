"""Validate: check each file against its kind's schema.

Walks the parsed YAML beside the schema declaration, collecting every
problem with its line, column and key path, and returns plain Python values
(str, int, PaperDate, dict, list) for the model stage. A value that fails its
check is left out of the result, so later stages never see it.
"""

from __future__ import annotations

import datetime as dt
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
    Flag,
    Integer,
    ListOf,
    MapOf,
    Mapping,
    Markdown,
    Node,
    Ref,
    Text,
)
from generator.content.spelling import spelling_of
from generator.markup.markdown_checks import markdown_shape
from generator.markup.untrusted import Finding, first_per_line, markdown_findings

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
    empty_allowed = isinstance(node, Text) and node.empty
    if isinstance(value, bool) or value is None or isinstance(value, (float, dict, list)):
        fix = 'write "" for an empty cell' if empty_allowed and value is None else 'write the text after the colon; put it in double quotes if it looks like a number or is "true"/"false"'
        return _wrong_type(place, problems, "text", value, fix)
    if empty_allowed and value == "":
        return value
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
        for finding in [*first_per_line(markdown_findings(text)), *markdown_shape(text)]:
            problems.add(_text_location(place, text, finding), f"{_name(place)}: {finding.message}", finding.fix)
    return text


def _text_location(place: Place, text: str, finding: Finding) -> Location:
    """Where a finding in a text field is in the file, read from the field's own line.

    A block (after "|" or ">") starts on the next line, indented; text on the
    field's line starts after "name: " (and its quote mark, if quoted).
    Where the file cannot say (a quoted text with \\n in it), the field.
    """
    name = place.key_path.rsplit(" > ", 1)[-1]
    line = place.source.line(place.line)
    start = place.column - 1 + len(name) + 1
    if line[place.column - 1 : start] != f"{name}:":
        return place.location()
    value = line[start:].lstrip()
    column = len(line) - len(value) + 1
    if value[:1] in ("|", ">"):
        content = place.source.line(place.line + finding.line)
        return Location(place.source.path, place.line + finding.line, len(content) - len(content.lstrip()) + finding.column)
    if finding.line > 1:
        return place.location()
    return Location(place.source.path, place.line, column + finding.column - (0 if value[:1] in "\"'" else 1))


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


def _check_flag(node: Flag, value: Any, place: Place, problems: Problems) -> Any:
    if isinstance(value, bool):
        return value
    return _wrong_type(place, problems, "true or false", value, "write true, or remove the field")


def _check_choice(node: Choice, value: Any, place: Place, problems: Problems) -> Any:
    if isinstance(value, str) and value in node.choices:
        return value
    allowed = ", ".join(node.choices)
    close = spelling_of(str(value), node.choices)
    hint = f'did you mean "{close}"? ' if close else ""
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
        item_place = place.child(line + 1, column + 1, _entry_path(place.key_path, index))
        result = _check(node.item, item, item_place, problems)
        if result is not INVALID:
            checked.append(result)
    if node.unique:
        _check_unique(node.unique, checked, place, problems)
    return checked


def _check_unique(name: str, entries: list[Any], place: Place, problems: Problems) -> None:
    """The same term twice would give it two meanings, and its page two anchors of one name."""
    first: dict[Any, int] = {}
    for entry in entries:
        if not isinstance(entry, dict) or name not in entry:
            continue
        value = entry[name]
        if value in first:
            where = Location(place.source.path, entry["__line__"], entry["__column__"])
            problems.add(where, f'the {name} "{value}" is given twice (first at line {first[value]})', f"give each {name} once, with one entry; remove or merge this one")
        else:
            first[value] = entry["__line__"]


def _check_mapping(node: Mapping, value: Any, place: Place, problems: Problems) -> Any:
    if not isinstance(value, CommentedMap):
        return _wrong_type(place, problems, "a group of fields", value, "write one field per line as name: value, indented under it")
    _report_unknown_keys(node, value, place, problems)
    checked: dict[str, Any] = {"__line__": place.line, "__column__": place.column, "__fields__": {}}
    for key in node.keys:
        if key.name not in value:
            if key.required:
                problems.add(place.location(), f'{_within(place)}missing required field "{key.name}"', f'add "{key.name}:" with {_lower_first(key.node.description)}')
            continue
        key_place = _value_place(value, key.name, place)
        checked["__fields__"][key.name] = (key_place.line, key_place.column)
        result = _check(key.node, value[key.name], key_place, problems)
        if result is not INVALID:
            checked[key.name] = result
    if node.rows_match_columns:
        _check_row_widths(value, checked, place, problems)
    return checked


def _check_row_widths(value: CommentedMap, checked: dict[str, Any], place: Place, problems: Problems) -> None:
    """A row with a cell too few (or too many) would shift its cells under the wrong headings."""
    columns, rows = checked.get("columns"), value.get("rows")
    if not isinstance(columns, list) or not isinstance(rows, CommentedSeq):
        return
    for index, row in enumerate(rows):
        if isinstance(row, CommentedSeq) and len(row) != len(columns):
            line, column = rows.lc.item(index)
            row_place = place.child(line + 1, column + 1, _entry_path(f"{place.key_path} > rows", index))
            problems.add(
                row_place.location(),
                f"{_name(row_place)} has {len(row)} cells but the table has {len(columns)} columns",
                'give every row one cell per column, in order; write "" for an empty cell',
            )


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
    key_path = f"{place.key_path} > {key}" if place.key_path else str(key)
    return place.child(line + 1, column + 1, key_path)


def _entry_path(key_path: str, index: int) -> str:
    """An entry of a list, counted from 1 as an editor counts: "positions entry 2"."""
    return f"{key_path} > entry {index + 1}" if re.search(r"entry \d+$", key_path) else f"{key_path} entry {index + 1}"


def _within(place: Place) -> str:
    return f"{place.key_path}: " if place.key_path else ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _report_unknown_keys(node: Mapping, value: CommentedMap, place: Place, problems: Problems) -> None:
    allowed = [key.name for key in node.keys]
    for key in value:
        if key in allowed:
            continue
        if str(key)[:1].isspace():
            fix = "replace the spaces at the start of the line with ordinary spaces"
            message = f'{_within(place)}the field "{str(key).strip()}" is indented with a non-breaking space, which YAML does not count as indentation'
            problems.add(_value_place(value, key, place).location(), message, fix)
            continue
        close = spelling_of(str(key), allowed)
        fix = f'did you mean "{close}"?' if close else f"remove it; the fields here are: {', '.join(allowed)}"
        problems.add(_value_place(value, key, place).location(), f'{_within(place)}unknown field "{key}"', fix)


_CHECKERS: dict[type, Any] = {
    Text: _check_text,
    Markdown: _check_markdown,
    Integer: _check_integer,
    Date: _check_date,
    Ref: _check_ref,
    ActionNumber: _check_action_number,
    Flag: _check_flag,
    Choice: _check_choice,
    ListOf: _check_list,
    Mapping: _check_mapping,
    MapOf: _check_map_of,
}
