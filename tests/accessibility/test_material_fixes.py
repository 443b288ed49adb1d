"""Material's own accessibility faults, each fixed in theme/ or mkdocs.yml,
each proved here on the built site in Chromium or with an HTML parser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.accessibility import audit
from tests.conftest import ROOT, Site


@pytest.fixture
def desktop(browser: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    audit.set_viewport(browser, audit.DESKTOP)
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def phone(browser: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    audit.set_viewport(browser, audit.NARROW)
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def all_html(site: Site) -> list[tuple[Path, str]]:
    return [(page, page.read_text(encoding="utf-8")) for page in audit.built_pages(site.path)]


def test_footer_text_and_links_contrast_by_at_least_4_5_to_1(site: Site, served_site: str, desktop: webdriver.Chrome) -> None:
    audit.open_page(desktop, served_site)
    ratios = desktop.execute_script("return Array.from(document.querySelectorAll('.md-footer a, .md-footer .md-copyright')).map(e => [e.textContent.trim(), window.a11yProbes.contrast(e)]);")
    assert ratios and all(ratio >= 4.5 for _, ratio in ratios), ratios
    assert "Made with" not in site.page("").find("footer").get_text()


def test_links_in_text_are_underlined(served_site: str, desktop: webdriver.Chrome) -> None:
    audit.open_page(desktop, served_site)
    decorations = desktop.execute_script("return Array.from(document.querySelectorAll('.md-content p a, .md-content td a, .md-content li a')).map(a => getComputedStyle(a).textDecorationLine);")
    assert decorations and set(decorations) == {"underline"}


def test_wide_tables_scroll_in_a_focusable_labelled_region_a_keyboard_can_scroll(served_site: str, phone: webdriver.Chrome) -> None:
    audit.open_page(phone, served_site)
    region = phone.execute_script(
        "const r = Array.from(document.querySelectorAll('[role=region]')).find(r => r.scrollWidth > r.clientWidth);"
        "r.focus(); return {tabindex: r.getAttribute('tabindex'), label: r.getAttribute('aria-label'), caption: r.querySelector('caption').textContent.trim(), focused: document.activeElement === r};"
    )
    assert region == {"tabindex": "0", "label": region["caption"], "caption": region["caption"], "focused": True}
    ActionChains(phone).send_keys(Keys.ARROW_RIGHT).send_keys(Keys.ARROW_RIGHT).perform()
    WebDriverWait(phone, 5).until(lambda d: d.execute_script("return document.activeElement.scrollLeft;") > 0)


def test_no_invalid_attributes_on_toggles_or_navigation_labels(site: Site) -> None:
    for page, html in all_html(site):
        soup = audit.BeautifulSoup(html, "lxml")
        assert not soup.select("input[type=checkbox][autocomplete]"), page
        assert not soup.select('[tabindex=""]'), page
        for label in soup.select("label[for]"):
            assert soup.find(id=label["for"]) is not None, (page, label)


def test_back_to_top_button_if_any_is_not_focusable_while_hidden(site: Site, served_site: str, desktop: webdriver.Chrome) -> None:
    audit.open_page(desktop, served_site)
    focusable = desktop.execute_script("const b = document.querySelector('[data-md-component=top]'); if (!b) return false; b.focus(); return document.activeElement === b;")
    assert focusable is False


def test_no_web_fonts_and_no_repository_api_calls(site: Site) -> None:
    from ruamel.yaml import YAML

    config = YAML(typ="safe").load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False
    assert not config.get("repo_url"), "repo_url makes every page call the repository host's API"
    for page, html in all_html(site):
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert "md-source" not in html, page


def settle(driver: webdriver.Chrome) -> None:
    """Material closes the drawer 125 ms after a page loads (its location
    observable's first value); a person is never that quick, a test is."""
    driver.execute_async_script("setTimeout(arguments[0], 200);")


def test_phone_menu_button_is_reached_by_tab_and_opens_and_closes_the_navigation(served_site: str, phone: webdriver.Chrome) -> None:
    audit.open_page(phone, served_site)
    settle(phone)
    for _ in range(6):
        ActionChains(phone).send_keys(Keys.TAB).perform()
        if phone.execute_script("return document.activeElement.matches('.site-header-button--drawer');"):
            break
    button = phone.execute_script("const b = document.activeElement; return [b.tagName, b.type, b.getAttribute('aria-label'), b.getAttribute('aria-expanded')];")
    assert button == ["BUTTON", "button", "Open the site navigation", "false"]
    ActionChains(phone).send_keys(Keys.ENTER).perform()
    WebDriverWait(phone, 5).until(lambda d: d.execute_script("return document.activeElement.closest('.md-sidebar--primary') !== null;"))
    assert phone.execute_script("return document.getElementById('__drawer').checked;")
    ActionChains(phone).send_keys(Keys.ESCAPE).perform()
    assert phone.execute_script("return [document.getElementById('__drawer').checked, document.activeElement.matches('.site-header-button--drawer')];") == [False, True]


def test_there_is_no_palette_toggle_to_get_wrong(site: Site) -> None:
    """No palette is configured, so Material writes no toggle whose focus or
    label could be wrong; if one is added, axe and the focus check cover it."""
    for page, html in all_html(site):
        soup = audit.BeautifulSoup(html, "lxml")
        assert not soup.select("input[name=__palette], [data-md-component=palette]"), page


def test_a_printed_paper_has_no_navigation_whole_tables_and_link_addresses(site: Site, served_site: str, desktop: webdriver.Chrome) -> None:
    paper = next(p for p in audit.built_pages(site.path) if p.parent.parent.name == "papers" and "<table" in p.read_text(encoding="utf-8"))
    audit.open_page(desktop, audit.page_url(served_site, site.path, paper))
    desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        printed = desktop.execute_script(
            "const shown = s => Array.from(document.querySelectorAll(s)).filter(e => getComputedStyle(e).display !== 'none').length;"
            "const article = document.querySelector('.md-content').getBoundingClientRect();"
            "const link = document.querySelector('.md-content a[data-print-href]');"
            "return {chrome: shown('.md-header, .md-sidebar, .md-footer, .md-skip, .site-search'),"
            " cut: Array.from(document.querySelectorAll('.md-content table')).filter(t => t.getBoundingClientRect().right > article.right + 1).length,"
            " scrolls: Array.from(document.querySelectorAll('.table-region, .md-typeset__scrollwrap')).filter(r => getComputedStyle(r).overflowX !== 'visible').length,"
            " after: getComputedStyle(link, '::after').content, href: link.href};"
        )
    finally:
        desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert printed["chrome"] == 0
    assert printed["cut"] == 0
    assert printed["scrolls"] == 0
    assert printed["href"] in printed["after"], printed


def test_phone_drawer_sections_open_and_close_from_the_keyboard(served_site: str, phone: webdriver.Chrome) -> None:
    audit.open_page(phone, served_site)
    settle(phone)
    phone.execute_script("document.querySelector('.site-header-button--drawer').focus();")
    ActionChains(phone).send_keys(Keys.ENTER).perform()
    WebDriverWait(phone, 5).until(lambda d: d.execute_script("return document.activeElement.closest('.md-sidebar--primary') !== null;"))
    opener = phone.execute_script(
        # The navigation lists section pages only, so the panel to open is
        # the table of contents (a nested section would work the same way).
        "const b = document.querySelector('.md-nav--primary label.md-nav__link[role=button]');b.focus(); return [b.htmlFor, b.getAttribute('aria-label'), b.tabIndex];"
    )
    assert opener[1:] == ["Home: table of contents", 0]
    ActionChains(phone).send_keys(Keys.ENTER).perform()
    WebDriverWait(phone, 5).until(lambda d: d.execute_script("return document.activeElement.matches('.md-nav__title[role=button]');"))
    on_screen = "const r = document.activeElement.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth;"
    WebDriverWait(phone, 5).until(lambda d: d.execute_script(on_screen))  # after the panel slides in
    assert phone.execute_script("return document.getElementById(arguments[0]).checked;", opener[0]) is True
    ActionChains(phone).send_keys(Keys.ENTER).perform()
    WebDriverWait(phone, 5).until(lambda d: d.execute_script("return document.activeElement.htmlFor === arguments[0] && document.activeElement.matches('.md-nav__link');", opener[0]))
    assert phone.execute_script("return document.getElementById(arguments[0]).checked;", opener[0]) is False
