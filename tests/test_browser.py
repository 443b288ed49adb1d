"""The built site opens in a real browser, served over HTTP."""

from __future__ import annotations

from selenium import webdriver
from selenium.webdriver.common.by import By

from tests.conftest import Site


def test_home_page_opens_in_chromium_with_its_heading(site: Site, served_site: str, browser: webdriver.Chrome) -> None:
    expected = site.page("").find("h1").get_text(" ", strip=True)
    browser.get(served_site)
    assert browser.find_element(By.TAG_NAME, "h1").text == expected
    assert "HMICS recommendations progress" in browser.title
