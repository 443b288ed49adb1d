"""The shape of editors' Markdown: headings, images and tables, as the engine reads them.

A paper's body and a plan's introduction and closing are placed in pages
under the page's own headings, so their headings start at ## and go down
one level at a time. Python-Markdown reads more lines as headings than
"## text": "####2.1" (no space) and a line underlined with === or ---
(a setext heading, which cannot be moved down a level with the rest);
both are checked here too. The site's Markdown has no pipe tables, so a
table typed with | would be published as a paragraph of pipes: tables go
in the front matter, where each row is checked against the columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.markup.untrusted import Finding

ATX_HEADING = re.compile(r"^(#{1,6})(?=[^#]|$)")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
LIST_OR_BLOCK = re.compile(r"^\s*(?:[-+*>]|\d+[.)]|#|\||\[\[)")
PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
IMAGE = re.compile(r"!\[([^\]]*)\]\(")
TABLE_FIX = "put the table in the front matter under tables: and place it with a line [[table <name>]]"


def markdown_shape(text: str) -> list[Finding]:
    """Every heading, image and table problem in the text, by line (from 1) and column."""
    findings: list[Finding] = []
    previous_level = 1
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        level = heading_level(lines, number - 1)
        if level:
            findings.extend(_heading_findings(line, number, level, previous_level))
            previous_level = level
        findings.extend(_image_findings(line, number))
    findings.extend(_pipe_tables(lines))
    return findings


def heading_level(lines: list[str], index: int) -> int:
    """The level of the heading on line `index`, as Python-Markdown reads it, or 0."""
    atx = ATX_HEADING.match(lines[index])
    if atx:
        return len(atx[1])
    following = lines[index + 1] if index + 1 < len(lines) else ""
    underline = SETEXT_UNDERLINE.match(following)
    if underline and lines[index].strip() and not LIST_OR_BLOCK.match(lines[index]) and not SETEXT_UNDERLINE.match(lines[index]):
        return 1 if underline[1].startswith("=") else 2
    return 0


def _heading_findings(line: str, number: int, level: int, previous_level: int) -> Iterator[Finding]:
    if not line.startswith("#"):
        fix = f"write it on one line as {'#' * max(level, 2)} and the heading's text; leave a blank line above --- for a line across the page"
        yield Finding(number, 1, "a heading underlined with === or --- on the next line", fix)
        return
    if level == 1:
        yield Finding(number, 1, "a level-1 heading (#)", "start headings at ## (the page title is the only #)")
    elif level > previous_level + 1:
        yield Finding(number, 1, f"the heading skips from level {previous_level} to level {level}", f"use {'#' * (previous_level + 1)} for this heading")
    if len(line) > level and not line[level].isspace():
        yield Finding(number, level + 1, "a heading with no space after its # marks", f"write a space after the # marks ({line[:level]} {line[level:]}), or write \\# to keep the # as text")


def _image_findings(line: str, number: int) -> Iterator[Finding]:
    for image in IMAGE.finditer(line):
        if not image[1].strip():
            yield Finding(number, image.start() + 1, "an image has no text alternative", "describe the image between the square brackets: ![what it shows](...)")


def _pipe_tables(lines: list[str]) -> Iterator[Finding]:
    """The first line of each run of lines written as table rows (| a | b |)."""
    for index, line in enumerate(lines):
        if PIPE_ROW.match(line) and (index == 0 or not PIPE_ROW.match(lines[index - 1])):
            yield Finding(index + 1, line.index("|") + 1, "a table written with | is published as a paragraph of text, not a table", TABLE_FIX)
