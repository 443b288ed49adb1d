"""Pages about the site rather than the papers: the glossary of acronyms and
the accessibility statement, and the acronym markup every page gets.

The statement reports how the site was last tested from the committed audit
record (docs/accessibility-audit.json, rewritten by `make audit` from the
accessibility suite's results), never from the clock: a build of the same
sources gives the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment

from generator.glossary import GLOSSARY_URI, mark_acronyms, term_anchor
from generator.model import GlossaryTerm

if TYPE_CHECKING:
    from generator.render import Page, Renderer

AUDIT_RECORD_PATH = Path(__file__).resolve().parent.parent / "docs" / "accessibility-audit.json"
GLOSSARY_DOCS_PATH = "glossary.md"
STATEMENT_DOCS_PATH = "accessibility.md"


def audit_record(path: Path = AUDIT_RECORD_PATH) -> dict[str, Any]:
    """The last accessibility audit: tools, versions, pages, date, results."""
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return record


def about_pages(renderer: Renderer) -> list[Page]:
    """The glossary page and the statement: both always, since every page's
    footer and the navigation link to them (a content tree without a
    glossary gets a page saying so)."""
    terms = sorted(renderer.content.glossary, key=lambda t: t.term.casefold())
    not_expanded = sorted(renderer.content.not_expanded, key=str.casefold)
    return [
        renderer.render("glossary.md.j2", GLOSSARY_DOCS_PATH, terms=terms, not_expanded=not_expanded, term_anchor=term_anchor),
        renderer.render("accessibility.md.j2", STATEMENT_DOCS_PATH, audit=audit_record()),
    ]


def mark_acronyms_on_pages(pages: list[Page], glossary: list[GlossaryTerm], env: Environment) -> list[Page]:
    """Every page but the glossary itself, with its first use of each term
    linked; the data files and the feed (not Markdown pages) are left as they are."""
    from generator.render import Page, page_uri, relative_link

    if not glossary:
        return pages
    by_term = {term.term: term for term in glossary}
    macro = env.get_template("acronym.html.j2").module.acronym  # type: ignore[attr-defined]

    def marked(page: Page) -> Page:
        here = page_uri(page.docs_path)

        def markup(word: str, term: GlossaryTerm) -> str:
            href = relative_link(here, GLOSSARY_URI) + "#" + term_anchor(term.term)
            return str(macro(word, term, href)).strip()

        return Page(page.docs_path, mark_acronyms(page.text, by_term, markup))

    return [marked(page) if page.docs_path.endswith(".md") and page.docs_path != GLOSSARY_DOCS_PATH else page for page in pages]
