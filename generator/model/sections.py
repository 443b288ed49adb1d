"""A paper's sections, each with its own page (pages/addresses.py: papers/<paper>/<section>/).

As on the SPA site, each section of a publication has its own address.
Sections are the body's level-2 headings (## 1. BACKGROUND) and the
paper's appendices; the text before the first heading (the cover sheet's
PURPOSE) is the first section, with the cover sheet. A section's address is
made from its number and heading, never from its position, so adding a
section before it does not move it: "## 1. BACKGROUND" is 1-background,
"Appendix A – Improvement Plan" is appendix-a-improvement-plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from generator.model.objects import Appendix, Paper

SECTION_HEADING = re.compile(r"^##(?!#)\s+(.*?)\s*#*\s*$")
FENCE = "```"
MARKDOWN_MARKS = re.compile(r"[*_`\\]")
SLUG_LIMIT = 60
INLINE_LINK = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
REFERENCE_LINK = re.compile(r"^( {0,3}\[[^\]]+\]:\s*<?)([^\s>]+)", re.MULTILINE)
ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/)")
COVER_SHEET = "cover-sheet"
OPENING = "opening"
# A section's page lists the paper's sections up to this many; past it, it links to the list.
SECTION_PAGES_LISTED = 60


@dataclass(frozen=True)
class Section:
    """One section of a paper: the opening, a body section or an appendix.

    `text` is the section's Markdown from the body, its heading line
    included (empty for the opening without text and for appendices).
    """

    paper_id: str
    slug: str
    heading: str
    text: str
    kind: str  # "opening", "body" or "appendix"
    appendix: Appendix | None = None
    line: int = 0


def slug(text: str) -> str:
    """A section's address from its number and heading: "2.3 Recommendations" -> 2-3-recommendations."""
    words = re.sub(r"[^a-z0-9]+", "-", MARKDOWN_MARKS.sub("", text).lower()).strip("-")
    if len(words) > SLUG_LIMIT:
        words = words[: SLUG_LIMIT + 1].rsplit("-", 1)[0]  # whole words only
    return words or "section"


def heading_text(markdown_heading: str) -> str:
    """A heading as plain words (titles, the contents list): Markdown marks dropped."""
    return MARKDOWN_MARKS.sub("", markdown_heading).strip()


def paper_sections(paper: Paper) -> list[Section]:
    """The paper's sections in reading order: opening, body sections, appendices."""
    parts = list(_body_parts(paper.body))
    opening_text, opening_line = parts[0][1], parts[0][2]
    has_cover_sheet = getattr(paper, "cover_sheet", None) is not None
    sections = []
    if has_cover_sheet or opening_text.strip():
        name = (COVER_SHEET, "Cover sheet") if has_cover_sheet else (OPENING, "Opening")
        sections.append(Section(paper.identifier, name[0], name[1], opening_text, "opening", line=opening_line))
    for heading, text, line in parts[1:]:
        sections.append(Section(paper.identifier, slug(heading), heading_text(heading), text, "body", line=line))
    for appendix in paper.appendices:
        title = f"{appendix.label} – {appendix.title}"
        sections.append(Section(paper.identifier, slug(f"{appendix.label} {appendix.title}"), title, "", "appendix", appendix, appendix.location.line))
    return _distinct(sections)


def _distinct(sections: list[Section]) -> list[Section]:
    """Sections whose headings give the same address (the same heading twice,
    or long headings alike in their first 60 characters) are told apart by
    -2, -3, ... after the first, in reading order: no page is written over another."""
    seen: dict[str, int] = {}
    distinct = []
    for section in sections:
        count = seen[section.slug] = seen.get(section.slug, 0) + 1
        distinct.append(section if count == 1 else replace(section, slug=f"{section.slug}-{count}"))
    return distinct


def _body_parts(body: str) -> Iterator[tuple[str, str, int]]:
    """(heading, Markdown, line offset in the body) of the text before the
    first level-2 heading and of each level-2 heading's part; headings inside
    fenced code are text."""
    heading, start, in_fence = "", 0, False
    lines: list[str] = []
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(FENCE):
            in_fence = not in_fence
        match = None if in_fence else SECTION_HEADING.match(line)
        if match:
            yield heading, "\n".join(lines), start
            heading, lines, start = match[1], [], offset
        lines.append(line)
    yield heading, "\n".join(lines), start


def neighbours(sections: list[Section], current: Section) -> tuple[Section | None, Section | None]:
    """The sections before and after `current`, for the previous and next links."""
    index = sections.index(current)
    return (sections[index - 1] if index else None, sections[index + 1] if index + 1 < len(sections) else None)


def rebase_links(text: str) -> str:
    """Editors' relative links and images, written from the paper's page, as
    they lead from a section's page one folder below it (an #anchor leads to
    the whole paper's page, which holds every section)."""

    def rebased(match: re.Match[str]) -> str:
        target = match[2]
        return match[0] if ABSOLUTE.match(target) else f"{match[1]}../{target}"

    return REFERENCE_LINK.sub(rebased, INLINE_LINK.sub(rebased, text))
