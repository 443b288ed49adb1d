"""Links between pages, checked where the editor wrote them.

The finished build's check (linkcheck.py) reads every built page and would
name the generated page of a broken link; an editor needs the paper's file
and line. So each link a paper's body makes to a page of this site (an
address without a scheme that names a folder, as page addresses do) is
resolved from the paper's own page and looked up among the pages rendered.
Links to files (a CSV, the feed) are left to the build's check. An image
in a paper is refused here: the site holds no image files from content
(figures go in tables, which every reader can read).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from generator.common.problems import Location, Problems
from generator.engine.page import Page
from generator.model.objects import Content
from generator.pages.addresses import paper_uri, uri

LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
IMAGE_FIX = "the site publishes no image files from content: put the figures in a table (tables: in the front matter) and describe in words what the image shows"


def check_page_links(content: Content, pages: Iterable[Page], problems: Problems) -> None:
    """Each link in a paper's body to a page that is not rendered, at its line and column."""
    addresses = {uri(page.docs_path) for page in pages}
    for paper in content.papers.values():
        for offset, line in enumerate(paper.body.split("\n")):
            for link in LINK.finditer(line):
                where = Location(paper.location.path, paper.body_line + offset, link.start(2) + 1)
                if link[1] and not urlsplit(link[2]).scheme:
                    problems.add(where, f'the image "{link[2]}" is not a file of this site', IMAGE_FIX)
                    continue
                target = _page_address(paper_uri(paper.identifier), link[2])
                if target is not None and target not in addresses:
                    problems.add(
                        where,
                        f'the link "{link[2]}" leads to no page of this site (it would be /{target})',
                        "correct the address: from a paper, another paper is ../<its file name without .md>/, an inspection ../../inspections/<identifier>/",
                    )


def _page_address(page: str, href: str) -> str | None:
    """The site address a relative link names, if it names a page (a folder), else None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or not parts.path.endswith("/"):
        return None
    resolved = posixpath.normpath(posixpath.join("/" + page, parts.path)).lstrip("/")
    return "" if resolved in (".", "") else resolved + "/"
