"""The preview rebuilds only changed pages, yet every page that shows the change shows it.

(The count of changed docs files includes the open-data files that show the title.)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from generator.render import page_uri
from tests.conftest import MINIMAL_TREE, ROOT
from tests.test_serve import PAPER, fetch, free_port, wait_for


def test_a_new_title_reaches_every_page_that_shows_it(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "generator", "serve", "--content", "content", "--docs", "docs", "--config", str(ROOT / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=content.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(base + "papers/", "Sample Progress Summary", 60) is not None
        every_page = [page_uri(path.relative_to(content.parent / "docs").as_posix()) for path in (content.parent / "docs").rglob("*.md")]
        showing = [uri for uri in every_page if "Sample Progress Summary" in (fetch(base + uri) or "")]
        assert len(showing) >= 4 and len(showing) < len(every_page)
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
    changed = int(re.findall(r"Preview updated: (\d+) page\(s\) changed", output)[-1])
    assert len(showing) <= changed < len(every_page)
    assert "Traceback" not in output
