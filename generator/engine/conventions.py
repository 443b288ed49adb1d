"""What the site engine makes of a docs tree, which the core must agree with.

MkDocs turns `papers/x.md` into the address `papers/x/` (directory URLs)
and reads Markdown with the extensions listed in mkdocs.yml. The pages
stage asks this module for both, so links between pages and the HTML that
the checks and the templates make from editors' Markdown match what the
engine will write. Another engine replaces this module with its own rules
(see docs/architecture.md).
"""

from __future__ import annotations

# The engine's Markdown extensions (mkdocs.yml), so what is checked is what it would make.
MARKDOWN_EXTENSIONS = ("toc", "attr_list", "sane_lists")


def page_uri(docs_path: str) -> str:
    """The site address MkDocs gives a docs file (directory URLs)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
