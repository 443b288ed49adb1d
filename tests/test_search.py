"""Search in a real browser: the right page first, filters, shareable links,
the keyboard, 320 px, and no request to any other host.

One Chromium for the module. The site's server notes every path it is
asked for, and sends a report-only Content Security Policy with every file,
so that the browser reports to it any load from another host, by a page or
by Pagefind's web worker (whose requests the browser's own log leaves out).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from selenium import webdriver
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from tests.accessibility import audit
from tests.browser import chromium, serve_directory
from tests.conftest import Site
from tests.test_search_index import text_shown

# Phrases from the papers' own sentences, each with the page of the
# recommendation it comes from: that page must be the first result.
PHRASES = [
    ("failure demand rate", "inspections/contact-assessment-model/recommendation-3/"),
    ("Third-Party Reporting", "inspections/hate-crime/recommendation-6/"),
    ("Local Policing Appointments", "inspections/contact-assessment-model/recommendation-1/"),
    ("dedicated unit for hate crime", "inspections/hate-crime/recommendation-3/"),
    ("place of safety orders", "inspections/policing-mental-health/recommendation-9/"),
    ("Vulnerable Persons Database", "inspections/policing-mental-health/recommendation-13/"),
    ("collaborative leadership training", "inspections/policing-mental-health/recommendation-6/"),
    ("core police ICT systems", "inspections/contact-assessment-model/recommendation-7/"),
    ("culture of risk aversion", "inspections/policing-mental-health/recommendation-5/"),
    ("training needs analysis", "inspections/policing-mental-health/recommendation-7/"),
    ("diary appointments", "inspections/domestic-abuse/recommendation-5/"),
]


@dataclass
class Searching:
    """The browser, the site's address, and what went where."""

    browser: webdriver.Chrome
    base: str
    requested: list[str]
    reports: list[dict[str, str]]

    def foreign(self) -> list[str]:
        """The loads from another host the browser reported."""
        return [report.get("blocked-uri", "") for report in self.reports if report.get("blocked-uri", "").startswith(("http:", "https:", "ws:", "wss:"))]

    def open(self, address: str) -> None:
        """Open a page and wait until any search it starts has shown its results."""
        self.browser.get(self.base + address)
        WebDriverWait(self.browser, 30).until(lambda b: b.execute_script("const s = document.querySelector('.search-results'); return !s || s.hidden || !s.hasAttribute('aria-busy');"))

    def search(self, **parameters: str) -> list[str]:
        """The addresses of the results listed for a search, in order."""
        self.open("search/?" + urlencode(parameters))
        return self.results()

    def results(self) -> list[str]:
        return list(self.browser.execute_script("return Array.from(document.querySelectorAll('.search-results__list > li h3 a')).map(a => a.pathname.slice(1));"))

    def heading(self) -> str:
        return str(self.browser.execute_script("return document.querySelector('.search-results h2').textContent;"))


@pytest.fixture(scope="module")
def searching(site: Site) -> Iterator[Searching]:
    requested: list[str] = []
    reports: list[dict[str, str]] = []
    with serve_directory(site.path, requested, reports) as base, chromium(1280, 900) as browser:
        yield Searching(browser, base, requested, reports)


@pytest.mark.parametrize(("phrase", "expected"), PHRASES)
def test_a_phrase_from_a_recommendation_finds_its_page_first(site: Site, searching: Searching, phrase: str, expected: str) -> None:
    own_text = text_shown(site.page(expected).select_one(".recommendation-text"))
    assert phrase.lower() in " ".join(own_text.split()).lower()
    assert searching.search(q=phrase)[0] == expected


def test_a_shared_link_shows_its_results_with_a_count_title_place_and_excerpt(searching: Searching) -> None:
    results = searching.search(q="failure demand rate")
    browser = searching.browser
    assert browser.execute_script("return document.getElementById('search-query').value;") == "failure demand rate"
    assert searching.heading() == f"{len(results)} results for “failure demand rate”"
    assert 1 < len(results) <= 10
    assert browser.execute_script("return document.querySelector('.search-results h2').getAttribute('aria-live');") == "polite"
    assert browser.title.startswith(searching.heading())
    first = browser.execute_script(
        "const li = document.querySelector('.search-results__list > li');"
        "return {title: li.querySelector('h3 a').textContent, where: li.querySelector('.search-result__where').textContent,"
        " marks: Array.from(li.querySelectorAll('.search-result__excerpt mark')).map(m => m.textContent.toLowerCase())};"
    )
    assert first["title"] == "Contact Assessment Model: Recommendation 3"
    assert first["where"].startswith("Recommendation 3 of HMICS Assurance Review of Police Scotland Contact Assessment Model, published ")
    assert "Status: " in first["where"]
    assert {"failure", "demand"} <= {mark.strip(".,") for mark in first["marks"]}


def test_a_filter_narrows_the_results_and_combines_with_the_words(searching: Searching) -> None:
    everything = searching.search(q="Police Scotland should review")
    total = int(searching.heading().split()[0])
    assert len(everything) == 10 and total > 10
    narrowed = searching.search(q="Police Scotland should review", kind="Recommendation", inspection="Hate Crime")
    count = int(searching.heading().split()[0])
    assert 0 < count < total and count == len(narrowed)
    assert searching.heading().endswith(", kind of page Recommendation, inspection Hate Crime")
    assert all(path.startswith("inspections/hate-crime/recommendation-") for path in narrowed)
    assert searching.browser.execute_script("return document.getElementById('search-filter-inspection').value;") == "Hate Crime"


def test_a_filter_alone_lists_the_pages_it_names(site: Site, searching: Searching) -> None:
    results = searching.search(kind="Meeting")
    meetings = [path for path in site.pages() if path.parent.parent.name == "meetings"]
    assert sorted(results) == sorted(site.uri(path) for path in meetings)
    assert searching.heading() == f"{len(meetings)} results with kind of page Meeting"
    status = text_shown(site.page(PHRASES[0][1]).select_one("table.facts .status"))
    for path in searching.search(status=status, kind="Recommendation"):
        assert text_shown(site.page(path).select_one("table.facts .status")) == status


def test_the_header_form_searches_from_the_keyboard_and_more_results_take_focus(searching: Searching) -> None:
    browser = searching.browser
    searching.open("papers/")
    for _ in range(15):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.execute_script("return document.activeElement.id;") == "site-search-query":
            break
    browser.switch_to.active_element.send_keys("recommendation", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/search/?q=recommendation" in b.current_url)
    searching.open(browser.current_url.removeprefix(searching.base))
    assert len(searching.results()) == 10
    button = browser.find_element("css selector", ".search-results__more button")
    assert button.is_displayed()
    browser.execute_script("arguments[0].focus();", button)
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: len(searching.results()) > 10)
    assert browser.execute_script("return document.activeElement === document.querySelectorAll('.search-results__list > li h3 a')[10];")


def test_at_320_px_the_header_links_to_search_and_the_results_fit(searching: Searching) -> None:
    browser = searching.browser
    audit.set_viewport(browser, audit.NARROW)
    try:
        searching.open("")
        shown = browser.execute_script("const v = e => getComputedStyle(document.querySelector(e)).display !== 'none'; return [v('header .site-search'), v('header .site-search__link')];")
        assert shown == [False, True]
        assert searching.search(q="mental health strategy")
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth;")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_search_asks_no_other_host_and_fetches_the_index_in_parts(site: Site, searching: Searching) -> None:
    with chromium() as browser:  # a first visit: nothing cached
        first_visit = Searching(browser, searching.base, searching.requested, searching.reports)
        searching.requested.clear()
        assert first_visit.search(q="Psychiatric Emergency Plans")
        fetched = [path.split("?")[0] for path in searching.requested]
        assert "/pagefind/pagefind.js" in fetched
        assert any(path.startswith("/pagefind/index/") for path in fetched)
        assert any(path.startswith("/pagefind/fragment/") for path in fetched)
        every_chunk = {path.name for path in (site.path / "pagefind" / "index").iterdir()}
        assert len({path for path in fetched if path.startswith("/pagefind/index/")}) < len(every_chunk) or len(every_chunk) <= 2
        assert first_visit.foreign() == []
        # The reports do come: a load from another host, made on purpose, is reported.
        browser.execute_script("new Image().src = 'http://example.invalid/probe.png';")
        WebDriverWait(browser, 10).until(lambda b: first_visit.foreign() == ["http://example.invalid/probe.png"])
