"""The build checks every internal link and anchor and refuses a site with a broken one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.markup.linkcheck import check_links, parse_site
from tests.conftest import MINIMAL_TREE, ROOT, Site, run_generator, tree_bytes

PAPER = "papers/2024-09-18-sample-paper.md"
PURPOSE = "The purpose of this paper is to test."


def build(work: Path) -> tuple[int, list[str], str]:
    result = run_generator("build", "--content", "content", "--site", "site", "--docs", "docs", "--config", str(ROOT / "mkdocs.yml"), cwd=work)
    assert "Traceback" not in result.stderr
    return result.returncode, [line for line in result.stderr.splitlines() if "broken link" in line], result.stderr


def with_body(text: str) -> dict[str, str | None]:
    return {PAPER: MINIMAL_TREE[PAPER].replace(PURPOSE, text)}


def test_a_link_to_a_missing_page_fails_the_build_and_keeps_the_site(content_tree: Callable[..., Path]) -> None:
    work = content_tree().parent
    assert build(work)[0] == 0
    before = tree_bytes(work / "site")
    content_tree(with_body("See [the agenda](../no-such-page/index.html)."))
    status, broken, stderr = build(work)
    assert status == 1
    assert broken == ['papers/2024-09-18-sample-paper/index.html: broken link "../no-such-page/index.html": there is no file papers/no-such-page/index.html in the site']
    assert stderr.endswith("the built site has 1 problem: failed; site/ was left as it was.\n")
    assert tree_bytes(work / "site") == before


def test_a_link_to_a_missing_page_is_named_at_its_line_before_building(content_tree: Callable[..., Path]) -> None:
    """A link to a page address (a folder) is checked with the content, where the editor wrote it."""
    work = content_tree(with_body("See [the agenda](../no-such-page/).")).parent
    status, _, stderr = build(work)
    assert status == 1
    assert stderr.splitlines()[0] == (
        'content/papers/2024-09-18-sample-paper.md:27:18: the link "../no-such-page/" leads to no page of this site (it would be /papers/no-such-page/); '
        "correct the address: from a paper, another paper is ../<its file name without .md>/, an inspection ../../inspections/<identifier>/"
    )
    assert not (work / "site").exists()


def test_an_anchor_missing_from_its_page_fails_the_build(content_tree: Callable[..., Path]) -> None:
    content = content_tree(with_body("See [the meeting](../../meetings/2024-09-18-sample-committee/#minutes) and [the cover sheet](#cover-sheet)."))
    status, broken, _ = build(content.parent)
    assert status == 1
    assert broken == [
        'papers/2024-09-18-sample-paper/index.html: broken link "../../meetings/2024-09-18-sample-committee/#minutes": meetings/2024-09-18-sample-committee/index.html has no element with id "minutes"'
    ]


def test_links_that_resolve_pass(content_tree: Callable[..., Path]) -> None:
    content = content_tree(with_body("See [the meeting](../../meetings/2024-09-18-sample-committee/#agenda), [the cover sheet](#cover-sheet) and [a site](https://example.org/#x)."))
    status, broken, stderr = build(content.parent)
    assert (status, broken) == (0, []), stderr


def test_links_resolve_as_a_browser_resolves_them(tmp_path: Path) -> None:
    pages = {
        "index.html": '<a href="a/">a</a><a href="a/#top">top</a><a href="#here" id="here">self</a><a href="a/page.html#x">x</a><img src="/img.png" alt="">',
        "a/index.html": '<h1 id="top">A</h1><a href="../">home</a><a href="../../">above</a><a href="/b%20c/">space</a><a href="mailto:x@example.org">m</a>',
        "b c/index.html": '<a name="old">named</a><a href="../a/index.html#old">wrong page</a><a href="#old">fine</a>',
    }
    for relative, html in pages.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(html, encoding="utf-8")
    assert check_links(tmp_path, parse_site(tmp_path)) == [
        'a/index.html: broken link "../../": it leads out of the site',
        'b c/index.html: broken link "../a/index.html#old": a/index.html has no element with id "old"',
        'index.html: broken link "a/page.html#x": there is no file a/page.html in the site',
        'index.html: broken link "/img.png": there is no file img.png in the site',
    ]
    assert check_links(tmp_path, parse_site(tmp_path), "/progress/")[-1] == 'index.html: broken link "/img.png": it leads out of the site'


def test_the_bundled_site_has_no_broken_link(site: Site) -> None:
    pages = parse_site(site.path)
    internal = [value for page in pages.values() for element in page.elements for name, value in element.attributes if name in ("href", "src") and "://" not in value]
    assert len(internal) > 500
    assert check_links(site.path, pages) == []
