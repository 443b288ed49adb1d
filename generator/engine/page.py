"""The hand-off from the core to the site engine: a page to write."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """A page to write: its path in the docs tree and its Markdown."""

    docs_path: str
    text: str
