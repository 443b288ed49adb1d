"""The audit of the bundled site, run once per session and shared by the tests.

Every built page is loaded in one Chromium, with classic scrollbars: at
desktop width (keyboard, focus, status labels, requests made), at a
phone's 375 by 812, at 320 CSS px (reflow, and focus never going off
screen), with WCAG 1.4.12's text spacing, at 200% text zoom and at 200%
browser zoom (nothing cut off, no sideways scrolling); axe-core runs in
every one of these. The Nu Html Checker and HTML_CodeSniffer (pa11y-ci)
each run once over all the pages together, while the browser works. Each
test then asserts on its part of the results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium import webdriver

from tests.accessibility import audit
from tests.conftest import Site

SITE_NAME = "HMICS recommendations progress"


@dataclass
class SiteAudit:
    """What the checks found on every page of the built site."""

    pages: dict[str, audit.PageAudit]
    vnu: dict[str, list[str]]

    def failures(self, check: str) -> dict[str, list[str]]:
        return {page: found.found[check] for page, found in self.pages.items() if found.found.get(check)}

    def total(self) -> int:
        return sum(len(problems) for found in self.pages.values() for problems in found.found.values()) + sum(map(len, self.vnu.values()))


def _pass(driver: webdriver.Chrome, urls: dict[str, str], results: dict[str, audit.PageAudit], run: Callable[[webdriver.Chrome, audit.PageAudit, str], None]) -> None:
    for name, url in urls.items():
        run(driver, results[name], url)


def _axe(driver: webdriver.Chrome, found: audit.PageAudit, where: str) -> None:
    """axe-core on the page as it is open, its problems named by where."""
    wcag, best_practice = audit.axe_problems(driver)
    found.add("axe", [f"{where}: {problem}" for problem in wcag])
    found.add("best-practice", [f"{where}: {problem}" for problem in best_practice])


def _desktop(driver: webdriver.Chrome, found: audit.PageAudit, url: str) -> None:
    audit.requests_made(driver)
    audit.open_page(driver, url)
    found.add("privacy", audit.foreign_requests(audit.requests_made(driver)))
    _axe(driver, found, "desktop")
    found.add("status", audit.probe(driver, "statusLabels"))
    found.add("skip", audit.skip_link_problems(driver))
    found.add("focus", audit.focus_problems(driver))


def _narrow(driver: webdriver.Chrome, found: audit.PageAudit, url: str) -> None:
    _layout("reflow", "", "320 px")(driver, found, url)
    found.add("narrow-focus", audit.probe(driver, "focusOffScreen"))  # last: focusing scrolls the page


def _layout(check: str, css: str, where: str) -> Callable[[webdriver.Chrome, audit.PageAudit, str], None]:
    def run(driver: webdriver.Chrome, found: audit.PageAudit, url: str) -> None:
        audit.open_page(driver, url, css)
        found.add(check, audit.probe(driver, "reflow"))
        found.add(check, audit.probe(driver, "clipped"))
        _axe(driver, found, where)

    return run


def run_audit(driver: webdriver.Chrome, site_path: Path, base_url: str) -> SiteAudit:
    """Every check on every page of a built site."""
    pages = audit.built_pages(site_path)
    urls = {page.relative_to(site_path).as_posix(): audit.page_url(base_url, site_path, page) for page in pages}
    results = {name: audit.PageAudit(name) for name in urls}
    vnu = audit.start_vnu(pages)
    pa11y = audit.start_pa11y(list(urls.values()))
    for name, page in zip(urls, pages, strict=True):
        results[name].add("structure", audit.structure_problems(page.read_text(encoding="utf-8"), urls[name], SITE_NAME))
    try:
        audit.set_viewport(driver, audit.DESKTOP)
        _pass(driver, urls, results, _desktop)
        audit.set_viewport(driver, audit.PHONE)
        _pass(driver, urls, results, _layout("phone", "", "375 x 812"))
        audit.set_viewport(driver, audit.NARROW)
        _pass(driver, urls, results, _narrow)
        audit.set_viewport(driver, audit.DESKTOP)
        _pass(driver, urls, results, _layout("text-spacing", audit.TEXT_SPACING_CSS, "text spacing"))
        _pass(driver, urls, results, _layout("text-zoom", audit.TEXT_ZOOM_CSS, "200% text zoom"))
        audit.set_viewport(driver, (audit.DESKTOP[0] // 2, audit.DESKTOP[1] // 2), scale=2)
        _pass(driver, urls, results, _layout("zoom", "", "200% zoom"))
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    by_url = audit.pa11y_errors(pa11y)
    for name, url in urls.items():
        results[name].add("htmlcs", by_url.get(url, []))
    return SiteAudit(results, audit.vnu_errors(vnu))


@pytest.fixture(scope="session")
def site_audit(site: Site, served_site: str, browser: webdriver.Chrome) -> SiteAudit:
    """The bundled site, audited once for the session."""
    return run_audit(browser, site.path, served_site)
