"""The preview rebuilds only changed pages, yet every page that shows the change shows it.

(The count of changed docs files includes the open-data files that show the title.)
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from generator.engine.conventions import page_uri
from tests.conftest import MINIMAL_TREE
from tests.test_serve import PAPER, fetch, running_preview, wait_for


def wait_for_change(url: str, old: str | None, seconds: float) -> str | None:
    """The text at url once it differs from `old` (None if it does not in time)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = fetch(url)
        if text is not None and text != old:
            return text
        time.sleep(0.2)
    return None


def test_a_new_title_reaches_every_page_that_shows_it(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    with running_preview(content) as preview:
        base = preview.base_url
        assert wait_for(base + "papers/", "Sample Progress Summary", 60) is not None
        every_page = [page_uri(path.relative_to(content.parent / "docs").as_posix()) for path in (content.parent / "docs").rglob("*.md")]
        showing = [uri for uri in every_page if "Sample Progress Summary" in (fetch(base + uri) or "")]
        assert len(showing) >= 4 and len(showing) < len(every_page)
        index_before = fetch(base + "search-index/meta.json")
        (content / PAPER).write_text(MINIMAL_TREE[PAPER].replace("title: Sample Progress Summary", "title: Sample Progress Report"), encoding="utf-8")
        for uri in showing:
            assert wait_for(base + uri, "Sample Progress Report", 30) is not None, uri
            assert "Sample Progress Summary" not in (fetch(base + uri) or ""), uri
        # The search index is built again in the background, from every page:
        # the same pages, other words.
        index_after = wait_for_change(base + "search-index/meta.json", index_before, 30)
        assert index_before is not None and index_after is not None
        before, after = (json.loads(index) for index in (index_before, index_after))
        assert after["pages"] == before["pages"] > 0
        assert after["version"] != before["version"]
    about_the_change, rest = (int(count) for count in re.findall(r"(?:Preview updated|Rest of the site updated): (\d+) page\(s\) changed", preview.output)[-2:])
    assert about_the_change == 5  # the paper's page, its two section pages and those of the two recommendations it reports on (one stated, one its status table implies)
    assert len(showing) <= about_the_change + rest < len(every_page)
    assert "Traceback" not in preview.output
