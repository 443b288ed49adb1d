"""Bad content gets every problem at once, with file, line, column and fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

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


CASES = [
    pytest.param(
        replace(INSPECTION, "short_title: Sample", "short_titel: Sample"),
        [
            'content/inspections/sample-inspection.yml:1:1: missing required field "short_title"; add "short_title:" with the short name papers use.',
            'content/inspections/sample-inspection.yml:3:1: unknown field "short_titel"; did you mean "short_title"?',
        ],
        id="misspelt-field",
    ),
    pytest.param(
        replace(MEETING, "date: 2024-09-18", 'date: "31/02/2024"'),
        [
            'content/meetings/2024-09-18-sample-committee.yml:2:1: "date" is not a date: "31/02/2024" is not a real date; '
            "write it as 2024-09-18, 2024-09, 18 September 2024, 30/11/2023 or June 2024 (month names in full)",
        ],
        id="impossible-date",
    ),
    pytest.param(
        replace(INSPECTION, "published: 2022-09", "published: Sept 2022"),
        [
            'content/inspections/sample-inspection.yml:4:1: "published" is not a date: "Sept 2022" does not name a month in full; '
            "write it as 2024-09-18, 2024-09, 18 September 2024, 30/11/2023 or June 2024 (month names in full)",
        ],
        id="abbreviated-month",
    ),
    pytest.param(
        replace(PAPER, "status: closed", "status: discharged"),
        [
            'content/papers/2024-09-18-sample-paper.md:22:9: "positions[0].recommendations[0].status" has an unknown value "discharged"; '
            "use one of: closed, proposed-for-closure, submitted-for-closure, ongoing-on-track, ongoing-delayed",
        ],
        id="unknown-status",
    ),
    pytest.param(
        replace(INSPECTION, "  - number: 2", "  - number: two"),
        [
            'content/inspections/sample-inspection.yml:9:5: "recommendations[1].number" must be a whole number, not "two"; write a whole number such as 1',
        ],
        id="wrong-type",
    ),
    pytest.param(
        replace(PAPER, "meeting: 2024-09-18-sample-committee", "meeting: 2024-09-19-sample-committee"),
        [
            'content/meetings/2024-09-18-sample-committee.yml:5:5: paper "2024-09-18-sample-paper" is on this agenda, but its front matter says it went to '
            '"2024-09-19-sample-committee" (2024-09-18-sample-paper.md line 2); make the paper\'s meeting and the agenda agree',
            'content/papers/2024-09-18-sample-paper.md:2:1: there is no meeting "2024-09-19-sample-committee"; create content/meetings/2024-09-19-sample-committee.yml or correct the identifier',
        ],
        id="unknown-meeting",
    ),
    pytest.param(
        replace(PAPER, "        status: closed\n", "        status: closed\n      - number: 2\n        status: closed\n"),
        [
            "content/papers/2024-09-18-sample-paper.md:15:5: stated_counts.closed is 1, but 2 positions of this paper are recorded with that status (lines 21, 23); correct the statuses or the stated count",
        ],
        id="stated-counts-contradicted",
    ),
    pytest.param(
        replace(PAPER, "      ongoing_delayed: 1", "      ongoing_delayed: 0"),
        [
            "content/papers/2024-09-18-sample-paper.md:15:5: stated_counts: closed, ongoing_on_track and ongoing_delayed add up to 1, not the stated total 2; copy the paper's status table again",
        ],
        id="stated-counts-do-not-add-up",
    ),
    pytest.param(
        replace(PAPER, "      total: 2\n      closed: 1\n", "      total: 3\n      closed: 2\n"),
        [
            "content/papers/2024-09-18-sample-paper.md:15:5: stated_counts.total is 3 but sample-inspection.yml line 1 gives the inspection 2 recommendations; correct the count or the inspection's total_recommendations",
        ],
        id="stated-total-beyond-inspection",
    ),
    pytest.param(
        replace(PAPER, "## 1 BACKGROUND", "#### 1 BACKGROUND"),
        ["content/papers/2024-09-18-sample-paper.md:29:1: the heading skips from level 1 to level 4; use ## for this heading"],
        id="skipped-heading",
    ),
    pytest.param(
        replace(PAPER, "[[status-table sample-inspection]]", "[[status-table no-such-inspection]]"),
        ['content/papers/2024-09-18-sample-paper.md:31:1: there is no inspection "no-such-inspection"; use the identifier of a file in content/inspections/'],
        id="unknown-directive-target",
    ),
    pytest.param(
        replace(PAPER, "The purpose of this paper is to test.", "The purpose <script>alert(1)</script> of this paper."),
        ["content/papers/2024-09-18-sample-paper.md:27:13: raw HTML <script> is not allowed; write it in Markdown; tables go in the front matter's tables"],
        id="raw-html",
    ),
    pytest.param(
        replace(PAPER, "The purpose of this paper is to test.", "![](chart.png)"),
        ["content/papers/2024-09-18-sample-paper.md:27:1: an image has no text alternative; describe the image between the square brackets: ![what it shows](...)"],
        id="image-without-alt",
    ),
    pytest.param(
        replace(INSPECTION, "recommendations:\n", "recommendations:\n  - number: 1\n    text: Again.\n"),
        [
            "content/inspections/sample-inspection.yml:7:5: recommendation 1 is listed more than once; give each recommendation once",
            "content/inspections/sample-inspection.yml:9:5: recommendation 1 is listed more than once; give each recommendation once",
        ],
        id="duplicate-recommendation",
    ),
    pytest.param(
        replace(INSPECTION, "type: Assurance review", "type: Assurance review\ntype: Thematic"),
        [
            'content/inspections/sample-inspection.yml:6:1: YAML syntax: found duplicate key "type" with value "Thematic" (original value: "Assurance review"); give each field once; remove or rename the repeated one'
        ],
        id="duplicate-key",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_problem_is_reported_exactly(content_tree: Callable[..., Path], changes: dict[str, str | None], expected: list[str]) -> None:
    status, headlines = validate(content_tree(changes))
    assert status == 1
    assert headlines == expected


def test_all_problems_are_reported_at_once(content_tree: Callable[..., Path]) -> None:
    changes = {
        **replace(MEETING, "date: 2024-09-18", 'date: "31/02/2024"'),
        **replace(INSPECTION, "short_title: Sample", "short_titel: Sample"),
    }
    status, headlines = validate(content_tree(changes))
    assert status == 1
    assert len(headlines) == 3


def test_offending_line_is_shown_with_a_caret(content_tree: Callable[..., Path]) -> None:
    content = content_tree(replace(PAPER, "status: closed", "status: discharged"))
    result = run_generator("validate", "--content", "content", cwd=content.parent)
    lines = result.stderr.splitlines()
    assert lines[1:3] == ["            status: discharged", "            ^"]
    assert lines[-1] == "1 error, 0 warnings: failed"


def test_non_utf8_bytes_are_reported_with_their_offset(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    path = content / INSPECTION
    path.write_bytes(path.read_bytes().replace(b"Sample Inspection", b"Sample \xff Inspection"))
    status, headlines = validate(content)
    assert status == 1
    assert headlines == ["content/inspections/sample-inspection.yml:2:1: byte 40 (0xff) is not UTF-8 text; save the file as UTF-8"]


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
