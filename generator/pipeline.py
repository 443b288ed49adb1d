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
from generator.glossary import check_glossary
from generator.load import discover, load_file, readable_files
from generator.model import Content, Values, build_content
from generator.pages import tracker_pages
from generator.problems import Problems
from generator.render import Page, Renderer
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


@dataclass(frozen=True)
class FileResult:
    """One file read, validated and modelled: its problems, and its objects if usable.

    The objects are shared by every run that finds the file unchanged, so
    the stages after the model must not change them.
    """

    problems: Problems
    validated: Validated | None
    objects: Content | None = None


@dataclass
class SourceCache:
    """Each file's FileResult, kept while its modification time and size stay."""

    entries: dict[Path, tuple[tuple[int, int], FileResult]] = field(default_factory=dict)

    def get(self, kind: Kind, path: Path, timings: Timings) -> FileResult:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self.entries.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        result = read_and_validate(kind, path, timings)
        self.entries[path] = (key, result)
        return result


def read_and_validate(kind: Kind, path: Path, timings: Timings) -> FileResult:
    """Load one file and check it against its kind's schema."""
    problems = Problems()
    with timings.stage("load"):
        source = load_file(kind, path, problems)
    if source is None:
        return FileResult(problems, None)
    with timings.stage("validate"):
        values = validate_source(source, problems)
    if problems.errors:
        return FileResult(problems, None)
    validated = (source.kind.name, source.identifier, source.path, values, source.body, source.body_line)
    with timings.stage("model"):
        objects = build_content([validated])
    return FileResult(problems, validated, objects)


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
    parts = []
    for kind, path in readable_files(content_path, found, problems):
        file_result = cache.get(kind, path, timings)
        problems.extend(file_result.problems)
        if file_result.objects is not None:
            parts.append(file_result.objects)
    with timings.stage("model"):
        content = merge(parts)
    with timings.stage("check"):
        check_content(content, known_identifiers(found), problems)
        check_glossary(content_path, content.glossary, [*content.not_acronyms, *content.not_expanded], problems)
    if problems.errors:
        return Result(problems, content)
    with timings.stage("derive"):
        derived = derive(content)
    return Result(problems, content, derived)


def render(content_path: Path, timings: Timings = NO_TIMINGS, cache: SourceCache | None = None) -> Result:
    """The whole pipeline up to Markdown pages."""
    with collector_paused():
        result = check(content_path, timings, cache)
        if result.content is None or result.derived is None:
            return result
        with timings.stage("render"):
            renderer = Renderer(result.content, result.derived)
            result.pages = renderer.pages() + tracker_pages(renderer)
    return result


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
