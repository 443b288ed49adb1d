"""Live preview: show the page about a change within a second, then the rest.

The engine's live-reload server (engine/preview.py) watches content/ and the configuration
(scanning it every 0.05 s). On a change the preview re-runs the checks,
where files whose modification time and size are unchanged are not read
again (pipeline.SourceCache), and then rebuilds in two steps:

1. The pages about the changed files (a paper's page, an inspection's and
   its recommendations' pages, ...; pages/site.py) are rendered, written
   and rebuilt by MkDocs (its "dirty" build, of those pages only), and the
   browsers reload: the page being edited is up to date.
2. In the background, every page is rendered again and the docs files
   whose text changed are written and rebuilt (lists, indexes, the
   dashboard, pages that mention the change). Requests wait while MkDocs
   writes them, so a half-written page is never served; a newer save
   stops this step and starts again from step 1. Then the site is indexed
   for search again (engine/search_index.py), while pages are served.

Dirty builds are correct here because the site navigation lists section
index pages only, under fixed titles (mkdocs.yml), so no page's HTML
depends on another page's text. When the content has problems they are
printed and the last good preview stays up.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.commands.build import common_options, site_options
from generator.commands.pipeline import Result, SourceCache, check, collector_paused, render
from generator.common.problems import Problems, Severity, report
from generator.engine.page import Page
from generator.engine.preview import PreviewEngine, serve_site
from generator.engine.publish import docs_lock, locked, write_docs
from generator.pages.render import TEMPLATES_PATH, Renderer
from generator.pages.site import every_page, pages_about

# How long a busy thread keeps the interpreter when another wants it (Python's
# default is 5 ms): the server's threads, serving a reloading browser, wait for
# the background rest of a rebuild at every read and write of a request.
SWITCH_SECONDS = 0.0005


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("serve", help="preview the site, rebuilding on every change in content/")
    common_options(parser)
    site_options(parser)
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default %(default)s)")
    parser.set_defaults(run=serve)


class Superseded(Exception):
    """A newer change came while the rest of a rebuild was rendering."""


class Preview:
    """What the preview keeps between rebuilds: parsed files and the site built."""

    def __init__(self, arguments: argparse.Namespace, site_path: Path, serve_url: str) -> None:
        self.arguments = arguments
        self.site_path = site_path
        self.serve_url = serve_url
        self.cache = SourceCache()
        self.site_engine = PreviewEngine(arguments.config, arguments.docs, site_path, serve_url)
        self.site_complete = threading.Event()  # cleared while MkDocs writes the rest of a rebuild
        self.site_complete.set()
        self.newer_change = threading.Event()
        self.rest: threading.Thread | None = None
        self.problems_banner = b""  # the content's problems, shown on every page until fixed

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
            self.problems_banner = problems_banner(result.problems)
            return False
        self.problems_banner = b""
        return True

    def banner(self) -> bytes:
        """The content's problems as HTML for the top of every page served; empty when there are none."""
        return self.problems_banner

    def write(self, pages: list[Page], complete: bool) -> int:
        with locked(docs_lock(self.arguments.docs)):
            return write_docs(pages, self.arguments.docs, complete)

    def build(self) -> None:
        """The server's builder: every page the first time and after a change
        to mkdocs.yml; otherwise the pages about the change, then the rest."""
        self.stop_rest()
        start = time.perf_counter()
        if not self.site_engine.started or self.site_engine.configuration_changed():
            written = self.regenerate() if self.site_engine.started else 0
            if written is not None:
                self.engine(start, written, everything=True)
                self.site_engine.reindex(self.newer_change.is_set)
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
            self.site_engine.reindex(self.newer_change.is_set)  # the pages about the change were rebuilt without it
            return
        self.site_complete.clear()
        try:
            self.engine(start, written, everything=False, label=label)
        finally:
            self.site_complete.set()
        self.site_engine.reindex(self.newer_change.is_set)

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

    def engine(self, start: float, written: int, everything: bool, label: str = "Preview updated") -> None:
        """Have the engine build every page, or only those whose docs file changed."""
        regenerated = time.perf_counter()
        self.site_engine.build(everything)
        report_rebuild(label, written, regenerated - start, time.perf_counter() - regenerated)


def problems_banner(problems: Problems) -> bytes:
    """The problems as the terminal lists them (file:line:column, what, what to do), as HTML for the top of each page."""
    shown = [
        {
            "where": f"{_relative(problem.location.path)}:{problem.location.line}:{problem.location.column}",
            "severity": "" if problem.severity is Severity.ERROR else "warning: ",
            "message": problem.message,
            "fix": problem.fix,
        }
        for problem in problems.sorted()
    ]
    environment = Environment(loader=FileSystemLoader(TEMPLATES_PATH), autoescape=True, undefined=StrictUndefined, trim_blocks=True)
    return environment.get_template("preview_problems.html.j2").render(problems=shown).encode("utf-8")


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def report_rebuild(label: str, written: int, regenerating: float, engine: float) -> None:
    """One line per step of a rebuild (the benchmark reads these)."""
    print(f"{label}: {written} page(s) changed; {regenerating:.2f} s regenerating, {engine:.2f} s in the site engine.", file=sys.stderr)


def serve(arguments: argparse.Namespace) -> int:
    host, _, port = arguments.dev_addr.rpartition(":")
    site_path = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    preview = Preview(arguments, site_path, f"http://{host}:{port}/")
    try:
        if preview.regenerate() is None:
            return 1
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        sys.setswitchinterval(SWITCH_SECONDS)
        serve_site(preview.build, preview.site_complete, (host, int(port)), site_path, [arguments.content, arguments.config], preview.banner)
    finally:
        shutil.rmtree(site_path, ignore_errors=True)
    return 0
