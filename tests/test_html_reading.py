"""The finished build is read by libxml2 (lxml) and still sees what a browser would run.

libxml2 drops a repeated attribute and a misplaced <body>/<html> tag, and
reads markup inside <title> as text; the standard library's parser read
them. A page where libxml2 left out an address or an event handler written
in its source is read by both, so the last check refuses rather than misses.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.markup.linkcheck import check_links, parse_page, parse_site
from generator.markup.untrusted import check_built
from tests.conftest import Site


def _problems(tmp_path: Path, html: str) -> list[str]:
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    return check_built(parse_site(tmp_path))


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/ok/" href="javascript:alert(1)">x</a>', ['index.html:1: <a> has a javascript: address in href="javascript:alert(1)"']),
        ('<p>\n<img src="/a.png" alt="" SRC="https://198.51.100.7/p.png">', ['index.html:2: <img> makes the browser request another host: src="https://198.51.100.7/p.png"']),
        ('<html><body><p>x</p><body onload="alert(1)"></body></html>', ["index.html:1: <body> has an event-handler attribute onload"]),
        ("<title>a<img src=x onerror=alert(1)></title><p>b</p>", ["index.html:1: <img> has an event-handler attribute onerror"]),
        ("<!-- a -- > <img src=x onerror=alert(1)> -->", ["index.html:1: <img> has an event-handler attribute onerror"]),
    ],
    ids=["repeated href", "repeated src in upper case", "misplaced body", "markup in title", "comment closed by -- >"],
)
def test_what_libxml2_leaves_out_is_still_refused(tmp_path: Path, html: str, expected: list[str]) -> None:
    assert _problems(tmp_path, html) == expected


def test_markup_a_browser_reads_after_a_comment_closed_by_dash_dash_bang_is_refused(tmp_path: Path) -> None:
    """The standard library's parser read everything up to --> as the comment; browsers and libxml2 end it at --!>."""
    assert _problems(tmp_path, "<p>a</p><!-- x --!><img src=x onerror=alert(1)> -->") == ["index.html:1: <img> has an event-handler attribute onerror"]


def test_what_a_browser_runs_is_seen_wherever_it_is(tmp_path: Path) -> None:
    html = (
        '<!DOCTYPE html>\n<html><head><title>t</title></head><body>\n<svg onload="alert(1)"><a xlink:href="javascript:alert(2)">s</a></svg>\n'
        '<template><img src="https://198.51.100.7/t.png" alt=""></template>\n<noscript><img src="https://198.51.100.7/n.png" alt=""></noscript>\n'
        '<A HREF="JaVaScRiPt:alert(3)" OnClick="alert(4)">x</A>\n<a href="jav&#x09;ascript&colon;alert(5)">y</a>\n</body></html>\n'
    )
    assert _problems(tmp_path, html) == [
        "index.html:3: <svg> has an event-handler attribute onload",
        'index.html:3: <a> has a javascript: address in xlink:href="javascript:alert(2)"',
        'index.html:4: <img> makes the browser request another host: src="https://198.51.100.7/t.png"',
        'index.html:5: <img> makes the browser request another host: src="https://198.51.100.7/n.png"',
        'index.html:6: <a> has a javascript: address in href="JaVaScRiPt:alert(3)"',
        "index.html:6: <a> has an event-handler attribute onclick",
        'index.html:7: <a> has a javascript: address in href="jav\tascript:alert(5)"',
    ]


def test_a_start_tag_over_several_lines_is_reported_at_its_first_line(tmp_path: Path) -> None:
    html = '<p>x</p>\n<a class="c"\n   href="/ok/">x</a> <a\n   title="t"\n   onclick="alert(1)">y</a>\n'
    assert _problems(tmp_path, html) == ["index.html:3: <a> has an event-handler attribute onclick"]


def test_ids_and_named_anchors_are_found(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<a name="old">n</a><h2 ID="new">h</h2><a href="#old">1</a><a href="#new">2</a><a href="#gone">3</a>', encoding="utf-8")
    assert check_links(tmp_path, parse_site(tmp_path)) == ['index.html: broken link "#gone": index.html has no element with id "gone"']


def test_a_markdown_fragment_is_read_with_its_attributes_decoded() -> None:
    page = parse_page("", '<p><a href="a?x=1&amp;y=2" title="&quot;q&quot;">l</a></p>\n<p><img alt="" src="i.png" /></p>')
    assert [(element.tag, element.attributes) for element in page.elements if element.attributes] == [
        ("a", (("href", "a?x=1&y=2"), ("title", '"q"'))),
        ("img", (("alt", ""), ("src", "i.png"))),
    ]
    assert parse_page("", "").elements == []


class _StandardReading(HTMLParser):
    """The standard library's reading of a page: every start tag with its attributes and line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[tuple[str, str], ...], int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple((name, value or "") for name, value in attrs), self.getpos()[0]))


def test_every_page_of_the_bundled_site_reads_as_the_standard_library_read_it(site: Site) -> None:
    pages = parse_site(site.path)
    assert len(pages) > 20
    for uri, page in pages.items():
        reading = _StandardReading()
        reading.feed((site.path / uri).read_text(encoding="utf-8"))
        assert [(element.tag, element.attributes, element.line) for element in page.elements] == reading.elements, uri
