"""Pages about the site rather than the papers: the glossary of acronyms,
the accessibility statement and the search page.

The statement reports how the site was last tested from the committed audit
record (docs/accessibility-audit.json, rewritten by `make audit` from the
accessibility suite's results), never from the clock: a build of the same
sources gives the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.derive.derive import Derived
from generator.engine.page import Page
from generator.model.glossary import term_anchor
from generator.model.objects import Content
from generator.pages import addresses
from generator.pages.render import PAGE_KINDS, Renderer

AUDIT_RECORD_PATH = Path(__file__).resolve().parent.parent.parent / "docs" / "accessibility-audit.json"


@dataclass(frozen=True)
class SearchFilter:
    """One of the search page's filters: its name in the index and the address, and its choices."""

    name: str
    label: str
    any: str
    values: list[str]


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
        renderer.render("glossary.md.j2", addresses.GLOSSARY, terms=terms, not_expanded=not_expanded, term_anchor=term_anchor),
        renderer.render("accessibility.md.j2", addresses.STATEMENT, audit=audit_record()),
        renderer.render("search.md.j2", addresses.SEARCH, filters=search_filters(renderer.content, renderer.derived)),
    ]


def search_filters(content: Content, derived: Derived) -> list[SearchFilter]:
    """The choices of each filter, from the pages the index holds: the same
    values the page templates give it (blocks.html.j2, search_facts)."""
    dates = [i.published for i in content.inspections.values()] + [p.date for p in content.papers.values()] + [m.date for m in content.meetings.values()]
    return [
        SearchFilter("kind", "Kind of page", "Any kind", list(PAGE_KINDS.values())),
        SearchFilter("inspection", "Inspection", "Any inspection", sorted({i.short_title for i in content.inspections.values()}, key=str.casefold)),
        SearchFilter("status", "Status of a recommendation", "Any status", sorted({t.status_label for t in derived.tracker.recommendations})),
        SearchFilter("year", "Year", "Any year", sorted({str(d.value.year) for d in dates}, reverse=True)),
    ]
