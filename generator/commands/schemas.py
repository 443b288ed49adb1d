"""The editors' JSON Schemas and format reference, generated from schema.py.

`python -m generator schemas` writes `schemas/<kind>.schema.json` and
`docs/reference.md`; a test fails when the committed copies are stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.content.dates import ACCEPTED_FORMS, MONTHS
from generator.content.schema import (
    IDENTIFIER_PATTERN,
    KINDS,
    ActionNumber,
    Choice,
    Date,
    Flag,
    Integer,
    Kind,
    ListOf,
    MapOf,
    Mapping,
    Markdown,
    Node,
    Ref,
    Text,
)

TEMPLATES_PATH = Path(__file__).parent.parent / "templates"
DATE_PATTERN = r"^(\d{4}-\d{2}(-\d{2})?|\d{1,2}/\d{1,2}/\d{4}|(\d{1,2} )?(" + "|".join(MONTHS) + r") \d{4})$"
FULL_DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2} (" + "|".join(MONTHS) + r") \d{4})$"


def add_parser(commands: Any) -> None:
    schemas = commands.add_parser("schemas", help="write the JSON Schemas and the format reference from the schema")
    schemas.add_argument("--examples", type=Path, default=Path("docs/examples"), help="folder of example files, laid out as content/ (default %(default)s)")
    schemas.set_defaults(run=run_schemas)


def run_schemas(arguments: argparse.Namespace) -> int:
    for path in write_all(arguments.examples, Path("schemas"), Path("docs/reference.md")):
        print(f"wrote {path}", file=sys.stderr)
    return 0


def json_schema(node: Node) -> dict[str, Any]:
    """The JSON Schema of a node (draft 2020-12), for editors' tools."""
    schema: dict[str, Any] = {"description": node.description}
    if isinstance(node, (Text, Markdown)):
        schema["type"] = ["string", "integer"]
    elif isinstance(node, Integer):
        schema.update(type="integer", minimum=node.minimum)
    elif isinstance(node, Date):
        schema.update(type="string", pattern=FULL_DATE_PATTERN if node.full else DATE_PATTERN)
    elif isinstance(node, Ref):
        schema.update(type="string", pattern=IDENTIFIER_PATTERN)
    elif isinstance(node, ActionNumber):
        schema.update(type="string", pattern=r"^\d+\.\d+$")
    elif isinstance(node, Flag):
        schema["type"] = "boolean"
    elif isinstance(node, Choice):
        schema["enum"] = list(node.choices)
    elif isinstance(node, ListOf):
        schema.update(type="array", items=json_schema(node.item), minItems=node.min_items)
    elif isinstance(node, Mapping):
        schema.update(
            type="object",
            properties={key.name: json_schema(key.node) for key in node.keys},
            required=[key.name for key in node.keys if key.required],
            additionalProperties=False,
        )
    elif isinstance(node, MapOf):
        schema.update(type="object", propertyNames={"pattern": IDENTIFIER_PATTERN}, additionalProperties=json_schema(node.value))
    return schema


def kind_schema(kind: Kind) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind.name}.schema.json",
        "title": kind.summary,
        **json_schema(kind.root),
    }


def type_name(node: Node) -> str:
    """How the reference names a node's type."""
    if isinstance(node, ListOf):
        return f"list of {type_name(node.item)}"
    if isinstance(node, Choice):
        return "one of " + ", ".join(f"`{c}`" for c in node.choices)
    if isinstance(node, Ref):
        return f"{node.kind} identifier"
    if isinstance(node, Date) and node.full:
        return "full date (with the day)"
    names = {
        Text: "text",
        Markdown: "Markdown",
        Integer: "whole number",
        Flag: "true or false",
        Date: "date",
        ActionNumber: "action number",
        Mapping: "fields",
        MapOf: "named entries",
    }
    return names[type(node)]


def field_rows(node: Node, prefix: str = "") -> list[tuple[str, str, bool, str]]:
    """(key path, type, required, description), depth first."""
    rows: list[tuple[str, str, bool, str]] = []
    inner = node.item if isinstance(node, ListOf) else node.value if isinstance(node, MapOf) else node
    if isinstance(node, MapOf):
        prefix = f"{prefix}.<name>" if prefix else "<name>"
    elif isinstance(node, ListOf):
        prefix = f"{prefix}[]"
    if isinstance(inner, ListOf):
        return field_rows(inner, prefix)
    if not isinstance(inner, Mapping):
        return rows
    for key in inner.keys:
        path = f"{prefix}.{key.name}" if prefix else key.name
        rows.append((path, type_name(key.node), key.required, key.node.description))
        rows.extend(field_rows(key.node, path))
    return rows


def reference_markdown(examples_path: Path) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES_PATH), undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    kinds = []
    for kind in KINDS:
        location = f"content/{kind.folder}/<identifier>{kind.suffix}" if kind.folder else f"content/glossary{kind.suffix}"
        example_path = _example_path(examples_path, kind)
        example = example_path.read_text(encoding="utf-8") if example_path else None
        kinds.append({"kind": kind, "location": location, "rows": field_rows(kind.root), "example": example, "example_path": example_path})
    return env.get_template("reference.md.j2").render(kinds=kinds, date_forms=ACCEPTED_FORMS)


def _example_path(examples_path: Path, kind: Kind) -> Path | None:
    """The example of the kind in docs/examples/: a copy of a bundled file, kept apart
    so that editing content/ (adding a paper, a glossary term) never makes
    the reference stale; a test keeps the examples valid together."""
    folder = examples_path / kind.folder if kind.folder else examples_path
    candidates = sorted(folder.glob(f"*{kind.suffix}"), key=lambda p: (p.stat().st_size, p.name))
    if kind.name == "glossary":
        candidates = [p for p in candidates if p.name == "glossary.yml"]
    return candidates[0] if candidates else None


def write_all(examples_path: Path, schemas_path: Path, reference_path: Path) -> list[Path]:
    """Write every schema and the reference; return the files written."""
    schemas_path.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        target = schemas_path / f"{kind.name}.schema.json"
        target.write_text(json.dumps(kind_schema(kind), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(target)
    reference_path.write_text(reference_markdown(examples_path), encoding="utf-8")
    return [*written, reference_path]
