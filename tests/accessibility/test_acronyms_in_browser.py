"""An acronym's expansion reaches keyboard and screen-reader users, not only
a mouse pointer's hover title."""

from __future__ import annotations

from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.accessibility import audit
from tests.conftest import Site


def test_the_expansion_is_in_the_link_name_and_shown_on_keyboard_focus(site: Site, served_site: str, browser: webdriver.Chrome) -> None:
    audit.set_viewport(browser, audit.DESKTOP)
    try:
        audit.open_page(browser, served_site + "papers/2024-09-18-hmics-improvement-plans-progress-summary/")
        hidden = browser.execute_script("const s = document.querySelector('a.acronym .acronym__expansion'); return s.getBoundingClientRect().width;")
        assert hidden <= 1
        ActionChains(browser).send_keys(Keys.TAB).perform()
        browser.execute_script("document.querySelector('a.acronym').focus();")
        shown = browser.execute_script(
            "const a = document.activeElement; const s = a.querySelector('.acronym__expansion');return [a.classList.contains('acronym'), s.getBoundingClientRect().width, a.innerText];"
        )
        assert shown[0] is True
        assert shown[1] > 50
        assert shown[2] == "HMICS (His Majesty’s Inspectorate of Constabulary in Scotland)"
        ActionChains(browser).send_keys(Keys.ENTER).perform()
        assert browser.current_url.endswith("/glossary/#term-HMICS")
        assert browser.execute_script("return document.querySelector(':target').textContent;") == "HMICS"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
