"""Live preview: regenerate what changed, rebuild only those pages, reload.

MkDocs' own live-reload server watches content/ and the configuration
(scanning it every 0.05 s). On a change the builder re-runs the pipeline, where
files whose modification time and size are unchanged are not read again
(pipeline.SourceCache) and each distinct Markdown text was converted once
(render.MarkdownToHtml); writes only the docs files whose text changed
(publish.write_docs); and has MkDocs rebuild only those pages (its "dirty"
build). That is correct here because the site navigation lists section
index pages only, under fixed titles (mkdocs.yml), so no page's HTML
depends on another page's text. When the content has problems they are
printed and the last good preview stays up.
"""

from __future__ import annotations

import argparse
import gc
import logging
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from generator.cli import report
from generator.pipeline import SourceCache, render
from generator.publish import docs_lock, locked, write_docs

POLL_SECONDS = 0.05  # how often content/ is scanned for changes
QUIET_SECONDS = 0.05  # how long no further change must come before rebuilding
SEARCH_INDEX = Path("search", "search_index.json")


class QuietDirtyBuilds(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave the navigation stale."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


class Preview:
    """What the preview keeps between rebuilds: parsed files and the site built."""

    def __init__(self, arguments: argparse.Namespace, site_path: Path, serve_url: str) -> None:
        self.arguments = arguments
        self.site_path = site_path
        self.serve_url = serve_url
        self.cache = SourceCache()
        self.search_index: bytes | None = None
        self.theme_environment: tuple[int, Any] | None = None

    def regenerate(self) -> int | None:
        """Re-run the pipeline; write the docs files that changed; how many, or None on problems."""
        arguments = self.arguments
        result = render(arguments.content, cache=self.cache)
        report(result.problems, arguments.strict)
        if result.problems.fails(arguments.strict) or result.pages is None:
            print("The preview shows the last good version until these are fixed.", file=sys.stderr)
            return None
        with locked(docs_lock(arguments.docs)):
            return write_docs(result.pages, arguments.docs)

    def build(self) -> None:
        """The server's builder: every page the first time and after a change
        to mkdocs.yml, otherwise only the pages whose docs file changed."""
        start = time.perf_counter()
        written = self.regenerate() if self.theme_environment is not None else 0
        if written is None:
            return
        regenerated = time.perf_counter()
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(str(self.arguments.config), docs_dir=str(self.arguments.docs.resolve()), site_dir=str(self.site_path))
        config.site_url = self.serve_url
        everything = self.reuse_theme_environment(config)
        build(config, serve_url=self.serve_url, dirty=not everything)
        self.keep_search_index(everything)
        gc.freeze()  # what is built stays for the session: spare the collector from walking it again
        engine = time.perf_counter() - regenerated
        print(f"Preview updated: {written} page(s) changed; {regenerated - start:.2f} s regenerating, {engine:.2f} s in the site engine.", file=sys.stderr)

    def reuse_theme_environment(self, config: Any) -> bool:
        """Keep the theme's templates compiled between rebuilds (MkDocs compiles
        them on every build); start afresh, and say so, when the configuration
        is new or changed."""
        key = self.arguments.config.stat().st_mtime_ns
        fresh = self.theme_environment is None or self.theme_environment[0] != key
        if fresh:
            self.theme_environment = (key, config.theme.get_env())
            remember_template_lists(self.theme_environment[1])
        assert self.theme_environment is not None
        environment = self.theme_environment[1]
        config.theme.get_env = lambda: environment
        return fresh

    def keep_search_index(self, complete: bool) -> None:
        """A dirty build indexes only the pages it rebuilt: keep the last complete index."""
        index = self.site_path / SEARCH_INDEX
        if complete:
            self.search_index = index.read_bytes() if index.is_file() else None
        elif self.search_index is not None:
            index.write_bytes(self.search_index)


def remember_template_lists(environment: Any) -> None:
    """List the theme's files once, not on every rebuild (Material has thousands of icons).

    MkDocs lists them through one filter function whose result depends only on
    the configuration, which does not change for the life of an environment.
    """
    list_templates = environment.list_templates
    listed: dict[tuple[object, str], list[str]] = {}

    def remembered(extensions: Any = None, filter_func: Any = None) -> list[str]:
        key = (extensions and tuple(extensions), getattr(filter_func, "__qualname__", ""))
        if key not in listed:
            listed[key] = list_templates(extensions, filter_func)
        return listed[key]

    environment.list_templates = remembered


def serve(arguments: argparse.Namespace) -> int:
    from mkdocs.livereload import LiveReloadServer

    host, _, port = arguments.dev_addr.rpartition(":")
    site_path = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    preview = Preview(arguments, site_path, f"http://{host}:{port}/")
    try:
        if preview.regenerate() is None:
            return 1
        logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
        logging.getLogger("mkdocs.commands.build").addFilter(QuietDirtyBuilds())
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        server = LiveReloadServer(builder=preview.build, host=host, port=int(port), root=str(site_path), polling_interval=POLL_SECONDS)
        server.build_delay = QUIET_SECONDS
        preview.build()
        server.watch(str(arguments.content))
        server.watch(str(arguments.config))
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_path, ignore_errors=True)
    return 0
