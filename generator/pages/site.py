"""Every page the site has, listed in one place, and the passes every page gets.

A page type is added to `every_page` (and, if it shows particular content
files, to `pages_about`); both hand their pages to `finished`, which applies
each site-wide pass to all of them, so no page type can be left out of
one. The passes: the first use of each glossary term on a page is linked
to its entry. Links are checked on the built site, every page of it
(markup/untrusted.py, after the engine has run).
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from generator.engine.page import Page
from generator.model.glossary import mark_acronyms, term_anchor
from generator.model.objects import GlossaryTerm
from generator.pages import addresses
from generator.pages.about import about_pages
from generator.pages.archive import archive_pages, archive_pages_about
from generator.pages.render import Renderer, relative_link
from generator.pages.tracker import tracker_pages, tracker_pages_about


def every_page(renderer: Renderer) -> list[Page]:
    """Every page of the site, in a stable order, finished."""
    return finished(renderer, [*archive_pages(renderer), *about_pages(renderer), *tracker_pages(renderer)])


def pages_about(renderer: Renderer, changed_paths: Set[Path]) -> list[Page]:
    """The pages about what changed (papers', meetings', inspections' and
    recommendations' own pages), exactly as every_page makes them: the
    preview shows these first."""
    return finished(renderer, [*archive_pages_about(renderer, changed_paths), *tracker_pages_about(renderer, changed_paths)])


def finished(renderer: Renderer, pages: list[Page]) -> list[Page]:
    """The pages with every site-wide pass applied."""
    return mark_acronyms_on_pages(renderer, pages)


def mark_acronyms_on_pages(renderer: Renderer, pages: list[Page]) -> list[Page]:
    """Every Markdown page but the glossary itself and the search form, with its first use of each term linked.

    Data files (CSV, JSON, the feed) are not pages a person reads: they keep the text as it is.
    """
    glossary = renderer.content.glossary
    if not glossary:
        return pages
    by_term = {term.term: term for term in glossary}
    macro = renderer.env.get_template("acronym.html.j2").module.acronym  # type: ignore[attr-defined]
    glossary_uri = addresses.uri(addresses.GLOSSARY)

    def marked(page: Page) -> Page:
        here = addresses.uri(page.docs_path)

        def markup(word: str, term: GlossaryTerm) -> str:
            href = relative_link(here, glossary_uri) + "#" + term_anchor(term.term)
            return str(macro(word, term, href)).strip()

        return Page(page.docs_path, mark_acronyms(page.text, by_term, markup))

    return [marked(page) if page.docs_path.endswith(".md") and page.docs_path not in (addresses.GLOSSARY, addresses.SEARCH) else page for page in pages]
