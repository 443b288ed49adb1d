"""The bundled site, built from the real papers, read with an HTML parser."""

from __future__ import annotations

import itertools
import re

import pytest
from bs4 import BeautifulSoup

from tests.conftest import CONTENT, Site

SUMMARY_URI = "papers/2024-09-18-hmics-improvement-plans-progress-summary/"


def identifiers(folder: str, suffix: str) -> list[str]:
    return sorted(p.stem for p in (CONTENT / folder).glob(f"*{suffix}"))


@pytest.mark.parametrize(
    ("folder", "suffix", "uri"),
    [("papers", ".md", "papers/{}/"), ("meetings", ".yml", "meetings/{}/"), ("inspections", ".yml", "inspections/{}/")],
)
def test_every_content_file_has_a_page(site: Site, folder: str, suffix: str, uri: str) -> None:
    names = identifiers(folder, suffix)
    assert names, f"no {folder} in content/"
    for name in names:
        assert (site.path / uri.format(name) / "index.html").is_file(), name


def text_of(element: BeautifulSoup) -> str:
    """Text with elements separated by spaces (a <br> reads as a space)."""
    return " ".join(element.get_text(" ").split())


def inline_text(element: BeautifulSoup) -> str:
    """Text as one reads it inline: elements joined without extra spaces."""
    return " ".join(element.get_text().split())


def test_paper_page_mirrors_the_spa_accessible_page(site: Site) -> None:
    page = site.page(SUMMARY_URI)
    article = page.select_one("article")
    headings = [(h.name, text_of(h)) for h in article.select("h1, h2")]
    assert headings[:4] == [
        ("h1", "HMICS Improvement Plans – Progress Summary"),
        ("h2", "Report Summary"),
        ("h2", "Meeting"),
        ("h2", "Cover sheet"),
    ]
    summary = article.find("h2", string="Report Summary").find_next_sibling("p")
    assert text_of(summary).startswith("This report provides members of the Scottish Police Authority Policing Performance Committee")
    full = article.find("a", href="#cover-sheet")
    assert full is not None and "full document" in text_of(full)
    meeting = article.find("h2", string="Meeting")
    block = [text_of(p) for p in meeting.find_next_siblings("p", limit=2)]
    assert block[0] == "The publication discussed was referenced in the meeting below"
    assert block[1] == "Policing Performance Committee - 18 September 2024 Date : 18 September 2024 Location : online"
    link = meeting.find_next("a")
    target = (site.path / SUMMARY_URI / link["href"] / "index.html").resolve()
    assert target.is_file()
    meeting_page = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")
    assert text_of(meeting_page.select_one("article h1")) == "Policing Performance Committee - 18 September 2024"


def test_paper_sections_follow_in_order(site: Site) -> None:
    article = site.page(SUMMARY_URI).select_one("article")
    sections = [text_of(h) for h in article.select("h2, h3")]
    expected = [
        "2.3. Online Child Sexual Abuse",
        "2.4 Crime Audit",
        "2.5 Hate Crime",
        "2.6 Contact Assessment Model",
        "2.7 Domestic Abuse",
        "2.8 Mental Health Demand",
    ]
    positions = [sections.index(name) for name in expected]
    assert positions == sorted(positions)


STATUS_ROWS = {
    "Online Child Sexual Abuse": ["11", "10", "0", "1"],
    "Crime Audit 2020": ["6", "1", "0", "5"],
    "Hate Crime": ["15", "10", "0", "5"],
    "Contact Assessment Model": ["8", "4", "0", "4"],
    "Domestic Abuse": ["13", "3", "4", "6"],
    "Mental Health Demand": ["13", "0", "13", "0"],
}


def test_progress_summary_status_tables(site: Site) -> None:
    tables = site.page(SUMMARY_URI).select("article table.status-table")
    found = {}
    for table in tables:
        name = text_of(table.caption).split(":")[0]
        headers = [text_of(th) for th in table.select("thead th")]
        assert headers == ["Total", "Closed", "Ongoing – on track", "Ongoing – delayed"]
        found[name] = [text_of(td) for td in table.select("tbody td")]
    assert found == STATUS_ROWS


def overview_rows(site: Site) -> dict[str, list[str]]:
    table = site.page("").select_one("table.overview")
    return {text_of(r.th): [text_of(td) for td in r.select("td")] for r in table.select("tbody tr")}


def test_headline_counts_open_recommendations_from_the_data(site: Site) -> None:
    """The headline agrees with the overview beside it (the figures themselves are pinned in test_fixture_figures.py)."""
    headline = re.fullmatch(r"(\d+) open recommendations? across (\d+) inspections?", text_of(site.page("").select_one(".headline")))
    assert headline is not None
    open_counts = [int(row[2]) for row in overview_rows(site).values()]
    assert int(headline[1]) == sum(open_counts) > 0
    assert int(headline[2]) == sum(1 for count in open_counts if count)


def test_home_overview_table(site: Site) -> None:
    table = site.page("").select_one("table.overview")
    headers = [text_of(th) for th in table.select("thead th")]
    assert headers == ["Publication", "Date", "Total recommendations", "Open", "Last update", "Number of updates"]
    rows = overview_rows(site)
    assert len(rows) == len(identifiers("inspections", ".yml"))
    # What the inspections themselves say stays true however many papers follow.
    assert rows["Contact Assessment Model"][:2] == ["September 2022", "8"]
    assert rows["Mental Health Demand"][:2] == ["October 2023", "14"]
    for name, (_, total, open_count, _, updates) in rows.items():
        assert 0 <= int(open_count) <= int(total) and int(updates) >= 0, name
    assert int(rows["Contact Assessment Model"][4]) >= 2


def all_pages(site: Site) -> list[tuple[str, BeautifulSoup]]:
    return [(site.uri(path), BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")) for path in site.pages()]


def test_every_page_has_one_h1_and_no_skipped_heading_level(site: Site) -> None:
    for uri, page in all_pages(site):
        levels = [int(h.name[1]) for h in page.select("article h1, article h2, article h3, article h4, article h5, article h6")]
        assert levels.count(1) == 1, uri
        assert levels[0] == 1, uri
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{uri}: h{before} then h{after}"


def test_every_table_has_a_caption_and_scoped_header_cells(site: Site) -> None:
    count = 0
    for uri, page in all_pages(site):
        for table in page.select("article table"):
            count += 1
            assert table.caption and text_of(table.caption), uri
            headers = table.select("th")
            assert headers, uri
            assert all(th.get("scope") in ("col", "row") for th in headers), uri
    assert count > 30


def test_language_is_british_english_and_titles_name_the_site(site: Site) -> None:
    for uri, page in all_pages(site):
        assert page.html["lang"] == "en-GB", uri
        assert page.title.string.endswith("HMICS recommendations progress"), uri


def is_other_host(address: str) -> bool:
    return address.startswith(("http:", "https:", "//"))


def test_no_page_loads_anything_from_another_host(site: Site) -> None:
    for path in site.pages():
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        loaded = [e["src"] for e in page.select("[src]")] + [e["href"] for e in page.select("link[href]") if "canonical" not in e.get("rel", [])]
        assert not [a for a in loaded if is_other_host(a)], path
    for path in (site.path / "assets").rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", path.read_text(encoding="utf-8")), path


def test_cam_plan_is_on_the_cam_paper_page(site: Site) -> None:
    article = site.page("papers/2023-09-12-contact-assessment-model-improvement-update/").select_one("article")
    row = article.select_one("tr#action-1-1")
    cells = [text_of(c) for c in row.select("th, td")]
    assert cells[0] == "1.1"
    assert cells[2] == "CERP"
    assert "Update March 2023" in cells[3]
    assert "Current recorded on 4Action: 30/11/2023" in cells[4]
    assert "Proposed update to 4Action: June 2024 (18 – 24 months)" in cells[4]
    assert cells[4].count("Rationale:") == 1


def test_appendix_paper_is_linked_not_copied(site: Site) -> None:
    article = site.page("papers/2024-12-10-response-to-mental-health-distress/").select_one("article")
    links = {a["href"] for a in article.select("a")}
    assert "../2024-09-18-hmics-improvement-plans-progress-summary/" in links
    assert "../2024-03-12-policing-mental-health-in-scotland/" in links
    assert "2.3. Online Child Sexual Abuse" not in text_of(article)


def test_inspection_page_lists_recommendations_and_status(site: Site) -> None:
    article = site.page("inspections/contact-assessment-model/").select_one("article")
    rows = {text_of(r.th): [inline_text(td) for td in r.select("td")] for r in article.select("table.recommendations tbody tr")}
    assert list(rows) == [f"Recommendation {n}" for n in range(1, 9)]
    assert rows["Recommendation 2"][2] == "Submitted to HMICS (His Majesty’s Inspectorate of Constabulary in Scotland) for closure (Police Scotland's word, 18 September 2024)"
    assert rows["Recommendation 1"][2] == "Open and delayed (implied by the paper's status table, 18 September 2024)"
    assert rows["Recommendation 6"][2] == "Counted in a paper's figures, which do not say which status (18 September 2024)"
    papers = [text_of(a) for a in article.find("h2", string="Papers that reported on it").find_next("ul").select("a")]
    assert papers == [
        "HMICS Assurance Review of Contact Assessment Model (9/22) - Police Scotland Improvement Update",
        "HMICS Improvement Plans – Progress Summary",
    ]


def test_meeting_page_lists_the_agenda(site: Site) -> None:
    article = site.page("meetings/2023-09-12-policing-performance-committee/").select_one("article")
    items = [text_of(li) for li in article.select("ol.agenda li")]
    assert items == ["Item 3.5: HMICS Assurance Review of Contact Assessment Model (9/22) - Police Scotland Improvement Update Report for discussion presented by Chief Superintendent Gregg Banks"]
