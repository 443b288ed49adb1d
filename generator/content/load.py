"""Load: read every content file, keeping YAML line numbers.

Files are read as bytes and decoded strictly, so a stray non-UTF-8 byte is
reported with its offset instead of turning into mojibake on the site. YAML
is read with ruamel.yaml's round-trip loader, which keeps the line and column
of every key and item for the messages of later stages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, NodeEvent

from generator.common.problems import Location, Problems, Severity
from generator.content import fastyaml
from generator.content.schema import KINDS, Kind

FRONT_MATTER_FENCE = "---"
# C0 controls and DEL, but not tab, line feed and carriage return: they are not
# text, and NUL or ESC would reach the pages as they are.
CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_DEPTH = 50


class PlainComposer(Composer):
    """Composes plain data only: anchors, aliases and tags are refused.

    An alias repeats a value without repeating its text, so a few lines can
    stand for billions of values (a "billion laughs" bomb); a tag asks for
    an object other than text, a number, a list or fields. Content needs
    neither, so both stop the file with a message instead of being obeyed.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise ComposerError(None, None, f"found an alias *{event.anchor}", event.start_mark)
        if isinstance(event, NodeEvent) and event.anchor is not None:
            raise ComposerError(None, None, f"found an anchor &{event.anchor}", event.start_mark)
        if getattr(event, "tag", None) is not None:
            tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
            raise ComposerError(None, None, f"found a tag {tag}", event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise ComposerError(None, None, f"the values nest more than {MAX_DEPTH} levels deep", event.start_mark)
        return super().compose_node(parent, index)


class DatesAsText(RoundTripConstructor):
    """Reads `2024-02-31` as text, for validate.py to judge with a message.

    ruamel.yaml would build a date object and raise a bare ValueError, with
    no line number, on an impossible one.
    """


DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", DatesAsText.construct_yaml_str)


def _whole_number_or_text(constructor: RoundTripConstructor, node: Any) -> Any:
    """A whole number written plainly (7, -3) as a number; 02, 01312345678, +44,
    1_000 or 0x1F stay the text they are: read as numbers they would lose a
    leading zero or a sign, or change their digits on the page."""
    if fastyaml.is_whole_number(str(node.value)):
        return int(node.value)
    return constructor.construct_scalar(node)


DatesAsText.add_constructor("tag:yaml.org,2002:int", _whole_number_or_text)
COMMENT_AFTER_TEXT = re.compile(r"\S[ \t]+#")


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
    lines: tuple[str, ...] = ()

    def line(self, number: int) -> str:
        """Line `number` (from 1) of the file as read, for messages that point inside a value."""
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""


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


def readable_files(content_path: Path, found: list[tuple[Kind, Path]], problems: Problems) -> list[tuple[Kind, Path]]:
    """The files found that may be read; the others, and files that will not be read, become problems."""
    report_unread_files(content_path, problems)
    root = content_path.resolve()
    return [(kind, path) for kind, path in found if readable_inside(path, root, problems)]


def readable_inside(path: Path, root: Path, problems: Problems) -> bool:
    """A regular file whose real place is inside content/.

    A symbolic link could otherwise publish any file the build machine can
    read (a key, /etc/passwd); a directory or a pipe named like content
    cannot be read as text.
    """
    real = path.resolve()
    if not real.is_relative_to(root):
        problems.add(Location(path, 1, 1), f"the file is a symbolic link to {real}, outside the content folder", "replace the link with the file itself")
        return False
    if not real.is_file():
        problems.add(Location(path, 1, 1), "this is not a regular file", "replace it with a text file, or remove it")
        return False
    return True


def report_unread_files(content_path: Path, problems: Problems) -> None:
    """Warn about files the generator will not read, e.g. a paper saved as .txt."""
    read = {path for _, path in discover(content_path)}
    folders = {kind.folder: kind for kind in KINDS if kind.folder}
    for path in sorted(content_path.rglob("*")):
        relative = path.relative_to(content_path)
        if path in read or path.is_dir() or any(part.startswith(".") for part in relative.parts):
            continue
        kind = folders.get(relative.parts[0]) if len(relative.parts) == 2 else None
        if kind is None:
            fix = "move it to one of " + ", ".join(f"content/{folder}/" for folder in folders) + ", or out of content/"
            problems.add(Location(path), "this file is not read: it is not in a folder for content", fix, Severity.WARNING)
        elif (path.parent / f"{path.stem}{kind.suffix}").exists() or not path.stem:
            fix = f"it looks like a copy of {path.stem}{kind.suffix}: move it out of content/ (do not rename it, which would replace that file)"
            problems.add(Location(path), f"this file is not read: files in {kind.folder}/ end in {kind.suffix}", fix, Severity.WARNING)
            continue
        else:
            fix = f"rename it to {path.stem}{kind.suffix}, or move it out of content/"
            problems.add(Location(path), f"this file is not read: files in {kind.folder}/ end in {kind.suffix}", fix, Severity.WARNING)


def load_file(kind: Kind, path: Path, problems: Problems) -> SourceFile | None:
    text = read_text(path, problems)
    return None if text is None else parse_source(kind, path, text, problems)


def parse_source(kind: Kind, path: Path, text: str, problems: Problems) -> SourceFile | None:
    """A file's text (as read_text gives it) parsed as its kind: YAML, or Markdown with front matter."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if kind.suffix == ".md":
        return _load_markdown(kind, path, text, problems)
    data = parse_yaml(path, text, 0, problems)
    if data is None:
        return None
    return SourceFile(path, kind, path.stem, data, 0, lines=tuple(text.split("\n")))


def read_text(path: Path, problems: Problems) -> str | None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.add(
            Location(path, line, 1),
            f"byte {error.start} (0x{raw[error.start]:02x}) is not UTF-8 text",
            "save the file as UTF-8",
        )
        return None
    control = CONTROL_BYTE.search(raw)
    if control:
        line = raw[: control.start()].count(b"\n") + 1
        problems.add(Location(path, line, 1), f"byte {control.start()} (0x{raw[control.start()]:02x}) is a control character, not text", "remove it; it may have come from copying out of a PDF")
        return None
    return text


def _load_markdown(kind: Kind, path: Path, text: str, problems: Problems) -> SourceFile | None:
    parts = split_front_matter(path, text, problems)
    if parts is None:
        return None
    front_matter, closing, lines = parts
    data = parse_yaml(path, front_matter, 1, problems)
    if data is None:
        return None
    body = "\n".join(lines[closing + 1 :])
    return SourceFile(path, kind, path.stem, data, 1, body, closing + 2, tuple(lines[: closing + 1]))


def split_front_matter(path: Path, text: str, problems: Problems) -> tuple[str, int, list[str]] | None:
    """The front matter's text, the index of its closing fence, and the file's lines."""
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
    return "\n".join(lines[1:closing]), closing, lines


def plain_yaml() -> YAML:
    """ruamel.yaml's round-trip loader, refusing anchors, aliases and tags, dates as text."""
    yaml = YAML(typ="rt")
    yaml.Constructor = DatesAsText
    yaml.allow_duplicate_keys = False
    yaml.Composer = PlainComposer
    return yaml


def parse_yaml(path: Path, text: str, line_offset: int, problems: Problems) -> CommentedMap | None:
    """Parse YAML safely: plain data only, no anchors or aliases, no tags.

    libyaml reads ordinary files (generator/fastyaml.py, the same values and
    line numbers); ruamel.yaml reads the rest and words every message.
    """
    try:
        data: Any = fastyaml.load(text)
    except fastyaml.Unsupported:
        try:
            data = plain_yaml().load(text)
        except MarkedYAMLError as error:
            report_yaml_error(path, error, line_offset, problems, text)
            return None
        except YAMLError as error:
            problems.add(Location(path, 1 + line_offset, 1), f"YAML syntax: {error}", "correct the YAML")
            return None
    if COMMENT_AFTER_TEXT.search(text):
        report_comments_after_text(path, text, line_offset, problems)
    return _mapping_or_problem(path, data, line_offset, problems)


NBSP = "\u00a0\u2007\u202f\u3000"
NBSP_INDENT = re.compile(f"^ *[{NBSP}]")


def _line_column(text: str, index: int) -> tuple[int, int]:
    """Line and column (from 1) of an index into the text; only \\n ends a line."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _kept_whole(plain: str) -> bool:
    """A plain value that cannot run on into a comment: a whole number, true/false, null."""
    tag = fastyaml.plain_tag(plain)
    return tag in ("bool", "null") or (tag == "int" and fastyaml.is_whole_number(plain))


def report_comments_after_text(path: Path, text: str, line_offset: int, problems: Problems) -> None:
    """A " #" after plain text starts a YAML comment: "Update #4" would be published as "Update".

    Refused, with the two ways to say which was meant. A comment after a
    number, a quoted text or on a line of its own is clear, and allowed.
    """
    lines = text.split("\n")
    try:
        events = list(plain_yaml().parse(text))
    except YAMLError:
        return
    for event in events:
        if type(event).__name__ != "ScalarEvent" or event.style is not None or _kept_whole(event.value):
            continue
        mark = event.end_mark
        rest = lines[mark.line][mark.column :] if mark.line < len(lines) else ""
        if re.match(r"[ \t]+#", rest):
            column = mark.column + rest.index("#") + 1
            problems.add(
                Location(path, mark.line + 1 + line_offset, column),
                f'the text "{event.value}" ends where " #" starts a YAML comment, so "{rest.strip()}" would not be published',
                "put the whole text in double quotes to keep the #, or move the comment to a line of its own",
            )


def _mapping_or_problem(path: Path, data: Any, line_offset: int, problems: Problems) -> CommentedMap | None:
    """The file's fields, or a problem when it holds something else."""
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


def report_yaml_error(path: Path, error: MarkedYAMLError, line_offset: int, problems: Problems, text: str = "") -> None:
    """Point at where the trouble starts (an unclosed quote or bracket, a key without its colon), in plain words."""
    context, what = error.context or "", (error.problem or "the YAML cannot be read").strip()
    unclosed = next((words for phrase, problem, words in _UNCLOSED if phrase in context and problem in what), None)
    if "flow" in context and error.problem_mark and error.context_mark and error.problem_mark.line == error.context_mark.line:
        unclosed = None  # a stray ":" inside [...] on one line, not a bracket left open
    mark = error.context_mark if unclosed and error.context_mark else error.problem_mark or error.context_mark
    line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
    column = (mark.column + 1) if mark else 1
    message, fix = unclosed or _plain_words(what)
    source_line = _source_line(text, line - line_offset)
    if "could not find expected ':'" in what and "simple key" in context and error.context_mark:
        line, column = error.context_mark.line + 1 + line_offset, error.context_mark.column + 1
        name, _, value = _source_line(text, line - line_offset).strip().partition(" ")
        message, fix = 'this line has no ":" after its field name', f'write the field name, then ": ", then the value, e.g. "{name}: {value}"'
    elif NBSP_INDENT.match(source_line):
        message, fix = "the line is indented with a non-breaking space, which YAML does not count as indentation", "replace the spaces at the start of the line with ordinary spaces"
    elif "mapping values are not allowed" in what and any(quote in source_line[: column - 1] for quote in CURLY_QUOTES):
        message = 'a ": " inside curly quotes, which YAML does not read as quote marks'
        fix = 'put the whole text, curly quotes and all, inside straight double quotes "..."'
    problems.add(Location(path, line, column), f"YAML syntax: {message}", fix)


def _source_line(text: str, line: int) -> str:
    """Line `line` (from 1) of the text; only a line feed ends a line, as in YAML 1.2."""
    lines = text.split("\n")
    return lines[line - 1] if 1 <= line <= len(lines) else ""


CURLY_QUOTES = "“”‘’"


_UNCLOSED = (
    ("quoted scalar", "end of stream", ("the quoted text that starts here is never closed", "end it with the same quote mark it starts with")),
    ("flow sequence", "expected ',' or ']'", ('the list "[" that starts here is never closed', 'close it with "]"')),
    ("flow mapping", "expected ',' or '}'", ('the group "{" that starts here is never closed', 'close it with "}"')),
)


def _plain_words(what: str) -> tuple[str, str]:
    """ruamel.yaml's words for the common mistakes, as an editor would put them."""
    if "duplicate key" in what:
        return what, "give each field once; remove or rename the repeated one"
    if "mapping values are not allowed" in what:
        return 'a ": " where no field can start', 'put text that contains ": " in double quotes, or line this field up with the ones above it'
    if "unknown escape character" in what:
        return "a backslash in double quotes that YAML cannot read", "write \\\\ for a backslash, or put the text in single quotes"
    if "expected <block end>" in what:
        return "this line is not lined up with the lines it belongs with", "indent it as far as the fields or list entries it belongs with"
    if "alias" in what or "anchor" in what:
        return what, "write the value out in full; anchors (&name) and aliases (*name) are not allowed"
    if "found a tag" in what:
        return what, "remove the tag (the word starting with !); values are plain text, numbers, lists or fields"
    if "levels deep" in what:
        return what, "check the brackets and the indentation"
    if "'\\t'" in what:
        return "a tab character where YAML needs spaces", "replace the tab with spaces"
    return what, "check the indentation and quoting on this line and the one before"
