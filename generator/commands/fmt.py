"""python -m generator fmt: every YAML file in one canonical style.

Pull requests are easier to review when a change of wording is not buried
in changes of spacing, so YAML files (and the YAML front matter of papers)
are rewritten through ruamel.yaml's round trip: comments, key order, quoting
and block scalars are kept; indentation, spacing and line ends are made
uniform. The style is the one the bundled files were written in (two-space
mappings, list dashes indented two spaces, no line wrapping), so formatting
them changes nothing. Formatting twice gives the same text as once.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from generator.common.problems import Location, Problems, report
from generator.content.load import FRONT_MATTER_FENCE, read_text, report_yaml_error, split_front_matter

SUFFIXES = (".yml", ".yaml", ".md")


def add_parser(commands: Any) -> None:
    fmt = commands.add_parser("fmt", help="rewrite YAML files (and papers' front matter) in the canonical style, keeping comments")
    fmt.add_argument("paths", nargs="*", type=Path, default=[Path("content")], help="files or folders (default content)")
    fmt.add_argument("--check", action="store_true", help="change nothing; fail if a file is not in the canonical style")
    fmt.set_defaults(run=run_fmt)


def run_fmt(arguments: argparse.Namespace) -> int:
    problems = Problems()
    run(arguments.paths, arguments.check, problems)
    report(problems, strict=False)
    if problems.errors:
        return 1
    print(f"{', '.join(p.as_posix() for p in arguments.paths)}: in the canonical style", file=sys.stderr)
    return 0


def canonical_yaml() -> YAML:
    """The one style: two-space mappings, `  - ` lists, quotes as written, no wrapping."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_duplicate_keys = False
    return yaml


def format_yaml(path: Path, text: str, line_offset: int, problems: Problems) -> str | None:
    """The text in canonical style, or None (with a problem) if it is not YAML."""
    yaml = canonical_yaml()
    try:
        data = yaml.load(text)
    except MarkedYAMLError as error:
        report_yaml_error(path, error, line_offset, problems)
        return None
    except ValueError as error:  # an impossible date such as 2024-02-31
        problems.add(Location(path, 1 + line_offset, 1), f"cannot be formatted: {error}", "run python -m generator validate to find the value")
        return None
    if data is None:
        return text
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def format_file(path: Path, problems: Problems) -> tuple[str, str] | None:
    """(the file's text, its canonical text); None if it cannot be read."""
    text = read_text(path, problems)
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if path.suffix != ".md":
        formatted = format_yaml(path, text, 0, problems)
        return None if formatted is None else (text, formatted)
    parts = split_front_matter(path, text, problems)
    if parts is None:
        return None
    front_matter, closing, lines = parts
    formatted = format_yaml(path, front_matter + "\n" if front_matter else "", 1, problems)
    if formatted is None:
        return None
    return text, "\n".join([FRONT_MATTER_FENCE, formatted.rstrip("\n"), *lines[closing:]])


def files_under(paths: Iterable[Path]) -> list[Path]:
    """The YAML and Markdown files named, or found in the folders named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.suffix in SUFFIXES and p.is_file() and _has_front_matter_or_is_yaml(p))
        else:
            found.append(path)
    return found


def _has_front_matter_or_is_yaml(path: Path) -> bool:
    """Markdown without front matter (a README) has no YAML to format."""
    if path.suffix != ".md":
        return True
    with path.open("rb") as stream:
        return stream.read(3) == FRONT_MATTER_FENCE.encode()


def run(paths: list[Path], check: bool, problems: Problems) -> int:
    """Format (or with check, only report) each file; return how many differ."""
    differing = 0
    for path in files_under(paths):
        if not path.is_file():
            problems.add(Location(path), "there is no such file", "give the path of a file or folder to format")
            continue
        result = format_file(path, problems)
        if result is None or result[0] == result[1]:
            continue
        differing += 1
        if check:
            problems.add(Location(path, _first_difference(*result)), "not in the canonical style", f"run python -m generator fmt {path.as_posix()}")
        else:
            path.write_text(result[1], encoding="utf-8")
            print(f"formatted {path.as_posix()}", file=sys.stderr)
    return differing


def _first_difference(before: str, after: str) -> int:
    """The first line that formatting changes, for the message's caret."""
    for number, (old, new) in enumerate(zip(before.split("\n"), after.split("\n"), strict=False), start=1):
        if old != new:
            return number
    return min(before.count("\n"), after.count("\n")) + 1
