"""One count, everywhere: the open figures read off every built page and export agree.

The figures are read as a reader would find them: the home page's headline
and table, the inspections index, each inspection's status table, every
list (its stated count, its rows and its "more that the papers count" lines),
the dashboard's chart table and sentence, and the open data files. The
bundled site is checked for agreement (a property that stays true as papers
are added). The detailed figures are pinned on a fixture tree of its own
(tests/fixtures/later-summary/): a later progress summary of the shape the
committee now receives, with the inspections, plans, papers and meetings it
follows copied verbatim from the bundled content, so that the next paper an
editor adds to content/ cannot change them.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import ROOT, Site, run_generator

LISTS = ("recommendations/", "recommendations/by-status/", "recommendations/by-theme/", "recommendations/by-lead/", "recommendations/oldest-open/")
FIXTURE = ROOT / "tests" / "fixtures" / "later-summary"
LATER = "papers/2025-09-16-hmics-improvement-plans-progress-summary/"
EARLIER = "papers/2024-09-18-hmics-improvement-plans-progress-summary/"


def text_of(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def inspection_of(href: str) -> str:
    """The inspection identifier a link to an inspection's page names."""
    return href.rstrip("/").split("/")[-1]


def table_columns(table: Tag) -> list[tuple[str, dict[str, str]]]:
    """Each body row: its inspection (from the row header's link) and its cells by column header."""
    headers = [text_of(th) for th in table.select("thead th")]
    rows = []
    for row in table.select("tbody tr"):
        inspection = row.get("data-inspection") or inspection_of(row.th.a["href"])
        rows.append((str(inspection), dict(zip(headers[1:], [text_of(td) for td in row.select("td")], strict=True))))
    return rows


def read_csv(site: Site, name: str) -> list[dict[str, str]]:
    with (site.path / "data" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def open_figures(site: Site) -> dict[str, dict[str, int]]:
    """Every place a per-inspection open figure is shown: {place: {inspection: open}}."""
    figures: dict[str, dict[str, int]] = {}
    home = site.page("").select_one("table.overview")
    figures["home table"] = {i: int(cells["Open"]) for i, cells in table_columns(home)}
    figures["inspections index"] = {i: int(cells["Open"]) for i, cells in table_columns(site.page("inspections/").select_one("article table"))}
    figures["inspection pages"] = {}
    for inspection in figures["home table"]:
        status = site.page(f"inspections/{inspection}/").select_one("article table.status-table")
        cells = dict(zip([text_of(th) for th in status.select("thead th")], [int(text_of(td)) for td in status.select("tbody td")], strict=True))
        figures["inspection pages"][inspection] = cells["Total"] - cells["Closed"]
    chart = site.page("dashboard/").select_one("table.chart-figures")
    figures["dashboard"] = {i: int(cells["Total"]) - int(cells["Closed"]) for i, cells in table_columns(chart)}
    figures["list by inspection"] = listed_by_inspection(site)
    listed = Counter(row["inspection"] for row in read_csv(site, "recommendations.csv") if row["open"] == "true")
    inspections = read_csv(site, "inspections.csv")
    figures["inspections.csv"] = {row["inspection"]: int(row["open"]) for row in inspections}
    figures["recommendations.csv"] = {row["inspection"]: listed[row["inspection"]] + int(row["open_not_named"]) for row in inspections}
    records = json.loads((site.path / "data" / "recommendations.json").read_text(encoding="utf-8"))["recommendations"]
    listed_json = Counter(record["inspection"] for record in records if record["open"])
    figures["recommendations.json"] = {row["inspection"]: listed_json[row["inspection"]] + int(row["open_not_named"]) for row in inspections}
    return figures


def listed_by_inspection(site: Site) -> dict[str, int]:
    """The by-inspection list: rows of each group plus its "more that the papers count" line."""
    article = site.page("recommendations/").select_one("article")
    counts = {}
    for heading in article.select("h2[id]"):
        rows, more = 0, 0
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            rows += len(sibling.select("tbody tr")) if sibling.name == "table" else 0
            found = re.search(r"(\d+) (?:more )?open recommendations? that the papers count", text_of(sibling))
            more += int(found[1]) if found else 0
        counts[str(heading["id"])] = rows + more
    return counts


def headline_totals(site: Site) -> dict[str, int]:
    """Every place the site-wide open total is shown."""
    totals = {}
    headline = re.fullmatch(r"(\d+) open recommendations across (\d+) inspections", text_of(site.page("").select_one(".headline")))
    assert headline
    totals["home headline"] = int(headline[1])
    for uri in LISTS:
        article = site.page(uri).select_one("article")
        stated = re.match(r"(\d+) open recommendations: (\d+) are listed", text_of(article.select_one(".list-count")))
        assert stated, uri
        totals[f"{uri} count"] = int(stated[1])
        rows = sum(len(table.select("tbody tr")) for table in article.select("table.recommendation-list"))
        assert rows == int(stated[2]), uri
    dashboard = re.search(r"(\d+) recommendations are open", text_of(site.page("dashboard/").select_one("article")))
    assert dashboard
    totals["dashboard"] = int(dashboard[1])
    return totals


def assert_one_count(site: Site) -> dict[str, int]:
    """Every per-inspection figure and every total agree; the figures, by inspection."""
    figures = open_figures(site)
    reference = figures["home table"]
    for place, values in figures.items():
        shown = {inspection: count for inspection, count in values.items() if count or place != "list by inspection"}
        assert shown == {i: c for i, c in reference.items() if c or place != "list by inspection"}, place
    totals = headline_totals(site)
    assert set(totals.values()) == {sum(reference.values())}, totals
    return reference


def test_every_page_and_export_shows_the_same_open_figures(site: Site) -> None:
    assert_one_count(site)


def test_every_group_with_members_is_listed_by_status(site: Site) -> None:
    article = site.page("recommendations/by-status/").select_one("article")
    statuses = Counter(row["status_label"] for row in read_csv(site, "recommendations.csv") if row["open"] == "true")
    groups = {text_of(h): len(h.find_next_sibling("table").select("tbody tr")) for h in article.select("h2[id]")}
    assert groups == dict(statuses)


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The fixture tree built on its own: a web-page-only progress summary after the papers it follows."""
    out = tmp_path_factory.mktemp("later")
    result = run_generator("build", "--content", str(FIXTURE), "--site", str(out / "site"), "--docs", str(out / "docs"))
    assert result.returncode == 0, result.stderr
    return Site(out / "site")


def test_later_summary_figures_agree_and_honour_the_last_remaining(later: Site) -> None:
    figures = assert_one_count(later)
    # "This is the last remaining of 8 recommendations."
    assert figures["contact-assessment-model"] == 1
    # Hate Crime 8, proposed for closure in 2024, is listed among "Other Open Recommendations".
    assert figures["hate-crime"] == 7
    rows = [text_of(r.th) for r in later.page("recommendations/").select("table.recommendation-list tbody tr")]
    assert "Hate Crime: Recommendation 8" in rows and "Hate Crime: Recommendation 14" in rows


def test_restated_initial_targets_never_move_the_target(later: Site) -> None:
    positions = [row for row in read_csv(later, "positions.csv") if row["paper"] == "2025-09-16-hmics-improvement-plans-progress-summary"]
    crime = [row for row in positions if row["inspection"] == "crime-audit-2020"]
    assert [row["number"] for row in crime] == ["2", "3", "4", "5", "6"]
    for row in crime:
        assert (row["stated_initial_target"], row["stated_revised_target"], row["target_revised_without_date"]) == ("2022-09", "", "true")
        assert (row["target_in_force"], row["target_change"]) == ("2025-06", "revised-without-date")
    for number in range(2, 7):
        article = later.page(f"inspections/crime-audit-2020/recommendation-{number}/").select_one("article")
        assert "Target moved from June 2025" not in text_of(article)
        facts = {text_of(tr.th): text_of(tr.td) for tr in article.select("table.facts")[0].select("tr")}
        assert facts["Target in force"] == "June 2025; the latest paper says the target was revised, without giving a new date"
    recommendations = {(r["inspection"], r["number"]): r for r in read_csv(later, "recommendations.csv")}
    assert recommendations[("crime-audit-2020", "2")]["latest_target"] == "2025-06"


def test_web_page_only_paper_shows_no_cover_sheet_and_nothing_not_stated(later: Site) -> None:
    article = later.page(LATER).select_one("article")
    assert article.select("table.cover-sheet") == []
    assert "Read the full document" not in text_of(article)
    meeting = text_of(later.page("meetings/2025-09-16-policing-performance-committee/").select_one("article .agenda"))
    assert meeting == "HMICS Improvement Plans – Progress Summary (16 September 2025)"
    for page in later.pages():
        assert "Not stated" not in text_of(BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")), page


def test_same_titled_papers_are_told_apart_by_their_dates(later: Site) -> None:
    names = [text_of(a) for a in later.page("papers/").select("article table tbody th a")]
    assert "HMICS Improvement Plans – Progress Summary (16 September 2025)" in names
    assert "HMICS Improvement Plans – Progress Summary (18 September 2024)" in names
    assert len(names) == len(set(names))
    feed = BeautifulSoup((later.path / "feed.xml").read_text(encoding="utf-8"), "xml")
    titles = [text_of(t) for t in feed.select("entry > title")]
    assert len(titles) == len(set(titles))
    assert later.page(LATER).title is not None and "(16 September 2025)" in text_of(later.page(LATER).title)


def test_paper_wording_and_narrative_stay_on_that_papers_entry(later: Site) -> None:
    article = later.page("inspections/contact-assessment-model/recommendation-3/").select_one("article")
    entries = article.select("dl.position")
    assert len(entries) == 3
    last = entries[-1]
    following = []
    for sibling in last.find_next_siblings():
        if sibling.name in ("h2", "h3"):
            break
        following.append(text_of(sibling))
    assert following[1].startswith("Recommendation 3 - Police Scotland and SPA should capture the rate of failure demand")
    assert following[2].startswith("This is the last remaining of 8 recommendations.")
    facts = {text_of(dt): text_of(dd) for dt, dd in zip(last.select("dt"), last.select("dd"), strict=True)}
    assert facts["Status"] == "Open, pace not stated (Police Scotland's word)"
    unnamed = later.page("inspections/contact-assessment-model/recommendation-1/").select_one("article")
    assert "Counted as closed (implied by the figures the paper states in words" in text_of(unnamed)


def test_a_recommendation_the_inspection_file_lacks_gets_its_page(later: Site) -> None:
    article = later.page("inspections/domestic-abuse/recommendation-7/").select_one("article")
    assert "Recommendation 7: the papers held do not give its text." in text_of(article)
    assert "Domestic Abuse Recommendation 7 - Police Scotland should ensure that victims and survivors can nominate" in text_of(article)
