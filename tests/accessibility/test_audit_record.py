"""The audit record the accessibility statement reports, and the statement.

docs/accessibility-audit.json says how the site was last tested: tools and
versions, pages, checks, date, problems found. `make audit` rewrites it from
this session's audit (and only from a clean one); otherwise this test fails
when the record no longer describes the suite: another checker version,
another check. Pages come and go with content (an editor's next paper adds
some), so the record's page count is history, reported as such by the
statement ("the pages the website had then"), and never makes a content
change fail: every page of every build is audited by the same session
(test_conformance.py). The site is built from the committed record, so a
build never depends on the clock.
"""

from __future__ import annotations

import datetime
import json
import os

import pytest

from generator.pages.about import AUDIT_RECORD_PATH, audit_record
from tests.accessibility import audit
from tests.accessibility.conftest import SiteAudit
from tests.conftest import Site

CHECKS = [
    "axe-core's rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA, and its best-practice rules, at desktop width, on a 375 by 812 phone, at 320 CSS pixels, with text spacing, at 200% text zoom and at 200% browser zoom",
    "HTML_CodeSniffer (through pa11y-ci): WCAG 2 AA",
    "the Nu Html Checker: valid HTML",
    "keyboard: the first Tab reaches a Skip to content link that works; focus is visible on every focusable element, and on screen at 320 CSS pixels",
    "reflow: no sideways scrolling at 320 CSS pixels wide with a classic 15 pixel scrollbar (a 305 pixel page), except in labelled, focusable table regions",
    "text spacing (WCAG 1.4.12), 200% text zoom and 200% browser zoom: no text cut off or overlapping",
    "structure: one h1, no skipped heading level, table captions and header scopes, text alternatives, link text, page titles",
    "colour: status labels in words with a contrast of 4.5:1 or more",
    "privacy: no request to any other host while a page loads",
]


def current(site_audit: SiteAudit, prepared: str) -> dict[str, object]:
    return {
        "date": datetime.date.today().isoformat(),
        "prepared": prepared,
        "pages": len(site_audit.pages),
        "tools": {
            "axe-core": audit.version("axe-core"),
            "HTML_CodeSniffer": audit.version("@pa11y/html_codesniffer"),
            "pa11y-ci": audit.version("pa11y-ci"),
            "Nu Html Checker (vnu)": audit.version("vnu-jar"),
        },
        "checks": CHECKS,
        "problems": site_audit.total(),
    }


def test_the_audit_record_describes_the_current_suite(site_audit: SiteAudit) -> None:
    record = audit_record()
    fresh = current(site_audit, record.get("prepared") or datetime.date.today().isoformat())
    if os.environ.get("WRITE_ACCESSIBILITY_AUDIT") == "1":
        assert fresh["problems"] == 0, "the audit found problems: the record is written only from a clean run"
        AUDIT_RECORD_PATH.write_text(json.dumps(fresh, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        record = audit_record()
    stale = {key: (record.get(key), fresh[key]) for key in ("tools", "checks") if record.get(key) != fresh[key]}
    assert stale == {}, "docs/accessibility-audit.json is out of date: run make audit"
    assert isinstance(record["pages"], int) and record["pages"] > 0
    assert record["problems"] == 0


def test_the_statement_follows_the_model_and_reports_the_last_audit(site: Site) -> None:
    if os.environ.get("WRITE_ACCESSIBILITY_AUDIT") == "1":
        pytest.skip("this run's site was built from the record before the run rewrote it")
    record = audit_record()
    page = site.page("accessibility/")
    headings = [h.get_text(" ", strip=True) for h in page.select("article h2, article h3")]
    assert headings == [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website’s accessibility",
        "Compliance status",
        "Non-accessible content",
        "Disproportionate burden",
        "Content that’s not within the scope of the accessibility regulations",
        "How we tested this website",
        "What we’re doing to improve accessibility",
        "Preparation of this accessibility statement",
    ]
    text = " ".join(page.select_one("article").get_text(" ").split())
    assert "Equality and Human Rights Commission" in text and "Equality Commission for Northern Ireland" in text
    assert "The Scottish Police Authority is committed to making its website accessible" in text
    assert "This website is run by the Scottish Police Authority." in text
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard" in text
    assert "Every page of this website is tested automatically whenever a change to its content or its code is proposed" in text
    assert f"The last full run recorded here was on {record['date']}, over the {record['pages']} pages the website had then" in text
    for tool, version in record["tools"].items():
        assert f"{tool} version {version}" in text
    assert f"This statement was prepared on {record['prepared']}" in text


def test_every_page_links_to_the_statement_and_the_glossary_from_its_footer(site: Site) -> None:
    for page in audit.built_pages(site.path):
        soup = audit.BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        footer = soup.select_one("footer nav[aria-label='About this site']")
        assert footer is not None, page
        assert [a.get_text(strip=True) for a in footer.find_all("a")] == ["Accessibility statement", "Glossary of acronyms"]
        # The 404 page is served at any depth, so Material gives it site-absolute links.
        targets = [(site.path / a["href"].lstrip("/") if a["href"].startswith("/") else page.parent / a["href"]).resolve() for a in footer.find_all("a")]
        assert all((target / "index.html").is_file() for target in targets), page
