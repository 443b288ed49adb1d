"""Stage 1, load: read every content file, keeping YAML line numbers.

Files are read as bytes and decoded strictly, so a stray non-UTF-8 byte is
reported with its offset instead of turning into mojibake on the site. YAML
is read with ruamel.yaml's round-trip loader, which keeps the line and column
of every key and item for the messages of later stages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from generator import fastyaml
from generator.problems import Location, Problems
from generator.schema import KINDS, Kind

FRONT_MATTER_FENCE = "---"


@dataclass
class SourceFile:
    """One content file as read: its kind, identifier and parsed YAML."""

    path: Path
    kind: Kind
    identifier: str
    data: CommentedMap
    line_offset: int
    body: str = ""
    body_line: int = 1


def discover(content_path: Path) -> list[tuple[Kind, Path]]:
    """Every content file, by kind, in a stable order."""
    found: list[tuple[Kind, Path]] = []
    for kind in KINDS:
        if kind.name == "glossary":
            candidate = content_path / "glossary.yml"
            found.extend([(kind, candidate)] if candidate.is_file() else [])
            continue
        folder = content_path / kind.folder
        found.extend((kind, path) for path in sorted(folder.glob(f"*{kind.suffix}")))
    return found


def load_file(kind: Kind, path: Path, problems: Problems) -> SourceFile | None:
    text = read_text(path, problems)
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if kind.suffix == ".md":
        return _load_markdown(kind, path, text, problems)
    data = parse_yaml(path, text, 0, problems)
    if data is None:
        return None
    return SourceFile(path, kind, path.stem, data, 0)


def read_text(path: Path, problems: Problems) -> str | None:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.add(
            Location(path, line, 1),
            f"byte {error.start} (0x{raw[error.start]:02x}) is not UTF-8 text",
            "save the file as UTF-8",
        )
        return None


def _load_markdown(kind: Kind, path: Path, text: str, problems: Problems) -> SourceFile | None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        problems.add(
            Location(path, 1, 1),
            "the file does not start with front matter",
            'make the first line "---", then the front matter, then "---"',
        )
        return None
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER_FENCE), None)
    if closing is None:
        problems.add(
            Location(path, 1, 1),
            "the front matter is never closed",
            'add a line "---" after the front matter',
        )
        return None
    data = parse_yaml(path, "\n".join(lines[1:closing]), 1, problems)
    if data is None:
        return None
    body = "\n".join(lines[closing + 1 :])
    return SourceFile(path, kind, path.stem, data, 1, body, closing + 2)


def parse_yaml(path: Path, text: str, line_offset: int, problems: Problems) -> CommentedMap | None:
    """Parse YAML safely: plain data only, no anchors or aliases, no tags.

    libyaml reads ordinary files (see fastyaml); ruamel.yaml reads the rest
    and words the messages about broken YAML.
    """
    try:
        return _mapping_or_problem(path, fastyaml.load(text), line_offset, problems)
    except fastyaml.Unsupported:
        pass
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        data: Any = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        column = (mark.column + 1) if mark else 1
        what = (error.problem or "the YAML cannot be read").strip()
        problems.add(Location(path, line, column), f"YAML syntax: {what}", _yaml_fix(what))
        return None
    except YAMLError as error:
        problems.add(Location(path, 1 + line_offset, 1), f"YAML syntax: {error}", "correct the YAML")
        return None
    return _mapping_or_problem(path, data, line_offset, problems)


def _mapping_or_problem(path: Path, data: Any, line_offset: int, problems: Problems) -> CommentedMap | None:
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        problems.add(
            Location(path, 1 + line_offset, 1),
            "the file must hold named fields (key: value), not a list or a single value",
            "start each line with a field name and a colon",
        )
        return None
    return data


def _yaml_fix(what: str) -> str:
    if "duplicate key" in what or "found duplicate" in what:
        return "give each field once; remove or rename the repeated one"
    if "mapping values are not allowed" in what:
        return 'put text that contains ": " in double quotes'
    if "tab" in what:
        return "indent with spaces, not tabs"
    return "check the indentation and quoting on this line and the one before"
