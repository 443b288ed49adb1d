"""The search index is fetched only when a reader starts to search, and search then works."""

from __future__ import annotations

import json

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from tests.conftest import Site

INDEX = "search/search_index.json"


def requested(browser: webdriver.Chrome) -> list[str]:
    """Addresses the browser requested since the last call."""
    messages = (json.loads(entry["message"])["message"] for entry in browser.get_log("performance"))
    return [m["params"]["request"]["url"] for m in messages if m["method"] == "Network.requestWillBeSent"]


def test_search_index_waits_until_search_is_used(site: Site, served_site: str, browser: webdriver.Chrome) -> None:
    browser.set_window_size(1280, 900)
    requested(browser)
    browser.get(served_site + "papers/")
    WebDriverWait(browser, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "input.md-search__input")))
    browser.execute_script("return new Promise(done => setTimeout(done, 1000))")
    on_load = requested(browser)
    assert any(url.endswith("/assets/javascripts/lazy-search.js") for url in on_load)
    assert not any(url.endswith(INDEX) for url in on_load)
    search = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    search.click()
    search.send_keys("mental health")
    WebDriverWait(browser, 20).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".md-search-result__item")))
    assert any(url.endswith(INDEX) for url in requested(browser))
    titles = [item.text for item in browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item")]
    assert any("Mental Health" in title for title in titles)
