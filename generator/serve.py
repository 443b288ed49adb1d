"""Live preview: show the page about a change within a second, then the rest.

MkDocs' own live-reload server watches content/ and the configuration
(scanning it every 0.05 s). On a change the preview re-runs the checks,
where files whose modification time and size are unchanged are not read
again (pipeline.SourceCache), and then rebuilds in two steps:

1. The pages about the changed files (a paper's page, an inspection's and
   its recommendations' pages, ...; pages.pages_about) are rendered, written
   and rebuilt by MkDocs (its "dirty" build, of those pages only), and the
   browsers reload: the page being edited is up to date.
2. In the background, every page is rendered again and the docs files
   whose text changed are written and rebuilt (lists, indexes, the
   dashboard, pages that mention the change), and the site is indexed for
   search again (site_search.py). Requests wait while MkDocs
   writes them, so a half-written page is never served; a newer save
   stops this step and starts again from step 1.

Dirty builds are correct here because the site navigation lists section
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
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.livereload import LiveReloadServer

from generator.cli import report
from generator.pages import pages_about
from generator.pipeline import Result, SourceCache, check, collector_paused, every_page, render
from generator.publish import docs_lock, locked, write_docs
from generator.render import Page, Renderer
from generator.site_search import IndexFailed, IndexStopped, reindex_served_site

POLL_SECONDS = 0.05  # how often content/ is scanned for changes
QUIET_SECONDS = 0.05  # how long no further change must come before rebuilding
# How long a busy thread keeps the interpreter when another wants it (Python's
# default is 5 ms): the server's threads, serving a reloading browser, wait for
# the background rest of a rebuild at every read and write of a request.
SWITCH_SECONDS = 0.0005


class QuietDirtyBuilds(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave the navigation stale."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


class Superseded(Exception):
    """A newer change came while the rest of a rebuild was rendering."""


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server; requests wait while the rest of a rebuild is written."""

    def __init__(self, site_complete: threading.Event, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.site_complete = site_complete

    def serve_request(self, environ: Any, start_response: Any) -> Iterable[bytes]:
        self.site_complete.wait()
        return super().serve_request(environ, start_response)


class Preview:
    """What the preview keeps between rebuilds: parsed files and the site built."""

    def __init__(self, arguments: argparse.Namespace, site_path: Path, serve_url: str) -> None:
        self.arguments = arguments
        self.site_path = site_path
        self.serve_url = serve_url
        self.cache = SourceCache()
        self.theme_environment: tuple[int, Any] | None = None
        self.site_complete = threading.Event()  # cleared while MkDocs writes the rest of a rebuild
        self.site_complete.set()
        self.newer_change = threading.Event()
        self.rest: threading.Thread | None = None

    def regenerate(self) -> int | None:
        """Re-run the pipeline; write the docs files that changed; how many, or None on problems."""
        result = render(self.arguments.content, cache=self.cache)
        if not self.usable(result) or result.pages is None:
            return None
        return self.write(result.pages, complete=True)

    def usable(self, result: Result) -> bool:
        """Report the content's problems; whether the pipeline may go on."""
        report(result.problems, self.arguments.strict)
        if result.problems.fails(self.arguments.strict) or result.derived is None:
            print("The preview shows the last good version until these are fixed.", file=sys.stderr)
            return False
        return True

    def write(self, pages: list[Page], complete: bool) -> int:
        with locked(docs_lock(self.arguments.docs)):
            return write_docs(pages, self.arguments.docs, complete)

    def build(self) -> None:
        """The server's builder: every page the first time and after a change
        to mkdocs.yml; otherwise the pages about the change, then the rest."""
        self.stop_rest()
        start = time.perf_counter()
        if self.theme_environment is None or self.configuration_changed():
            written = self.regenerate() if self.theme_environment is not None else 0
            if written is not None:
                self.engine(start, written, everything=True, index=True)
            return
        with collector_paused():
            result = check(self.arguments.content, cache=self.cache)
        if not self.usable(result):
            return
        if not result.changed_paths:
            return  # a second event for a save already shown (one save can be two writes)
        assert result.content is not None and result.derived is not None
        renderer = Renderer(result.content, result.derived, self.stop_if_newer_change)
        with collector_paused():
            first = pages_about(renderer, result.changed_paths)
        if not first:
            self.build_rest(renderer, start, in_background=False)
            return
        written = self.write(first, complete=False)
        self.engine(start, written, everything=False)
        self.rest = threading.Thread(target=self.build_rest_reporting_errors, args=(renderer, time.perf_counter()), name="preview-rest", daemon=True)
        self.rest.start()

    def build_rest(self, renderer: Renderer, start: float, in_background: bool = True) -> None:
        """Every page again; write and rebuild those that changed."""
        try:
            with collector_paused():
                pages = every_page(renderer)
        except Superseded:
            return
        written = self.write(pages, complete=True)
        label = "Rest of the site updated" if in_background else "Preview updated"
        if not written and in_background:
            report_rebuild(label, written, time.perf_counter() - start, 0.0)
            self.reindex()  # the pages about the change were rebuilt without it
            return
        self.site_complete.clear()
        try:
            self.engine(start, written, everything=False, label=label)
        finally:
            self.site_complete.set()
        self.reindex()

    def build_rest_reporting_errors(self, renderer: Renderer, start: float) -> None:
        """build_rest in the background thread: an error is reported as the build command reports it, not as a traceback."""
        try:
            self.build_rest(renderer, start)
        except Exception as error:
            print(f"internal error in the generator, not in your content: {type(error).__name__}: {error}", file=sys.stderr)
            print("The rest of the site was not updated; save again to retry, and please report it.", file=sys.stderr)

    def stop_rest(self) -> None:
        """Stop the background rest of the last rebuild (a newer change makes it stale)."""
        if self.rest is not None:
            self.newer_change.set()
            self.rest.join()
            self.rest = None
        self.newer_change.clear()

    def stop_if_newer_change(self) -> None:
        """Called before each page of the background rest: stop if a newer change
        came, and otherwise let the server's threads run first.

        The rest is work the reader is not waiting for; the browser reloading
        the page about the change is. Python runs one thread at a time, and a
        busy thread holds on until the switch interval ends, so without this
        each step of serving a page waited behind the rendering."""
        if self.newer_change.is_set():
            raise Superseded
        time.sleep(0)  # hand the interpreter to a thread that is waiting for it

    def reindex(self) -> None:
        """Index the whole site for search again, after the rest of a rebuild
        (Pagefind reads every page, so the first step leaves it to the rest).

        Pages are served meanwhile, from the last index; a newer change stops
        Pagefind at once, and its own rest indexes again."""
        try:
            reindex_served_site(self.site_path, self.newer_change.is_set)
        except IndexStopped:
            return
        except IndexFailed as error:
            print(f"search index not updated: Pagefind stopped: {error}", file=sys.stderr)

    def engine(self, start: float, written: int, everything: bool, index: bool = False, label: str = "Preview updated") -> None:
        """Have MkDocs build every page, or only those whose docs file changed;
        then, if asked (the first build), index the site for search."""
        regenerated = time.perf_counter()
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(str(self.arguments.config), docs_dir=str(self.arguments.docs.resolve()), site_dir=str(self.site_path))
        config.site_url = self.serve_url
        self.reuse_theme_environment(config)
        build(config, serve_url=self.serve_url, dirty=not everything)
        if index:
            self.reindex()
        gc.freeze()  # what is built stays for the session: spare the collector from walking it again
        report_rebuild(label, written, regenerated - start, time.perf_counter() - regenerated)

    def configuration_changed(self) -> bool:
        return self.theme_environment is not None and self.theme_environment[0] != self.arguments.config.stat().st_mtime_ns

    def reuse_theme_environment(self, config: Any) -> None:
        """Keep the theme's templates compiled between rebuilds (MkDocs compiles
        them on every build); start afresh when the configuration is new or changed."""
        key = self.arguments.config.stat().st_mtime_ns
        if self.theme_environment is None or self.theme_environment[0] != key:
            self.theme_environment = (key, config.theme.get_env())
            remember_template_lists(self.theme_environment[1])
        environment = self.theme_environment[1]
        config.theme.get_env = lambda: environment


def report_rebuild(label: str, written: int, regenerating: float, engine: float) -> None:
    """One line per step of a rebuild (the benchmark reads these)."""
    print(f"{label}: {written} page(s) changed; {regenerating:.2f} s regenerating, {engine:.2f} s in the site engine.", file=sys.stderr)


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
    host, _, port = arguments.dev_addr.rpartition(":")
    site_path = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    preview = Preview(arguments, site_path, f"http://{host}:{port}/")
    try:
        if preview.regenerate() is None:
            return 1
        logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
        logging.getLogger("mkdocs.commands.build").addFilter(QuietDirtyBuilds())
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        sys.setswitchinterval(SWITCH_SECONDS)
        server = PreviewServer(preview.site_complete, builder=preview.build, host=host, port=int(port), root=str(site_path), polling_interval=POLL_SECONDS)
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
