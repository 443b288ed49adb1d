"""A paper's printed full document as the pages link to it.

Its own module, below both the renderer (which links to it) and the
printer (which makes it), so that neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.pages import addresses


@dataclass(frozen=True)
class FullDocument:
    """A paper's PDF: where the site serves it, and what its link says."""

    paper_id: str
    path: Path  # the cached file
    pages: int
    size: int

    @property
    def uri(self) -> str:
        return addresses.uri(addresses.document_path(self.paper_id))

    @property
    def size_text(self) -> str:
        """The size as a reader weighs a download: 183 KB, 1.2 MB."""
        if self.size >= 1024 * 1024:
            return f"{self.size / (1024 * 1024):.1f} MB"
        return f"{max(1, round(self.size / 1024))} KB"
