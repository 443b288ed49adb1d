"""Bad content gets every problem at once, with file, line, column and fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import MINIMAL_TREE, ROOT, run_generator

PAPER = "papers/2024-09-18-sample-paper.md"
INSPECTION = "inspections/sample-inspection.yml"
MEETING = "meetings/2024-09-18-sample-committee.yml"


def validate(content: Path) -> tuple[int, list[str]]:
    result = run_generator("validate", "--content", str(content), cwd=content.parent)
    assert "Traceback" not in result.stderr
    headlines = [line for line in result.stderr.splitlines() if line.startswith(("content/", "/"))]
    return result.returncode, headlines


def test_minimal_tree_is_valid(content_tree: Callable[..., Path]) -> None:
    result = run_generator("validate", "--content", "content", cwd=content_tree().parent)
    assert result.returncode == 0, result.stderr


def replace(relative: str, old: str, new: str) -> dict[str, str | None]:
    text = MINIMAL_TREE[relative]
    assert old in text, old
    return {relative: text.replace(old, new, 1)}


# The table of every message, case by case, is in test_error_messages.py.


def test_all_problems_are_reported_at_once(content_tree: Callable[..., Path]) -> None:
    changes = {
        **replace(MEETING, "date: 2024-09-18", 'date: "31/02/2024"'),
        **replace(INSPECTION, "short_title: Sample", "short_titel: Sample"),
    }
    status, headlines = validate(content_tree(changes))
    assert status == 1
    assert len(headlines) == 3


def test_failed_build_leaves_the_previous_site_in_place(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    work = content.parent
    first = run_generator("build", "--content", "content", "--site", "site", "--docs", "docs", "--config", str(ROOT / "mkdocs.yml"), cwd=work)
    assert first.returncode == 0, first.stderr
    before = {p.relative_to(work / "site"): p.read_bytes() for p in (work / "site").rglob("*") if p.is_file()}
    (content / MEETING).write_text(MINIMAL_TREE[MEETING].replace("date: 2024-09-18", "date: not a date"), encoding="utf-8")
    second = run_generator("build", "--content", "content", "--site", "site", "--docs", "docs", "--config", str(ROOT / "mkdocs.yml"), cwd=work)
    assert second.returncode == 1
    assert "site/ was left as it was." in second.stderr
    after = {p.relative_to(work / "site"): p.read_bytes() for p in (work / "site").rglob("*") if p.is_file()}
    assert after == before
    builds = work / ".site.builds"
    assert [p.name for p in work.glob(".site.*")] == [builds.name]
    assert sorted(p.name for p in builds.iterdir()) == sorted([".lock", (work / "site").resolve().name])
