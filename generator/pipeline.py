"""The pipeline from content/ to pages: load, validate, model, check, derive, render.

Each stage is its own module and data flows one way. Problems from every
stage are collected; rendering happens only when there are no errors, so a
site is never built from content known to be wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.checks import Known, check_content
from generator.derive import Derived, derive
from generator.glossary import check_glossary
from generator.load import discover, load_content
from generator.model import Content, build_content
from generator.pages import tracker_pages
from generator.problems import Problems
from generator.render import Page, Renderer
from generator.validate import validate_source


@dataclass
class Result:
    """What a run of the pipeline produced."""

    problems: Problems
    content: Content | None = None
    derived: Derived | None = None
    pages: list[Page] | None = None


def known_identifiers(content_path: Path) -> Known:
    """Every file found, readable or not (see checks.Known)."""
    found = discover(content_path)

    def of(kind: str) -> frozenset[str]:
        return frozenset(path.stem for file_kind, path in found if file_kind.name == kind)

    return Known(of("inspection"), of("meeting"), of("paper"), of("plan"))


def check(content_path: Path) -> Result:
    """Load, validate, model and check; derive only if all is well."""
    problems = Problems()
    sources = load_content(content_path, problems)
    validated = []
    for source in sources:
        file_problems = Problems()
        values = validate_source(source, file_problems)
        problems.extend(file_problems)
        if not file_problems.errors:
            validated.append((source.kind.name, source.identifier, source.path, values, source.body, source.body_line))
    content = build_content(validated)
    check_content(content, known_identifiers(content_path), problems)
    check_glossary(content_path, content.glossary, [*content.not_acronyms, *content.not_expanded], problems)
    if problems.errors:
        return Result(problems, content)
    return Result(problems, content, derive(content))


def render(content_path: Path) -> Result:
    """The whole pipeline up to Markdown pages."""
    result = check(content_path)
    if result.content is None or result.derived is None:
        return result
    renderer = Renderer(result.content, result.derived)
    result.pages = renderer.pages() + tracker_pages(renderer)
    return result
