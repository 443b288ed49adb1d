"""Content is untrusted: it must never run code in a reader's browser.

Content arrives in pull requests, sometimes from outside the organisation.
Three layers keep it inert, each with one allow-list:

- before the build, every Markdown field is converted the way the site
  engine converts it and the result is read with an HTML parser: raw HTML,
  attributes that attr_list ({: ...}) would add beyond id and class, and
  links or images whose address is not allowed are reported as problems,
  with the file, line and a fix;
- the Markdown placed inside HTML blocks (table cells) goes through nh3,
  a maintained sanitiser, with the same allow-list;
- the finished build is read once more before it is published: no event
  handler attribute, no javascript:/data:/vbscript: address and no request
  to another host anywhere, whatever template a value went through.

Plain-text fields are escaped by the templates and shown literally.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import nh3

from generator.markup.linkcheck import URL_ATTRIBUTES, ParsedPage, check_links, parse_page, parse_site
from generator.markup.markdown_html import convert, plain_paragraphs

ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6"},
)
ALLOWED_ATTRIBUTES = {"*": {"id", "class"}, "a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
NAMING_RELS = frozenset({"canonical", "alternate", "prev", "next"})
REQUEST_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background"})
FORBIDDEN_SCHEMES = frozenset({"javascript", "data", "vbscript"})
ENTITY = re.compile(r"^&(#\d+|#[xX][0-9a-fA-F]+|\w+);$")
# Addresses of other sites written without their scheme: a browser reads them as pages of this one.
WEB_ADDRESS = re.compile(r"^(?:www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:scot|uk|com|org|net|gov|eu|info)(?:[/?#]|$))", re.IGNORECASE)
E_MAIL = re.compile(r"^[^/@\s]+@[^/@\s]+\.[a-z]{2,}$", re.IGNORECASE)
LINK_FIX = "link to a web page (https://...), an e-mail address (mailto:...) or a page of this site"
IMAGE_FIX = "use an image of this site, by its relative address"
RAW_HTML_FIX = "write it in Markdown; tables go in the front matter's tables"


@dataclass(frozen=True)
class Finding:
    """Something in a Markdown text that may not reach the site."""

    line: int
    column: int
    message: str
    fix: str


def sanitise(html: str) -> str:
    """HTML from editors' Markdown, cut down to the allow-list."""
    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES, url_schemes=set(LINK_SCHEMES), link_rel=None, strip_comments=True)


def markdown_findings(text: str) -> list[Finding]:
    """What in this Markdown text is not allowed, located in the text (a fresh list)."""
    return list(_markdown_findings(text))


@functools.lru_cache(maxsize=4096)
def _markdown_findings(text: str) -> tuple[Finding, ...]:
    """The findings of each distinct text, kept: the preview checks every paper's body after each save.

    Plain paragraphs (no character Markdown or HTML gives a meaning to, see
    markdown_html.plain_paragraphs) can hold no markup at all: most texts in
    a plan are, and need no conversion.
    """
    if plain_paragraphs(text) is not None:
        return ()
    conversion = convert(text)
    findings = [_locate(text, raw.strip(), f"raw HTML {_first_tag(raw)} is not allowed", RAW_HTML_FIX) for raw in conversion.raw_html if not ENTITY.match(raw.strip())]
    for element in parse_page("", conversion.html_without_raw).elements:
        for name, value in element.attributes:
            findings.extend(_attribute_findings(text, element.tag, name, value))
    return tuple(findings)


def first_per_line(findings: list[Finding]) -> list[Finding]:
    """One finding of each kind per line: <b>...</b> is one problem, not two."""
    seen: set[tuple[int, str]] = set()
    kept = []
    for finding in sorted(findings, key=lambda f: (f.line, f.column)):
        if (finding.line, finding.fix) not in seen:
            seen.add((finding.line, finding.fix))
            kept.append(finding)
    return kept


def _attribute_findings(text: str, tag: str, name: str, value: str) -> list[Finding]:
    if name not in ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set()):
        return [_locate(text, name, f'the attribute {name}="{value}" is not allowed', "remove it; only {: #id .class } may be given")]
    if tag == "a" and name == "href" and not _allowed_link(value):
        return [_locate(text, value, f'a link to "{value}" is not allowed', LINK_FIX)]
    if tag == "a" and name == "href" and _scheme(value) is None and (WEB_ADDRESS.match(value) or E_MAIL.match(value)):
        scheme = "mailto:" if E_MAIL.match(value) else "https://"
        message = f'the link "{value}" does not start with {scheme}, so it would lead to a page of this site that does not exist'
        return [_locate(text, value, message, f"write it as {scheme}{value}")]
    if tag == "img" and name == "src" and _scheme(value) is not None:
        return [_locate(text, value, f'an image from "{value}" is not allowed', IMAGE_FIX)]
    return []


def _scheme(url: str) -> str | None:
    """The URL's scheme as a browser reads it (case and spaces ignored)."""
    cleaned = "".join(url.split()).lower()
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return "unreadable"
    if parts.scheme:
        return parts.scheme
    return "" if cleaned.startswith("//") else None


def _allowed_link(url: str) -> bool:
    scheme = _scheme(url)
    return scheme is None or scheme in LINK_SCHEMES


def _first_tag(raw: str) -> str:
    return raw.strip().split("\n", 1)[0][:60]


def _locate(text: str, snippet: str, message: str, fix: str) -> Finding:
    """Line and column (from 1) of the snippet's first appearance in text."""
    index = max(text.find(snippet), 0)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Finding(line, column, message, fix)


def verify_build(site_path: Path, base_path: str) -> list[str]:
    """Every problem of a finished build: unsafe markup, broken links."""
    pages = parse_site(site_path, _checked)
    return check_built(pages) + check_links(site_path, pages, base_path)


def _checked(attributes: tuple[tuple[str, str], ...]) -> bool:
    """Whether the checks of a finished build look at an element: an event handler or an address."""
    for name, _ in attributes:  # noqa: SIM110 - faster than any(), and it runs for most elements of every page
        if name in URL_ATTRIBUTES or name.startswith("on"):
            return True
    return False


def check_built(pages: dict[str, ParsedPage]) -> list[str]:
    """The last line of defence: the built pages read as a browser would."""
    problems: list[str] = []
    for page in pages.values():
        for element in page.elements:
            for name, value in element.attributes:
                problem = _built_problem(element.tag, name, value, _fetches(element.tag, dict(element.attributes)))
                if problem:
                    problems.append(f"{page.uri}:{element.line}: <{element.tag}> {problem}")
    return problems


def _fetches(tag: str, attributes: dict[str, str]) -> frozenset[str]:
    """The attributes whose address the browser loads by itself.

    A <link> loads its href (a stylesheet, an icon) unless it only names
    another address of the page (canonical, alternate, prev, next).
    """
    if tag == "link" and not set(attributes.get("rel", "").lower().split()) <= NAMING_RELS:
        return REQUEST_ATTRIBUTES | {"href"}
    return REQUEST_ATTRIBUTES


def _built_problem(tag: str, name: str, value: str, fetched: frozenset[str]) -> str | None:
    if name.startswith("on"):
        return f"has an event-handler attribute {name}"
    if name not in URL_ATTRIBUTES:
        return None
    scheme = _scheme(value)
    if scheme in FORBIDDEN_SCHEMES:
        return f'has a {scheme}: address in {name}="{value}"'
    if scheme is not None and name in fetched:
        return f'makes the browser request another host: {name}="{value}"'
    return None
