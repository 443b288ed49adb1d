"""Check the built site's internal links and anchors before it is published.

Every href and src that stays on the site is resolved the way a browser
resolves it from the page it is on, and must lead to a file of the build;
a #fragment must name an id (or an <a name>) on the page it leads to. The
pages are read with the standard library's HTML parser, once, and the
parsed elements are shared with the other checks of the finished build
(untrusted.check_built).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = ("href", "src")


@dataclass(frozen=True)
class Element:
    """A start tag as the parser saw it: name, attributes, line in the file."""

    tag: str
    attributes: tuple[tuple[str, str], ...]
    line: int


@dataclass
class ParsedPage:
    """One HTML file of the build: its address, elements and ids."""

    uri: str
    elements: list[Element] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


Attributes = tuple[tuple[str, str], ...]


def every_element(attributes: Attributes) -> bool:
    return True


class _Collector(HTMLParser):
    """Records the start tags `keep` wants, and every id; the HTML parser does the reading."""

    def __init__(self, page: ParsedPage, keep: Callable[[Attributes], bool]) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.keep = keep

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = tuple((name, value or "") for name, value in attrs)
        if self.keep(attributes):
            self.page.elements.append(Element(tag, attributes, self.getpos()[0]))
        for name, value in attributes:
            if name == "id" or (tag == "a" and name == "name"):
                self.page.ids.add(value)


def parse_site(site_path: Path, keep: Callable[[Attributes], bool] = every_element) -> dict[str, ParsedPage]:
    """Every HTML file of the build, by its path relative to the site.

    `keep` chooses the elements worth keeping: a large site has millions,
    and the checks need only those with attributes they look at.
    """
    pages: dict[str, ParsedPage] = {}
    for path in sorted(site_path.rglob("*.html")):
        uri = path.relative_to(site_path).as_posix()
        pages[uri] = parse_page(uri, path.read_text(encoding="utf-8"), keep)
    return pages


def parse_page(uri: str, html: str, keep: Callable[[Attributes], bool] = every_element) -> ParsedPage:
    """One page's (or fragment's) start tags and ids."""
    page = ParsedPage(uri)
    collector = _Collector(page, keep)
    collector.feed(html)
    collector.close()
    return page


def check_links(site_path: Path, pages: dict[str, ParsedPage], base_path: str = "/") -> list[str]:
    """One message per broken internal link or anchor, page by page.

    base_path is where the site is served (the path of site_url): a link
    starting with it leads to the site's root.
    """
    problems: list[str] = []
    for page in pages.values():
        for element in page.elements:
            for name, value in element.attributes:
                if name in LINK_ATTRIBUTES:
                    problem = _check_link(site_path, pages, page, value, base_path)
                    if problem:
                        problems.append(f'{page.uri}: broken link "{value}": {problem}')
    return problems


def _check_link(site_path: Path, pages: dict[str, ParsedPage], page: ParsedPage, value: str, base_path: str) -> str | None:
    parts = urlsplit(value.strip())
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        base = base_path.rstrip("/") + "/"
        if not (path + "/").startswith(base):
            return "it leads out of the site"
        path = "/" + path.removeprefix(base) if path.startswith(base) else "/"
    target = _target_file(page.uri, path)
    if target is None:
        return "it leads out of the site"
    if not (site_path / target).is_file():
        return f"there is no file {target} in the site"
    fragment = unquote(parts.fragment)
    if not fragment or not target.endswith(".html"):
        return None
    if fragment not in pages[target].ids:
        return f'{target} has no element with id "{fragment}"'
    return None


def _target_file(page_uri: str, path: str) -> str | None:
    """The file a link's path names, relative to the site; None if outside."""
    if not path:
        return page_uri
    base = "" if path.startswith("/") else posixpath.dirname(page_uri)
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if joined == ".." or joined.startswith("../"):
        return None
    joined = "" if joined == "." else joined
    if path.endswith("/") or not posixpath.splitext(joined)[1]:
        return posixpath.join(joined, "index.html") if joined else "index.html"
    return joined
