"""A page per section of each paper, as on the SPA site, at a stable address."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from generator.commands.pipeline import render
from generator.model.sections import SECTION_PAGES_LISTED, paper_sections, slug
from tests.conftest import CONTENT, MINIMAL_TREE, ROOT, Site, run_generator
from tests.test_full_document import text_of

SUMMARY = "2024-09-18-hmics-improvement-plans-progress-summary"
PAPER = "papers/2024-09-18-sample-paper.md"
PURPOSE = "The purpose of this paper is to test."


def resolve(uri: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(uri, href)) + "/"


def section_uris(site: Site, paper: str) -> list[str]:
    whole = site.page(f"papers/{paper}/")
    heading = next(h for h in whole.select("article h2") if text_of(h) == "Sections of this paper")
    links = heading.find_next_sibling("ul").select("a")
    return [resolve(f"papers/{paper}", a["href"]) for a in links]


def test_the_whole_page_links_every_section_page_and_each_repeats_the_header(site: Site) -> None:
    for paper_file in sorted((CONTENT / "papers").glob("*.md")):
        paper = paper_file.stem
        uris = section_uris(site, paper)
        built = sorted(p.parent.name for p in (site.path / "papers" / paper).glob("*/index.html"))
        assert sorted(uri.split("/")[-2] for uri in uris) == built and len(built) > 3, paper
        whole = site.page(f"papers/{paper}/").select_one("article")
        for index, uri in enumerate(uris):
            article = site.page(uri).select_one("article")
            assert [text_of(h) for h in article.select("h1, h2")][:3] == [text_of(whole.h1), "Report Summary", "Meeting"], uri
            for part in ("p.full-document", "p.meeting-block"):
                assert text_of(article.select_one(part)) == text_of(whole.select_one(part)), uri
            current = article.select_one("[aria-current=page]:not(.breadcrumbs *)")
            assert current is not None and text_of(article.select("h2")[2]) == text_of(current), uri
            pager = {a["rel"][0]: resolve(uri.rstrip("/"), a["href"]) for a in article.select("nav.section-pager a")}
            assert pager.get("prev") == (uris[index - 1] if index else None), uri
            assert pager.get("next") == (uris[index + 1] if index + 1 < len(uris) else None), uri


def test_a_section_page_holds_that_section_only(site: Site) -> None:
    article = site.page(f"papers/{SUMMARY}/1-background/").select_one("article")
    headings = [text_of(h) for h in article.select("h2")]
    assert headings == ["Report Summary", "Meeting", "1 BACKGROUND", "Sections of this paper"]
    assert article.select_one("table caption").get_text() == "HMICS publications selected for review"


def test_a_section_that_is_another_paper_links_to_it(site: Site) -> None:
    uri = "papers/2024-12-10-response-to-mental-health-distress/"
    appendix = next(u for u in section_uris(site, "2024-12-10-response-to-mental-health-distress") if "appendix-c" in u)
    article = site.page(appendix).select_one("article")
    links = {resolve(appendix.rstrip("/"), a["href"]) for a in article.select("p a")}
    assert f"papers/{SUMMARY}/" in links
    assert uri in {resolve(appendix.rstrip("/"), a["href"]) for a in article.select("nav.breadcrumbs a")}


def test_the_figure_is_drawn_on_the_section_page_with_its_figures_beside_it(site: Site) -> None:
    article = site.page(f"papers/{SUMMARY}/2-summary-of-progress-within-reporting-period/").select_one("article")
    figure = article.select_one("figure")
    caption = "Figure 1 Graph showing status of all recommendations for each publication reported"
    assert text_of(figure.figcaption) == caption
    svg = figure.select_one("svg[role=img]")
    assert text_of(svg.find(id=svg["aria-labelledby"].split()[0])) == caption
    stated = {text_of(t.caption).split(":")[0]: [text_of(td) for td in t.select("tbody td")] for t in article.select("table.status-table")}
    table = figure.find_next_sibling("table")
    drawn = {text_of(row.th): [text_of(td) for td in row.select("td")][:4] for row in table.select("tbody tr")}
    assert drawn == stated and len(drawn) == 6
    for bar in svg.select("g.bar"):
        assert sum(int(rect["data-count"]) for rect in bar.select("rect[data-status]")) == int(bar["data-total"])


def test_section_addresses_come_from_number_and_heading_not_position(tmp_path: Path) -> None:
    content = tmp_path / "content"
    paper = "papers/2024-09-18-sample-paper.md"
    for relative, text in MINIMAL_TREE.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")

    def addresses() -> list[str]:
        pages = render(content).pages
        assert pages is not None
        return sorted(page.docs_path for page in pages if page.docs_path.startswith("papers/2024-09-18-sample-paper/"))

    before = addresses()
    assert before == ["papers/2024-09-18-sample-paper/1-background.md", "papers/2024-09-18-sample-paper/cover-sheet.md"]
    text = (content / paper).read_text(encoding="utf-8")
    (content / paper).write_text(text.replace("## 1 BACKGROUND", "## 0.5 *Earlier* part\n\nNew text.\n\n## 1 BACKGROUND"), encoding="utf-8")
    assert addresses() == ["papers/2024-09-18-sample-paper/0-5-earlier-part.md", *before]
    (content / paper).write_text(text + "\n## 1 Background\n\nThe same heading again.\n", encoding="utf-8")
    assert addresses() == sorted([*before, "papers/2024-09-18-sample-paper/1-background-2.md"])
    assert (
        slug("Appendix A HMICS Thematic Inspection of Policing Mental Health in Scotland – Recommendations") == "appendix-a-hmics-thematic-inspection-of-policing-mental"
    )  # whole words, up to 60 characters


def test_the_opening_section_holds_the_text_before_the_first_heading() -> None:
    from generator.commands.pipeline import check

    result = check(CONTENT)
    assert result.content is not None
    sections = paper_sections(result.content.papers[SUMMARY])
    assert [section.kind for section in sections[:2]] == ["opening", "body"]
    assert sections[0].heading == "Cover sheet" and "**PURPOSE**" in sections[0].text


def test_section_pages_are_searched_and_expand_their_acronyms(site: Site) -> None:
    for paper_file in sorted((CONTENT / "papers").glob("*.md")):
        for uri in section_uris(site, paper_file.stem):
            assert site.page(uri).select_one("[data-search-body]") is not None, uri
    article = site.page(f"papers/{SUMMARY}/1-background/").select_one("article")
    first = article.select_one("a.acronym abbr")
    assert first is not None and first["title"] == "His Majesty’s Inspectorate of Constabulary in Scotland"


def test_a_section_page_of_a_paper_with_very_many_sections_links_to_their_list(content_tree: Callable[..., Path]) -> None:
    """The pages of a long paper grow with its length, not its length squared."""
    parts = "\n\n".join(f"## {n} Part\n\nThe text of part {n}." for n in range(1, SECTION_PAGES_LISTED + 2))
    content = content_tree({PAPER: MINIMAL_TREE[PAPER].replace(PURPOSE, PURPOSE + "\n\n" + parts)})
    result = run_generator("build", "--content", "content", "--config", str(ROOT / "mkdocs.yml"), cwd=content.parent)
    assert result.returncode == 0, result.stderr[-3000:]
    paper = content.parent / "site" / "papers" / "2024-09-18-sample-paper"
    whole = BeautifulSoup((paper / "index.html").read_text(encoding="utf-8"), "lxml")
    heading = next(h for h in whole.select("article h2") if text_of(h) == "Sections of this paper")
    listed = heading.find_next_sibling("ul").select("a")
    assert len(listed) > SECTION_PAGES_LISTED
    article = BeautifulSoup((paper / "2-part" / "index.html").read_text(encoding="utf-8"), "lxml").select_one("article")
    assert f"This paper has {len(listed)} sections: their list is on the whole paper on one page." in text_of(article)
    assert not article.select("a[href*='-part/']:not([rel])")
