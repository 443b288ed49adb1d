"""`validate` and `build`: check content/, then (build) publish site/.

Every problem in the content is printed at once, as `path:line:column:
what is wrong; what to do` with the offending line and a caret beneath, and
the command exits with status 1. A build that finds problems leaves the
previous site/ exactly as it was.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path
from typing import Any

from generator.commands.pipeline import Result, release_memory, render
from generator.common.problems import plural, report
from generator.common.timings import NO_TIMINGS, Timings
from generator.engine.build import EngineError
from generator.engine.conventions import configured_site_url
from generator.engine.page import Page
from generator.engine.publish import Rejected, build_epoch, publish
from generator.markup.untrusted import verify_build


def add_parsers(commands: Any) -> None:
    validate = commands.add_parser("validate", help="check content/ and report every problem")
    common_options(validate)
    validate.set_defaults(run=run_validate)
    build = commands.add_parser("build", help="check content/, then build site/")
    common_options(build)
    site_options(build)
    build.add_argument("--timings", action="store_true", help="print the seconds spent in each stage to stderr")
    build.add_argument("--pdf-cache", type=Path, default=Path(".cache/pdf"), help="where the papers' PDFs are kept between builds (default %(default)s)")
    build.set_defaults(run=run_build)


def common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default %(default)s)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too (pull requests are checked this way)")


def site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="site engine configuration (default %(default)s)")
    parser.add_argument("--docs", type=Path, default=Path("build/docs"), help="where the generated Markdown goes (default %(default)s)")
    parser.add_argument("--site", type=Path, default=Path("site"), help="where the site goes (default %(default)s)")


def _no_content(content: Path) -> bool:
    """A mistyped --content would otherwise validate an empty site without complaint."""
    if content.is_dir():
        return False
    print(f"{content}: there is no content folder here; give its path with --content", file=sys.stderr)
    return True


def run_validate(arguments: argparse.Namespace) -> int:
    if _no_content(arguments.content):
        return 1
    result = render(arguments.content)
    report(result.problems, arguments.strict)
    if result.problems.fails(arguments.strict):
        return 1
    if not result.problems.items:
        print(f"{arguments.content}: no problems found", file=sys.stderr)
    return 0


def run_build(arguments: argparse.Namespace) -> int:
    if _no_content(arguments.content):
        return 1
    timings = Timings() if arguments.timings else NO_TIMINGS
    result = render(arguments.content, timings, pdf_cache=arguments.pdf_cache, site_url=configured_site_url(arguments.config))
    if not _buildable(result, arguments):
        return 1
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    signal.signal(signal.SIGTERM, _interrupted)
    dates = [paper.date.value for paper in result.content.papers.values()] if result.content else []
    pages = result.pages or []
    files = [(document.uri, document.path) for document in result.documents.values()]
    del result  # the engine needs only the pages: the model's memory is freed for it
    release_memory()
    return _publish(pages, files, build_epoch(dates), arguments, timings)


def _buildable(result: Result, arguments: argparse.Namespace) -> bool:
    """Report the content's problems; whether there are pages and a configuration to build them with."""
    report(result.problems, arguments.strict)
    if result.problems.fails(arguments.strict) or result.pages is None:
        print(f"{arguments.site}/ was left as it was.", file=sys.stderr)
        return False
    if not arguments.config.is_file():
        print(f"{arguments.config}: the site engine's configuration is missing; give its path with --config", file=sys.stderr)
        return False
    return True


def _publish(pages: list[Page], files: list[tuple[str, Path]], epoch: int, arguments: argparse.Namespace, timings: Timings) -> int:
    """Build, check and swap in the site; `files` (the papers' PDFs) are copied into it as they are."""
    page_count = len(pages)
    try:
        publish(pages, arguments.config, arguments.docs, arguments.site, epoch, verify_build, timings, files)
    except EngineError as error:
        print(f"{arguments.config}: the site engine stopped: {error}; {arguments.site}/ was left as it was.", file=sys.stderr)
        return 1
    except Rejected as rejected:
        print("\n".join(rejected.problems), file=sys.stderr)
        print(f"the built site has {plural(len(rejected.problems), 'problem')}: failed; {arguments.site}/ was left as it was.", file=sys.stderr)
        return 1
    print(f"Built {page_count} pages and {plural(len(files), 'PDF')} into {arguments.site}/", file=sys.stderr)
    if arguments.timings:
        print(timings.table(), file=sys.stderr)
    return 0


def _interrupted(signal_number: int, frame: object) -> None:
    """SIGTERM stops a build the way Ctrl-C does: cleanly, site/ untouched."""
    raise KeyboardInterrupt
