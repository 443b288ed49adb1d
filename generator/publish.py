"""Stage 6, publish: write the docs tree and have the site engine build it.

The generator's core writes a Markdown tree; turning it into HTML is the
engine's job. MkDocs is driven through its Python API (load_config and
build), not its plugin API, so another engine that reads mkdocs.yml can
replace this module alone. Output goes to a temporary directory beside
site/ and is swapped in only when complete.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.render import Page


def write_docs(pages: list[Page], docs_path: Path) -> int:
    """Write pages that changed, remove pages that went; return files written.

    Unchanged files keep their modification time, so the engine's own
    change detection (mkdocs serve) skips them.
    """
    docs_path.mkdir(parents=True, exist_ok=True)
    wanted = {page.docs_path for page in pages}
    written = 0
    for page in pages:
        target = docs_path / page.docs_path
        data = page.text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    for existing in sorted(docs_path.rglob("*.md")):
        if existing.relative_to(docs_path).as_posix() not in wanted:
            existing.unlink()
    return written


def build_site(config_path: Path, docs_path: Path, site_path: Path) -> None:
    """Build into a temporary directory, then swap it in for site/."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_path = site_path.resolve()
    site_path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_path.name}.building-", dir=site_path.parent))
    try:
        config = load_config(str(config_path), docs_dir=str(docs_path.resolve()), site_dir=str(staging))
        build(config)
        swap_in(staging, site_path)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def swap_in(staging: Path, site_path: Path) -> None:
    """Replace site/ with the staging directory in two renames."""
    old = site_path.parent / f".{site_path.name}.old-{os.getpid()}"
    if site_path.exists():
        site_path.rename(old)
    staging.rename(site_path)
    if old.exists():
        shutil.rmtree(old)
