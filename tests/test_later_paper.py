"""The next paper goes in without touching code or tests.

A copy of the bundled content gets what an editor adds for a later progress
summary (tests/fixtures/later-paper/): its meeting, the paper, positions for
recommendations already recorded, and a recommendation its inspection file
lacked. The content-level checks then pass with nothing else changed:
validate --strict (references, counts, the glossary's acronyms), the build
(its link and untrusted-content checks), the pages' structure and link
texts as the accessibility audit reads them, the paper's text on its page,
and figures that agree with each other and with the open data.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.accessibility import audit
from tests.conftest import CONTENT, ROOT, run_generator

FIXTURE = ROOT / "tests" / "fixtures" / "later-paper"
PAPER = "2025-03-19-hmics-improvement-plans-progress-summary"
SITE_NAME = "HMICS recommendations progress"


def text_of(element: object) -> str:
    return " ".join(element.get_text(" ").split())  # type: ignore[attr-defined]


def add_later_paper(content: Path) -> None:
    """What the editor adds: two new files, and a recommendation in an inspection file."""
    for folder in ("meetings", "papers"):
        for path in (FIXTURE / folder).iterdir():
            shutil.copy(path, content / folder / path.name)
    inspection = content / "inspections" / "hate-crime.yml"
    text = inspection.read_text(encoding="utf-8")
    at = text.index("  - number: 13\n")
    inspection.write_text(text[:at] + (FIXTURE / "hate-crime-recommendation-12.yml").read_text(encoding="utf-8") + text[at:], encoding="utf-8")


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content with the later paper, validated and built; returns the work folder."""
    work = tmp_path_factory.mktemp("later")
    shutil.copytree(CONTENT, work / "content")
    add_later_paper(work / "content")
    validated = run_generator("validate", "--strict", "--content", "content", cwd=work)
    assert validated.returncode == 0, validated.stderr
    built = run_generator("build", "--strict", "--content", "content", "--site", "site", "--docs", "docs", "--config", str(ROOT / "mkdocs.yml"), cwd=work)
    assert built.returncode == 0, built.stderr
    return work


def page(work: Path, uri: str) -> BeautifulSoup:
    return BeautifulSoup((work / "site" / uri / "index.html").read_text(encoding="utf-8"), "lxml")


def test_every_page_keeps_its_structure_and_one_text_per_link_destination(later: Path) -> None:
    site = later / "site"
    problems = {p.relative_to(site).as_posix(): audit.structure_problems(p.read_text(encoding="utf-8"), p.as_posix(), SITE_NAME) for p in audit.built_pages(site)}
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_paper_s_words_are_on_its_page(later: Path) -> None:
    body = (FIXTURE / "papers" / f"{PAPER}.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    sentences = [line.strip("*# ") for line in body.split("\n") if line.strip() and not line.startswith("[[")]
    shown = text_of(page(later, f"papers/{PAPER}").select_one("article"))
    assert [sentence for sentence in sentences if " ".join(sentence.split()) not in shown] == []


def test_the_figures_agree(later: Path) -> None:
    records = json.loads((later / "site" / "data" / "recommendations.json").read_text(encoding="utf-8"))
    assert records["as_at"] == "2025-03-19"
    status = {(r["inspection"], r["number"]): r["status"] for r in records["recommendations"]}
    assert status[("hate-crime", 8)] == "discharged" and status[("hate-crime", 12)] == "ongoing-on-track"
    home = page(later, "")
    headline = re.fullmatch(r"(\d+) open recommendations? across (\d+) inspections?", text_of(home.select_one(".headline")))
    open_counts = [int(text_of(row.select("td")[2])) for row in home.select("table.overview tbody tr")]
    assert headline is not None and int(headline[1]) == sum(open_counts)
    table = page(later, f"papers/{PAPER}").select_one("article table.status-table")
    assert [text_of(td) for td in table.select("tbody td")] == ["15", "11", "1", "3"]


def test_papers_of_one_title_are_told_apart_by_date(later: Path) -> None:
    links = [text_of(a) for a in page(later, "papers").select("article table a") if a["href"].rstrip("/").endswith("progress-summary")]
    assert sorted(links) == ["HMICS Improvement Plans – Progress Summary (18 September 2024)", "HMICS Improvement Plans – Progress Summary (19 March 2025)"]
