"""The editors' front door: python -m generator validate|build|serve.

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

from mkdocs.exceptions import MkDocsException

from generator import scaffold
from generator.pipeline import release_memory, render
from generator.problems import Problem, Problems
from generator.publish import Rejected, build_epoch, configured_site_url, publish
from generator.timings import NO_TIMINGS, Timings
from generator.untrusted import verify_build

ROOT = Path.cwd()


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    try:
        return int(arguments.run(arguments))
    except KeyboardInterrupt:
        print("interrupted; site/ was left as it was.", file=sys.stderr)
        return 130
    except Exception as error:  # the editors' front door never shows a traceback
        print(f"internal error in the generator, not in your content: {type(error).__name__}: {error}", file=sys.stderr)
        print("Please report it with the command you ran; site/ was left as it was.", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Build the accessible progress-report site from content/.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check content/ and report every problem")
    _common(validate)
    validate.set_defaults(run=run_validate)
    build = commands.add_parser("build", help="check content/, then build site/")
    _common(build)
    _site_options(build)
    build.add_argument("--timings", action="store_true", help="print the seconds spent in each stage to stderr")
    build.set_defaults(run=run_build)
    serve = commands.add_parser("serve", help="preview the site, rebuilding on every change in content/")
    _common(serve)
    _site_options(serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default %(default)s)")
    serve.set_defaults(run=run_serve)
    scaffold.add_parser(commands)
    fmt = commands.add_parser("fmt", help="rewrite YAML files (and papers' front matter) in the canonical style, keeping comments")
    fmt.add_argument("paths", nargs="*", type=Path, default=[Path("content")], help="files or folders (default content)")
    fmt.add_argument("--check", action="store_true", help="change nothing; fail if a file is not in the canonical style")
    fmt.set_defaults(run=run_fmt)
    schemas = commands.add_parser("schemas", help="write the JSON Schemas and the format reference from the schema")
    schemas.add_argument("--content", type=Path, default=Path("content"), help="content folder for examples (default %(default)s)")
    schemas.set_defaults(run=run_schemas)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default %(default)s)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too (pull requests are checked this way)")


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="site engine configuration (default %(default)s)")
    parser.add_argument("--docs", type=Path, default=Path("build/docs"), help="where the generated Markdown goes (default %(default)s)")
    parser.add_argument("--site", type=Path, default=Path("site"), help="where the site goes (default %(default)s)")


def report(problems: Problems, strict: bool) -> None:
    """Print every problem, in file order, with its line and a caret.

    Each file is read once per report, not once per problem; not cached
    across reports, since the preview reports again after every edit.
    """
    files: dict[Path, tuple[str, ...]] = {}
    for problem in problems.sorted():
        print(problem.headline(ROOT), file=sys.stderr)
        path = problem.location.path
        if path not in files:
            files[path] = _lines(path)
        excerpt = _excerpt(problem, files[path])
        if excerpt:
            print(excerpt, file=sys.stderr)
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors or warnings:
        verdict = "failed" if problems.fails(strict) else "passed with warnings (--strict would fail)"
        if strict and not errors and warnings:
            verdict = "failed, because --strict makes warnings fail"
        print(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}: {verdict}", file=sys.stderr)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _lines(path: Path) -> tuple[str, ...]:
    try:
        return tuple(path.read_text(encoding="utf-8-sig", errors="replace").splitlines())
    except OSError:
        return ()


def _excerpt(problem: Problem, lines: tuple[str, ...]) -> str:
    if not 1 <= problem.location.line <= len(lines):
        return ""
    line = lines[problem.location.line - 1].expandtabs(4)
    shown = line if len(line) <= 160 else line[:157] + "..."
    caret = " " * min(problem.location.column - 1, len(shown)) + "^"
    return f"    {shown}\n    {caret}"


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
    result = render(arguments.content, timings, site_url=configured_site_url(arguments.config))
    report(result.problems, arguments.strict)
    if result.problems.fails(arguments.strict) or result.pages is None:
        print(f"{arguments.site}/ was left as it was.", file=sys.stderr)
        return 1
    if not arguments.config.is_file():
        print(f"{arguments.config}: the site engine's configuration is missing; give its path with --config", file=sys.stderr)
        return 1
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    signal.signal(signal.SIGTERM, _interrupted)
    dates = [paper.date.value for paper in result.content.papers.values()] if result.content else []
    pages, page_count = result.pages, len(result.pages)
    del result  # the engine needs only the pages: the model's memory is freed for it
    release_memory()
    try:
        publish(pages, arguments.config, arguments.docs, arguments.site, build_epoch(dates), verify_build, timings)
    except MkDocsException as error:
        print(f"{arguments.config}: the site engine stopped: {error}; {arguments.site}/ was left as it was.", file=sys.stderr)
        return 1
    except Rejected as rejected:
        print("\n".join(rejected.problems), file=sys.stderr)
        print(f"the built site has {_plural(len(rejected.problems), 'problem')}: failed; {arguments.site}/ was left as it was.", file=sys.stderr)
        return 1
    print(f"Built {page_count} pages into {arguments.site}/", file=sys.stderr)
    if arguments.timings:
        print(timings.table(), file=sys.stderr)
    return 0


def _interrupted(signal_number: int, frame: object) -> None:
    """SIGTERM stops a build the way Ctrl-C does: cleanly, site/ untouched."""
    raise KeyboardInterrupt


def run_serve(arguments: argparse.Namespace) -> int:
    from generator.serve import serve

    return serve(arguments)


def run_schemas(arguments: argparse.Namespace) -> int:
    from generator.reference import write_all

    for path in write_all(arguments.content, Path("schemas"), Path("docs/reference.md")):
        print(f"wrote {path}", file=sys.stderr)
    return 0


def run_fmt(arguments: argparse.Namespace) -> int:
    from generator.fmt import run

    problems = Problems()
    run(arguments.paths, arguments.check, problems)
    report(problems, strict=False)
    if problems.errors:
        return 1
    print(f"{', '.join(p.as_posix() for p in arguments.paths)}: in the canonical style", file=sys.stderr)
    return 0
