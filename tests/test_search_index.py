"""What the search index is built from, read from the built pages with a
real HTML parser: which pages are indexed and which parts of them, the
filters each page carries, and the forms that start a search."""

from __future__ import annotations

import json
import posixpath

from bs4 import BeautifulSoup, Tag

from tests.conftest import Site

FILTERS = ("kind", "inspection", "status", "year")


def indexed_pages(site: Site) -> dict[str, BeautifulSoup]:
    """Every built page that asks to be indexed, by address."""
    found = {}
    for path in site.pages():
        html = path.read_text(encoding="utf-8")
        if "data-search-body" in html:
            found[site.uri(path)] = BeautifulSoup(html, "lxml")
    return found


def filters_of(page: BeautifulSoup) -> dict[str, list[str]]:
    """The filter values a page files itself under."""
    values: dict[str, list[str]] = {}
    for element in page.select("[data-search-filter]"):
        values.setdefault(str(element["data-search-filter"]), []).append(str(element["data-value"]))
    return values


def text_shown(element: Tag) -> str:
    """An element's text without the hidden expansions of acronyms."""
    return "".join(text for text in element.strings if text.parent is None or text.find_parent(class_="acronym__expansion") is None)


def test_the_site_holds_no_whole_site_index_and_every_page_that_asks_is_indexed(site: Site) -> None:
    assert not list(site.path.rglob("search_index.json"))
    index = site.path / "search-index"
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    pages = [json.loads(path.read_text(encoding="utf-8")) for path in sorted((index / "pages").glob("*.json"), key=lambda path: int(path.stem))]
    assert meta["pages"] == len(pages) == len(indexed_pages(site))
    assert [page["url"] for page in pages] == sorted(indexed_pages(site))
    assert len(list((index / "words").glob("*.json"))) == len(meta["words"]) > 1
    assert meta["filters"] == sorted(FILTERS)


def test_each_result_title_names_its_page_and_no_two_pages_share_one(site: Site) -> None:
    index = site.path / "search-index"
    titles = {}
    for path in (index / "pages").glob("*.json"):
        shown = json.loads(path.read_text(encoding="utf-8"))
        titles[shown["url"]] = shown["title"]
        page_title = site.page(shown["url"]).title
        assert page_title is not None and page_title.get_text().startswith(shown["title"] + " - "), shown["url"]
    assert len(set(titles.values())) == len(titles)
    # A section's result names the section and its paper.
    sections = {uri: title for uri, title in titles.items() if uri.startswith("papers/") and uri.count("/") == 3}
    assert sections
    for uri, title in sections.items():
        paper = titles["/".join(uri.split("/")[:2]) + "/"]
        assert title.endswith(" – " + paper) and title != paper, uri


def test_papers_meetings_inspections_and_recommendations_are_indexed_and_nothing_else(site: Site) -> None:
    indexed = set(indexed_pages(site))
    # Each paper, meeting and inspection, each recommendation, and each section of a paper on its own page.
    own_pages = {site.uri(path) for path in site.pages() if path.parent.parent.name in ("papers", "meetings", "inspections") or path.parent.parent.parent.name in ("inspections", "papers")}
    assert own_pages and indexed == own_pages
    assert not indexed & {"./", "search/", "glossary/", "recommendations/", "dashboard/", "papers/", "inspections/"}


def test_only_the_content_is_indexed_without_breadcrumbs_or_acronym_expansions(site: Site) -> None:
    expansions = 0
    for uri, page in indexed_pages(site).items():
        bodies = page.select("[data-search-body]")
        assert len(bodies) == 1, uri
        body = bodies[0]
        assert body.find_parent("article") is not None, uri
        assert not body.select("header, footer, .md-sidebar, .md-nav"), uri
        for crumbs in body.select("nav.breadcrumbs"):
            assert crumbs.has_attr("data-search-ignore"), uri
        for expansion in body.select(".acronym__expansion"):
            assert expansion.has_attr("data-search-ignore"), uri
            expansions += 1
        assert body.select_one("h1") is not None, uri
    assert expansions > 0


def test_a_recommendation_is_filtered_by_the_status_its_page_shows(site: Site) -> None:
    recommendations = {uri: page for uri, page in indexed_pages(site).items() if "/recommendation-" in uri}
    assert recommendations
    for uri, page in recommendations.items():
        filters = filters_of(page)
        shown = next(row.td.select_one(".status") for row in page.select("table.facts tr") if row.th.get_text() == "Current status")
        assert filters["status"] == [text_shown(shown)], uri
        assert filters["kind"] == ["Recommendation"], uri
        title = page.select_one("h1").get_text()
        assert filters["inspection"] == [title.split(": Recommendation ")[0]], uri
        assert page.select_one("[data-search-meta=where]")["data-value"].startswith(title.split(": ")[1] + " of "), uri


def test_every_filter_value_is_a_choice_on_the_search_page_and_every_choice_finds_pages(site: Site) -> None:
    search_page = site.page("search/")
    choices = {name: [option.get_text() for option in search_page.select(f"select[name={name}] option") if option.get("value") != ""] for name in FILTERS}
    used: dict[str, set[str]] = {name: set() for name in FILTERS}
    for uri, page in indexed_pages(site).items():
        filters = filters_of(page)
        assert set(filters) <= set(FILTERS), uri
        assert len(filters["kind"]) == 1 and len(filters["year"]) == 1, uri
        for name, values in filters.items():
            used[name].update(values)
    for name in FILTERS:
        assert used[name] == set(choices[name]), name


def test_a_paper_is_filtered_by_the_inspections_whose_pages_list_it(site: Site) -> None:
    pages = indexed_pages(site)
    expected: dict[str, set[str]] = {uri: set() for uri in pages if uri.startswith("papers/") and uri.count("/") == 2}
    for uri, page in pages.items():
        if uri.count("/") == 2 and uri.startswith("inspections/"):
            heading = page.find("h2", string="Papers that reported on it")
            for link in heading.find_next("ul").select("a") if heading and heading.find_next("ul") else []:
                expected[resolve(uri, str(link["href"]))].add(filters_of(page)["inspection"][0])
    assert any(expected.values())
    for uri, page in pages.items():
        if uri.startswith("papers/"):
            # A section's page is filtered as its paper is.
            paper_uri = "/".join(uri.split("/")[:2]) + "/"
            assert set(filters_of(page).get("inspection", [])) == expected[paper_uri], uri


def resolve(page_uri: str, href: str) -> str:
    return posixpath.normpath(posixpath.join("/" + page_uri, href)).lstrip("/") + "/"


def header_form(page: BeautifulSoup) -> Tag:
    forms = page.select("header form")
    assert len(forms) == 1
    return forms[0]


def test_every_page_has_a_real_search_form_in_its_header_that_opens_the_search_page(site: Site) -> None:
    for path in site.pages():
        uri = site.uri(path)
        form = header_form(BeautifulSoup(path.read_text(encoding="utf-8"), "lxml"))
        assert form.get("method") == "get" and form.get("role") == "search", uri
        assert resolve(uri, str(form["action"])) == "search/", uri
        field = form.select_one("input[type=search][name=q]")
        assert field is not None and form.select_one(f"label[for={field['id']}]").get_text(strip=True), uri
        assert form.select_one("button[type=submit]").get_text(strip=True) == "Search", uri
        link = form.find_next_sibling("a")
        assert link is not None and resolve(uri, str(link["href"])) == "search/" and link.get_text(strip=True) == "Search", uri


def test_the_search_page_without_javascript_says_so_and_links_to_the_lists(site: Site) -> None:
    page = site.page("search/")
    form = page.select_one("article form")
    assert form["method"] == "get" and resolve("search/", str(form["action"])) == "search/"
    for field in form.select("input, select"):
        assert form.select_one(f"label[for={field['id']}]") is not None, field
    notice = page.select_one("noscript")
    assert notice is not None and "needs JavaScript" in notice.get_text()
    links = {resolve("search/", str(a["href"])) for a in notice.select("a")}
    assert links == {"papers/", "meetings/", "inspections/", "recommendations/"}
    assert all((site.path / link / "index.html").is_file() for link in links)
    assert page.select_one("script[src$='assets/javascripts/search.js']") is not None
    assert not page.select("[data-search-body]")


def test_search_scripts_load_on_the_search_page_only(site: Site) -> None:
    for path in site.pages():
        html = path.read_text(encoding="utf-8")
        assert ("search.js" in html) == (site.uri(path) == "search/"), path
        assert "lazy-search.js" not in html and "pagefind" not in html, path
    assert not (site.path / "assets" / "javascripts" / "lazy-search.js").exists()
    assert not (site.path / "pagefind").exists()
