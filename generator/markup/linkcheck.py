"""Check the built site's internal links and anchors before it is published.

Every href and src that stays on the site is resolved the way a browser
resolves it from the page it is on, and must lead to a file of the build;
a #fragment must name an id (or an <a name>) on the page it leads to. The
pages are read once, by libxml2's HTML parser (lxml), and the parsed
elements are shared with the other checks of the finished build
(untrusted.check_built). The standard library's parser, pure Python, took
a sixth of a large build to read the same pages.

libxml2 reads a few constructs differently from a browser, and one of those
checks must not miss what a browser would run. Every attribute that names
an address or an event handler written in a page's source must therefore be
among those libxml2 reports; when one is not (a repeated attribute, which
libxml2 drops; a misplaced <body onload>, whose attributes a browser adds to
the page's body; markup inside <title> or a comment-like construct), the
page is read again with the standard library's parser, and every element
either parser saw is kept: a check refuses rather than misses.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlsplit

from lxml import etree

LINK_ATTRIBUTES = ("href", "src")
# Attributes whose value is an address a browser follows or loads.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "data", "background", "xlink:href", "srcset"})
# Every `name=` of those or of an event handler in a page's source, text included (a false alarm only costs a
# second reading). The pattern is matched on the reversed source, so that it starts at "=", which is rare.
_WATCHED_NAME = re.compile(r"on[a-z0-9_-]*|" + "|".join(re.escape(name) for name in sorted(URL_ATTRIBUTES, key=len, reverse=True)))
_WATCHED_IN_REVERSED_SOURCE = re.compile(
    rb"=\s*(?:[a-z0-9_-]*no|" + b"|".join(re.escape(name[::-1].encode()) for name in sorted(URL_ATTRIBUTES, key=len, reverse=True)) + rb""")[\s"'/]""",
    re.IGNORECASE,
)


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


def parse_site(site_path: Path, keep: Callable[[Attributes], bool] = every_element) -> dict[str, ParsedPage]:
    """Every HTML file of the build, by its path relative to the site.

    `keep` chooses the elements worth keeping: a large site has millions,
    and the checks need only those with attributes they look at.
    """
    pages: dict[str, ParsedPage] = {}
    known: dict[tuple[str, Attributes], _Summary] = {}  # every page repeats the theme's elements
    for path in sorted(site_path.rglob("*.html")):
        uri = path.relative_to(site_path).as_posix()
        pages[uri] = _parse(uri, path.read_bytes(), keep, known)
    return pages


def parse_page(uri: str, html: str, keep: Callable[[Attributes], bool] = every_element) -> ParsedPage:
    """One page's (or fragment's) start tags and ids."""
    return _parse(uri, html.encode("utf-8"), keep, {})


def _parse(uri: str, source: bytes, keep: Callable[[Attributes], bool], known: dict[tuple[str, Attributes], _Summary]) -> ParsedPage:
    """The page as libxml2 reads it, or as both parsers read it when libxml2 left out a watched attribute."""
    page = ParsedPage(uri)
    parser = etree.HTMLParser(encoding="utf-8", recover=True, no_network=True, collect_ids=False)
    root = etree.fromstring(source, parser)
    reported = _collect(page, root, source, keep, known) if root is not None else 0
    if reported < len(_WATCHED_IN_REVERSED_SOURCE.findall(source[::-1])):
        _add_standard_reading(page, source.decode("utf-8", errors="replace"), keep)
    return page


# What one start tag (name and attributes) gives: whether `keep` wants it, its ids, its watched attributes with a value.
_Summary = tuple[bool, tuple[str, ...], int]


def _collect(page: ParsedPage, root: etree._Element, source: bytes, keep: Callable[[Attributes], bool], known: dict[tuple[str, Attributes], _Summary]) -> int:
    """Add the elements `keep` wants and every id; return how many watched attributes with a value libxml2 reported."""
    lines = _SourceLines(source)
    reported = 0
    for element in _elements(root, keep(())):
        tag, attributes = element.tag, cast(Attributes, tuple(element.items()))
        summary = known.get((tag, attributes))
        if summary is None:
            summary = known[(tag, attributes)] = _summary(tag, attributes, keep)
        if summary[0]:
            page.elements.append(Element(tag, attributes, lines.start(tag, element.sourceline)))
        page.ids.update(summary[1])
        reported += summary[2]
    return reported


def _summary(tag: str, attributes: Attributes, keep: Callable[[Attributes], bool]) -> _Summary:
    ids = tuple(value for name, value in attributes if name == "id" or (name == "name" and tag == "a"))
    return keep(attributes), ids, sum(1 for name, value in attributes if value and _watched(name))


def _elements(root: etree._Element, with_bare: bool) -> Iterable[etree._Element]:
    """Every element, or only those with attributes: the others hold no address, handler or id."""
    return root.iter(etree.Element) if with_bare else cast(list[etree._Element], _HAVING_ATTRIBUTES(root))


_HAVING_ATTRIBUTES = etree.XPath("//*[@*]")


class _SourceLines:
    """The line a start tag begins on: libxml2 gives the line of its closing >, the messages name the line of its <."""

    def __init__(self, source: bytes) -> None:
        self.source = source
        self.lines: list[bytes] | None = None

    def start(self, tag: str, end_line: int | None) -> int:
        if end_line is None:
            return 1
        if self.lines is None:
            self.lines = self.source.split(b"\n")
        pattern, line = _tag_start(tag), min(end_line, len(self.lines))
        while line > 1 and not pattern.search(self.lines[line - 1]):
            line -= 1
        return line if pattern.search(self.lines[line - 1]) else end_line


@functools.cache
def _watched(name: str) -> bool:
    """Whether libxml2 reported an attribute the source pattern counts: the same names, spelt the same way."""
    return _WATCHED_NAME.fullmatch(name) is not None


@functools.cache
def _tag_start(tag: str) -> re.Pattern[bytes]:
    return re.compile(b"<" + re.escape(tag.encode("utf-8")) + rb"(?=[\s/>]|$)", re.IGNORECASE)


class _Collector(HTMLParser):
    """Records the start tags `keep` wants, and every id; the standard library's HTML parser does the reading."""

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


def _add_standard_reading(page: ParsedPage, html: str, keep: Callable[[Attributes], bool]) -> None:
    """Keep every element either parser saw: the standard library's reading, then what only libxml2 saw."""
    standard = ParsedPage(page.uri)
    collector = _Collector(standard, keep)
    collector.feed(html)
    collector.close()
    seen = _Readings(standard.elements)
    page.elements = standard.elements + [element for element in page.elements if not seen.has(element)]
    page.ids |= standard.ids


class _Readings:
    """The standard library's elements, to find libxml2's among them: most are the same, a few lack a repeated attribute."""

    def __init__(self, elements: list[Element]) -> None:
        self.exact = {(element.tag, element.attributes) for element in elements}
        self.by_tag: dict[str, list[set[tuple[str, str]]]] = {}
        for element in elements:
            self.by_tag.setdefault(element.tag, []).append(set(element.attributes))

    def has(self, element: Element) -> bool:
        if (element.tag, element.attributes) in self.exact:
            return True
        attributes = set(element.attributes)
        return any(attributes <= other for other in self.by_tag.get(element.tag, []))


def check_links(site_path: Path, pages: dict[str, ParsedPage], base_path: str = "/") -> list[str]:
    """One message per broken internal link or anchor, page by page.

    base_path is where the site is served (the path of site_url): a link
    starting with it leads to the site's root.
    """
    problems: list[str] = []
    is_file = functools.cache(lambda target: (site_path / target).is_file())  # most links lead to a few files
    for page in pages.values():
        for element in page.elements:
            for name, value in element.attributes:
                if name in LINK_ATTRIBUTES:
                    problem = _check_link(is_file, pages, page, value, base_path)
                    if problem:
                        problems.append(f'{page.uri}: broken link "{value}": {problem}')
    return problems


def _check_link(is_file: Callable[[str], bool], pages: dict[str, ParsedPage], page: ParsedPage, value: str, base_path: str) -> str | None:
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
    if not is_file(target):
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
    return _resolved(posixpath.dirname(page_uri), path)


@functools.lru_cache(maxsize=16384)
def _resolved(directory: str, path: str) -> str | None:
    """_target_file for a page in `directory`: pages at the same depth share their links' answers."""
    base = "" if path.startswith("/") else directory
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if joined == ".." or joined.startswith("../"):
        return None
    joined = "" if joined == "." else joined
    if path.endswith("/") or not posixpath.splitext(joined)[1]:
        return posixpath.join(joined, "index.html") if joined else "index.html"
    return joined
