"""Acronyms: the glossary, the warning for one not in it, and the markup."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.commands.pipeline import check, render
from generator.model.glossary import acronyms_in_line, is_acronym, mark_acronyms, term_anchor
from generator.model.objects import GlossaryTerm
from tests.acronym_check import unmarked_first_uses
from tests.conftest import CONTENT, MINIMAL_TREE, ROOT, Site, run_generator

GLOSSARY = """\
terms:
  - term: HMICS
    expansion: His Majesty’s Inspectorate of Constabulary in Scotland
  - term: SPA
    expansion: Scottish Police Authority
"""


def warnings(content: Path) -> tuple[int, list[str]]:
    result = run_generator("validate", "--content", "content", cwd=content.parent)
    assert "Traceback" not in result.stderr
    return result.returncode, [line for line in result.stderr.splitlines() if line.startswith("content/")]


def test_an_acronym_not_in_the_glossary_is_a_warning_at_its_first_use(content_tree: Callable[..., Path]) -> None:
    status, found = warnings(content_tree({"glossary.yml": GLOSSARY}))
    assert status == 0
    assert found == [
        'content/papers/2024-09-18-sample-paper.md:9:17: warning: the acronym "ACC" is not in the glossary; add it to content/glossary.yml with its expansion: - term: ACC',
    ]


def test_strict_validation_fails_on_the_warning(content_tree: Callable[..., Path]) -> None:
    content = content_tree({"glossary.yml": GLOSSARY})
    result = run_generator("validate", "--strict", "--content", "content", cwd=content.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "0 errors, 1 warning: failed, because --strict makes warnings fail"


def test_words_listed_as_not_acronyms_are_not_warned_of(content_tree: Callable[..., Path]) -> None:
    status, found = warnings(content_tree({"glossary.yml": GLOSSARY + "not_acronyms: [ACC]\n"}))
    assert (status, found) == (0, [])


def test_acronyms_listed_as_not_expanded_are_not_warned_of_and_are_listed_on_the_glossary_page(content_tree: Callable[..., Path], tmp_path: Path) -> None:
    content = content_tree({"glossary.yml": GLOSSARY + "not_expanded: [ACC]\n"})
    assert warnings(content) == (0, [])
    result = run_generator("build", "--content", str(content), "--site", str(tmp_path / "out"), "--docs", str(tmp_path / "docs"))
    assert result.returncode == 0, result.stderr
    page = Site(tmp_path / "out").page("glossary/")
    heading = page.find("h2", string="Used without an expansion")
    assert heading is not None
    assert [item.get_text() for item in heading.find_next("ul").find_all("li")] == ["ACC"]


def test_without_a_glossary_nothing_is_warned_of(content_tree: Callable[..., Path]) -> None:
    assert warnings(content_tree()) == (0, [])


def test_the_bundled_glossary_defines_every_acronym_the_briefing_names() -> None:
    text = (ROOT / "content" / "glossary.yml").read_text(encoding="utf-8")
    for term in ("C3", "CAM", "CERP", "LPA", "THRIVE", "SCRS", "COS", "UNIFI", "MHTF", "PPC", "DBI", "AFD", "HMICS", "SPA", "ACC"):
        assert f"- term: {term}\n" in text, term


def test_acronym_shapes() -> None:
    assert all(map(is_acronym, ["C3", "CAM", "L&D", "PSoS", "FfC", "EqHRIAs", "NHS24", "LPAs"]))
    assert not any(map(is_acronym, ["A", "Police", "McVie", "PowerPoint", "SmartDiary", "4Action"]))
    assert list(acronyms_in_line("## 3 DISTRESS BRIEF INTERVENTION (DBI)")) == []
    assert list(acronyms_in_line("the C3 Division and CERP.")) == [(5, "C3"), (21, "CERP")]


def test_only_the_first_use_in_text_is_marked_never_in_headings_links_or_tags() -> None:
    glossary = {"CAM": GlossaryTerm("CAM", "Contact Assessment Model")}
    page = '---\ntitle: CAM\n---\n# The CAM\n\n[CAM](x/) and <td class="CAM">CAM is here; CAM again.</td>\n'
    marked = mark_acronyms(page, glossary, lambda word, term: f"<{word}={term.expansion}>")
    assert marked == '---\ntitle: CAM\n---\n# The CAM\n\n[CAM](x/) and <td class="CAM"><CAM=Contact Assessment Model> is here; CAM again.</td>\n'


def test_an_ampersand_written_as_an_entity_is_the_same_term() -> None:
    glossary = {"G&I": GlossaryTerm("G&I", "Governance and Insight")}
    marked = mark_acronyms("<td>C3 G&amp;I and G&I</td>\n", glossary, lambda word, term: f"[{word}]")
    assert marked == "<td>C3 [G&I] and G&I</td>\n"


def test_pages_link_the_first_use_of_each_acronym_to_its_glossary_entry(site: Site) -> None:
    glossary = site.page("glossary/")
    anchors = {dt["id"] for dt in glossary.select("dl.glossary dt")}
    assert term_anchor("C3") in anchors and term_anchor("PSoS") != term_anchor("PSOS")
    for page in site.pages():
        links = page and site.page(site.uri(page)).select("article a.acronym")
        seen = set()
        for link in links:
            term = link.abbr.get_text()
            assert term not in seen, (page, term)
            seen.add(term)
            assert link["href"].rsplit("#", 1)[1] in anchors
            expansion = link.select_one(".acronym__expansion").get_text()
            assert expansion == f" ({link.abbr['title']})"
    paper = site.page("papers/2024-09-18-hmics-improvement-plans-progress-summary/")
    first = paper.select_one("article a.acronym")
    assert first.abbr.get_text() == "HMICS"
    assert first.get_text() == "HMICS (His Majesty’s Inspectorate of Constabulary in Scotland)"


def test_every_page_marks_the_first_use_of_every_glossary_term_it_contains(site: Site) -> None:
    """Whatever page type makes it, a page that uses a term marks its first
    use (all but the glossary, which defines each term where it names it)."""
    result = check(CONTENT)
    assert result.content is not None
    terms = {term.term for term in result.content.glossary}
    pages = sorted(page for page in site.path.rglob("*.html") if page.parent.name != "glossary")
    found = {page.relative_to(site.path).as_posix(): unmarked_first_uses(page.read_text(encoding="utf-8"), terms) for page in pages}
    assert {page: problems for page, problems in found.items() if problems} == {}
    used = [page for page in pages if 'a class="acronym"' in page.read_text(encoding="utf-8")]
    assert len(used) > len(pages) // 2, "most pages use some term: the check would pass on pages the pass skipped"


def test_every_page_that_uses_a_term_links_its_first_use_whichever_stage_made_it(content_tree: Callable[..., Path]) -> None:
    """The acronym pass runs over the one list of every page: the tracker's
    pages (recommendations, lists) get it as the papers' pages do."""
    inspection = MINIMAL_TREE["inspections/sample-inspection.yml"].replace("should do the second thing.", "should report to the SPA board.")
    content = content_tree({"inspections/sample-inspection.yml": inspection, "glossary.yml": GLOSSARY})
    result = render(content)
    assert result.pages is not None, result.problems.items
    using = {page.docs_path: page.text for page in result.pages if page.docs_path.endswith(".md") and "report to the" in page.text}
    assert {"inspections/sample-inspection/index.md", "inspections/sample-inspection/recommendation-2.md", "recommendations/index.md"} <= set(using)
    for path, text in using.items():
        assert '<abbr title="Scottish Police Authority">SPA</abbr>' in text, path
    data = [page for page in result.pages if not page.docs_path.endswith(".md")]
    assert data and not [page.docs_path for page in data if 'class="acronym"' in page.text]
