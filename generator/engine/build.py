"""The one call into MkDocs that builds a site, shared by `build` and the preview.

MkDocs is driven through its Python API (load_config and build), not its
plugin API, so another engine that reads the same docs tree can replace
this package alone. Its errors leave as EngineError, so nothing outside
this package needs to know MkDocs' exception types.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import MkDocsException


class EngineError(Exception):
    """The engine stopped (a broken configuration, a missing theme); its message says why."""


def run_engine(
    config_path: Path,
    docs_path: Path,
    site_path: Path,
    epoch: int | None = None,
    serve_url: str | None = None,
    dirty: bool = False,
    prepare: Callable[[Any], None] = lambda config: None,
) -> str:
    """Build docs_path into site_path; with `epoch`, as of that date.

    `serve_url` and `dirty` are the preview's (served from that address;
    only the pages whose docs file changed), `prepare` lets it adjust the
    configuration first. Returns the path the site will be served under
    (from site_url), against which links starting with / are checked.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with _source_date(epoch):
        try:
            config = load_config(str(config_path), docs_dir=str(docs_path.resolve()), site_dir=str(site_path))
            if serve_url is not None:
                config.site_url = serve_url
            prepare(config)
            build(config, serve_url=serve_url, dirty=dirty)
        except MkDocsException as error:
            raise EngineError(str(error)) from error
        if not config.site_url:
            # A sitemap lists absolute addresses: without the publisher's
            # address the engine's is empty, so none is published.
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (site_path / name).unlink(missing_ok=True)
        return urlsplit(config.site_url or "/").path


@contextmanager
def _source_date(epoch: int | None) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to `epoch` while the engine runs (left alone for None).

    The engine stamps pages (sitemap lastmod, the gzip header of
    sitemap.xml.gz) with it when it is set.
    """
    if epoch is None:
        yield
        return
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
