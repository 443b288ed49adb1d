"""Search in a real browser: the right page first, filters, shareable links,
the keyboard, 320 px, and no request to any other host.

One Chromium for the module. The site's server notes every path it is
asked for, and sends a report-only Content Security Policy with every file,
so that the browser reports to it any load from another host.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from selenium import webdriver
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from generator.engine.search_text import terms
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


def test_search_asks_no_other_host_and_fetches_only_the_parts_of_the_index_it_needs(site: Site, searching: Searching) -> None:
    index = site.path / "search-index"
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    with chromium() as browser:  # a first visit: nothing cached
        first_visit = Searching(browser, searching.base, searching.requested, searching.reports)
        searching.requested.clear()
        found = first_visit.search(q="Psychiatric Emergency Plans")
        assert found
        fetched = [path for path in searching.requested if path.startswith("/search-index/")]
        word_files = {path.split("?")[0] for path in fetched if path.startswith("/search-index/words/")}
        page_files = {path.split("?")[0] for path in fetched if re.fullmatch(r"/search-index/pages/\d+\.json\?v=\w+", path)}
        stretches = {path.split("?")[0] for path in fetched if re.fullmatch(r"/search-index/pages/\d+/\d+\.json\?v=\w+", path)}
        assert fetched[0] == "/search-index/meta.json"
        assert 1 <= len(word_files) <= 3 < len(meta["words"])  # one file per word at most
        assert len(page_files) == len(found)  # the results shown, and no other page
        assert len(stretches) <= len(found)  # at most one later stretch of text per result
        assert all(path.endswith("?v=" + meta["version"]) for path in fetched[1:])
        assert len(fetched) == 1 + len(word_files) + len(page_files) + len(stretches)
        assert first_visit.foreign() == []
        # The reports do come: a load from another host, made on purpose, is reported.
        browser.execute_script("new Image().src = 'http://example.invalid/probe.png';")
        WebDriverWait(browser, 10).until(lambda b: first_visit.foreign() == ["http://example.invalid/probe.png"])


def test_the_search_page_makes_the_words_of_every_indexed_page_as_the_index_does(site: Site, searching: Searching) -> None:
    searching.open("search/")
    index = site.path / "search-index"
    words = {}
    for path in (index / "words").glob("*.json"):
        words.update(json.loads(path.read_text(encoding="utf-8")))
    texts = [json.loads(path.read_text(encoding="utf-8"))["text"] for path in (index / "pages").glob("*.json")]
    texts += [json.loads(path.read_text(encoding="utf-8")) for path in (index / "pages").glob("*/*.json")]
    assert all(isinstance(text, str) for text in texts)
    # And text no page holds yet: accents, ligatures, letters beyond U+FFFF, plurals.
    odd = ["Naïve CAFÉS, ﬁnes; Police Scotland’s Third-Party inquiries, analyses, status, class", "𝐒𝐜𝐨𝐭𝐥𝐚𝐧𝐝 𠀀𠀀s ①② x_y 2023/24"]
    made = searching.browser.execute_script("return arguments[0].map(text => window.siteSearch.terms(text));", texts + odd)
    assert made == [terms(text) for text in texts + odd]
    # And every word the page makes of a page's text is in the index.
    assert set().union(*map(set, made[: len(texts)])) <= set(words)


def excerpt_marks(browser: webdriver.Chrome) -> list[list[str]]:
    """The words marked in each listed result's excerpt."""
    return list(
        browser.execute_script(
            "return Array.from(document.querySelectorAll('.search-results__list > li')).map(li => Array.from(li.querySelectorAll('.search-result__excerpt mark')).map(m => m.textContent));"
        )
    )


@pytest.mark.parametrize("phrase", ["training governance", *(phrase for phrase, _ in PHRASES[:4])])
def test_every_result_shows_an_excerpt_with_the_words_found(searching: Searching, phrase: str) -> None:
    assert searching.search(q=phrase)
    marks = excerpt_marks(searching.browser)
    assert marks and all(marks), marks
    wanted = set(terms(phrase))
    assert all(set(terms(" ".join(found))) <= wanted for found in marks)


def test_a_word_first_found_late_in_a_long_page_is_shown_from_that_stretch(site: Site, searching: Searching) -> None:
    index = site.path / "search-index"
    words: dict[str, list[int]] = {}
    for path in (index / "words").glob("*.json"):
        words.update(json.loads(path.read_text(encoding="utf-8")))
    # A word of letters that every page holding it first shows after its first stretch of text.
    late = sorted(term for term, written in words.items() if term.isalpha() and len(term) > 5 and 0 < len(written) // 3 <= 10 and min(written[2::3]) > 0)
    assert late
    term = late[0]
    searching.requested.clear()
    found = searching.search(q=term)
    assert len(found) == len(words[term]) // 3
    stretches = [path for path in searching.requested if re.fullmatch(r"/search-index/pages/\d+/\d+\.json\?v=\w+", path)]
    assert len(stretches) == len(found)
    assert all(marks and set(terms(" ".join(marks))) == {term} for marks in excerpt_marks(searching.browser))
    assert all(text.startswith("… ") for text in searching.browser.execute_script("return Array.from(document.querySelectorAll('.search-result__excerpt')).map(p => p.textContent);"))


def test_a_query_of_no_words_finds_nothing_rather_than_everything(searching: Searching) -> None:
    assert searching.search(q="– ? !") == []
    assert searching.heading() == "0 results for “– ? !”"
