"""What search costs a reader: the bytes fetched for a first query.

The built site is served on the loopback address and opened in headless
Chromium at /search/?q=..., as a reader following a shared link would; the
server notes every file it sends. Each file is counted gzip-compressed, as
a web server would send it.
The search page and its theme files are counted apart from the search's own
files (its script, assets/javascripts/search.js, and the parts of the index
under search-index/ that the query fetched): the page costs about what any
page costs, the search part is what grows, or not, with the archive.

The synthetic archives' prose draws on a vocabulary of about ninety words,
so a query of those words matches nearly every page: the worst case for the
index chunks and result fragments fetched. A query for a title is the
usual case.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, urlsplit

from benchmarks.weight import gzip_size

ROOT = Path(__file__).resolve().parent.parent
QUERIES = {"common words": "training governance", "a title": "Synthetic review 26"}
# The search's program, the same at any size: the search page's script. The
# rest fetched is the index: metadata, word files, filter files and the
# pages of the results shown.
PROGRAM = "assets/javascripts/search.js"
INDEX = "search-index"


def index_size(site: Path) -> dict[str, float]:
    """The whole index on disk: what the site stores, not what a reader fetches."""
    files = [path for path in (site / INDEX).rglob("*") if path.is_file()]
    return {"index_files": len(files), "index_kb": round(sum(path.stat().st_size for path in files) / 1e3, 1)}


def first_queries(site: Path, queries: dict[str, str] = QUERIES) -> dict[str, dict[str, object]]:
    """For each query, in a new browser: the results' heading, and the bytes fetched."""
    sys.path.insert(0, str(ROOT))
    from tests.browser import chromium, serve_directory

    measured = {}
    for label, query in queries.items():
        requested: list[str] = []
        with serve_directory(site, requested) as base, chromium() as browser:
            measured[label] = {"query": query, "heading": _search(browser, base, query), **_weigh(site, requested)}
    return measured


def _search(browser: Any, base: str, query: str) -> str:
    """Open the search page's address for a query; the results' heading once shown."""
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get(f"{base}search/?q={quote_plus(query)}")
    WebDriverWait(browser, 60).until(lambda b: b.execute_script("const s = document.querySelector('.search-results'); return s && !s.hidden && !s.hasAttribute('aria-busy');"))
    return str(browser.execute_script("return document.querySelector('.search-results h2').textContent;"))


def _weigh(site: Path, requested: list[str]) -> dict[str, object]:
    """The files the server sent, compressed."""
    paths = [urlsplit(path).path.lstrip("/") for path in requested]
    files = [site / path / "index.html" if path.endswith("/") or not path else site / path for path in paths]
    search = [path for path in dict.fromkeys(files) if path.is_file() and (path.relative_to(site).parts[0] == INDEX or path.relative_to(site).as_posix() == PROGRAM)]
    page = [path for path in dict.fromkeys(files) if path.is_file() and path not in search]
    sizes = {path.relative_to(site).as_posix(): gzip_size(path.read_bytes()) for path in search}
    engine = sizes.get(PROGRAM, 0)
    return {
        "search_kb": round(sum(sizes.values()) / 1e3, 1),
        "engine_kb": round(engine / 1e3, 1),
        "index_kb": round((sum(sizes.values()) - engine) / 1e3, 1),
        "search_files": len(search),
        "page_kb": round(sum(gzip_size(path.read_bytes()) for path in page) / 1e3, 1),
        "largest_search_files": [(name, round(size / 1e3, 1)) for name, size in sorted(sizes.items(), key=lambda item: -item[1])[:4]],
    }


if __name__ == "__main__":
    built = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
    print(json.dumps({**index_size(built), "first_queries": first_queries(built)}, indent=2))
