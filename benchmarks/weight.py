"""What a reader's browser downloads: page weight, compressed as served.

A page's first-load weight is its HTML plus every stylesheet, script and
icon it loads, each gzip-compressed as a web server would send it. Search
is weighed on its own (benchmarks.first_query): nothing of it loads before a
reader opens the search page.
"""

from __future__ import annotations

import gzip
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit


class Assets(HTMLParser):
    """The local files a page loads: stylesheets, scripts, icons."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.urls.append(str(values["src"]))
        if tag == "link" and values.get("href") and set(str(values.get("rel")).split()) & {"stylesheet", "icon", "modulepreload"}:
            self.urls.append(str(values["href"]))


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_files(site: Path, page: Path) -> list[Path]:
    """The page and the local files it loads at first load."""
    html = page.read_text(encoding="utf-8")
    parser = Assets()
    parser.feed(html)
    page_url = "/" + page.relative_to(site).as_posix()
    files = [page]
    for url in parser.urls:
        parts = urlsplit(urljoin(page_url, url))
        if not parts.netloc:
            files.append(site / parts.path.lstrip("/"))
    return files


def weigh(site: Path, page: Path) -> dict[str, object]:
    files = page_files(site, page)
    return {
        "page": page.parent.relative_to(site).as_posix() + "/",
        "html_gzip_kb": round(gzip_size(page.read_bytes()) / 1e3, 1),
        "total_gzip_kb": round(sum(gzip_size(f.read_bytes()) for f in files) / 1e3, 1),
        "files": len(files),
    }


def measure(site: Path, scale: int) -> dict[str, object]:
    """The heaviest paper page, a typical one, and a recommendation page if the site has them."""
    papers = sorted((p for p in (site / "papers").glob("*/index.html")), key=lambda p: p.stat().st_size)
    recommendations = sorted(site.glob("inspections/*/recommendation-*/index.html"), key=lambda p: p.stat().st_size)
    weights: dict[str, object] = {"scale": scale}
    weights["paper_heaviest"] = weigh(site, papers[-1])
    weights["paper_typical"] = weigh(site, papers[len(papers) // 2])
    weights["recommendation_heaviest"] = weigh(site, recommendations[-1]) if recommendations else None
    return weights
