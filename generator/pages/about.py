"""Pages about the site rather than the papers: the glossary of acronyms and
the accessibility statement.

The statement reports how the site was last tested from the committed audit
record (docs/accessibility-audit.json, rewritten by `make audit` from the
accessibility suite's results), never from the clock: a build of the same
sources gives the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.engine.page import Page
from generator.model.glossary import term_anchor
from generator.pages import addresses
from generator.pages.render import Renderer

AUDIT_RECORD_PATH = Path(__file__).resolve().parent.parent.parent / "docs" / "accessibility-audit.json"


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
    ]
