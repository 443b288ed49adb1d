"""Live preview: regenerate the docs tree on every content change.

A thin adapter over `mkdocs serve`: a watcher thread re-runs the pipeline
when a file in content/ changes and rewrites only the pages that changed;
MkDocs sees its docs tree change, rebuilds and reloads the browser. When the
content has problems they are printed and the last good preview stays up.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from pathlib import Path

from generator.cli import report
from generator.pipeline import render
from generator.publish import docs_lock, locked, write_docs

POLL_SECONDS = 0.2


def snapshot(content_path: Path) -> dict[str, float]:
    """Modification times of every file under content/."""
    return {str(p): p.stat().st_mtime_ns for p in sorted(content_path.rglob("*")) if p.is_file()}


def regenerate(content_path: Path, docs_path: Path, strict: bool) -> bool:
    result = render(content_path)
    report(result.problems, strict)
    if result.problems.fails(strict) or result.pages is None:
        print("The preview shows the last good version until these are fixed.", file=sys.stderr)
        return False
    with locked(docs_lock(docs_path)):
        written = write_docs(result.pages, docs_path)
    print(f"Regenerated: {written} page(s) changed.", file=sys.stderr)
    return True


def watch(content_path: Path, docs_path: Path, strict: bool, stop: threading.Event) -> None:
    seen = snapshot(content_path)
    while not stop.wait(POLL_SECONDS):
        current = snapshot(content_path)
        if current != seen:
            seen = current
            regenerate(content_path, docs_path, strict)


def serve(arguments: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    if not regenerate(arguments.content, arguments.docs, arguments.strict):
        return 1
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(arguments.content, arguments.docs, arguments.strict, stop), daemon=True)
    watcher.start()
    try:
        mkdocs_serve(str(arguments.config), docs_dir=str(arguments.docs.resolve()), dev_addr=arguments.dev_addr)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return 0
