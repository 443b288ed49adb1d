"""Stage 5, render: the Markdown pages of the site, from Jinja2 templates.

Pages are Markdown for the site engine to turn into HTML; structured parts
(tables, the plan) are HTML blocks written by the templates, never by Python
strings. Editors' Markdown is passed through, with the body's [[directive]]
lines replaced by rendered blocks. Every template runs with StrictUndefined:
a missing value is a bug to fix, not an empty cell.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from generator.about_pages import about_pages
from generator.checks import DIRECTIVE
from generator.derive import Derived, InspectionRecord, status_table_as_at
from generator.markdown_html import MarkdownToHtml
from generator.model import Content, Meeting, Paper
from generator.remembered import Remembered
from generator.status import NOT_STATED, STATUS_LABELS
from generator.tracker import recommendation_uri
from generator.untrusted import sanitise

TEMPLATES_PATH = Path(__file__).parent / "templates"
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|>~-])")
HEADING = re.compile(r"^(#{1,6})(\s)", re.MULTILINE)
BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")


@dataclass(frozen=True)
class Page:
    """A page to write: its path in the docs tree and its Markdown."""

    docs_path: str
    text: str


def page_uri(docs_path: str) -> str:
    """The site address MkDocs gives a docs file (directory URLs)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def paper_uri(paper_id: str) -> str:
    return f"papers/{paper_id}/"


def meeting_uri(meeting_id: str) -> str:
    return f"meetings/{meeting_id}/"


def inspection_uri(inspection_id: str) -> str:
    return f"inspections/{inspection_id}/"


def _front_matter_value(value: Any) -> Markup:
    """A front-matter value (title, description) as a JSON string.

    The theme prints these unescaped, as HTML (in <title>, the navigation
    and a meta attribute), so the text is HTML-escaped before it is quoted.
    """
    return htmlsafe_json_dumps(str(escape(value)))


def _no_blank_lines(value: Any) -> Any:
    """Every {{ value }}: plain text loses blank lines.

    A blank line ends an HTML block, and the site engine would read the rest
    of the value as Markdown; escaped text with no blank line stays text.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return BLANK_LINES.sub("", value)
    return value


def _escape_markdown(text: str) -> Markup:
    """Text placed in Markdown (headings, list items) shown literally."""
    return Markup(MARKDOWN_SPECIALS.sub(r"\\\1", str(escape(text))))


def _shift_headings(text: str, levels: int) -> Markup:
    """Move editors' headings down, so an appendix nests under its heading."""
    return _source(HEADING.sub(lambda m: "#" * min(6, len(m[1]) + levels) + m[2], text))


def _source(text: str) -> Markup:
    """Editors' Markdown, placed in a page as Markdown (validated: no raw HTML)."""
    return Markup(text)


def _status_label(status: str | None) -> str:
    return STATUS_LABELS[status] if status else NOT_STATED


@pass_context
def _link(context: Context, target_uri: str) -> str:
    """A link from the page being rendered to another site address."""
    return relative_link(str(context["page_uri"]), target_uri)


@functools.lru_cache(maxsize=1 << 16)
def relative_link(here: str, target_uri: str) -> str:
    """The relative address of a site address, from the page at `here`.

    Kept: the preview renders every page again after each save and asks
    for the same links (about 15 a page) each time.
    """
    relative = posixpath.relpath(target_uri or ".", here or ".")
    if relative == ".":
        return "./"
    return relative + ("/" if target_uri.endswith("/") or not target_uri else "")


@functools.cache
def shared_environment() -> Environment:
    """One environment per process: templates compiled once, each Markdown text converted once."""
    return make_environment()


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_PATH),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_no_blank_lines,
    )
    filters: dict[str, Callable[..., Any]] = {
        "markdown": MarkdownToHtml(sanitise),
        "md": _escape_markdown,
        "shift_headings": _shift_headings,
        "source": _source,
        "status_label": _status_label,
        "link": _link,
        "tojson": _front_matter_value,
    }
    env.filters.update(filters)
    env.globals.update(
        paper_uri=paper_uri,
        meeting_uri=meeting_uri,
        inspection_uri=inspection_uri,
        status_table_as_at=status_table_as_at,
        recommendation_uri=recommendation_uri,
        remembered=Remembered(env, "blocks.html.j2"),
    )
    return env


class Renderer:
    """Renders every page of the site from the model and derived figures."""

    def __init__(self, content: Content, derived: Derived, before_each_page: Callable[[], None] = lambda: None, site_url: str = "") -> None:
        self.content = content
        self.site_url = site_url  # the publisher's address, "/"-ended, or "" when not set
        self.derived = derived
        self.env = shared_environment()
        self.before_each_page = before_each_page  # the preview stops a render a newer change makes stale

    def render(self, template: str, docs_path: str, **values: Any) -> Page:
        self.before_each_page()
        context = {
            "content": self.content,
            "derived": self.derived,
            "page_uri": page_uri(docs_path),
            **values,
        }
        return Page(docs_path, self.env.get_template(template).render(context))

    def pages(self) -> list[Page]:
        """The papers', meetings', inspections' and about pages (the site-wide
        passes, such as acronyms, come after: pipeline.every_page)."""
        return [
            self.render("home.md.j2", "index.md"),
            self.render("papers.md.j2", "papers/index.md"),
            self.render("meetings.md.j2", "meetings/index.md"),
            self.render("inspections.md.j2", "inspections/index.md"),
            *map(self.paper_page, self.derived.papers_by_date),
            *map(self.meeting_page, sorted(self.content.meetings.values(), key=lambda m: m.date.value)),
            *map(self.inspection_page, self.derived.inspections),
            *about_pages(self),
        ]

    def pages_about(self, changed_paths: Set[Path]) -> list[Page]:
        """The papers', meetings' and inspections' own pages whose files are
        among changed_paths, exactly as pages() renders them (the preview
        shows these first; see serve.py)."""
        return [
            *(self.paper_page(paper) for paper in self.derived.papers_by_date if self.paper_files(paper) & changed_paths),
            *(self.meeting_page(meeting) for meeting in self.content.meetings.values() if meeting.location.path in changed_paths),
            *(self.inspection_page(record) for record in self.derived.inspections if self.inspection_files(record) & changed_paths),
        ]

    def paper_files(self, paper: Paper) -> set[Path]:
        """The files a paper's page shows: the paper's and those of the plans it appends."""
        plans = (self.content.plans.get(appendix.plan_id or "") for appendix in paper.appendices)
        return {paper.location.path, *(plan.location.path for plan in plans if plan)}

    def inspection_files(self, record: InspectionRecord) -> set[Path]:
        """The files an inspection's page (and its recommendations' pages) show first of all."""
        return {record.inspection.location.path, *(plan.location.path for plan in record.plans)}

    def paper_page(self, paper: Paper) -> Page:
        return self.render("paper.md.j2", f"papers/{paper.identifier}.md", paper=paper, body=self.expand_directives(paper))

    def meeting_page(self, meeting: Meeting) -> Page:
        return self.render("meeting.md.j2", f"meetings/{meeting.identifier}.md", meeting=meeting)

    def inspection_page(self, record: InspectionRecord) -> Page:
        return self.render("inspection.md.j2", f"inspections/{record.inspection.identifier}/index.md", record=record)

    def expand_directives(self, paper: Paper) -> Markup:
        """The body with each [[directive]] line replaced by its block."""
        macros = self.env.get_template("blocks.html.j2").make_module({"content": self.content, "derived": self.derived, "page_uri": paper_uri(paper.identifier)})
        lines = []
        for line in paper.body.split("\n"):
            match = DIRECTIVE.match(line.strip())
            if not match:
                lines.append(line)
                continue
            name, argument = match[1], (match[2] or "").strip()
            block = getattr(macros, name.replace("-", "_"))(paper, argument)
            lines.extend(["", str(block).strip(), ""])
        return _source("\n".join(lines))
