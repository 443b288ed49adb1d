"""The preview rebuilds only changed pages, yet every page that shows the change shows it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.conftest import MINIMAL_TREE, ROOT
from tests.test_serve import PAPER, fetch, free_port, wait_for

PAGES = ("", "papers/", "meetings/", "inspections/", "papers/2024-09-18-sample-paper/", "meetings/2024-09-18-sample-committee/", "inspections/sample-inspection/")


def test_a_new_title_reaches_every_page_that_shows_it(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "generator", "serve", "--content", "content", "--docs", "docs", "--config", str(ROOT / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=content.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(base + "papers/", "Sample Progress Summary", 60) is not None
        showing = [uri for uri in PAGES if "Sample Progress Summary" in (fetch(base + uri) or "")]
        assert len(showing) >= 4
        index_before = fetch(base + "search/search_index.json")
        (content / PAPER).write_text(MINIMAL_TREE[PAPER].replace("title: Sample Progress Summary", "title: Sample Progress Report"), encoding="utf-8")
        for uri in showing:
            assert wait_for(base + uri, "Sample Progress Report", 30) is not None, uri
            assert "Sample Progress Summary" not in (fetch(base + uri) or ""), uri
        index_after = fetch(base + "search/search_index.json")
        assert index_before is not None and index_after is not None
        locations = {doc["location"].split("#")[0] for doc in json.loads(index_after)["docs"]}
        assert locations == {doc["location"].split("#")[0] for doc in json.loads(index_before)["docs"]}
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"Preview updated: {len(showing)} page(s) changed" in output
    assert "Traceback" not in output
