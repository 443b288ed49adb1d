"""What the site engine makes of a docs tree, which the core must agree with.

MkDocs turns `papers/x.md` into the address `papers/x/` (directory URLs)
and reads Markdown with the extensions listed in mkdocs.yml. The pages
stage asks this module for both, so links between pages and the HTML that
the checks and the templates make from editors' Markdown match what the
engine will write. Another engine replaces this module with its own rules
(see docs/architecture.md).
"""

from __future__ import annotations

from pathlib import Path

import yaml

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


def configured_site_url(config_path: Path) -> str:
    """The publisher's address (mkdocs.yml's site_url), ending in "/", or ""
    when it is not set. Read as plain YAML: the pages need it before the
    engine runs (the feed's absolute links)."""
    try:
        config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError):
        return ""  # the engine reports an unreadable configuration itself
    url = str(config.get("site_url") or "") if isinstance(config, dict) else ""
    return url if not url or url.endswith("/") else url + "/"


class _TolerantLoader(yaml.SafeLoader):
    """Safe YAML that reads the engine's own tags (!ENV, !!python/name) as nothing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
