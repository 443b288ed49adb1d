"""Each paper's full document: a tagged, accessible PDF made from the same content as its pages.

Every PDF of the bundled site is opened with pikepdf and read with pypdf:
the structure tree, table headers, figures' alternatives, language,
window title, bookmarks, fonts and text are checked against the paper's
whole page, and pdfua runs its PDF/UA-1 rules over each file.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pypdf
import pytest
from bs4 import BeautifulSoup, Tag
from pdfminer.high_level import extract_text
from pdfua import Severity, validate

from generator.commands.pipeline import check, render
from generator.pages.pdf import full_documents
from generator.pages.render import Renderer
from tests.conftest import CONTENT, MINIMAL_TREE, Site

# The site's own sections of a paper's page, not the paper's: not in its PDF.
SITE_SECTIONS = ("Sections of this paper", "What changed since the previous report", "Where this paper appears again")
# The page numbers in the margin and the lists' bullets: marked as artifacts or labels, not the paper's text.
PAGE_ARTIFACTS = re.compile(r"Page \d+ of \d+|•")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def paper_pdfs(site: Site) -> list[tuple[str, Path]]:
    papers = sorted(p.stem for p in (CONTENT / "papers").glob("*.md"))
    return [(paper, site.path / "papers" / paper / f"{paper}.pdf") for paper in papers]


def kids(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    found = element.get("/K")
    items = list(found) if isinstance(found, pikepdf.Array) else [found]
    return [item for item in items if isinstance(item, pikepdf.Dictionary)]


def elements(element: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under `element`, in reading order."""
    for kid in kids(element):
        if "/S" in kid:
            yield kid
        yield from elements(kid)


def marks_content(element: pikepdf.Dictionary) -> bool:
    """Whether a structure element leads to content on a page (a marked-content id)."""
    found = element.get("/K")
    items = list(found) if isinstance(found, pikepdf.Array) else [found]
    return any(isinstance(item, int) or (isinstance(item, pikepdf.Dictionary) and marks_content(item)) for item in items)


def outline_titles(items: list[pikepdf.OutlineItem]) -> Iterator[str]:
    for item in items:
        yield item.title
        yield from outline_titles(item.children)


def readable(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def text_of(element: Tag) -> str:
    """What a reader sees, without the acronyms' expansions (the site's, not the paper's)."""
    element = copy.copy(element)
    for expansion in element.select(".acronym__expansion"):
        expansion.decompose()
    for line_break in element.select("br"):
        line_break.replace_with(" ")
    return readable(element.get_text())


def paper_part(page: BeautifulSoup) -> list[Tag]:
    """The headings and blocks of the paper itself on its whole page: the site's own sections left out."""
    article = page.select_one("article")
    assert article is not None
    kept, skipping = [], False
    for element in article.select("h1, h2, h3, h4, h5, h6, p, li, td, th, caption, figcaption"):
        if element.name == "h2":
            skipping = text_of(element) in SITE_SECTIONS
        if not skipping and not element.find_parent(["nav", "svg"]) and "full-document" not in (element.get("class") or []):
            kept.append(element)
    return kept


@pytest.fixture(scope="module")
def pdfs(site: Site) -> list[tuple[str, Path]]:
    found = paper_pdfs(site)
    assert found and all(path.is_file() for _, path in found)
    return found


def test_every_paper_has_one_pdf_linked_from_each_of_its_pages_with_its_pages_and_size(site: Site, pdfs: list[tuple[str, Path]]) -> None:
    for paper, path in pdfs:
        pages = len(pypdf.PdfReader(path).pages)
        size = path.stat().st_size
        expected = f"Read the full document (PDF, {pages} pages, {max(1, round(size / 1024))} KB)"
        folder = site.path / "papers" / paper
        for html in sorted(folder.rglob("index.html")):
            link = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").select_one("article p.full-document a")
            assert link is not None, html
            assert text_of(link) == expected, html
            assert (html.parent / link["href"]).resolve() == path.resolve(), html


def test_every_pdf_is_tagged_titled_in_british_english_with_embedded_fonts(site: Site, pdfs: list[tuple[str, Path]]) -> None:
    for paper, path in pdfs:
        title = text_of(site.page(f"papers/{paper}/").select_one("article h1"))
        with pikepdf.open(path) as pdf:
            root = pdf.Root
            assert str(root.Lang) == "en-GB", paper
            assert bool(root.ViewerPreferences.DisplayDocTitle), paper
            assert bool(root.MarkInfo.Marked), paper
            assert str(pdf.docinfo["/Title"]) == title, paper
            tagged = list(elements(root.StructTreeRoot))
            assert len(tagged) > 50, paper
            # No empty heading: pdfua 0.1.3's rule for it (UA-14-001) cannot read pikepdf's objects and is skipped.
            headings = [element for element in tagged if re.fullmatch(r"/H[1-6]", str(element.S))]
            assert headings and all(marks_content(heading) for heading in headings), paper
            for page in pdf.pages:
                for font in page.Resources.get("/Font", {}).values():
                    descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                    assert any(key in descendant.FontDescriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), (paper, font.get("/BaseFont"))


def test_every_table_header_cell_is_th_with_a_scope_and_every_figure_has_alt(pdfs: list[tuple[str, Path]]) -> None:
    for paper, path in pdfs:
        with pikepdf.open(path) as pdf:
            tagged = list(elements(pdf.Root.StructTreeRoot))
            tables = [element for element in tagged if element.S == "/Table"]
            assert tables, paper
            for table in tables:
                cells = [element for element in elements(table) if element.S in ("/TH", "/TD")]
                headers = [cell for cell in cells if cell.S == "/TH"]
                assert headers, paper
                assert all(str(cell.A.Scope) in ("/Column", "/Row") for cell in headers), paper
                head_rows = [element for element in elements(table) if element.S == "/THead"]
                for head in head_rows:
                    assert all(cell.S == "/TH" and cell.A.Scope == "/Column" for cell in elements(head) if cell.S in ("/TH", "/TD")), paper
            for figure in (element for element in tagged if element.S == "/Figure"):
                assert str(figure.get("/Alt", "")).strip(), paper


def test_bookmarks_are_the_papers_headings(site: Site, pdfs: list[tuple[str, Path]]) -> None:
    for paper, path in pdfs:
        headings = [text_of(h) for h in paper_part(site.page(f"papers/{paper}/")) if re.fullmatch(r"h[1-6]", h.name)]
        with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
            assert [readable(title) for title in outline_titles(outline.root)] == headings, paper


def test_every_sentence_of_the_paper_is_in_the_pdfs_text(site: Site, pdfs: list[tuple[str, Path]]) -> None:
    for paper, path in pdfs:
        # Compared without white space: the PDF breaks lines (and words at their hyphens) where the page does not.
        text = without_spaces(PAGE_ARTIFACTS.sub(" ", readable(extract_text(path))))
        blocks = [text_of(element) for element in paper_part(site.page(f"papers/{paper}/")) if not element.find(["p", "li"])]
        sentences = [sentence for block in blocks for sentence in SENTENCE_END.split(block) if sentence]
        assert len(sentences) > 20, paper
        missing = [sentence for sentence in sentences if not found(sentence, text)]
        assert missing == [], paper


def without_spaces(text: str) -> str:
    return "".join(text.split())


def found(sentence: str, text: str) -> bool:
    """The sentence in the text whole, or in two parts where a page break cut
    it (a table row split across pages continues below the other columns)."""
    words = sentence.split()
    return without_spaces(sentence) in text or any(without_spaces(" ".join(words[:cut])) in text and without_spaces(" ".join(words[cut:])) in text for cut in range(1, len(words)))


def test_pdfua_finds_no_error_in_any_pdf(pdfs: list[tuple[str, Path]]) -> None:
    for paper, path in pdfs:
        report = validate(str(path))
        errors = [f"{finding.rule_id}: {finding.message}" for finding in report.findings if finding.severity is Severity.ERROR]
        assert errors == [], paper
        assert [outcome.rule_id for outcome in report.outcomes if not outcome.skipped_reason], paper


def test_the_figure_of_the_paper_is_in_its_pdf_with_its_caption_as_alternative(pdfs: list[tuple[str, Path]]) -> None:
    path = dict(pdfs)["2024-09-18-hmics-improvement-plans-progress-summary"]
    with pikepdf.open(path) as pdf:
        alternatives = [str(element.Alt) for element in elements(pdf.Root.StructTreeRoot) if element.S == "/Figure"]
    assert alternatives == ["Figure 1 Graph showing status of all recommendations for each publication reported"]


def test_a_pdf_is_printed_again_only_when_what_it_prints_changed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for relative, text in MINIMAL_TREE.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    first = render(content, pdf_cache=cache).documents
    printed = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    assert render(content, pdf_cache=cache).documents == first
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}.keys() == printed.keys()
    paper = content / "papers/2024-09-18-sample-paper.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("The purpose of this paper is to test.", "The purpose of this paper is to test again."), encoding="utf-8")
    changed = render(content, pdf_cache=cache).documents["2024-09-18-sample-paper"]
    assert changed.path != first["2024-09-18-sample-paper"].path
    assert "test again." in readable(extract_text(changed.path))


def test_a_change_to_an_appendix_paper_prints_the_paper_that_appends_it_again(tmp_path: Path) -> None:
    result = check(CONTENT)
    assert result.content is not None and result.derived is not None
    parent = result.content.papers["2024-12-10-response-to-mental-health-distress"]
    appended = result.content.papers[next(a.paper_id for a in parent.appendices if a.paper_id)]
    cache = tmp_path / "cache"
    before = full_documents(Renderer(result.content, result.derived), cache)
    appended.title += " (revised)"
    after = full_documents(Renderer(result.content, result.derived), cache)
    assert after[parent.identifier].path != before[parent.identifier].path
    unrelated = [paper for paper in before if paper not in (parent.identifier, appended.identifier)]
    assert all(after[paper].path == before[paper].path for paper in unrelated)


def test_the_preview_does_not_make_pdfs(tmp_path: Path) -> None:
    result = render(CONTENT)
    assert result.documents == {} and result.pages is not None
    page = next(page for page in result.pages if page.docs_path == "papers/2024-09-18-hmics-improvement-plans-progress-summary.md")
    assert "The full document as a PDF is made when the site is built (`make site`), for papers of up to about 800 pages; the preview does not make it." in page.text
