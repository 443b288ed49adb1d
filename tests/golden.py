"""The golden snapshot: a small content tree built, and the visible text of
each page's article compared with the text committed beside it.

Assertions name what they expect; this catches what none of them names (a
sentence gone, a label changed, a figure moved to another page). After an
intended change, regenerate the snapshot and review its diff:

    python -m tests.golden --update      (or: make golden)

Text is compared line by line as a reader sees it: each text node on its
own line, whitespace within it collapsed, empty lines dropped. The
accessibility statement is left out: it reports the last audit
(docs/accessibility-audit.json, rewritten by `make audit`), not the
content, and tests/accessibility/test_audit_record.py checks it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = Path(__file__).resolve().parent / "golden-snapshot"
CONTENT = SNAPSHOT / "content"
PAGES = SNAPSHOT / "pages"
LEFT_OUT = {"accessibility"}


def build(out: Path) -> Path:
    """Build the snapshot's content tree into out/site; the built site's path."""
    command = [sys.executable, "-m", "generator", "build", "--content", str(CONTENT), "--site", str(out / "site"), "--docs", str(out / "docs"), "--config", str(ROOT / "mkdocs.yml")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return out / "site"


def article_text(html: str) -> str:
    """The visible text of a page's article, one text node a line, whitespace normalised."""
    article = BeautifulSoup(html, "lxml").select_one("article")
    if article is None:
        return ""
    for hidden in article.select("script, style, [hidden]"):
        hidden.decompose()
    lines = (re.sub(r"\s+", " ", line).strip() for line in article.get_text("\n").split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def snapshot(site: Path) -> dict[str, str]:
    """Each page's article text, by a file name made from its address."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        address = path.parent.relative_to(site).as_posix()
        if path.name == "404.html" or address in LEFT_OUT:
            continue
        name = "index" if address == "." else address.replace("/", "--")
        pages[f"{name}.txt"] = article_text(path.read_text(encoding="utf-8"))
    return pages


def current() -> dict[str, str]:
    """The snapshot of the site the current code builds."""
    with tempfile.TemporaryDirectory() as out:
        return snapshot(build(Path(out)))


def committed() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(PAGES.glob("*.txt"))}


def update() -> None:
    """Rewrite the committed snapshot from the current code."""
    shutil.rmtree(PAGES, ignore_errors=True)
    PAGES.mkdir(parents=True)
    pages = current()
    for name, text in pages.items():
        (PAGES / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(pages)} pages to {PAGES.relative_to(ROOT)}/; review the diff before committing it", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="rewrite the committed snapshot from the current code")
    if parser.parse_args().update:
        update()
    else:
        changed = sorted(name for name, text in current().items() if committed().get(name) != text)
        print("\n".join(changed) or "the snapshot is current", file=sys.stderr)
        sys.exit(1 if changed else 0)
