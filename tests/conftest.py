"""Shared fixtures: the bundled site built once per session, small content trees."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from selenium import webdriver

from tests.browser import chromium, serve_directory

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SEEDS = ROOT.parent / "shared" / "seeds"


def run_generator(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the CLI as an editor would, capturing what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


class Site:
    """A built site, read with a real HTML parser."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def page(self, uri: str) -> BeautifulSoup:
        target = self.path / uri / "index.html" if not uri.endswith(".html") else self.path / uri
        return BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")

    def pages(self) -> list[Path]:
        return sorted(p for p in self.path.rglob("*.html") if p.name != "404.html")

    def uri(self, page_path: Path) -> str:
        return page_path.parent.relative_to(self.path).as_posix() + "/"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The bundled content, built once for the whole session."""
    out = tmp_path_factory.mktemp("bundled")
    result = run_generator("build", "--site", str(out / "site"), "--docs", str(out / "docs"))
    assert result.returncode == 0, result.stderr
    return Site(out / "site")


MINIMAL_TREE_INDENTED = {
    "inspections/sample-inspection.yml": """\
        inspectorate: HMICS
        title: HMICS Sample Inspection
        short_title: Sample
        published: 2022-09
        type: Assurance review
        recommendations:
          - number: 1
            text: Police Scotland should do the first thing.
          - number: 2
            text: Police Scotland should do the second thing.
        """,
    "meetings/2024-09-18-sample-committee.yml": """\
        committee: Policing Performance Committee
        date: 2024-09-18
        location: online
        agenda:
          - paper: 2024-09-18-sample-paper
        """,
    "papers/2024-09-18-sample-paper.md": """\
        ---
        title: Sample Progress Summary
        meeting: 2024-09-18-sample-committee
        cover_sheet:
          meeting: SPA Policing Performance Committee
          date: 18 September 2024
          location: Webex
          title: Sample Progress Summary
          presented_by: ACC Professionalism and Assurance
          recommendation_to_members: For Discussion
          appendix_attached: "No"
        summary: This report provides a sample summary.
        positions:
          - inspection: sample-inspection
            stated_counts:
              total: 2
              closed: 1
              ongoing_on_track: 0
              ongoing_delayed: 1
            recommendations:
              - number: 1
                status: discharged
        ---

        **PURPOSE**

        The purpose of this paper is to test.

        ## 1 BACKGROUND

        [[status-table sample-inspection]]
        """,
}


MINIMAL_TREE = {path: textwrap.dedent(text) for path, text in MINIMAL_TREE_INDENTED.items()}


@pytest.fixture
def content_tree(tmp_path: Path) -> Callable[..., Path]:
    """Write a small content tree: the minimal valid one, with changes.

    Pass `{"relative/path": "text"}` to replace or add files, or
    `{"relative/path": None}` to remove one.
    """

    def make(changes: dict[str, str | None] | None = None) -> Path:
        files: dict[str, str | None] = {**MINIMAL_TREE, **(changes or {})}
        root = tmp_path / "content"
        for relative, text in files.items():
            if text is None:
                continue
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="session")
def served_site(site: Site) -> Iterator[str]:
    """The bundled site over HTTP on the loopback address; yields its base URL."""
    with serve_directory(site.path) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    """One headless Chromium for the session (tests set their own window size)."""
    with chromium() as driver:
        yield driver


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under root (following a site/ link) by relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
