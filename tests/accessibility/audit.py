"""The accessibility checkers: each takes a page (in the browser or as HTML)
and returns its problems as plain strings, so that the suite can run them on
every page of the built site and the fault tests can run them on pages made
to fail.

One Chromium serves the whole session: each check sets the viewport it needs
through the DevTools protocol rather than starting another browser.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from tests.browser import AXE_PATH, CHROMIUM_FLAGS, NODE_MODULES, VNU_JAR, chromium_path

PROBES = (Path(__file__).parent / "probes.js").read_text(encoding="utf-8")
AXE_SOURCE = AXE_PATH.read_text(encoding="utf-8") if AXE_PATH.is_file() else ""
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
DESKTOP = (1280, 900)
PHONE = (375, 812)
NARROW = (320, 800)
PA11Y_CI = NODE_MODULES / ".bin" / "pa11y-ci"

# WCAG 1.4.12's test values (the W3C text spacing bookmarklet).
TEXT_SPACING_CSS = "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
# 200% text zoom: Material sizes everything in rem from html's 125%.
TEXT_ZOOM_CSS = "html { font-size: 250% !important; }"

VAGUE_LINK_TEXT = frozenset({"here", "click here", "read more", "more", "link", "this link", "this", "click"})
SCOPES = frozenset({"col", "row", "colgroup", "rowgroup"})


def version(package: str) -> str:
    """A pinned checker's version, from its installed package.json."""
    return str(json.loads((NODE_MODULES / package / "package.json").read_text(encoding="utf-8"))["version"])


def built_pages(site_path: Path) -> list[Path]:
    """Every HTML page of a built site, found on disk, not listed by hand."""
    return sorted(site_path.rglob("*.html"))


# The search page is audited as a reader sees it after a search: with
# results, their heading and the button for more.
SEARCH_PAGE = "search/index.html"
SEARCH_EXAMPLE = "?q=police+scotland"


def page_url(base_url: str, site_path: Path, page: Path) -> str:
    relative = page.relative_to(site_path).as_posix()
    return base_url + relative + (SEARCH_EXAMPLE if relative == SEARCH_PAGE else "")


# --- In the browser ---------------------------------------------------------


def set_viewport(driver: webdriver.Chrome, size: tuple[int, int], scale: float = 1) -> None:
    """Resize the page's viewport (Chromium's window has a minimum width)."""
    width, height = size
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False})


def open_page(driver: webdriver.Chrome, url: str, css: str = "") -> None:
    """Load a page, wait for Material's scripts, add extra CSS and the probes."""
    driver.get(url)
    driver.execute_async_script("const done = arguments[0]; requestAnimationFrame(() => setTimeout(done, 30));")
    # A search shows its results a moment after the page loads (aria-busy until then).
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return !document.querySelector('[aria-busy=true]');"))
    if css:
        driver.execute_script("const s = document.createElement('style'); s.textContent = arguments[0]; document.head.appendChild(s);", css)
        # The new layout's ResizeObserver callbacks (which make overflowing
        # table regions focusable) run in the next frames, as they do for a
        # reader before any key press can reach them: wait for them.
        driver.execute_async_script("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 30)));")
    driver.execute_script(PROBES)


def axe(driver: webdriver.Chrome, tags: Iterable[str] = (*WCAG_TAGS, "best-practice")) -> list[dict[str, object]]:
    """axe-core's violations on the open page, for the given rule tags."""
    driver.execute_script(AXE_SOURCE)
    script = (
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations), e => done([{id: 'axe-error', help: String(e), tags: [], nodes: []}]));"
    )
    return list(driver.execute_async_script(script, list(tags)))


def is_wcag(violation: dict[str, object]) -> bool:
    """Whether a rule checks a WCAG criterion (else it is best practice)."""
    tags = violation.get("tags", [])
    assert isinstance(tags, list)
    return any(tag in WCAG_TAGS for tag in tags)


def describe_violations(violations: Iterable[dict[str, object]]) -> list[str]:
    found = []
    for violation in violations:
        nodes = violation["nodes"]
        assert isinstance(nodes, list)
        targets = ", ".join(str(node["target"]) for node in nodes[:3])
        found.append(f"{violation['id']} ({len(nodes)}): {violation['help']} at {targets}")
    return found


def axe_problems(driver: webdriver.Chrome) -> tuple[list[str], list[str]]:
    """WCAG 2.0, 2.1 and 2.2 A and AA violations, and best-practice ones
    (less those deliberately left, each with its reason)."""
    violations = axe(driver)
    wcag = describe_violations(v for v in violations if is_wcag(v))
    best = describe_violations(v for v in violations if not is_wcag(v) and v["id"] not in KNOWN_BEST_PRACTICE_EXCEPTIONS)
    return wcag, best


# Best-practice rules deliberately left, rule id -> reason. Empty: none.
KNOWN_BEST_PRACTICE_EXCEPTIONS: dict[str, str] = {}


def probe(driver: webdriver.Chrome, name: str) -> list[str]:
    """Run one of probes.js's checks on the open page."""
    return list(driver.execute_script(f"return window.a11yProbes.{name}();"))


def press_tab(driver: webdriver.Chrome) -> None:
    ActionChains(driver).send_keys(Keys.TAB).perform()


def active_element(driver: webdriver.Chrome) -> dict[str, object]:
    return dict(
        driver.execute_script(
            "const a = document.activeElement; const r = a.getBoundingClientRect();"
            "return {tag: a.tagName.toLowerCase(), text: a.textContent.trim(), href: a.getAttribute('href'),"
            " visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth};"
        )
    )


def skip_link_problems(driver: webdriver.Chrome) -> list[str]:
    """The first Tab reaches a visible "Skip to content" link, and following
    it puts the next Tab in the content, after the navigation."""
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    press_tab(driver)
    first = active_element(driver)
    if first["text"] != "Skip to content" or first["tag"] != "a":
        return [f"the first Tab reaches {first['tag']} {first['text']!r}, not a Skip to content link"]
    problems = [] if first["visible"] else ["the Skip to content link is not visible when focused"]
    target_id = str(first["href"]).lstrip("#")
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    press_tab(driver)
    lands = driver.execute_script(
        "const t = document.getElementById(arguments[0]); const a = document.activeElement;"
        "if (!t) return 'missing';"
        "if (a.closest('.md-header, .md-sidebar')) return 'navigation';"
        "return (t === a || t.contains(a) || (t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING)) ? 'content' : 'before';",
        target_id,
    )
    if lands != "content":
        problems.append(f"after Skip to content, the next Tab goes to the {lands} (target #{target_id})")
    return problems


def focus_problems(driver: webdriver.Chrome) -> list[str]:
    """Every focusable element shows focus (after a real Tab press)."""
    driver.execute_script("document.body.focus();")
    press_tab(driver)
    return probe(driver, "invisibleFocus")


def requests_made(driver: webdriver.Chrome) -> list[str]:
    """Every URL the browser requested since the last call (performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            urls.append(message["params"].get("request", {}).get("url") or message["params"].get("url", ""))
    return urls


def foreign_requests(urls: Iterable[str], own_host: str = "127.0.0.1") -> list[str]:
    """Requests to any host but the site's own (data: and blob: are local)."""
    return [url for url in urls if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).hostname != own_host]


# --- On the HTML --------------------------------------------------------------


def start_vnu(pages: list[Path]) -> subprocess.Popen[str]:
    """Start the Nu Html Checker on all pages at once, in the background
    (one Java start-up for the whole site, while the browser works)."""
    return subprocess.Popen(["java", "-jar", str(VNU_JAR), "--format", "json", *map(str, pages)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def vnu_errors(run: subprocess.Popen[str]) -> dict[str, list[str]]:
    """The checker's errors, per file (it reports in JSON on stderr)."""
    _, report = run.communicate(timeout=600)
    errors: dict[str, list[str]] = {}
    for message in json.loads(report or '{"messages": []}')["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            where = message.get("url", "").removeprefix("file:")
            errors.setdefault(where, []).append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return errors


def start_pa11y(urls: list[str]) -> subprocess.Popen[str]:
    """Start HTML_CodeSniffer (pa11y-ci, WCAG2AA) on every page at once, in
    the background: one process and one browser, Debian's Chromium, for
    the whole site. Its configuration goes to a temporary file."""
    config = {
        "defaults": {
            "standard": "WCAG2AA",
            "runners": ["htmlcs"],
            "timeout": 120000,
            "concurrency": 1,  # two tabs at once lose pages in this Chromium ("No target with given id")
            "chromeLaunchConfig": {"executablePath": chromium_path(), "args": list(CHROMIUM_FLAGS)},
        },
        "urls": urls,
    }
    handle, path = tempfile.mkstemp(prefix="pa11y-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(config, file)
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    # The report goes to a file: Node cuts a piped report short at 64 KiB when it exits.
    with open(path.removesuffix(".json") + ".report", "w", encoding="utf-8") as report:
        return subprocess.Popen([str(PA11Y_CI), "--config", path, "--json"], stdout=report, stderr=subprocess.PIPE, text=True, env=env)


def pa11y_errors(run: subprocess.Popen[str]) -> dict[str, list[str]]:
    """HTML_CodeSniffer's errors, per page URL (pa11y-ci reports JSON on stdout)."""
    _, err = run.communicate(timeout=1200)
    config = Path(run.args[2])  # the configuration start_pa11y wrote, and the report beside it
    report_path = config.with_suffix(".report")
    out = report_path.read_text(encoding="utf-8")
    config.unlink(missing_ok=True)
    report_path.unlink(missing_ok=True)
    try:
        report = json.loads(out)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"pa11y-ci gave no report (exit {run.returncode}): {err.strip() or out.strip()}") from error
    errors: dict[str, list[str]] = {}
    for url, issues in report["results"].items():
        for issue in issues:
            where = f" at {issue['selector']}" if issue.get("selector") else ""
            errors.setdefault(url, []).append(f"{issue.get('code') or 'pa11y'}: {issue['message']}{where}")
    return errors


def accessible_text(element: Tag) -> str:
    label = element.get("aria-label")
    if label:
        return str(label).strip()
    alts = " ".join(str(img.get("alt", "")) for img in element.find_all("img"))
    return " ".join((element.get_text(" ", strip=True) + " " + alts).split())


def structure_problems(html: str, url: str, site_name: str) -> list[str]:
    """Headings, tables, text alternatives, link text and the title."""
    soup = BeautifulSoup(html, "lxml")
    return [*_heading_problems(soup), *_table_problems(soup), *_alternative_problems(soup), *_link_problems(soup, url), *_title_problems(soup, site_name)]


def _heading_problems(soup: BeautifulSoup) -> list[str]:
    headings = soup.find_all(re.compile(r"^h[1-6]$"))
    problems = [] if sum(1 for h in headings if h.name == "h1") == 1 else [f"{sum(1 for h in headings if h.name == 'h1')} h1 elements, not one"]
    level = 0
    for heading in headings:
        new = int(heading.name[1])
        if new > level + 1:
            problems.append(f"heading level skipped: h{level} then h{new} {heading.get_text(' ', strip=True)!r}")
        level = new
    return problems


def _table_problems(soup: BeautifulSoup) -> list[str]:
    problems = []
    for table in soup.find_all("table"):
        caption = table.find("caption")
        name = caption.get_text(" ", strip=True) if caption else ""
        if not name:
            problems.append("a table without a caption")
        headers = table.find_all("th")
        if not headers:
            problems.append(f"table {name!r} has no header cells")
        problems.extend(f"table {name!r}: header {th.get_text(' ', strip=True)!r} has no scope" for th in headers if th.get("scope") not in SCOPES)
    return problems


def _alternative_problems(soup: BeautifulSoup) -> list[str]:
    problems = [f"image without alt: {img.get('src')}" for img in soup.find_all("img") if img.get("alt") is None]
    for svg in soup.select(".md-content svg"):
        if svg.get("aria-hidden") == "true" or svg.find_parent(attrs={"aria-hidden": "true"}):
            continue
        named = svg.get("aria-label") or svg.get("aria-labelledby") or svg.find("title")
        if svg.get("role") != "img" or not named:
            problems.append("an SVG image in the content without role=img and a text alternative")
    return problems


def _link_problems(soup: BeautifulSoup, url: str) -> list[str]:
    """Meaningful link text, one text for one page. Links within a page (the
    table of contents) may repeat a heading's text: their list nesting
    gives the context (WCAG 2.4.4, in context), so fragments are ignored."""
    problems = []
    destinations: dict[str, set[str]] = {}
    for link in soup.find_all("a", href=True):
        text = accessible_text(link)
        if not text:
            problems.append(f"a link without text to {link['href']}")
        elif text.lower().strip(" .") in VAGUE_LINK_TEXT:
            problems.append(f"a link whose text says nothing of where it goes: {text!r}")
        destinations.setdefault(text.lower(), set()).add(urldefrag(urljoin(url, str(link["href"]))).url)
    problems.extend(f"one link text for {len(targets)} destinations: {text!r}" for text, targets in destinations.items() if text and len(targets) > 1)
    return problems


def _title_problems(soup: BeautifulSoup, site_name: str) -> list[str]:
    title = soup.title.get_text(strip=True) if soup.title else ""
    page_part = title.removesuffix(site_name).rstrip(" -–|")
    if not title.endswith(site_name) or not page_part:
        return [f"the title {title!r} does not name both the page and the site ({site_name})"]
    return []


@dataclass
class PageAudit:
    """Everything found on one page, by check."""

    page: str
    found: dict[str, list[str]] = field(default_factory=dict)

    def add(self, check: str, problems: list[str]) -> None:
        self.found.setdefault(check, []).extend(problems)
