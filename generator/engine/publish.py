"""Publish: write the docs tree, have the engine build it, index the built
pages for search (search_index.py), swap the site in.

The generator's core writes a Markdown tree; turning it into HTML is the
engine's job (build.py, the one call into MkDocs). Everything here, the
docs tree and the atomic swap of site/, is the same for any engine.

site/ is a symbolic link to a finished build in `.site.builds/`. A build
writes a new directory there, checks it, and then points site/ at it by
renaming a new link over the old one: rename(2) is atomic, so a reader (or
a build killed at any moment) sees either the old site or the new one,
never a half-written or missing one. Builds hold an exclusive lock on the
builds folder and on the docs tree, so two builds started at once take
turns instead of writing into each other's files; the kernel drops the
locks when a process dies, so a killed build never blocks the next.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from generator.common.timings import NO_TIMINGS, Timings
from generator.engine.build import run_engine
from generator.engine.page import Page
from generator.engine.search_index import IndexFailed, index_site

EPOCH = dt.date(1970, 1, 1)


class Rejected(Exception):
    """The finished build failed a check; site/ was not touched."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the built site")
        self.problems = problems


def write_docs(pages: list[Page], docs_path: Path, complete: bool = True) -> int:
    """Write pages that changed and, if `pages` is the complete site, remove
    pages that went; return files written.

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
    if not complete:
        return written
    for existing in sorted(docs_path.rglob("*.md")):
        if existing.relative_to(docs_path).as_posix() not in wanted:
            existing.unlink()
    return written


@contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on lock_path until the block ends."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def docs_lock(docs_path: Path) -> Path:
    """The lock file every writer of this docs tree takes (build and serve)."""
    docs_path = Path(os.path.abspath(docs_path))
    return docs_path.parent / f".{docs_path.name}.lock"


def builds_path(site_path: Path) -> Path:
    """The folder beside site/ that holds the finished builds site/ points at."""
    return site_path.parent / f".{site_path.name}.builds"


def build_epoch(dates: list[dt.date]) -> int:
    """The build's date as seconds since 1970: the latest date in the content.

    The engine stamps pages (sitemap lastmod, the gzip header of
    sitemap.xml.gz) with SOURCE_DATE_EPOCH when it is set; taking it from the
    content makes two builds of the same content identical on any day.
    """
    latest = max(dates, default=EPOCH)
    return (latest - EPOCH).days * 86400


def publish(
    pages: list[Page],
    config_path: Path,
    docs_path: Path,
    site_path: Path,
    epoch: int,
    verify: Callable[[Path, str], list[str]],
    timings: Timings = NO_TIMINGS,
    files: Sequence[tuple[str, Path]] = (),
) -> None:
    """Write the docs, build, verify and swap in the site, holding the locks.

    `pages` is emptied once written: at scale their text is hundreds of
    megabytes the engine can use instead. `files` (site address, file) are
    copied into the build as they are, before it is checked: the papers'
    PDFs, kept in their cache outside the site.
    """
    site_path = Path(os.path.abspath(site_path))
    builds = builds_path(site_path)
    with locked(builds / ".lock"), locked(docs_lock(docs_path)):
        with timings.stage("write docs"):
            write_docs(pages, docs_path)
            pages.clear()
        staging = Path(tempfile.mkdtemp(prefix="build-", dir=builds))
        try:  # from here on, a build stopped at any point removes its staging folder
            staging.chmod(0o755)  # mkdtemp's 0700 would hide the site from a web server's user
            with timings.stage("engine"):
                base_path = run_engine(config_path, docs_path, staging, epoch)
                copy_files(files, staging)
            with timings.stage("search index"):
                _index(staging)
            with timings.stage("verify"):
                problems = verify(staging, base_path)
            if problems:
                raise Rejected(problems)
            swap_in(staging, site_path)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        prune(builds, site_path)


def copy_files(files: Sequence[tuple[str, Path]], staging: Path) -> None:
    for uri, source in files:
        target = staging / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def _index(staging: Path) -> None:
    """The search index of the finished pages, inside the build, so it
    is swapped in with them; a failure rejects the build like a failed check."""
    try:
        index_site(staging)
    except IndexFailed as error:
        raise Rejected([f"search index: {error}"]) from None


def swap_in(staging: Path, site_path: Path) -> None:
    """Point site/ at staging by renaming a new link over it: one atomic step.

    A site/ that is still a real directory (from before builds were kept
    beside it) is first moved into the builds folder; only that first
    conversion has a moment without site/.
    """
    builds = staging.parent
    if site_path.is_dir() and not site_path.is_symlink():
        site_path.rename(Path(tempfile.mkdtemp(prefix="build-", dir=builds)) / "site")
    link = builds / f".link-{staging.name}"
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(staging, site_path.parent))
    os.replace(link, site_path)


def prune(builds: Path, site_path: Path) -> None:
    """Remove every build but the current one, and what killed builds left.

    Called with the builds lock held, so no other build is writing here.
    """
    current = Path(os.path.realpath(site_path)).name
    for entry in sorted(builds.iterdir()):
        if entry.name in (current, ".lock"):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
