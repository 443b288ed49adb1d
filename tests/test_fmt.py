"""`fmt` rewrites YAML in one style: values, comments and order kept; twice is once."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.cli import main
from generator.commands.fmt import format_file
from generator.common.problems import Problems
from generator.content.load import discover
from tests.conftest import CONTENT, run_generator
from tests.test_reference import front_matter, plain

BUNDLED = [path for _, path in discover(CONTENT)]


def comment_lines(text: str) -> list[str]:
    """Every YAML comment, whole-line or after a value, in order (a paper's body has headings, not comments)."""
    yaml_part = text.split("\n---\n", 1)[0] if text.startswith("---\n") else text
    return [line[line.index("#") :] for line in yaml_part.splitlines() if line.lstrip().startswith("#") or " #" in line]


def values(path: Path, text: str) -> object:
    """What the file says: parsed front matter (or YAML), and a paper's body."""
    scratch = path.parent / f"values-{path.name}"
    scratch.write_text(text, encoding="utf-8")
    parsed = plain(YAML(typ="safe").load(front_matter(scratch)))
    body = text.split("\n---\n", 1)[1] if path.suffix == ".md" else None
    scratch.unlink()
    return parsed, body


@pytest.mark.parametrize("bundled", BUNDLED, ids=lambda p: p.name)
def test_fmt_twice_changes_nothing_the_second_time_and_keeps_every_comment(bundled: Path, tmp_path: Path) -> None:
    path = tmp_path / bundled.name
    shutil.copy(bundled, path)
    original = path.read_text(encoding="utf-8")
    problems = Problems()
    once = format_file(path, problems)
    assert once is not None, problems.items
    path.write_text(once[1], encoding="utf-8")
    twice = format_file(path, problems)
    assert twice is not None
    assert twice[1] == once[1]
    assert comment_lines(once[1]) == comment_lines(original)
    assert values(path, once[1]) == values(path, original)


def test_bundled_content_has_comments_to_keep() -> None:
    assert sum(len(comment_lines(path.read_text(encoding="utf-8"))) for path in BUNDLED) >= 40


def test_bundled_content_is_in_the_canonical_style() -> None:
    result = run_generator("fmt", "--check")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "content: in the canonical style\n"


UNTIDY = """\
committee:   Policing Performance Committee
# the date as the agenda gives it
date: 2024-09-18
location: "online"    # as the minutes say
agenda:
    -   paper: 2024-09-18-sample-paper
        item: '3.5'
"""

TIDY = """\
committee: Policing Performance Committee
# the date as the agenda gives it
date: 2024-09-18
location: "online"    # as the minutes say
agenda:
  - paper: 2024-09-18-sample-paper
    item: '3.5'
"""


def test_check_names_an_untidy_file_and_fmt_tidies_it(content_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    content = content_tree({"meetings/2024-09-18-sample-committee.yml": UNTIDY})
    monkeypatch.chdir(content.parent)
    assert main(["fmt", "--check", "content"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/meetings/2024-09-18-sample-committee.yml:1:1: not in the canonical style; run python -m generator fmt content/meetings/2024-09-18-sample-committee.yml",
        "    committee:   Policing Performance Committee",
        "    ^",
        "1 error, 0 warnings: failed",
    ]
    assert (content / "meetings/2024-09-18-sample-committee.yml").read_text(encoding="utf-8") == UNTIDY
    assert main(["fmt", "content"]) == 0
    assert capsys.readouterr().err.splitlines()[0] == "formatted content/meetings/2024-09-18-sample-committee.yml"
    assert (content / "meetings/2024-09-18-sample-committee.yml").read_text(encoding="utf-8") == TIDY
    assert main(["fmt", "--check", "content/meetings/2024-09-18-sample-committee.yml"]) == 0
    assert main(["validate", "--content", "content"]) == 0


def test_fmt_leaves_a_paper_body_alone(content_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    content = content_tree()
    paper = content / "papers/2024-09-18-sample-paper.md"
    untidy = paper.read_text(encoding="utf-8").replace("title: Sample", "title:    Sample").replace("## 1 BACKGROUND", "##   1 BACKGROUND  ")
    paper.write_text(untidy, encoding="utf-8")
    monkeypatch.chdir(content.parent)
    assert main(["fmt", str(paper)]) == 0
    assert paper.read_text(encoding="utf-8") == untidy.replace("title:    Sample", "title: Sample")


def test_fmt_reports_broken_yaml_and_changes_nothing(content_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    content = content_tree({"meetings/2024-09-18-sample-committee.yml": UNTIDY.replace('"online"', '"online')})
    monkeypatch.chdir(content.parent)
    assert main(["fmt", "content"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/meetings/2024-09-18-sample-committee.yml:4:11: YAML syntax: the quoted text that starts here is never closed; end it with the same quote mark it starts with"
    )
    assert (content / "meetings/2024-09-18-sample-committee.yml").read_text(encoding="utf-8") == UNTIDY.replace('"online"', '"online')
