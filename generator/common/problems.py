"""Problems found in content: collected, never raised one at a time, and reported together.

Editors fix content in a pull request, so every problem in a run is reported
together (Pelican's way), each naming the file, the line, the column, what is
wrong and what to do. The text of each message is interface: tests assert it
word for word.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

ROOT = Path.cwd()  # problems name their files relative to where the command was run


class Severity(Enum):
    """Errors stop a build; warnings stop it only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file; line and column count from 1."""

    path: Path
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, and how to put it right."""

    location: Location
    message: str
    fix: str
    severity: Severity = Severity.ERROR

    def headline(self, root: Path) -> str:
        """The one-line form `path:line:column: what is wrong; what to do`."""
        try:
            shown = self.location.path.relative_to(root)
        except ValueError:
            shown = self.location.path
        label = "" if self.severity is Severity.ERROR else "warning: "
        where = f"{shown.as_posix()}:{self.location.line}:{self.location.column}"
        return f"{where}: {label}{self.message}; {self.fix}"


@dataclass
class Problems:
    """Collects problems from every stage; the CLI prints them all at once."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        location: Location,
        message: str,
        fix: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.items.append(Problem(location, message, fix, severity))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        """In file order, so an editor can work down the list."""
        return sorted(self.items, key=lambda p: (p.location, p.message))

    def fails(self, strict: bool) -> bool:
        return bool(self.errors or (strict and self.warnings))


def report(problems: Problems, strict: bool) -> None:
    """Print every problem, in file order, with its line and a caret.

    Each file is read once per report, not once per problem; not cached
    across reports, since the preview reports again after every edit.
    """
    files: dict[Path, tuple[str, ...]] = {}
    for problem in problems.sorted():
        print(problem.headline(ROOT), file=sys.stderr)
        path = problem.location.path
        if path not in files:
            files[path] = _lines(path)
        excerpt = _excerpt(problem, files[path])
        if excerpt:
            print(excerpt, file=sys.stderr)
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors or warnings:
        verdict = "failed" if problems.fails(strict) else "passed with warnings (--strict would fail)"
        if strict and not errors and warnings:
            verdict = "failed, because --strict makes warnings fail"
        print(f"{plural(errors, 'error')}, {plural(warnings, 'warning')}: {verdict}", file=sys.stderr)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _lines(path: Path) -> tuple[str, ...]:
    try:
        return tuple(path.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n").split("\n"))
    except OSError:
        return ()


def _excerpt(problem: Problem, lines: tuple[str, ...]) -> str:
    if not 1 <= problem.location.line <= len(lines):
        return ""
    line = lines[problem.location.line - 1]
    column = min(len(line[: problem.location.column - 1].expandtabs(4)), len(line.expandtabs(4)))
    shown, column = _window(line.expandtabs(4), column)
    return f"    {shown}\n    {' ' * column}^"


EXCERPT_WIDTH = 160


def _window(line: str, column: int, width: int = EXCERPT_WIDTH) -> tuple[str, int]:
    """At most `width` characters of the line around the fault, and the caret's column in them.

    A long line is cut on both sides as needed, so the caret always points
    at the fault itself, never at the "..." of a cut.
    """
    if len(line) <= width:
        return line, column
    start = max(0, min(column - width // 2, len(line) - width + 3))
    end = start + width - (3 if start else 0) - 3
    shown = ("..." if start else "") + line[start:end] + ("..." if end < len(line) else "")
    return shown, column - start + (3 if start else 0)
