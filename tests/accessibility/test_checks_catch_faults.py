"""Each checker catches a known fault: the suite can fail.

Small pages, each with one fault, are written to a temporary folder, served
on the loopback address and given to the same checkers that audit the site.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver

from tests.accessibility.conftest import SITE_NAME, run_audit
from tests.acronym_check import unmarked_first_uses
from tests.browser import chromium, serve_directory

HEAD = f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fault - {SITE_NAME}</title></head>'


def page(body: str) -> str:
    return f'{HEAD}<body><a href="#main">Skip to content</a><main id="main"><h1>Fault</h1>{body}</main></body></html>'


FAULTS = {
    "missing-alt": page('<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10"></p>'),
    "skipped-heading": page("<h3>Skipped</h3><p>Text.</p>"),
    "contrast": page('<p style="color:#aaaaaa;background:#ffffff">Pale text on white.</p>'),
    "status-contrast": page('<p><span class="status" style="color:#c0c0c0;background:#ffffff">Closed</span></p>'),
    "external-request": page('<p><img src="http://127.0.0.2:9/pixel.gif" alt="A pixel"></p>'),
    "overflow": page('<div style="width:900px">A block wider than a phone.</div>'),
    "invalid-html": page("<ul><p>A paragraph where a list item belongs.</p></ul>"),
    "no-skip-link": f"{HEAD}<body><main><h1>Fault</h1><p><a href='#x'>A link first</a></p></main></body></html>",
    "invisible-focus": page('<style>a:focus{outline:none!important;box-shadow:none!important}</style><p><a href="#x">A link</a></p>'),
    "clipped": page('<div style="height:1.2em;overflow:hidden;width:200px">A sentence long enough to wrap onto a second line that the box then cuts off.</div>'),
    "off-screen-focus": page('<nav style="position:fixed;left:-400px;width:300px"><a href="#x">A link in a closed drawer</a></nav>'),
    "table": page("<table><tr><th>Head</th></tr><tr><td>Cell</td></tr></table>"),
    "vague-link": page('<p>For the report <a href="report/">click here</a>.</p>'),
    "no-submit": page('<form action="search/"><label>Search <input type="text" name="q"></label></form>'),
    "unnamed-checkbox": page('<form action="x/"><input type="checkbox" name="c"><button>Send</button></form>'),
    "small-targets": page('<p style="font-size:10px;line-height:10px"><a href="a/">A</a> <a href="b/">B</a></p>'),
    "unmarked-acronym": page('<p>The <a class="acronym" href="g/"><abbr title="Contact Assessment Model">CAM</abbr></a> and CERP: CERP again.</p>'),
    "title": '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fault</title></head><body><main><h1>Fault</h1></main></body></html>',
}


@pytest.fixture(scope="module")
def fault_audit(tmp_path_factory: pytest.TempPathFactory, browser: webdriver.Chrome) -> Iterator[dict[str, dict[str, list[str]]]]:
    root = tmp_path_factory.mktemp("faults")
    for name, html in FAULTS.items():
        (root / name).mkdir()
        (root / name / "index.html").write_text(html, encoding="utf-8")
    with serve_directory(root) as base_url:
        result = run_audit(browser, root, base_url)
    found = {name.removesuffix("/index.html"): page_audit.found for name, page_audit in result.pages.items()}
    for path, errors in result.vnu.items():
        found[Path(path).parent.name].setdefault("vnu", []).extend(errors)
    yield found


@pytest.mark.parametrize(
    ("fault", "check", "expected"),
    [
        ("missing-alt", "axe", "image-alt"),
        ("missing-alt", "structure", "image without alt"),
        ("skipped-heading", "structure", "heading level skipped: h1 then h3"),
        ("contrast", "axe", "color-contrast"),
        ("status-contrast", "status", "status label contrast"),
        ("external-request", "privacy", "http://127.0.0.2:9/pixel.gif"),
        ("overflow", "reflow", "the page scrolls sideways"),
        ("invalid-html", "vnu", "Element “p” not allowed as child of element “ul”"),
        ("no-skip-link", "skip", "not a Skip to content link"),
        ("invisible-focus", "focus", "focus is not visible"),
        ("clipped", "text-spacing", "text cut off below"),
        ("off-screen-focus", "narrow-focus", "focus goes off screen"),
        ("table", "structure", "a table without a caption"),
        ("table", "structure", "has no scope"),
        ("vague-link", "structure", "a link whose text says nothing of where it goes: 'click here'"),
        ("title", "structure", "does not name both the page and the site"),
        ("no-submit", "htmlcs", "This form does not contain a submit button"),
        ("unnamed-checkbox", "htmlcs", "does not have a name available to an accessibility API"),
        ("small-targets", "axe", "375 x 812: target-size"),
    ],
)
def test_each_checker_catches_its_fault(fault_audit: dict[str, dict[str, list[str]]], fault: str, check: str, expected: str) -> None:
    problems = fault_audit[fault].get(check, [])
    assert any(expected in problem for problem in problems), problems


def test_the_acronym_check_catches_a_first_use_left_unmarked() -> None:
    html = FAULTS["unmarked-acronym"]
    assert unmarked_first_uses(html, {"CAM", "CERP"}) == ["CERP: first use not marked, in 'and CERP: CERP again.'"]
    assert unmarked_first_uses(html.replace("CERP", "<b>the CERP</b>", 1), {"CAM", "CERP"}) == ["CERP: first use not marked, in 'the CERP'"]


def test_a_browser_without_classic_scrollbars_is_refused() -> None:
    """Overlay or hidden scrollbars would let a page 15 px too wide pass."""
    with pytest.raises(RuntimeError, match="scrollbar takes 0 px, not the classic 15 px"), chromium(extra_flags=("--hide-scrollbars",)):
        pass
