"""The pipeline from content/ to pages: load, validate, model, check, derive, render.

Each stage is its own module and data flows one way. Problems from every
stage are collected; rendering happens only when there are no errors, so a
site is never built from content known to be wrong.

Loading and validating look at one file at a time, so their result for a
file depends on that file alone: a SourceCache keeps it, keyed by the file's
modification time and size, and the preview re-reads only the files that
changed. Each stage runs inside `timings.stage(...)`, which records nothing
unless timings were asked for.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.checks import Known, check_content
from generator.derive import Derived, derive
from generator.glossary import Use, acronym_uses, check_glossary, first_uses
from generator.load import discover, parse_source, read_text, readable_files
from generator.markdown_html import convert
from generator.model import Content, Values, build_content
from generator.pages import site_wide_passes, tracker_pages
from generator.problems import Problems
from generator.render import Page, Renderer, shared_environment
from generator.schema import Kind
from generator.timings import NO_TIMINGS, Timings
from generator.validate import validate_source

Validated = tuple[str, str, Path, Values, str, int]


@dataclass
class Result:
    """What a run of the pipeline produced."""

    problems: Problems
    content: Content | None = None
    derived: Derived | None = None
    pages: list[Page] | None = None
    changed_paths: frozenset[Path] = frozenset()


@dataclass(frozen=True)
class FileResult:
    """One file read, validated and modelled: its problems, and its objects if usable.

    The objects are shared by every run that finds the file unchanged, so
    the stages after the model must not change them.
    """

    problems: Problems
    validated: Validated | None
    objects: Content | None = None
    acronym_uses: dict[str, Use] = field(default_factory=dict)


@dataclass
class SourceCache:
    """Each file's FileResult, kept while its modification time and size stay.

    It also knows which files changed (were read again, or went) in the
    latest run: the preview renders the pages about those first.
    """

    entries: dict[Path, tuple[tuple[int, int], FileResult]] = field(default_factory=dict)
    changed: set[Path] = field(default_factory=set)

    def start_run(self, paths: set[Path]) -> None:
        """Forget files that went (they count as changed) before a run over `paths`."""
        self.changed = set(self.entries) - paths
        for path in self.changed:
            del self.entries[path]

    def get(self, kind: Kind, path: Path, timings: Timings) -> FileResult:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self.entries.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        result = read_and_validate(kind, path, timings)
        self.entries[path] = (key, result)
        self.changed.add(path)
        return result


def read_and_validate(kind: Kind, path: Path, timings: Timings) -> FileResult:
    """Load one file and check it against its kind's schema."""
    problems = Problems()
    with timings.stage("load"):
        text = read_text(path, problems)
        source = None if text is None else parse_source(kind, path, text, problems)
    uses = acronym_uses(path, text) if text is not None and kind.name != "glossary" else {}
    if source is None:
        return FileResult(problems, None, acronym_uses=uses)
    with timings.stage("validate"):
        values = validate_source(source, problems)
    if problems.errors:
        return FileResult(problems, None, acronym_uses=uses)
    validated = (source.kind.name, source.identifier, source.path, values, source.body, source.body_line)
    with timings.stage("model"):
        objects = build_content([validated])
    return FileResult(problems, validated, objects, uses)


def merge(parts: list[Content]) -> Content:
    """One Content from each file's objects (a file adds to one kind's dictionary)."""
    content = Content()
    for part in parts:
        for name, value in vars(part).items():
            if isinstance(value, dict):
                getattr(content, name).update(value)
            elif value:
                setattr(content, name, value)
    return content


def known_identifiers(found: list[tuple[Kind, Path]]) -> Known:
    """Every file found, readable or not (see checks.Known)."""

    def of(kind: str) -> frozenset[str]:
        return frozenset(path.stem for file_kind, path in found if file_kind.name == kind)

    return Known(of("inspection"), of("meeting"), of("paper"), of("plan"))


def check(content_path: Path, timings: Timings = NO_TIMINGS, cache: SourceCache | None = None) -> Result:
    """Load, validate, model and check; derive only if all is well."""
    problems = Problems()
    cache = cache or SourceCache()
    found = discover(content_path)
    cache.start_run({path for _, path in found})
    parts, uses = [], []
    for kind, path in readable_files(content_path, found, problems):
        file_result = cache.get(kind, path, timings)
        problems.extend(file_result.problems)
        uses.append((path, file_result.acronym_uses))
        if file_result.objects is not None:
            parts.append(file_result.objects)
    with timings.stage("model"):
        content = merge(parts)
    with timings.stage("check"):
        check_content(content, known_identifiers(found), problems)
        check_glossary(first_uses([file_uses for _, file_uses in sorted(uses, key=lambda use: use[0])]), content.glossary, [*content.not_acronyms, *content.not_expanded], problems)
    changed = frozenset(cache.changed)
    if problems.errors:
        return Result(problems, content, changed_paths=changed)
    with timings.stage("derive"):
        derived = derive(content)
    return Result(problems, content, derived, changed_paths=changed)


def render(content_path: Path, timings: Timings = NO_TIMINGS, cache: SourceCache | None = None, site_url: str = "") -> Result:
    """The whole pipeline up to Markdown pages; site_url, the publisher's
    address if known, makes the feed's links absolute."""
    with collector_paused():
        result = check(content_path, timings, cache)
        if result.content is None or result.derived is None:
            return result
        with timings.stage("render"):
            result.pages = every_page(Renderer(result.content, result.derived, site_url=site_url))
    return result


def every_page(renderer: Renderer) -> list[Page]:
    """Every page of the site, in a stable order, each through the
    site-wide passes: whatever produces a page, its acronyms are marked."""
    return site_wide_passes(renderer, renderer.pages() + tracker_pages(renderer))


def release_memory() -> None:
    """Free what the pipeline keeps for reuse within a process (compiled
    templates, each Markdown text converted) and the cycles left while the
    collector was paused: a one-off build hands that memory to the engine."""
    shared_environment.cache_clear()
    convert.cache_clear()
    gc.collect()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while the pipeline runs.

    The pipeline builds hundreds of thousands of objects that live to the
    end, and every full collection walks them all again: a sixth of a large
    archive's time. Reference counting frees nearly everything else; the
    few cycles left are collected after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
