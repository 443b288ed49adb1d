"""Search: Pagefind's index of the finished site, in small chunks.

A whole-site index (Material's lunr `search_index.json`) grows with the
archive and is fetched whole before the first result: 3.5 MB compressed at
50 times the bundled content. Pagefind reads the built HTML and writes an
index split into chunks of words, one small fragment per page and one per
filter; a reader's first query fetches Pagefind's script, its WebAssembly,
the metadata and only the chunks and fragments that query needs (about
100 kB at any size; docs/performance.md). It ships as a binary inside the
`pagefind[bin]` Python package, so `pip install` brings it with no download
from another host, and the index and its scripts are files of site/.

What is indexed is decided in the pages: only elements marked
`data-pagefind-body` (the theme puts it around the content of papers',
meetings', inspections' and recommendations' pages), less what is marked
`data-pagefind-ignore` (breadcrumbs, acronym expansions); see
docs/search.md.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from generator.engine.stable_index import stabilise

INDEX_FOLDER = "pagefind"
STOP_POLL_SECONDS = 0.1  # how often a running Pagefind is asked whether to stop
# The site's language: one index, English stemming ("recommendations" finds
# "recommendation"), whatever a page's lang attribute says.
LANGUAGE = "en"
# Pagefind's ready-made interfaces, and its index code for pages of no
# known language: the search page has its own interface (search.js) and
# every page is indexed as English, so no page would load these.
UNUSED = (
    *(f"pagefind-{name}" for name in ("ui.js", "ui.css", "modular-ui.js", "modular-ui.css", "component-ui.js", "component-ui.css", "highlight.js")),
    "wasm.unknown.pagefind",
)


class IndexFailed(Exception):
    """Pagefind stopped; its own words say why."""


class IndexStopped(Exception):
    """The preview stopped Pagefind: a newer change will index the site again."""


def pagefind_command() -> str:
    """The Pagefind binary that the `pagefind[bin]` package installed."""
    from pagefind_bin import get_executable

    return str(get_executable())


def build_index(site: Path, output: Path, stop: Callable[[], bool] = lambda: False) -> None:
    """Index the HTML pages under site/ into the folder `output`; end
    Pagefind early (IndexStopped) as soon as `stop()` is true."""
    command = [pagefind_command(), "--site", str(site), "--output-path", str(output), "--force-language", LANGUAGE, "--quiet"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as pagefind:
        while True:
            try:
                stdout, stderr = pagefind.communicate(timeout=STOP_POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                if stop():
                    pagefind.kill()
                    pagefind.communicate()
                    raise IndexStopped from None
    if pagefind.returncode != 0:
        raise IndexFailed((stderr or stdout).strip() or f"pagefind exited with status {pagefind.returncode}")
    stabilise(output)
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)


def index_site(site: Path) -> None:
    """Index a build that no reader sees yet (the build's staging folder)."""
    build_index(site, site / INDEX_FOLDER)


def reindex_served_site(site: Path, stop: Callable[[], bool] = lambda: False) -> None:
    """Index a site that is being served (the preview): the new index is
    written beside it and then renamed into place, so a reader never gets a
    half-written one. `stop` as for build_index."""
    fresh = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site))
    try:
        build_index(site, fresh, stop)
        current = site / INDEX_FOLDER
        if current.exists():
            old = current.rename(site / f"{fresh.name}-old")
            shutil.rmtree(old)
        fresh.rename(current)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
