"""The next paper goes in without touching code or tests.

A copy of the bundled content gets what an editor adds for a later progress
summary (tests/fixtures/later-paper/): its meeting, the paper, positions for
recommendations already recorded, and a recommendation its inspection file
lacked. The content-level checks then pass with nothing else changed:
validate --strict (references, counts, the glossary's acronyms), the build
(its link and untrusted-content checks), the pages' structure and link
texts as the accessibility audit reads them, the paper's text on its page,
and figures that agree with each other and with the open data.

The copy is the real content, which grows: so the fixture is fitted to it
rather than fixed. It is dated the day after the latest meeting or paper
held; its new recommendation takes the number after the highest any file
names for Hate Crime; and the target it revises is that of a recommendation
of another inspection (Crime Audit 2020's, while one is open) that the
papers last left open and HMICS never discharged, so stating it delayed
reopens nothing. So it never clashes with a paper an editor adds.
The checks read what that paper states and how it stands to the rest (it
is the latest word; its title is told apart from another paper's), never
the bundled content's own figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from string import Template

import pytest
from bs4 import BeautifulSoup

from generator.commands.pipeline import check
from generator.content.statuses import DISCHARGED, is_open
from generator.model.objects import Content, Inspection
from tests.accessibility import audit
from tests.conftest import CONTENT, ROOT, run_generator

FIXTURE = ROOT / "tests" / "fixtures" / "later-paper"
INSPECTION = "hate-crime"
TITLE = "HMICS Improvement Plans – Progress Summary"
SITE_NAME = "HMICS recommendations progress"


@dataclass(frozen=True)
class Later:
    """The work folder, and the date and number the fixture was given there."""

    work: Path
    date: dt.date
    number: int
    other: Inspection
    other_number: int

    @property
    def paper(self) -> str:
        return f"{self.date.isoformat()}-hmics-improvement-plans-progress-summary"

    @property
    def meeting(self) -> str:
        return f"{self.date.isoformat()}-policing-performance-committee"

    @property
    def day(self) -> str:
        """The date as the paper writes it: 19 March 2025."""
        return f"{self.date.day} {self.date:%B %Y}"

    def stated(self) -> dict[tuple[str, int], str]:
        """The statuses the fixture paper states (its front matter)."""
        return {(INSPECTION, 3): "discharged", (INSPECTION, 8): "discharged", (INSPECTION, self.number): "ongoing-on-track", (self.other.identifier, self.other_number): "ongoing-delayed"}

    def values(self) -> dict[str, str]:
        """What the fixture's placeholders are filled in with."""
        other = {"other": self.other.identifier, "other_title": self.other.short_title, "other_number": str(self.other_number)}
        return {"date": self.date.isoformat(), "day": self.day, "number": str(self.number), **other}


def text_of(element: object) -> str:
    return " ".join(element.get_text(" ").split())  # type: ignore[attr-defined]


def named_numbers(content: Content, inspection: str) -> set[int]:
    """Every number of the inspection a file names: listed, or in a paper's positions, narratives or plans."""
    listed = {r.number for r in content.inspections[inspection].recommendations}
    blocks = [block for paper in content.papers.values() for block in paper.inspection_positions if block.inspection_id == inspection]
    narratives = [n for paper in content.papers.values() for n in paper.narratives if n.inspection_id == inspection]
    plans = [r for plan in content.plans.values() if plan.inspection_id == inspection for r in plan.recommendations]
    return listed | {p.number for block in blocks for p in block.positions} | {n for narrative in narratives for n in narrative.numbers} | {r.number for r in plans}


def left_open(content: Content) -> tuple[Inspection, int]:
    """A recommendation of another inspection whose latest stated status is
    open and that no paper records as discharged; Crime Audit 2020's first."""
    latest: dict[tuple[str, int], str] = {}
    discharged = set()
    for paper in sorted(content.papers.values(), key=lambda paper: (paper.date.value, paper.identifier)):
        for block in (block for block in paper.inspection_positions if block.inspection_id != INSPECTION):
            latest.update({(block.inspection_id, p.number): p.status for p in block.positions if p.status})
            discharged.update((block.inspection_id, p.number) for p in block.positions if p.status == DISCHARGED)
    candidates = sorted((key for key, status in latest.items() if is_open(status) and key not in discharged), key=lambda key: (key[0] != "crime-audit-2020", key))
    assert candidates, "no paper leaves a recommendation open for the fixture paper to revise the target of"
    return content.inspections[candidates[0][0]], candidates[0][1]


def fitted(work: Path) -> Later:
    """A date after every meeting and paper held, a number no file names yet, and a recommendation left open."""
    content = check(work / "content").content
    assert content is not None
    dates = [meeting.date.value for meeting in content.meetings.values()] + [paper.date.value for paper in content.papers.values()]
    return Later(work, max(dates) + dt.timedelta(days=1), max(named_numbers(content, INSPECTION)) + 1, *left_open(content))


def add_recommendation(inspection: Path, entry: str, number: int) -> None:
    """After the inspection's listed recommendations (its number is above
    theirs), with total_recommendations raised to it if it was beyond."""
    lines = inspection.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("recommendations:\n") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].strip() and not lines[i].startswith((" ", "#"))), len(lines))
    text = "".join([*lines[:end], entry, *lines[end:]])
    text = re.sub(r"^total_recommendations: (\d+)$", lambda total: f"total_recommendations: {max(int(total[1]), number)}", text, flags=re.MULTILINE)
    inspection.write_text(text, encoding="utf-8")


def add_later_paper(later: Later) -> None:
    """What the editor adds: two new files, and a recommendation in an inspection file."""
    values = later.values()
    content = later.work / "content"
    for fixture, target in (("meeting.yml", f"meetings/{later.meeting}.yml"), ("paper.md", f"papers/{later.paper}.md")):
        (content / target).write_text(Template((FIXTURE / fixture).read_text(encoding="utf-8")).substitute(values), encoding="utf-8")
    entry = Template((FIXTURE / "hate-crime-recommendation.yml").read_text(encoding="utf-8")).substitute(values)
    add_recommendation(content / "inspections" / f"{INSPECTION}.yml", entry, later.number)


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory) -> Later:
    """The bundled content with the later paper, validated and built."""
    work = tmp_path_factory.mktemp("later")
    shutil.copytree(CONTENT, work / "content")
    fitted_later = fitted(work)
    add_later_paper(fitted_later)
    validated = run_generator("validate", "--strict", "--content", "content", cwd=work)
    assert validated.returncode == 0, validated.stderr
    built = run_generator("build", "--strict", "--content", "content", "--site", "site", "--docs", "docs", "--config", str(ROOT / "mkdocs.yml"), cwd=work)
    assert built.returncode == 0, built.stderr
    return fitted_later


def page(later: Later, uri: str) -> BeautifulSoup:
    return BeautifulSoup((later.work / "site" / uri / "index.html").read_text(encoding="utf-8"), "lxml")


def data_rows(later: Later, name: str) -> list[dict[str, str]]:
    """The rows of one of the site's CSV files that are about the added paper."""
    with (later.work / "site" / "data" / name).open(encoding="utf-8", newline="") as file:
        return [row for row in csv.DictReader(file) if row["paper"] == later.paper]


def test_every_page_keeps_its_structure_and_one_text_per_link_destination(later: Later) -> None:
    site = later.work / "site"
    problems = {p.relative_to(site).as_posix(): audit.structure_problems(p.read_text(encoding="utf-8"), p.as_posix(), SITE_NAME) for p in audit.built_pages(site)}
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_paper_s_words_are_on_its_page(later: Later) -> None:
    body = (later.work / "content" / "papers" / f"{later.paper}.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    sentences = [line.strip("*# ") for line in body.split("\n") if line.strip() and not line.startswith("[[")]
    shown = text_of(page(later, f"papers/{later.paper}").select_one("article"))
    assert f"Recommendation {later.number} was added" in shown
    assert [sentence for sentence in sentences if " ".join(sentence.split()) not in shown] == []


def test_the_open_data_has_what_the_paper_states(later: Later) -> None:
    rows = {(row["inspection"], int(row["number"])): row for row in data_rows(later, "positions.csv") if "position" in row["reported_in"]}
    assert {key: row["status"] for key, row in rows.items()} == later.stated()
    assert [rows[(INSPECTION, later.number)]["stated_initial_target"], rows[(later.other.identifier, later.other_number)]["stated_revised_target"]] == ["2025-12", "2025-09"]
    assert {row["paper_date"] for row in rows.values()} == {later.date.isoformat()}


def test_the_latest_paper_has_the_latest_word(later: Later) -> None:
    records = json.loads((later.work / "site" / "data" / "recommendations.json").read_text(encoding="utf-8"))
    assert records["as_at"] == later.date.isoformat()
    latest = {(r["inspection"], r["number"]): (r["status"], r["status_paper"]) for r in records["recommendations"]}
    assert {key: latest[key] for key in later.stated()} == {key: (status, later.paper) for key, status in later.stated().items()}
    added = next(r for r in records["recommendations"] if (r["inspection"], r["number"]) == (INSPECTION, later.number))
    assert added["text"].startswith("Police Scotland should evaluate its hate crime training")


def test_the_figures_agree(later: Later) -> None:
    home = page(later, "")
    headline = re.fullmatch(r"(\d+) open recommendations? across (\d+) inspections?", text_of(home.select_one(".headline")))
    open_counts = [int(text_of(row.select("td")[2])) for row in home.select("table.overview tbody tr")]
    assert headline is not None and int(headline[1]) == sum(open_counts)
    table = page(later, f"papers/{later.paper}").select_one("article table.status-table")
    stated = [row for row in data_rows(later, "stated-figures.csv") if row["inspection"] == INSPECTION]
    figures = [stated[0][name] for name in ("total", "closed", "ongoing_on_track", "ongoing_delayed")]
    assert [text_of(td) for td in table.select("tbody td")] == figures == ["15", "11", "1", "3"]


def test_papers_of_one_title_are_told_apart_by_date(later: Later) -> None:
    rows = page(later, "papers").select("article table tbody tr")
    links = {row.select_one("th a")["href"].rstrip("/"): text_of(row.select_one("th a")) for row in rows}
    assert len(set(links.values())) == len(links)
    assert links[later.paper] == f"{TITLE} ({later.day})"
    meetings = {row.select_one("th a")["href"].rstrip("/"): text_of(row.select("td a")[0]).rsplit(" - ", 1)[1] for row in rows}
    same_title = {paper: text for paper, text in links.items() if text.startswith(f"{TITLE} (")}
    assert len(same_title) > 1 and same_title == {paper: f"{TITLE} ({meetings[paper]})" for paper in same_title}
