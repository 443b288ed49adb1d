"""The preview's side of MkDocs: its live-reload server, and builds that
reuse what the last one compiled.

The preview (commands/serve.py) decides what to render and when; this
module serves the site, rebuilds it through the same engine call as
`build` (build.py), and keeps between rebuilds what MkDocs would otherwise
redo every time: the theme's compiled templates. It also indexes the site
for search again (search_index.py) when the preview asks, after the rest of
a rebuild: the indexer reads every page, so the first step leaves it to the
rest; pages are served meanwhile from the last index, and a newer change
stops the indexing at once.
"""

from __future__ import annotations

import gc
import logging
import re
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.livereload import LiveReloadServer

from generator.engine.build import run_engine
from generator.engine.search_index import IndexFailed, IndexStopped, reindex_served_site

POLL_SECONDS = 0.05  # how often content/ is scanned for changes
QUIET_SECONDS = 0.05  # how long no further change must come before rebuilding


class QuietDirtyBuilds(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave the navigation stale."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server; requests wait while the rest of a rebuild is written,
    and every page carries the content's problems, when it has some, at its top."""

    def __init__(self, site_complete: threading.Event, banner: Callable[[], bytes], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.site_complete = site_complete
        self.banner = banner

    def serve_request(self, environ: Any, start_response: Any) -> Iterable[bytes]:
        self.site_complete.wait()
        return super().serve_request(environ, start_response)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        """MkDocs 1.6 adds its reloading script to each HTML page served here; the banner goes in too."""
        page: bytes = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
        banner = self.banner()
        body = BODY_START.search(page)
        return page if not banner or body is None else page[: body.end()] + banner + page[body.end() :]


BODY_START = re.compile(rb"<body\b[^>]*>")


class PreviewEngine:
    """Builds the preview's site: everything, or only the pages whose docs file changed."""

    def __init__(self, config_path: Path, docs_path: Path, site_path: Path, serve_url: str) -> None:
        self.config_path = config_path
        self.docs_path = docs_path
        self.site_path = site_path
        self.serve_url = serve_url
        self.theme_environment: tuple[int, Any] | None = None

    @property
    def started(self) -> bool:
        """Whether a first build has been made."""
        return self.theme_environment is not None

    def build(self, everything: bool) -> None:
        run_engine(self.config_path, self.docs_path, self.site_path, serve_url=self.serve_url, dirty=not everything, prepare=self.reuse_theme_environment)
        gc.freeze()  # what is built stays for the session: spare the collector from walking it again

    def configuration_changed(self) -> bool:
        return self.theme_environment is not None and self.theme_environment[0] != self.config_path.stat().st_mtime_ns

    def reuse_theme_environment(self, config: Any) -> None:
        """Keep the theme's templates compiled between rebuilds (MkDocs compiles
        them on every build); start afresh when the configuration is new or changed."""
        key = self.config_path.stat().st_mtime_ns
        if self.theme_environment is None or self.theme_environment[0] != key:
            self.theme_environment = (key, config.theme.get_env())
            remember_template_lists(self.theme_environment[1])
        environment = self.theme_environment[1]
        config.theme.get_env = lambda: environment

    def reindex(self, stop: Callable[[], bool]) -> None:
        """Index the whole site for search again, unless `stop()` becomes true first."""
        try:
            reindex_served_site(self.site_path, stop)
        except IndexStopped:
            return
        except IndexFailed as error:
            print(f"search index not updated: {error}", file=sys.stderr)


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


def serve_site(builder: Callable[[], None], site_complete: threading.Event, address: tuple[str, int], site_path: Path, watched: list[Path], banner: Callable[[], bytes] = lambda: b"") -> None:
    """Build once, then serve site_path at `address`, calling `builder` after each change to a watched path, until interrupted.

    The engine's INFO lines (about 75 at each start) are not for editors:
    only its warnings are shown, and one line says where the preview is.
    """
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    logging.getLogger("mkdocs.commands.build").addFilter(QuietDirtyBuilds())
    host, port = address
    server = PreviewServer(site_complete, banner, builder=builder, host=host, port=port, root=str(site_path), polling_interval=POLL_SECONDS)
    server.build_delay = QUIET_SECONDS
    builder()
    for path in watched:
        server.watch(str(path))
    print(f"Preview at http://{host}:{port}/ (rebuilt as you save; Ctrl-C stops it)", file=sys.stderr)
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
