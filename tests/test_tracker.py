"""The recommendation tracker on the bundled site: pages, changes, chart, open data, feed."""

from __future__ import annotations

import copy
import csv
import io
import itertools
import json
import posixpath
import re
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
from bs4 import Tag
from lxml import etree
from ruamel.yaml import YAML

from generator.content.dates import parse_date
from tests.conftest import CONTENT, Site

CAM_1 = "inspections/contact-assessment-model/recommendation-1/"
SUMMARY_URI = "papers/2024-09-18-hmics-improvement-plans-progress-summary/"
CAM_PAPER_URI = "papers/2023-09-12-contact-assessment-model-improvement-update/"
ATOM = "{http://www.w3.org/2005/Atom}"


def text_of(element: Tag) -> str:
    """The text a reader sees, without the glossary expansions that only
    screen readers and keyboard focus get (the first use of an acronym)."""
    element = copy.copy(element)
    for expansion in element.select(".acronym__expansion"):
        expansion.decompose()
    for markup in element.select("a.acronym, a.acronym abbr"):
        markup.unwrap()
    element.smooth()
    return " ".join(element.get_text(" ").split())


def caption_table(article: Tag, caption: str) -> Tag:
    tables = [t for t in article.select("table") if t.caption and text_of(t.caption) == caption]
    assert len(tables) == 1, caption
    return tables[0]


def rows_of(table: Tag) -> list[tuple[str, list[Tag]]]:
    return [(text_of(row.th), row.select("td")) for row in table.select("tbody tr")]


def timeline(article: Tag, raw: bool = False) -> list[tuple[str, dict[str, Any], list[str]]]:
    """The History section: per paper its heading, its facts (dt → dd) and the paragraphs after them."""
    entries = []
    for heading in article.find("h2", string="History").find_next_siblings():
        if heading.name == "h2":
            break
        if heading.name != "h3":
            continue
        facts_list = heading.find_next_sibling("dl")
        facts = {text_of(dt): (dd if raw else text_of(dd)) for dt, dd in zip(facts_list.select("dt"), facts_list.select("dd"), strict=True)}
        paragraphs = []
        for sibling in facts_list.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            paragraphs.append(text_of(sibling))
        entries.append((text_of(heading), facts, paragraphs))
    return entries


def latest_paper_date() -> str:
    """The date of the latest paper in content/: its meeting's (the exact date is pinned in test_fixture_figures.py)."""
    meetings = [YAML(typ="safe").load(path.read_text(encoding="utf-8")) for path in (CONTENT / "meetings").glob("*.yml")]
    return max(str(meeting["date"]) for meeting in meetings)


def resolve(site: Site, page_uri: str, href: str) -> Path:
    """The file a relative link on a page leads to."""
    target = posixpath.normpath(posixpath.join(page_uri, href.split("#")[0]))
    path = site.path / target
    return path / "index.html" if path.is_dir() else path


def test_every_recommendation_has_a_page_linked_from_its_inspection(site: Site) -> None:
    linked = set()
    for inspection_file in sorted((CONTENT / "inspections").glob("*.yml")):
        inspection_uri = f"inspections/{inspection_file.stem}/"
        numbers = [r["number"] for r in YAML(typ="safe").load(inspection_file.read_text(encoding="utf-8"))["recommendations"]]
        links = {a.get_text(): a["href"] for a in site.page(inspection_uri).select("table.recommendations tbody th a")}
        for number in numbers:
            page = site.path / inspection_uri / f"recommendation-{number}" / "index.html"
            assert page.is_file(), page
            assert resolve(site, inspection_uri, links[f"Recommendation {number}"]) == page
        linked |= {resolve(site, inspection_uri, href) for href in links.values()}
    # Recommendations a paper reports on (or whose status its figures imply) have pages too, linked the same way.
    assert set(site.path.glob("inspections/*/recommendation-*/index.html")) == linked


def test_cam_recommendation_1_shows_its_actions_owners_and_dated_updates(site: Site) -> None:
    article = site.page(CAM_1).select_one("article")
    assert text_of(article.h1) == "Contact Assessment Model: Recommendation 1"
    assert [text_of(h) for h in article.select("h3") if text_of(h).startswith("Action")] == [f"Action 1.{n}" for n in range(1, 6)]
    owners = {}
    for number in range(1, 6):
        facts = dict((name, text_of(cells[0])) for name, cells in rows_of(caption_table(article, f"Action 1.{number}: owner and source")))
        owners[number] = facts["Owner"]
        updates = rows_of(caption_table(article, f"Action 1.{number}: updates in date order"))
        headings = [name for name, _ in updates]
        assert headings[0] == "Not dated (the plan's first entry)"
        dates = [parse_date(h.removeprefix("Update ")).value for h in headings[1:]]
        assert dates == sorted(dates) and len(dates) == 4, headings
    assert owners == {1: "CERP", 2: "CERP", 3: "CERP", 4: "RT", 5: "C3 RT"}
    first_updates = rows_of(caption_table(article, "Action 1.1: updates in date order"))
    assert text_of(first_updates[0][1][0]).startswith("Review in progress by Contact Engagement and Resolution Project (CERP)")
    assert [name for name, _ in first_updates[1:]] == ["Update March 2023", "Update April 2023", "Update June 2023", "Update August 2023"]
    assert text_of(first_updates[-1][1][0]).startswith("RT update: 2 LPA workshops have now taken place")


def test_cam_action_1_1_completion_date_revision_with_its_rationale(site: Site) -> None:
    article = site.page(CAM_1).select_one("article")
    rows = rows_of(caption_table(article, "Action 1.1: completion date and its revisions"))
    assert [(name, [text_of(c) for c in cells[:3]]) for name, cells in rows] == [
        ("Initial", ["Current recorded on 4Action", "30/11/2023", ""]),
        ("Revision 1", ["Proposed update to 4Action", "June 2024", "(18 – 24 months)"]),
    ]
    rationale = text_of(rows[1][1][3])
    assert rationale.startswith("Following the update in April 2023 that workshops had been undertaken")
    assert rationale.endswith("it was assessed that June 2024 was a more appropriate and achievable target date.")


def test_recommendation_page_facts_history_areas_and_cross_references(site: Site) -> None:
    article = site.page(CAM_1).select_one("article")
    facts = {name: text_of(cells[0]) for name, cells in rows_of(caption_table(article, "About this recommendation"))}
    assert facts["Lead"] == "CERP"
    since = re.fullmatch(r"\d+ years?(?: \d+ months?)? Open more than two years \(to (.+), the date of the latest paper held\)", facts["Since the inspection was published"])
    assert since is not None and parse_date(since[1]).iso == latest_paper_date()
    history = timeline(article)
    assert [name for name, _, _ in history][:2] == [
        "12 September 2023: HMICS Assurance Review of Contact Assessment Model (9/22) - Police Scotland Improvement Update",
        "18 September 2024: HMICS Improvement Plans – Progress Summary",
    ]
    assert history[0][2] == ["The improvement plan it appends sets out the actions below."]
    assert history[1][1]["Status"] == "Open and delayed (implied by the paper's status table)"
    narrative = history[1][2]
    assert narrative[0] == "What the paper says:"
    assert (
        narrative[1]
        == "Recommendation 1: Police Scotland should demonstrate that the management of Local Policing Appointments (LPAs) ensures the public receives a consistent level of service across Scotland."
    )
    assert narrative[2].startswith("Position: Although C3 have responsibility for leading improvement activity in relation to this recommendation")
    assert narrative[-1] == "Evidence is currently being collated and our response will be submitted to HMICS in the coming weeks."
    areas = [text_of(li) for li in article.find("h2", string="Areas for Development").find_next("ul").select("li")]
    assert len(areas) == 2 and all(a.endswith("(linked to actions 1.4, 1.5)") for a in areas)
    links = article.find("h2", string="Cross-references").find_next("ul").select("a")
    assert [text_of(a) for a in links] == [f"Domestic Abuse: Recommendation {n}" for n in (3, 4, 5)]
    back = site.page("inspections/domestic-abuse/recommendation-5/").select_one("article")
    back_links = back.find("h2", string="Cross-references").find_next("ul").select("a")
    assert [text_of(a) for a in back_links] == ["Contact Assessment Model: Recommendation 1"]
    assert resolve(site, "inspections/domestic-abuse/recommendation-5/", back_links[0]["href"]) == site.path / CAM_1 / "index.html"


def test_september_2024_summary_says_what_changed_for_cam(site: Site) -> None:
    article = site.page(SUMMARY_URI).select_one("article")
    assert article.find("h2", string="What changed since the previous report") is not None
    table = caption_table(article, "Contact Assessment Model: what changed since the previous report on each recommendation")
    rows = {name: [text_of(c) for c in cells] for name, cells in rows_of(table)}
    assert list(rows) == [f"Recommendation {n}" for n in range(1, 6)]
    previous = "HMICS Assurance Review of Contact Assessment Model (9/22) - Police Scotland Improvement Update (12 September 2023)"
    assert all(cells[0] == previous for cells in rows.values())
    assert rows["Recommendation 2"][1:] == ["Status given for the first time: Submitted to HMICS for closure.", "No target given."]
    assert rows["Recommendation 1"][1:] == ["Status given for the first time: Open and delayed (implied by the paper's status table).", "No target given."]
    link = table.select_one("tbody td a")
    assert resolve(site, SUMMARY_URI, link["href"]) == site.path / CAM_PAPER_URI / "index.html"
    crime = dict(rows_of(caption_table(article, "Crime Audit 2020: what changed since the previous report on each recommendation")))
    assert text_of(crime["Recommendation 2"][2]) == "Target moved from 30/09/2023 to June 2025."


def read_csv(site: Site, name: str) -> list[dict[str, str]]:
    with (site.path / "data" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check_table_schema(rows: list[dict[str, str]], schema: dict[str, Any]) -> None:
    """Each cell against its Table Schema field: required, type, enum, pattern."""
    names = [f["name"] for f in schema["fields"]]
    for row in rows:
        assert list(row) == names
        for field in schema["fields"]:
            value = row[field["name"]]
            constraints = field.get("constraints", {})
            if value == "":
                assert not constraints.get("required"), (field["name"], row)
                continue
            if field["type"] == "integer":
                int(value)
            if field["type"] == "boolean":
                assert value in ("true", "false")
            if "enum" in constraints:
                assert value in constraints["enum"], (field["name"], value)
            if "pattern" in constraints:
                assert re.match(constraints["pattern"], value), (field["name"], value)
    key = [tuple(row[k] for k in schema["primaryKey"]) for row in rows]
    assert len(key) == len(set(key))


def json_file(site: Site, name: str) -> Any:
    return json.loads((site.path / "data" / name).read_text(encoding="utf-8"))


def test_exports_parse_validate_and_agree_with_each_other(site: Site) -> None:
    records = json_file(site, "recommendations.json")
    jsonschema.Draft202012Validator(json_file(site, "recommendations.schema.json")).validate(records)
    rows = read_csv(site, "recommendations.csv")
    check_table_schema(rows, json_file(site, "recommendations.csv.schema.json"))
    positions = read_csv(site, "positions.csv")
    check_table_schema(positions, json_file(site, "positions.csv.schema.json"))
    assert len(rows) == len(records["recommendations"]) == len(list(site.path.glob("inspections/*/recommendation-*/index.html")))
    for row, record in zip(rows, records["recommendations"], strict=True):
        as_csv = {k: ("; ".join(v) if isinstance(v, list) else "" if v is None else str(v).lower() if isinstance(v, bool) else str(v)) for k, v in record.items()}
        assert row == as_csv
        assert int(row["reports"]) == sum(1 for p in positions if (p["inspection"], p["number"]) == (row["inspection"], row["number"]))
    assert records["as_at"] == latest_paper_date()


def test_exports_agree_with_the_status_tables_recommendation_by_recommendation(site: Site) -> None:
    records = json_file(site, "recommendations.json")["recommendations"]
    closed = {}
    for record in records:
        inspection_uri = f"inspections/{record['inspection']}/"
        table = site.page(inspection_uri).select_one("table.recommendations")
        row = {text_of(r.th): r.select("td") for r in table.select("tbody tr")}[f"Recommendation {record['number']}"]
        status_cell = row[2]
        assert text_of(status_cell.select_one("span.status")) == record["status_label"]
        assert ("implied by the paper's status table" in text_of(status_cell)) == (record["status_source"] == "implied-by-status-table")
        if record["status_paper_url"]:
            link = status_cell.select_one("a:not(.acronym)")
            assert resolve(site, inspection_uri, link["href"]) == site.path / record["status_paper_url"] / "index.html"
            assert parse_date(text_of(link)).iso == record["status_date"]
        page = site.page(record["page_url"]).select_one("article")
        facts = {name: cells[0] for name, cells in rows_of(caption_table(page, "About this recommendation"))}
        assert text_of(facts["Current status"].select_one("span.status")) == record["status_label"]
        assert ("Open more than two years" in text_of(facts["Since the inspection was published"])) == record["open_over_two_years"]
        closed[record["inspection"]] = closed.get(record["inspection"], 0) + bool(record["status"] and not record["open"])
    dashboard = site.page("dashboard/").select_one("table.chart-figures")
    headers = [text_of(th) for th in dashboard.select("thead th")]
    for tr in dashboard.select("tbody tr"):
        figures = dict(zip(headers[1:], [int(text_of(td)) for td in tr.select("td")], strict=True))
        # A status table never counts fewer closed than the records name as closed.
        assert figures["Closed"] >= closed.get(tr["data-inspection"], 0)


def test_positions_agree_with_each_recommendations_history(site: Site) -> None:
    positions = read_csv(site, "positions.csv")
    for record in json_file(site, "recommendations.json")["recommendations"]:
        page = site.page(record["page_url"]).select_one("article")
        history = [(name, text_of(facts["Status"].select_one("span.status"))) for name, facts, _ in timeline(page, raw=True)]
        mine = [p for p in positions if (p["inspection"], p["number"]) == (record["inspection"], str(record["number"]))]
        assert [(f"{parse_date(p['paper_date']).long}: {p['paper_title']}", p["status_label"]) for p in mine] == history


def test_status_chart_has_a_title_a_description_and_the_tables_figures(site: Site) -> None:
    article = site.page("dashboard/").select_one("article")
    svg = article.select_one("svg")
    assert svg["role"] == "img"
    labelled = [svg.find(id=i) for i in svg["aria-labelledby"].split()]
    assert [element.name for element in labelled] == ["title", "desc"]
    assert text_of(labelled[0]) == "Status of recommendations for each inspection"
    assert "The table beside the chart gives the same figures." in text_of(labelled[1])
    table = caption_table(article, "Status of recommendations for each inspection (the chart's figures)")
    headers = [text_of(th) for th in table.select("thead th")][1:]
    codes = {"Total": "total", "Closed": "closed", "Ongoing – on track": "ongoing-on-track", "Ongoing – delayed": "ongoing-delayed", "Open, pace not stated": "not-stated"}
    bars = svg.select("g.bar")
    assert len(bars) == len(table.select("tbody tr")) == 6
    for bar, row in zip(bars, table.select("tbody tr"), strict=True):
        assert bar["data-inspection"] == row["data-inspection"]
        figures = {codes[h]: int(text_of(td)) for h, td in zip(headers, row.select("td"), strict=True)}
        drawn = {rect["data-status"]: int(rect["data-count"]) for rect in bar.select("rect[data-status]")}
        assert drawn == {k: v for k, v in figures.items() if k != "total" and v}
        printed = [text_of(t) for t in bar.select("text")]
        assert printed[0] == text_of(row.th) and printed[-1] == str(figures["total"])
        assert printed[1:-1] == [str(v) for v in drawn.values()]
        assert sum(drawn.values()) == figures["total"] == int(bar["data-total"])
    patterns = {p["id"] for p in svg.select("pattern")}
    assert patterns == {f"status-chart-pattern-{c}" for c in codes.values() if c != "total"}


def test_dashboard_links_the_data_the_lists_and_the_themes(site: Site) -> None:
    article = site.page("dashboard/").select_one("article")
    for a in article.select("a[href]"):
        assert resolve(site, "dashboard/", a["href"]).is_file(), a["href"]
    hrefs = [a["href"] for a in article.select("a")]
    for name in ("recommendations.csv", "recommendations.json", "positions.csv", "recommendations.schema.json"):
        assert any(h.endswith(name) for h in hrefs), name
    themes = rows_of(caption_table(article, "Recommendations by theme"))
    assert [name for name, _ in themes] == ["Governance", "Guidelines", "Compliance", "Resources", "Human Error", "Better Practice"]


@pytest.mark.parametrize("uri", ["recommendations/", "recommendations/by-status/", "recommendations/by-theme/", "recommendations/by-lead/", "recommendations/oldest-open/"])
def test_lists_are_static_tables_of_open_recommendations(site: Site, uri: str) -> None:
    soup = site.page(uri)
    article = soup.select_one("article")
    listed = [text_of(r.th) for t in article.select("table.recommendation-list") for r in t.select("tbody tr")]
    records = json_file(site, "recommendations.json")["recommendations"]
    open_names = sorted(f"{r['inspection']}/{r['number']}" for r in records if r["open"])
    linked = sorted(
        posixpath.normpath(posixpath.join(uri, a["href"])).removeprefix("inspections/").replace("/recommendation-", "/")
        for t in article.select("table.recommendation-list")
        for a in t.select("tbody th a")
    )
    if uri != "recommendations/by-theme/":
        assert linked == open_names and len(listed) == len(open_names)
    for table in article.select("table"):
        assert table.caption is not None and table.select("th[scope]")
    if uri.endswith("oldest-open/"):
        ages = [
            int(next(r for r in records if f"{r['inspection']}/{r['number']}" == name)["months_since_inspection"])
            for name in [posixpath.normpath(posixpath.join(uri, a["href"])).removeprefix("inspections/").replace("/recommendation-", "/") for a in article.select("tbody th a")]
        ]
        assert ages == sorted(ages, reverse=True)


def test_feed_is_valid_atom_with_an_entry_per_paper(site: Site) -> None:
    data = (site.path / "feed.xml").read_bytes()
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = etree.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    entries = root.findall(f"{ATOM}entry")
    papers = sorted(p.stem for p in (CONTENT / "papers").glob("*.md"))
    assert len(entries) == len(papers) == len(parsed.entries)
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    for entry in entries:
        for name in ("id", "title", "updated", "author"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert resolve(site, "", href).is_file()
        updated = entry.findtext(f"{ATOM}updated")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", updated)
        assert href.removeprefix("papers/").startswith(updated[:10])
    assert [e.findtext(f"{ATOM}updated") for e in entries] == sorted((e.findtext(f"{ATOM}updated") for e in entries), reverse=True)
    assert root.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")


def test_tracker_html_has_one_h1_and_no_skipped_heading_levels(site: Site) -> None:
    uris = ["dashboard/", "data/", CAM_1, SUMMARY_URI, *[f"recommendations/{p}" for p in ("", "by-status/", "by-theme/", "by-lead/", "oldest-open/")]]
    for uri in uris:
        article = site.page(uri).select_one("article")
        levels = [int(h.name[1]) for h in article.select("h1, h2, h3, h4, h5, h6")]
        assert levels.count(1) == 1 and levels[0] == 1, uri
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (uri, levels)
        for table in article.select("table"):
            assert table.caption is not None, uri


def test_data_page_documents_every_column(site: Site) -> None:
    article = site.page("data/").select_one("article")
    for name, schema in (("Recommendations (CSV)", "recommendations.csv.schema.json"), ("Positions (CSV)", "positions.csv.schema.json")):
        documented = [text_of(r.th) for r in caption_table(article, f"{name}: fields").select("tbody tr")]
        assert documented == [f["name"] for f in json_file(site, schema)["fields"]]
    json_fields = [text_of(r.th) for r in caption_table(article, "Recommendations (JSON): fields").select("tbody tr")]
    assert json_fields == list(json_file(site, "recommendations.schema.json")["properties"]["recommendations"]["items"]["properties"])


def test_csv_is_rfc_4180(site: Site) -> None:
    raw = (site.path / "data" / "positions.csv").read_bytes().decode("utf-8")
    assert raw.endswith("\r\n")
    assert next(iter(csv.reader(io.StringIO(raw))))[0] == "inspection"


def test_without_the_publishers_address_no_sitemap_and_the_feed_links_are_relative(site: Site) -> None:
    """mkdocs.yml sets no site_url: a sitemap would list nothing, so there is none."""
    assert not (site.path / "sitemap.xml").exists() and not (site.path / "sitemap.xml.gz").exists()
    links = [link.get("href") for link in etree.fromstring((site.path / "feed.xml").read_bytes()).iter(f"{ATOM}link")]
    assert links and all(resolve(site, "", href).is_file() for href in links)


def test_every_page_advertises_the_feed(site: Site) -> None:
    for page in sorted(site.path.rglob("*.html")):
        soup = site.page(page.relative_to(site.path).as_posix())
        feeds = soup.select("head link[rel=alternate][type='application/atom+xml']")
        assert len(feeds) == 1, page
        href = feeds[0]["href"]
        target = site.path / href.lstrip("/") if href.startswith("/") else (page.parent / href)
        assert target.resolve() == (site.path / "feed.xml").resolve(), page
