"""Stage 3, model: the narratives a paper's body links to positions.

A paper's text about a recommendation is written once, in the body, after
a marker line `[[narrative <inspection> <number> ...]]`. The marker links
the text that follows to the positions it names: when a heading follows
the marker, the whole section under that heading (up to the next heading
of the same or a higher level); otherwise the paragraphs up to the next
heading, marker or other directive line. The paper's page shows the text
once, where it stands; each recommendation's page shows it in its history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.common.problems import Location

MARKER = re.compile(r"^\[\[narrative\s+([a-z0-9-]+)((?:\s+\d+)+)\s*\]\]\s*$")
ANY_DIRECTIVE = re.compile(r"^\[\[.*\]\]\s*$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
FENCE = "```"


@dataclass(frozen=True)
class Narrative:
    """A paper's own text about one or more positions, and where its marker stands."""

    inspection_id: str
    numbers: tuple[int, ...]
    heading: str | None
    text: str
    location: Location


def find_narratives(path: Path, body: str, body_line: int) -> list[Narrative]:
    """Every marked narrative of a body, in the order they stand."""
    lines = body.split("\n")
    narratives = []
    for index, line in enumerate(lines):
        match = MARKER.match(line.strip())
        if match:
            numbers = tuple(int(n) for n in match[2].split())
            heading, text = _scope(lines, index + 1)
            narratives.append(Narrative(match[1], numbers, heading, text, Location(path, body_line + index, 1)))
    return narratives


def _scope(lines: list[str], start: int) -> tuple[str | None, str]:
    """The heading (if the marker stands on one) and the text the marker covers."""
    first = start
    while first < len(lines) and not lines[first].strip():
        first += 1
    heading = HEADING.match(lines[first]) if first < len(lines) else None
    level = len(heading[1]) if heading else 7
    begin = first + 1 if heading else start
    end = begin
    in_fence = False
    while end < len(lines):
        line = lines[end]
        in_fence ^= line.lstrip().startswith(FENCE)
        found = None if in_fence else HEADING.match(line)
        if (found and len(found[1]) <= level) or (not heading and found) or (not in_fence and ANY_DIRECTIVE.match(line.strip())):
            break
        end += 1
    return (heading[2] if heading else None), "\n".join(lines[begin:end]).strip("\n")


def is_marker(line: str) -> bool:
    """Whether a body line is a narrative marker (the paper's page does not show it)."""
    return bool(MARKER.match(line.strip()))
