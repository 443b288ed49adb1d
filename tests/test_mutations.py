"""Whatever an editor does to the bundled content, validation answers with file and line.

Hypothesis mutates a copy of the bundled content: deletes a required key,
gives a value the wrong type, corrupts a date, cuts a file short or inserts
bytes that are not UTF-8. Each mutation below is known to break the content
(cutting a file short only when it cuts off a required field or the front
matter's end), and then validation must exit 1; a cut that leaves the file
valid may exit 0. Whatever happens, every line printed is a message naming
a file and a line, the offending line, or the summary: never a traceback.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.cli import main
from generator.commands.fmt import canonical_yaml
from generator.content import load
from generator.content.load import discover
from generator.content.schema import ActionNumber, Choice, Date, Integer, Kind, ListOf, MapOf, Mapping, Markdown, Node, Ref, Text
from tests.conftest import CONTENT, run_generator

FILES: dict[str, tuple[Kind, bytes]] = {path.relative_to(CONTENT).as_posix(): (kind, path.read_bytes()) for kind, path in discover(CONTENT)}
HEADLINE = re.compile(r"^(?P<path>/[^:]+):(?P<line>\d+):(?P<column>\d+): (warning: )?[^;]+; .+$")
SUMMARY = re.compile(r"^\d+ errors?, \d+ warnings?: (failed|passed with warnings.*)$")
NEVER_UTF8 = [0xC0, 0xC1, 0xF5, 0xF8, 0xFE, 0xFF]
BAD_DATES = ["31/02/2024", "30/02/2023", "31/04/2024", "31/09/2023", "32/01/2024", "0/05/2024", "15/13/2024", "Sept 2024", "18 Sept 2024", "Jan 2023", "2024-02-30", "2023-13", "2024-00-10", "soon"]
SETTINGS = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Slot:
    """A value in a file: its key path, its schema node, and whether its key is required."""

    path: tuple[str | int, ...]
    node: Node
    required_key: bool


def slots(node: Node, data: Any, path: tuple[str | int, ...] = ()) -> Iterator[Slot]:
    """Every value present in the data, beside the schema node that checks it."""
    if isinstance(node, Mapping) and isinstance(data, CommentedMap):
        for key in node.keys:
            if key.name in data:
                yield Slot((*path, key.name), key.node, key.required)
                yield from slots(key.node, data[key.name], (*path, key.name))
    elif isinstance(node, ListOf) and isinstance(data, CommentedSeq):
        for index, item in enumerate(data):
            yield Slot((*path, index), node.item, False)
            yield from slots(node.item, item, (*path, index))
    elif isinstance(node, MapOf) and isinstance(data, CommentedMap):
        for name in data:
            yield Slot((*path, name), node.value, False)
            yield from slots(node.value, data[name], (*path, name))


def wrong_value(node: Node) -> Any:
    """A value of a type the node never accepts."""
    if isinstance(node, (Text, Markdown, Date)):
        return ["not", "this"]
    if isinstance(node, Integer):
        return "many"
    if isinstance(node, Ref):
        return 42
    if isinstance(node, ActionNumber):
        return 1.5
    if isinstance(node, Choice):
        return "no-such-choice"
    return "not a group or a list"


def split(relative: str, raw: bytes) -> tuple[str, str]:
    """(YAML text, the rest): a paper's front matter and its closing fence plus body."""
    text = raw.decode("utf-8")
    if not relative.endswith(".md"):
        return text, ""
    front, _, body = text.removeprefix("---\n").partition("\n---\n")
    return front + "\n", "---\n" + body


@functools.cache
def parsed(relative: str) -> Any:
    """A bundled file's YAML, parsed once (ruamel.yaml's round trip is slow)."""
    return canonical_yaml().load(split(relative, FILES[relative][1])[0])


@functools.cache
def present(relative: str) -> list[Slot]:
    return list(slots(FILES[relative][0].root, parsed(relative)))


def rewrite(relative: str, raw: bytes, change: Any) -> bytes:
    """The file with one change made to its parsed YAML, through the round trip."""
    _, rest = split(relative, raw)
    yaml = canonical_yaml()
    data = copy.deepcopy(parsed(relative))
    change(data)
    out = io.StringIO()
    yaml.dump(data, out)
    prefix = "---\n" if relative.endswith(".md") else ""
    return (prefix + out.getvalue() + rest).encode("utf-8")


def parent_of(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


def safe_cut_limit(relative: str, kind: Kind, raw: bytes) -> int:
    """Cutting the file before this byte always breaks it (see the module docstring)."""
    if relative.endswith(".md"):
        return raw.index(b"\n---\n", 3) + 1 + 3
    required = [key.name for key in kind.root.keys if key.required]
    starts = [match.start() for name in required for match in re.finditer(rb"^" + name.encode() + rb":", raw, re.MULTILINE)]
    last = max(starts)
    return last + len(re.match(rb"[a-z_]+:", raw[last:])[0])  # type: ignore[index]


@st.composite
def mutation(draw: st.DrawFn, relative: str) -> tuple[str, bytes, bool]:
    """(what was done, the file's new bytes, whether it is known to break the content)."""
    kind, raw = FILES[relative]
    dated = any(isinstance(s.node, Date) for s in present(relative))
    what = draw(st.sampled_from(["delete a required key", "change a type", *(["corrupt a date"] if dated else []), "cut short", "insert invalid bytes"]))
    if what == "delete a required key":
        slot = draw(st.sampled_from([s for s in present(relative) if s.required_key]))
        return f"{what} {slot.path}", rewrite(relative, raw, lambda data: parent_of(data, slot.path).pop(slot.path[-1])), True
    if what == "change a type":
        slot = draw(st.sampled_from(present(relative)))
        return f"{what} {slot.path}", rewrite(relative, raw, lambda data: parent_of(data, slot.path).__setitem__(slot.path[-1], wrong_value(slot.node))), True
    if what == "corrupt a date":
        slot = draw(st.sampled_from([s for s in present(relative) if isinstance(s.node, Date)]))
        bad = draw(st.sampled_from(BAD_DATES))
        return f"{what} {slot.path} to {bad}", rewrite(relative, raw, lambda data: parent_of(data, slot.path).__setitem__(slot.path[-1], bad)), True
    if what == "cut short":
        at = draw(st.integers(0, len(raw) - 1))
        splits_a_character = 0x80 <= raw[at] <= 0xBF
        return f"{what} at byte {at}", raw[:at], splits_a_character or at < safe_cut_limit(relative, kind, raw)
    boundaries = [i for i in range(len(raw) + 1) if i == len(raw) or not 0x80 <= raw[i] <= 0xBF]
    at = draw(st.sampled_from(boundaries))
    byte = draw(st.sampled_from(NEVER_UTF8) | st.integers(0x80, 0xBF))
    return f"{what} 0x{byte:02x} at byte {at}", raw[:at] + bytes([byte]) + raw[at:], True


@dataclass(frozen=True)
class Mutated:
    """The bundled files with some changed; shown in a failure report as what was done."""

    files: dict[str, bytes]
    done: tuple[str, ...]
    breaks: bool

    def __repr__(self) -> str:
        return f"Mutated({'; '.join(self.done)}, breaks={self.breaks})"


@st.composite
def mutated_content(draw: st.DrawFn) -> Mutated:
    """The bundled files with one or two of them mutated (never the same file twice)."""
    chosen = draw(st.lists(st.sampled_from(sorted(FILES)), min_size=1, max_size=2, unique=True))
    files = {relative: raw for relative, (_, raw) in FILES.items()}
    done, breaks = [], False
    for relative in chosen:
        what, files[relative], known = draw(mutation(relative))
        done.append(f"{relative}: {what}")
        breaks = breaks or known
    return Mutated(files, tuple(done), breaks)


def write(root: Path, files: dict[str, bytes]) -> Path:
    for relative, raw in files.items():
        target = root / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
    return root / "content"


def assert_only_messages(stderr: str, content: Path) -> None:
    """Every line is a headline naming an existing file and a line in it, an excerpt, or the summary."""
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    for line in stderr.splitlines():
        if line.startswith("    ") or SUMMARY.match(line) or line == f"{content}: no problems found":
            continue
        headline = HEADLINE.match(line)
        assert headline, line
        path = Path(headline["path"])
        assert path.is_file() and content in path.parents, line
        assert 1 <= int(headline["line"]) <= path.read_bytes().count(b"\n") + 1, line


PARSE_YAML = load.parse_yaml


def yaml_part(relative: str, raw: bytes) -> tuple[str, int]:
    """The text and line offset load.py hands to parse_yaml for a bundled file."""
    text = raw.decode("utf-8")
    if not relative.endswith(".md"):
        return text, 0
    parts = load.split_front_matter(Path(relative), text, load.Problems())
    assert parts is not None
    return parts[0], 1


UNCHANGED = {yaml_part(relative, raw) for relative, (_, raw) in FILES.items()}


@functools.cache
def parse_unchanged(text: str, line_offset: int) -> Any:
    return PARSE_YAML(Path("bundled"), text, line_offset, load.Problems())


def parse_with_memory(path: Path, text: str, line_offset: int, problems: load.Problems) -> Any:
    """load.parse_yaml, parsing each bundled file's unchanged YAML once for the whole run.

    Validation only reads what it is given, so the files a mutation left alone
    can share one parse; every file a mutation touched is parsed afresh.
    """
    if (text, line_offset) in UNCHANGED:
        return parse_unchanged(text, line_offset)
    return PARSE_YAML(path, text, line_offset, problems)


@SETTINGS
@given(mutated_content())
def test_mutated_content_is_always_reported_by_file_and_line(case: Mutated) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        content = write(Path(temporary), case.files)
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr), mock.patch.object(load, "parse_yaml", parse_with_memory):
            status = main(["validate", "--content", str(content)])
        assert_only_messages(stderr.getvalue(), content)
        assert status == 1 if case.breaks else status in (0, 1), stderr.getvalue()
        if status == 1:
            assert any(HEADLINE.match(line) for line in stderr.getvalue().splitlines())


@settings(max_examples=4, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_content())
def test_mutated_content_through_the_command_line(case: Mutated) -> None:
    """The same, as an editor runs it: a separate process, its exit status and stderr."""
    with tempfile.TemporaryDirectory() as temporary:
        content = write(Path(temporary), case.files)
        result = run_generator("validate", "--content", str(content))
        assert_only_messages(result.stderr, content)
        assert result.returncode == 1 if case.breaks else result.returncode in (0, 1), result.stderr


def test_every_mutation_kind_has_something_to_mutate() -> None:
    """Each kind of mutation finds targets in the bundled content, so none is silently skipped."""
    for relative, (kind, raw) in FILES.items():
        present = list(slots(kind.root, canonical_yaml().load(split(relative, raw)[0])))
        assert any(s.required_key for s in present), relative
        # The glossary's schema has no dates; every other kind's files have one.
        assert any(isinstance(s.node, Date) for s in present) == (kind.name != "glossary"), relative
        assert 0 < safe_cut_limit(relative, kind, raw) < len(raw), relative
