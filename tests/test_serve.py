"""The preview: saving a content file shows up in the served page."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import MINIMAL_TREE, ROOT

PAPER = "papers/2024-09-18-sample-paper.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float) -> float | None:
    """Seconds until the page at url contains text, or None."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        page = fetch(url)
        if page is not None and text in page:
            return time.monotonic() - start
        time.sleep(0.1)
    return None


@dataclass
class RunningPreview:
    """`python -m generator serve` on a content tree: its address, and its output once stopped."""

    base_url: str
    output: str = ""


@contextmanager
def running_preview(content: Path) -> Iterator[RunningPreview]:
    """Run the preview on a free loopback port until the block ends."""
    port = free_port()
    command = [sys.executable, "-m", "generator", "serve", "--content", "content", "--docs", "docs", "--config", str(ROOT / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=content.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    running = RunningPreview(f"http://127.0.0.1:{port}/")
    try:
        yield running
    finally:
        server.terminate()
        running.output, _ = server.communicate(timeout=30)


def test_serve_regenerates_on_content_change(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    with running_preview(content) as preview:
        url = preview.base_url + "papers/2024-09-18-sample-paper/"
        assert wait_for(url, "The purpose of this paper is to test.", 60) is not None
        changed = MINIMAL_TREE[PAPER].replace("The purpose of this paper is to test.", "The purpose of this paper is to preview.")
        (content / PAPER).write_text(changed, encoding="utf-8")
        assert wait_for(url, "The purpose of this paper is to preview.", 30) is not None
        broken = changed.replace("date: 18 September 2024", "date: Sept 2024")
        (content / PAPER).write_text(broken, encoding="utf-8")
        time.sleep(1.5)
        page = fetch(url)
        assert page is not None and "The purpose of this paper is to preview." in page
    assert '"cover_sheet > date" is not a date' in preview.output
    assert "Traceback" not in preview.output


def test_the_browser_lists_the_problems_until_they_are_fixed_and_the_start_is_quiet(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    with running_preview(content) as preview:
        url = preview.base_url + "papers/2024-09-18-sample-paper/"
        assert wait_for(url, "The purpose of this paper is to test.", 60) is not None
        assert 'id="preview-problems"' not in (fetch(url) or "")
        (content / PAPER).write_text(MINIMAL_TREE[PAPER].replace("date: 18 September 2024", "date: Sept 2024"), encoding="utf-8")
        assert wait_for(url, 'id="preview-problems"', 30) is not None
        banner = BeautifulSoup(fetch(url) or "", "lxml").select_one("#preview-problems")
        assert banner is not None and banner.get("role") == "alert"
        assert [" ".join(li.get_text().split()) for li in banner.select("li")] == [
            'content/papers/2024-09-18-sample-paper.md:6:3: "cover_sheet > date" is not a date: "Sept 2024" does not name a month in full; '
            "write it as 2024-09-18, 18 September 2024 or 18/09/2024 (month names in full)"
        ]
        assert "The purpose of this paper is to test." in (fetch(url) or "")  # the last good version, under the list
        (content / PAPER).write_text(MINIMAL_TREE[PAPER], encoding="utf-8")
        start = time.monotonic()
        while time.monotonic() - start < 30 and 'id="preview-problems"' in (fetch(url) or ""):
            time.sleep(0.1)
        assert 'id="preview-problems"' not in (fetch(url) or "")
    started = preview.output.split("Preview at ", 1)[0].splitlines()
    assert not [line for line in started if line.startswith("INFO")], started
    assert len(started) <= 3, started
