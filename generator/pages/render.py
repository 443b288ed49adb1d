"""Rendering a page: the Jinja2 environment, its filters, and the page's Markdown.

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
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from generator.content.directives import DIRECTIVE, DIRECTIVES
from generator.content.statuses import BY_NAME, SOURCES, label
from generator.derive.derive import Derived, status_table_as_at
from generator.engine.page import Page
from generator.markup.markdown_html import MarkdownToHtml
from generator.markup.remembered import Remembered
from generator.markup.untrusted import sanitise
from generator.model.objects import Content, Paper
from generator.model.sections import SECTION_PAGES_LISTED, Section, paper_sections
from generator.pages import addresses
from generator.pages.chart import paper_chart
from generator.pages.documents import FullDocument

TEMPLATES_PATH = Path(__file__).parent.parent / "templates"
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|>~-])")
HEADING = re.compile(r"^(#{1,6})(\s)", re.MULTILINE)
BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")
# The kinds of page that search finds, as its filter names them.
PAGE_KINDS = {"recommendation": "Recommendation", "paper": "Paper", "meeting": "Meeting", "inspection": "Inspection"}
# How much words count in the search index, where the default (1 for text,
# 7 for a page's h1: engine/search_text.py) does not serve readers: a recommendation's own
# words count most on its page (recommendation.md.j2), so that the page
# comes first for a phrase of them, before the papers that quote it.
SEARCH_WEIGHTS = {"recommendation_text": 10}


def _front_matter_value(value: Any) -> Markup:
    """A front-matter value (title, description) as a JSON string.

    The theme prints these unescaped, as HTML (in <title>, the navigation
    and a meta attribute), so the text is HTML-escaped before it is quoted.
    """
    return Markup(ASTRAL_PAIR.sub(_yaml_escape, htmlsafe_json_dumps(str(escape(value)))))


# JSON writes a character beyond U+FFFF as two \u escapes (a surrogate pair),
# which YAML reads as two characters that are not text: the engine then
# fails to read the front matter and shows it on the page. YAML's own
# escape for such a character is \U and eight hexadecimal digits.
ASTRAL_PAIR = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _yaml_escape(pair: re.Match[str]) -> str:
    high, low = int(pair[1], 16), int(pair[2], 16)
    return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"


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


def _nest_headings(text: str, level: int) -> Markup:
    """Editors' Markdown placed under a heading: its own headings start at `level`."""
    levels = [len(m[1]) for m in HEADING.finditer(text)]
    return _shift_headings(text, max(0, level - min(levels))) if levels else _source(text)


def _source(text: str) -> Markup:
    """Editors' Markdown, placed in a page as Markdown (validated: no raw HTML)."""
    return Markup(text)


def _whose(status: str | None) -> str:
    """Whose word a status is."""
    return BY_NAME[status].whose if status else ""


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
        "nest_headings": _nest_headings,
        "source": _source,
        "status_label": label,
        "whose": _whose,
        "link": _link,
        "tojson": _front_matter_value,
    }
    env.filters.update(filters)
    env.globals.update(
        paper_name=paper_name,
        paper_uri=addresses.paper_uri,
        meeting_uri=addresses.meeting_uri,
        inspection_uri=addresses.inspection_uri,
        recommendation_uri=addresses.recommendation_uri,
        section_uri=addresses.section_uri,
        section_pages_listed=SECTION_PAGES_LISTED,
        paper_chart=paper_chart,
        uris=addresses.named_uris(),
        status_table_as_at=status_table_as_at,
        sources=SOURCES,
        page_kinds=PAGE_KINDS,
        search_weights=SEARCH_WEIGHTS,
        remembered=Remembered(env, "blocks.html.j2"),
    )
    return env


_TITLE_COUNTS: list[tuple[object, Counter[str]]] = []


@pass_context
def paper_name(context: Context, paper: Paper) -> str:
    """A paper's name as a link's text: its title, with its date when another paper has the same title.

    Papers share titles from one meeting to the next ("HMICS Improvement
    Plans – Progress Summary"), and one link text must name one page.
    """
    papers = context["content"].papers
    if not _TITLE_COUNTS or _TITLE_COUNTS[0][0] is not papers:
        _TITLE_COUNTS[:] = [(papers, Counter(p.title for p in papers.values()))]
    return paper.title if _TITLE_COUNTS[0][1][paper.title] <= 1 else f"{paper.title} ({paper.date.long})"


class Renderer:
    """Renders a page from a template, with the model and derived figures (pages/site.py lists every page)."""

    def __init__(self, content: Content, derived: Derived, before_each_page: Callable[[], None] = lambda: None, documents: dict[str, FullDocument] | None = None, site_url: str = "") -> None:
        self.content = content
        self.site_url = site_url  # the publisher's address, "/"-ended, or "" when not set
        self.derived = derived
        self.env = shared_environment()
        self.before_each_page = before_each_page  # the preview stops a render a newer change makes stale
        self.documents = documents or {}  # each paper's PDF (pages/pdf.py), linked from its pages
        self.sections_of: dict[str, list[Section]] = {}

    def render(self, template: str, docs_path: str, **values: Any) -> Page:
        self.before_each_page()
        context = {
            "content": self.content,
            "derived": self.derived,
            "page_uri": addresses.uri(docs_path),
            **values,
        }
        return Page(docs_path, self.env.get_template(template).render(context))

    def sections(self, paper: Paper) -> list[Section]:
        """The paper's sections (model/sections.py), worked out once per render."""
        if paper.identifier not in self.sections_of:
            self.sections_of[paper.identifier] = paper_sections(paper)
        return self.sections_of[paper.identifier]

    def expand_directives(self, paper: Paper, text: str, here: str) -> Markup:
        """A part of the paper's body with each [[directive]] line replaced by
        its block, whose links lead from the page at `here`."""
        macros = self.env.get_template("blocks.html.j2").make_module({"content": self.content, "derived": self.derived, "page_uri": here})
        lines = []
        for line in text.split("\n"):
            match = DIRECTIVE.match(line.strip())
            if not match:
                lines.append(line)
                continue
            name, argument = match[1], (match[2] or "").strip()
            block = getattr(macros, DIRECTIVES[name].macro)(paper, argument)
            lines.extend(["", str(block).strip(), ""])
        return _source("\n".join(lines))
