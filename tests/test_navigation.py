"""The site navigation lists section index pages only; every other page has a way back."""

from __future__ import annotations

import posixpath

import yaml

from generator.engine.conventions import page_uri
from tests.conftest import ROOT, Site


def nav_uris() -> set[str]:
    """The pages mkdocs.yml's nav lists, as site addresses."""
    entries = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    paths = [next(iter(entry.values())) for entry in entries]
    return {page_uri(path) for path in paths}


def resolve(page_uri: str, href: str) -> str:
    """The site address a relative link on a page leads to."""
    joined = posixpath.normpath(posixpath.join(page_uri or ".", href))
    return "" if joined == "." else joined + "/"


def test_every_page_shows_the_same_short_navigation(site: Site) -> None:
    listed = nav_uris()
    for page_path in site.pages():
        uri = site.uri(page_path).removeprefix("./")
        primary = site.page(uri).select_one("nav.md-nav--primary")
        assert primary is not None, uri
        targets = {resolve(uri, link["href"]) for link in primary.select("a.md-nav__link[href]") if not link["href"].startswith("#")}
        assert targets == listed, uri


def test_every_page_outside_the_navigation_has_a_breadcrumb_back(site: Site) -> None:
    listed = nav_uris()
    outside = [uri for uri in (site.uri(p).removeprefix("./") for p in site.pages()) if uri not in listed]
    assert len(outside) > 10
    for uri in outside:
        page = site.page(uri)
        trail = page.select_one("nav.breadcrumbs[aria-label=Breadcrumb]")
        assert trail is not None, uri
        links = [resolve(uri, a["href"]) for a in trail.select("a[href]")]
        assert links[0] == "", uri
        assert links[1] in listed, uri
        assert all((site.path / link / "index.html").is_file() for link in links), uri
        current = trail.select_one("[aria-current=page]")
        assert current is not None and current.get_text(strip=True) in page.title.get_text(), uri
