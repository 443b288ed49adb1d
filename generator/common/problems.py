"""Problems found in content: collected, never raised one at a time.

Editors fix content in a pull request, so every problem in a run is reported
together (Pelican's way), each naming the file, the line, the column, what is
wrong and what to do. The text of each message is interface: tests assert it
word for word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


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
