"""A real browser for the tests: Debian's headless Chromium through Selenium.

Test tools cannot download a browser here, so the driver is the system's
`chromedriver` (Debian's `chromium-driver`, installed by `make test-tools`).
The built site is served over HTTP on the loopback address, as a reader's
browser would get it; the pinned checkers (axe-core, the Nu Html Checker)
come from node_modules, installed from package-lock.json.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
AXE_PATH = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    # Classic scrollbars, which take 15 px of the window, not overlay ones
    # drawn over the page: the stricter case for reflow (a 320 px window
    # leaves a 305 px page, as on Windows at 400% zoom), fixed here so the
    # suite gives the same result whatever this Chromium's default is.
    "--disable-features=OverlayScrollbar,OverlayScrollbars",
)
# The width Chromium's classic scrollbar takes from the page (CSS px).
CLASSIC_SCROLLBAR = 15


def chromium_path() -> str:
    return shutil.which("chromium") or "/usr/bin/chromium"


def scrollbar_width(driver: webdriver.Chrome) -> int:
    """How much of the window a page that scrolls down loses to its scrollbar."""
    driver.get("data:text/html,<!doctype html><title>s</title><div style='height:300vh'></div>")
    return int(driver.execute_script("return innerWidth - document.documentElement.clientWidth;"))


def check_scrollbar_mode(driver: webdriver.Chrome) -> None:
    """Fail at once, saying why, if the browser does not draw classic
    scrollbars: every width the tests check assumes them."""
    width = scrollbar_width(driver)
    if width != CLASSIC_SCROLLBAR:
        raise RuntimeError(f"this Chromium's scrollbar takes {width} px, not the classic {CLASSIC_SCROLLBAR} px the browser tests are written for; run them with Debian's chromium (make test-tools)")


# A Content Security Policy that blocks nothing (report-only) but has the
# browser report every load from another host, by a page or by its web
# workers (whose requests the browser's performance log leaves out).
CSP_REPORT_PATH = "/csp-report"
REPORTING_POLICY = f"default-src 'self' 'unsafe-inline' 'wasm-unsafe-eval' data: blob:; report-uri {CSP_REPORT_PATH}"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request to the test output.

    If the server has a `requested` list, each path asked for is added to
    it, and every response carries REPORTING_POLICY, whose reports go to
    the server's `reports` list."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        requested = getattr(self.server, "requested", None)
        if requested is not None:
            requested.append(self.path)

    def end_headers(self) -> None:
        if getattr(self.server, "requested", None) is not None:
            self.send_header("Content-Security-Policy-Report-Only", REPORTING_POLICY)
        super().end_headers()

    def do_POST(self) -> None:
        """The browser's reports of loads the policy names."""
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        reports = getattr(self.server, "reports", None)
        if self.path != CSP_REPORT_PATH or reports is None:
            self.send_error(405)
            return
        reports.append(json.loads(body or b"{}").get("csp-report", {}))
        self.send_response(204)
        self.end_headers()


@contextmanager
def serve_directory(path: Path, requested: list[str] | None = None, reports: list[dict[str, str]] | None = None) -> Iterator[str]:
    """Serve a directory on 127.0.0.1 at a free port; yields the base URL.
    Each path requested is added to `requested`, and each report of a load
    from another host to `reports`, if given (see QuietHandler)."""
    handler = functools.partial(QuietHandler, directory=str(path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.requested = requested  # type: ignore[attr-defined]
    server.reports = reports  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium(width: int = 1280, height: int = 900, extra_flags: tuple[str, ...] = ()) -> Iterator[webdriver.Chrome]:
    """A headless Chromium window of the given size, with network logging on
    and classic scrollbars (checked: it fails to start without them)."""
    options = webdriver.ChromeOptions()
    options.binary_location = chromium_path()
    for flag in (*CHROMIUM_FLAGS, *extra_flags):
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    try:
        check_scrollbar_mode(driver)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
