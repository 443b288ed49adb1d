"""Figures pinned on a fixture tree: what the bundled content's tests may only check as properties.

The bundled content grows with every paper an editor adds, so its tests
check what stays true (figures agree with each other and with the data).
The exact figures are pinned here, on the small tree of tests/conftest.py
with a later paper added: a headline, the home page's overview, the date
the site is "as at", and how long a recommendation has been open.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, run_generator
from tests.test_error_messages import later_paper


def text_of(element: object) -> str:
    return " ".join(element.get_text(" ").split())  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small tree with a second, later paper (10 December 2024) that reports recommendation 1 as delayed."""
    root = tmp_path_factory.mktemp("figures")
    from tests.conftest import MINIMAL_TREE

    for relative, text in {**MINIMAL_TREE, **later_paper("ongoing-delayed")}.items():
        assert text is not None
        (root / "content" / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / relative).write_text(text, encoding="utf-8")
    result = run_generator("build", "--content", "content", "--site", "site", "--docs", "docs", "--config", str(ROOT / "mkdocs.yml"), cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def page(site: Path, uri: str) -> BeautifulSoup:
    return BeautifulSoup((site / uri / "index.html").read_text(encoding="utf-8"), "lxml")


def test_headline_and_overview(built: Path) -> None:
    home = page(built, "")
    assert text_of(home.select_one(".headline")) == "2 open recommendations across 1 inspection"
    rows = [[text_of(cell) for cell in row.select("th, td")] for row in home.select("table.overview tr")]
    assert rows == [
        ["Publication", "Date", "Total recommendations", "Open", "Last update", "Number of updates"],
        ["Sample", "September 2022", "2", "2", "10 December 2024", "2"],
    ]


def test_the_site_is_as_at_the_latest_paper(built: Path) -> None:
    records = json.loads((built / "data" / "recommendations.json").read_text(encoding="utf-8"))
    assert records["as_at"] == "2024-12-10"
    # Recommendation 2 is not named; the later paper's table (0 closed, 2 delayed) leaves it only "delayed".
    assert [(r["number"], r["status"], r["status_source"]) for r in records["recommendations"]] == [(1, "ongoing-delayed", "stated"), (2, "ongoing-delayed", "implied-by-status-table")]


def test_how_long_a_recommendation_has_been_open(built: Path) -> None:
    article = page(built, "inspections/sample-inspection/recommendation-2").select_one("article")
    facts = {text_of(row.th): text_of(row.td) for row in article.select("table")[0].select("tr")}
    assert facts["Since the inspection was published"] == "2 years 3 months Open more than two years (to 10 December 2024, the date of the latest paper held)"
