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
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.common.problems import Problems
from generator.common.timings import NO_TIMINGS, Timings
from generator.content.load import SourceFile, discover, parse_source, read_text, readable_files
from generator.content.schema import Date, Integer, Kind, ListOf, Mapping
from generator.content.validate import validate_source
from generator.derive.derive import Derived, derive
from generator.engine.page import Page
from generator.markup.markdown_html import convert
from generator.model.checks import Known, check_content
from generator.model.contradictions import check_contradictions
from generator.model.glossary import Use, acronym_uses, check_glossary, first_uses
from generator.model.objects import Content, build_content
from generator.model.positions import Values
from generator.pages.documents import FullDocument
from generator.pages.links import check_page_links
from generator.pages.pdf import full_documents
from generator.pages.render import Renderer, shared_environment
from generator.pages.site import every_page

Validated = tuple[str, str, Path, Values, str, int]


@dataclass
class Result:
    """What a run of the pipeline produced."""

    problems: Problems
    content: Content | None = None
    derived: Derived | None = None
    pages: list[Page] | None = None
    changed_paths: frozenset[Path] = frozenset()
    documents: dict[str, FullDocument] = field(default_factory=dict)


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
    partial: Content | None = None
    lossless: bool = False


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
        partial = partial_objects(source, values)
        return FileResult(problems, None, acronym_uses=uses, partial=partial, lossless=partial is not None and lossless(source.kind.root, source.data, values))
    validated = (source.kind.name, source.identifier, source.path, values, source.body, source.body_line)
    with timings.stage("model"):
        objects = build_content([validated])
    return FileResult(problems, validated, objects, uses)


def partial_objects(source: SourceFile, values: Values) -> Content | None:
    """The objects of a file with problems, from the values that passed, if enough did.

    They are never rendered: they let the checks across files look at the
    references such a file makes in the same run as its own problems, so
    an editor sees every problem at once. Without a field the model needs,
    there is nothing to check.
    """
    filled = with_placeholders(source.kind.root, values)
    try:
        return build_content([(source.kind.name, source.identifier, source.path, filled, source.body, source.body_line)])
    except (KeyError, TypeError, AttributeError, ValueError):
        return None


REFERENCE_PROBLEM = re.compile(r'^there is no [a-z]+ "|has no recommendation \d+$')


def references_of_partial_files(content: Content, partial: list[Content], known: Known) -> Problems:
    """The references that files with problems of their own make, checked in the same run.

    Every check runs again with those files' partial objects, and only the
    problems about a reference from one of them are kept: the other checks
    would compare what failed validation, and their problems would only
    repeat it. A placeholder the checks cannot use stops this second look,
    never the run.
    """
    paths = {obj.location.path for part in partial for kind in (part.inspections, part.meetings, part.papers, part.plans) for obj in kind.values()}
    found = Problems()
    try:
        check_content(merge([content, *partial]), known, found)
    except (AttributeError, TypeError, KeyError):
        return Problems()
    return Problems([problem for problem in found.items if problem.location.path in paths and REFERENCE_PROBLEM.search(problem.message)])


def lossless(node: Any, raw: Any, values: Any, entry: bool = False) -> bool:
    """Whether a file with problems kept every list entry whole (each with its
    required fields): then what its objects lack (a recommendation, an agenda
    item) is truly not in the file, and may be reported. Fields outside lists
    that failed get placeholders (with_placeholders), and are not compared."""
    if isinstance(node, ListOf):
        if not isinstance(raw, list) or not isinstance(values, list) or len(raw) != len(values):
            return not isinstance(raw, list) or not raw
        return all(lossless(node.item, r, v, True) for r, v in zip(raw, values, strict=True))
    if isinstance(node, Mapping) and isinstance(values, dict) and isinstance(raw, dict):
        if entry and any(key.required and key.name not in values for key in node.keys):
            return False
        return all(lossless(key.node, raw[key.name], values.get(key.name), entry) for key in node.keys if key.name in raw)
    return True


def with_placeholders(node: Mapping, values: Values) -> Values:
    """The values with each required field that failed given a placeholder: "" for text and
    identifiers, None for a date, nothing for a list (entries of lists are
    left out by the model when incomplete). checks.py does not compare what
    a file with problems lacks (checks.Known.incomplete)."""
    filled = dict(values)
    for key in node.keys:
        if isinstance(key.node, Mapping):
            filled[key.name] = with_placeholders(key.node, filled.get(key.name) or {})
        elif key.required and key.name not in filled:
            filled[key.name] = PLACEHOLDERS.get(type(key.node), "")
    return filled


PLACEHOLDERS: dict[type, Any] = {Date: None, ListOf: [], Integer: 0}


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


def known_identifiers(found: list[tuple[Kind, Path]], incomplete: set[Path]) -> Known:
    """Every file found, readable or not, and those with problems (see checks.Known)."""

    def of(kind: str) -> frozenset[str]:
        return frozenset(path.stem for file_kind, path in found if file_kind.name == kind)

    return Known(of("inspection"), of("meeting"), of("paper"), of("plan"), frozenset(path.stem for path in incomplete))


def check(content_path: Path, timings: Timings = NO_TIMINGS, cache: SourceCache | None = None) -> Result:
    """Load, validate, model and check; derive only if all is well."""
    problems = Problems()
    cache = cache or SourceCache()
    found = discover(content_path)
    cache.start_run({path for _, path in found})
    parts, partial, incomplete, uses = [], [], set(), []
    for kind, path in readable_files(content_path, found, problems):
        file_result = cache.get(kind, path, timings)
        problems.extend(file_result.problems)
        uses.append((path, file_result.acronym_uses))
        if file_result.objects is not None:
            parts.append(file_result.objects)
        else:
            partial.extend([file_result.partial] if file_result.partial else [])
            incomplete.update([] if file_result.lossless else [path])
    with timings.stage("model"):
        content = merge(parts)
    with timings.stage("check"):
        known = known_identifiers(found, incomplete)
        check_content(content, known, problems)
        check_contradictions(content, problems)
        if partial:
            problems.extend(references_of_partial_files(content, partial, known))
        check_glossary(first_uses([file_uses for _, file_uses in sorted(uses, key=lambda use: use[0])]), content.glossary, [*content.not_acronyms, *content.not_expanded], problems)
    changed = frozenset(cache.changed)
    if problems.errors:
        return Result(problems, content, changed_paths=changed)
    with timings.stage("derive"):
        derived = derive(content)
    return Result(problems, content, derived, changed_paths=changed)


def render(content_path: Path, timings: Timings = NO_TIMINGS, cache: SourceCache | None = None, pdf_cache: Path | None = None, site_url: str = "") -> Result:
    """The whole pipeline up to Markdown pages, and each paper's PDF if
    given where to keep them (the build; the preview does not wait for PDFs)."""
    with collector_paused():
        result = check(content_path, timings, cache)
        if result.content is None or result.derived is None:
            return result
        renderer = Renderer(result.content, result.derived, site_url=site_url)
        if pdf_cache is not None:
            with timings.stage("pdf"):
                renderer.documents = result.documents = full_documents(renderer, pdf_cache)
        with timings.stage("render"):
            pages = every_page(renderer)
        check_page_links(result.content, pages, result.problems)
        result.pages = None if result.problems.errors else pages
    return result


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
