"""The JSON Schemas and the reference are generated, current, and agree with validation."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from generator.cli import main
from generator.commands.schemas import kind_schema, reference_markdown
from generator.content.load import discover
from generator.content.schema import KINDS
from tests.conftest import CONTENT, ROOT


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_committed_schema_is_current(kind: Any) -> None:
    committed = json.loads((ROOT / "schemas" / f"{kind.name}.schema.json").read_text(encoding="utf-8"))
    assert committed == kind_schema(kind), "run: python -m generator schemas"


EXAMPLES = ROOT / "docs" / "examples"


def test_committed_reference_is_current() -> None:
    """The reference depends on the schema and docs/examples/ only: editing content/ never makes it stale."""
    assert (ROOT / "docs" / "reference.md").read_text(encoding="utf-8") == reference_markdown(EXAMPLES), "run: python -m generator schemas"


def test_the_reference_examples_are_valid_together(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/examples/ is a small content tree of its own: every example passes --strict."""
    assert main(["validate", "--strict", "--content", str(EXAMPLES)]) == 0, capsys.readouterr().err
    assert {kind.name for kind in KINDS} == {kind.name for kind, _ in discover(EXAMPLES)}


def plain(value: Any) -> Any:
    """YAML as an editor's tool sees it: dates stay text."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[0].removeprefix("---\n") if path.suffix == ".md" else text


def test_every_bundled_file_passes_its_json_schema() -> None:
    checked = 0
    for kind, path in discover(CONTENT):
        data = plain(YAML(typ="safe").load(front_matter(path)))
        jsonschema.validate(data, kind_schema(kind))
        checked += 1
    assert checked >= 15


def test_json_schema_rejects_what_validation_rejects() -> None:
    meeting = next(k for k in KINDS if k.name == "meeting")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"committee": "C", "date": "Sept 2024", "location": "x", "agenda": [{"paper": "a"}]}, kind_schema(meeting))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"committee": "C", "date": "2024-09", "location": "x", "agenda": [{"paper": "a"}], "extra": 1}, kind_schema(meeting))
