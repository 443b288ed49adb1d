"""The same content gives the same site, byte for byte, wherever and whenever it is built.

The bundled content is built twice: in two folders at different depths,
with different SOURCE_DATE_EPOCH (the engine's clock), time zones and hash
seeds, and with a site_url so that the sitemap carries page dates. Every
file of the two sites must be identical; the only date in them is the
content's own, the latest paper's.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from generator.commands.pipeline import check
from tests.conftest import CONTENT, ROOT, tree_bytes

ENVIRONMENTS = (
    {"SOURCE_DATE_EPOCH": "1000000000", "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "1", "LC_ALL": "C.UTF-8"},
    {"SOURCE_DATE_EPOCH": "2000000000", "TZ": "America/Adak", "PYTHONHASHSEED": "2", "LC_ALL": "C"},
)


def build_copy(work: Path, environment: dict[str, str]) -> Path:
    """Copy the project's content, configuration and theme to work; build there."""
    shutil.copytree(CONTENT, work / "content")
    shutil.copytree(ROOT / "theme", work / "theme")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (work / "mkdocs.yml").write_text("site_url: https://example.org/progress/\n" + config, encoding="utf-8")
    env = {**os.environ, **environment}
    result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return work / "site"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    first = build_copy(tmp_path_factory.mktemp("one"), ENVIRONMENTS[0])
    second = build_copy(tmp_path_factory.mktemp("two") / "deeper" / "still", ENVIRONMENTS[1])
    return tree_bytes(first), tree_bytes(second)


def test_two_builds_are_identical_in_every_byte(two_builds: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    first, second = two_builds
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_the_only_date_is_the_latest_papers(two_builds: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    content = check(CONTENT).content
    assert content is not None
    latest = max(paper.date.value for paper in content.papers.values())
    site, _ = two_builds
    sitemap = site["sitemap.xml"].decode("utf-8")
    assert sitemap.count("<lastmod>") == sitemap.count("<url>") > 10
    assert sitemap.count(f"<lastmod>{latest.isoformat()}</lastmod>") == sitemap.count("<lastmod>")
    compressed = site["sitemap.xml.gz"]
    assert gzip.decompress(compressed) == site["sitemap.xml"]
    stamped = int.from_bytes(compressed[4:8], "little")
    assert dt.datetime.fromtimestamp(stamped, dt.UTC).date() == latest


def test_with_the_publishers_address_the_sitemap_and_the_feed_link_to_it(two_builds: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    site, _ = two_builds
    address = "https://example.org/progress/"
    pages = sorted(name for name in site if name.endswith("index.html"))
    listed = re.findall(r"<loc>([^<]*)</loc>", site["sitemap.xml"].decode("utf-8"))
    assert sorted(listed) == sorted(address + name.removesuffix("index.html") for name in pages)
    feed = etree.fromstring(site["feed.xml"])
    links = [link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert len(links) > 2 and all(link.startswith(address) for link in links)
    assert all(link.removeprefix(address) + "index.html" in site or link.endswith("feed.xml") for link in links)
